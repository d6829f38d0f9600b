/**
 * The process's analysis, as the job runner and `ondo batch` open it: the analysis pool
 * with `threads` threads, or with 0 threads an inline runner on this thread's event loop (no
 * budgets there: synchronous work cannot be stopped). The API's analysis plugin does the same, plus
 * readiness and hot reload.
 */
import { loadAnalysisEngine } from '../analysis/analyze.js';
import type { Dictionaries } from '../analysis/lexicon/load.js';
import { parsedYamlCacheFile, readParsedYamlCache, recordParsedYamlCached } from '../analysis/lexicon/parsed-yaml-cache.js';
import { sharedKuromojiDictionary } from '../analysis/tokenizer/index.js';
import { loadDrafting, loadManual, type Drafting } from '../drafting/drafting.js';
import { startAnalysisPool, type AnalysisPoolOptions } from './analysis-pool.js';
import { inlineRunner, type AnalysisRunner } from './analysis-tasks.js';

export interface OpenAnalysis {
  readonly runner: AnalysisRunner;
  readonly mode: 'pool' | 'inline';
  readonly threads: number;
  readonly dictionaryVersion: string;
  /** Lets running tasks finish, then ends the threads. */
  close(): Promise<void>;
  /** Ends the threads now; unfinished tasks reject. */
  destroy(): Promise<void>;
}

export async function openAnalysis(options: AnalysisPoolOptions): Promise<OpenAnalysis> {
  if (options.threads > 0) {
    const pool = await startAnalysisPool(options);
    return {
      runner: pool,
      mode: 'pool',
      threads: pool.threads,
      dictionaryVersion: pool.dictionaryVersion,
      close: () => pool.close(),
      destroy: () => pool.destroy(),
    };
  }
  const engine = await loadAnalysisEngine({ dictionariesDir: options.dictionariesDir });
  const runner = inlineRunner({ engine, drafting: loadDrafting(engine.dictionaries) });
  const done = async () => {};
  return { runner, mode: 'inline', threads: 0, dictionaryVersion: engine.dictionaries.version, close: done, destroy: done };
}

export interface ManualAnalysisOptions extends AnalysisPoolOptions {
  /** DICTIONARY_CACHE_DIR: where the dictionaries' parsed YAML is kept between starts; absent: parsed every start. */
  dictionaryCacheDir?: string;
}

/**
 * The manual read on this thread and the analysis opened with it, as the API starts (the job runner
 * and `ondo batch`): from the parsed YAML an earlier start kept (DICTIONARY_CACHE_DIR; written back
 * when a file had to be parsed), which the threads receive so they parse nothing. With a cache the
 * threads start first and load while this thread reads the manual, which still fails the start on a
 * broken file (the threads are then ended).
 */
export async function openAnalysisWithManual(
  options: ManualAnalysisOptions,
): Promise<{ analysis: OpenAnalysis; dictionaries: Dictionaries; drafting: Drafting }> {
  const cacheFile = parsedYamlCacheFile(options.dictionaryCacheDir, options.dictionariesDir);
  const cached = cacheFile && options.threads > 0 ? readParsedYamlCache(cacheFile) : undefined;
  const starting = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, starting.signal]) : starting.signal;
  let early: Promise<OpenAnalysis> | undefined;
  if (cached) {
    await sharedKuromojiDictionary(); // read before this thread blocks on the manual below
    early = openAnalysis({ ...options, signal, parsedYaml: cached });
    early.catch(() => {}); // awaited below
    await new Promise((resolve) => setImmediate(resolve)); // the pool spawns its threads first
  }
  let manual: ReturnType<typeof recordParsedYamlCached<ReturnType<typeof loadManual>>>;
  try {
    manual = recordParsedYamlCached(() => loadManual(options.dictionariesDir), cacheFile, cached);
  } catch (err) {
    starting.abort();
    await early?.catch(() => {});
    throw err;
  }
  const analysis = await (early ?? openAnalysis({ ...options, signal, parsedYaml: manual.parsed }));
  const { dictionaries, drafting } = manual.result;
  if (analysis.dictionaryVersion !== dictionaries.version) {
    await analysis.destroy();
    throw new Error(
      `the dictionaries changed on disk during start-up (${dictionaries.version} read, ${analysis.dictionaryVersion} in the threads); start again`,
    );
  }
  return { analysis, dictionaries, drafting };
}
