/**
 * Part of `npm run build` (`tsx scripts/bundle-entries.ts [dist folder]`): bundles two compiled entry
 * points, each with what it imports, into one file beside it — `X.js` → `X.bundle.js` — which is what
 * runs (src/analysis-pool/bundled-entry.ts picks a bundle at least as new as its module):
 * - the analysis thread (dist/analysis-pool/analysis-thread.js): every analysis thread is an isolate
 *   that imports its module graph afresh, about 1,000 modules (typebox alone about 680);
 * - the API (dist/start-api.js, which dist/server.js starts): its main thread imports about 1,900
 *   modules before it starts anything else, ≈ 0.9 CPU s against ≈ 0.45 s bundled (docs/performance.md);
 * - the job runner (dist/start-job-runner.js, which dist/job-runner.js starts), the same way.
 *
 * What stays a real import: packages that find files beside their own code at run time (bullmq's Lua
 * scripts, bull-board's and swagger-ui's pages, pino's transport threads, kuromoji's dictionary), a
 * package whose instances another external one checks (ioredis, which bullmq also imports), and
 * piscina (a thread must share the module piscina's worker loaded). A compiled module's
 * `import.meta.url` is rewritten to that module's own place in dist/, so paths it resolves against
 * itself (the dictionaries, the playground's files, the cache folder) stay what they were.
 */
import { build, type Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** dist/ of this checkout, or the folder given (the image-layout test builds into a temporary one). */
const DIST = resolve(process.argv[2] ?? fileURLToPath(new URL('../dist/', import.meta.url)));

/** What a process bundle leaves to node_modules (see above). */
const PROCESS_EXTERNALS = [
  'piscina',
  'kuromoji',
  'bullmq',
  'ioredis',
  '@bull-board/*',
  '@fastify/swagger-ui',
  'pino',
  'pino-*',
  'thread-stream',
];

const ENTRIES = [
  { entry: 'analysis-pool/analysis-thread.js', external: ['piscina', 'kuromoji'] },
  { entry: 'start-api.js', external: PROCESS_EXTERNALS },
  { entry: 'start-job-runner.js', external: PROCESS_EXTERNALS },
];

/** `import.meta.url` in a file of dist/ → the URL that file would have had, computed from the bundle's. */
function ownUrls(bundle: string): Plugin {
  return {
    name: 'own-import-meta-url',
    setup(builder) {
      builder.onLoad({ filter: /\.js$/ }, async ({ path }) => {
        if (!path.startsWith(DIST + sep)) return undefined;
        const source = await readFile(path, 'utf8');
        if (!source.includes('import.meta.url')) return { contents: source, loader: 'js' };
        const fromBundle = relative(dirname(bundle), path).split(sep).join('/');
        const own = `new URL(${JSON.stringify(fromBundle.startsWith('.') ? fromBundle : `./${fromBundle}`)}, import.meta.url).href`;
        return { contents: source.replaceAll('import.meta.url', own), loader: 'js', resolveDir: dirname(path) };
      });
    },
  };
}

for (const { entry, external } of ENTRIES) {
  const outfile = resolve(DIST, entry.replace(/\.js$/, '.bundle.js'));
  const result = await build({
    entryPoints: [resolve(DIST, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    // Resolve packages from this checkout, wherever DIST is.
    nodePaths: [fileURLToPath(new URL('../node_modules/', import.meta.url))],
    // Bundled CommonJS packages call require(): give the ES module one.
    banner: {
      js: "import { createRequire as __ondoCreateRequire } from 'node:module'; const require = __ondoCreateRequire(import.meta.url);",
    },
    plugins: [ownUrls(outfile)],
    logLevel: 'warning',
    metafile: true,
  });
  const modules = Object.keys(result.metafile.inputs).length;
  console.log(`bundled ${entry}: ${modules} modules → ${relative(process.cwd(), outfile)}`);
}
