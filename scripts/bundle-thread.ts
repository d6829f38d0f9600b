/**
 * Part of `npm run build` (`tsx scripts/bundle-thread.ts [dist folder]`): bundles the compiled analysis thread (dist/analysis-pool/analysis-thread.js
 * and what it imports) into one file, dist/analysis-pool/analysis-thread.bundle.js, which the pool
 * starts instead. Every analysis thread is an isolate of its own that imports its module graph
 * afresh: about 1,000 modules (typebox alone is about 680), whose resolution and loading cost each
 * thread ≈ 0.4 CPU s of its start against ≈ 0.07 s for one bundled file (docs/performance.md).
 *
 * What stays a real import: piscina (the thread must share the module piscina's worker loaded) and
 * kuromoji (read through createRequire, with its dictionary files beside it). A compiled module's
 * `import.meta.url` is rewritten to that module's own place in dist/, so paths it resolves against
 * itself (the dictionaries folder, the cache folder) stay what they were.
 */
import { build, type Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** dist/ of this checkout, or the folder given (the image-layout test builds into a temporary one). */
const DIST = resolve(process.argv[2] ?? fileURLToPath(new URL('../dist/', import.meta.url)));
const ENTRY = resolve(DIST, 'analysis-pool/analysis-thread.js');
const THREAD_BUNDLE = resolve(DIST, 'analysis-pool/analysis-thread.bundle.js');

/** `import.meta.url` in a file of dist/ → the URL that file would have had, computed from the bundle's. */
const ownUrls: Plugin = {
  name: 'own-import-meta-url',
  setup(builder) {
    builder.onLoad({ filter: /\.js$/ }, async ({ path }) => {
      if (!path.startsWith(DIST + sep)) return undefined;
      const source = await readFile(path, 'utf8');
      if (!source.includes('import.meta.url')) return { contents: source, loader: 'js' };
      const fromBundle = relative(dirname(THREAD_BUNDLE), path).split(sep).join('/');
      const own = `new URL(${JSON.stringify(fromBundle.startsWith('.') ? fromBundle : `./${fromBundle}`)}, import.meta.url).href`;
      return { contents: source.replaceAll('import.meta.url', own), loader: 'js', resolveDir: dirname(path) };
    });
  },
};

const result = await build({
  entryPoints: [ENTRY],
  outfile: THREAD_BUNDLE,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['piscina', 'kuromoji'],
  // Resolve packages from this checkout, wherever DIST is.
  nodePaths: [fileURLToPath(new URL('../node_modules/', import.meta.url))],
  // Bundled CommonJS packages call require(): give the ES module one.
  banner: {
    js: "import { createRequire as __ondoCreateRequire } from 'node:module'; const require = __ondoCreateRequire(import.meta.url);",
  },
  plugins: [ownUrls],
  logLevel: 'warning',
  metafile: true,
});
const modules = Object.keys(result.metafile.inputs).length;
console.log(`bundled the analysis thread: ${modules} modules → ${relative(process.cwd(), THREAD_BUNDLE)}`);
