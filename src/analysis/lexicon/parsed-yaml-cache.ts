/**
 * The dictionaries' parsed YAML kept on disk between starts (DICTIONARY_CACHE_DIR): parsing the
 * manual's ≈ 360,000 characters of YAML is most of what a start costs the main thread. The cache is
 * what recordParsedYaml records — each file's text beside its value — so a file whose text changed
 * since is parsed anew, and every value still passes its schema: the cache can make a start faster,
 * never different. One file per dictionaries folder and V8 (its serialization format) and yaml version.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_DICTIONARIES_DIR } from './load.js';
import { forgetPreparsedYaml, recordParsedYaml, usePreparsedYaml } from './yaml-file.js';

const YAML_VERSION = (createRequire(import.meta.url)('yaml/package.json') as { version: string }).version;

/** Where the cache of one dictionaries folder lives; without a cache folder, nowhere. */
export function parsedYamlCacheFile(cacheDir: string | undefined, dictionariesDir = DEFAULT_DICTIONARIES_DIR): string | undefined {
  if (!cacheDir) return undefined;
  const folder = createHash('sha256').update(resolve(dictionariesDir)).digest('hex').slice(0, 16);
  return join(cacheDir, `parsed-yaml-${folder}-v8-${process.versions.v8}-yaml-${YAML_VERSION}.bin`);
}

/** The cache's bytes in shared memory, or undefined if there is none (or it cannot be read). */
export function readParsedYamlCache(file: string): SharedArrayBuffer | undefined {
  try {
    const bytes = readFileSync(file);
    const shared = new SharedArrayBuffer(bytes.length);
    new Uint8Array(shared).set(bytes);
    return shared;
  } catch {
    return undefined;
  }
}

/** Cache files kept in a folder: one per dictionaries folder, and tests copy the manual to new folders all the time. */
const KEPT = 8;

/**
 * Writes the cache whole or not at all (a reader never sees half a file), and keeps only the
 * KEPT newest caches of the folder; false if it could not write.
 */
export function writeParsedYamlCache(file: string, parsed: SharedArrayBuffer): boolean {
  const dir = dirname(file);
  const partial = `${file}.${process.pid}.partial`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(partial, new Uint8Array(parsed));
    renameSync(partial, file);
  } catch {
    return false;
  }
  try {
    const caches = readdirSync(dir)
      .filter((name) => /^parsed-yaml-.*\.bin$/.test(name))
      .map((name) => ({ path: join(dir, name), mtime: statSync(join(dir, name)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const old of caches.slice(KEPT)) rmSync(old.path, { force: true });
  } catch {
    // Another process pruned first: nothing to do.
  }
  return true;
}

/**
 * recordParsedYaml, starting from the cache when there is one and writing it back when a file had to
 * be parsed (the first start, or after an edit). Without a cache file name, recordParsedYaml alone.
 * `cached`: the cache's bytes when the caller has already read them (the API's early thread start).
 */
export function recordParsedYamlCached<T>(
  load: () => T,
  cacheFile: string | undefined,
  cached = cacheFile ? readParsedYamlCache(cacheFile) : undefined,
): ReturnType<typeof recordParsedYaml<T>> & { cacheHit: boolean } {
  if (cached) {
    try {
      usePreparsedYaml(cached);
    } catch {
      // An unreadable cache (another Node's format slipped through, a damaged disk) is only a slower start.
    }
  }
  try {
    const recorded = recordParsedYaml(load);
    if (cacheFile && recorded.parsedAnew > 0) writeParsedYamlCache(cacheFile, recorded.parsed);
    return { ...recorded, cacheHit: !!cached && recorded.parsedAnew === 0 };
  } finally {
    forgetPreparsedYaml();
  }
}
