/**
 * `npm run build` bundles some compiled entry points into one file beside them, `X.js` → `X.bundle.js`
 * (scripts/bundle-entries.ts), because a process or thread that imports one file instead of a
 * thousand modules starts sooner. A bundle older than its module (tsc run alone since) is not used:
 * the modules, the same code, run instead. Imports nothing but node:fs, so a launcher stays cheap.
 */
import { statSync } from 'node:fs';

const builtAt = (url: URL): number => statSync(url, { throwIfNoEntry: false })?.mtimeMs ?? -1;

/** The bundle of a compiled module when it is current, else the module itself (also for TypeScript under tsx). */
export function preferBundle(moduleUrl: URL): URL {
  if (!moduleUrl.pathname.endsWith('.js')) return moduleUrl;
  const bundle = new URL(moduleUrl.href.replace(/\.js$/, '.bundle.js'));
  return builtAt(bundle) >= builtAt(moduleUrl) ? bundle : moduleUrl;
}

/**
 * The entry module `name` beside `base` (the caller's import.meta.url): from dist/ its current bundle,
 * under tsx its TypeScript (the caller is .ts there, and so is its neighbour).
 */
export function entryBeside(name: string, base: string): URL {
  return preferBundle(new URL(`./${name}.${base.endsWith('.ts') ? 'ts' : 'js'}`, base));
}

/** Runs the entry module `name` beside `base`. The process launchers (server.ts, job-runner.ts) are this one call. */
export async function importEntry(name: string, base: string): Promise<void> {
  await import(entryBeside(name, base).href);
}
