/**
 * The process's analysis, opened the same way by the API, the job runner and `ondo batch`: the
 * analysis pool with `threads` threads, or with 0 threads an inline runner on this thread's event
 * loop (no budgets there: synchronous work cannot be stopped). The API's analysis plugin adds
 * readiness and hot reload on top.
 */
import { createAnalysisEngine, loadAnalysisEngine, type AnalysisEngine } from '../analysis/analyze.js';
import type { Dictionaries } from '../analysis/lexicon/load.js';
import { parsedYamlCacheFile, readParsedYamlCache, recordParsedYamlCached } from '../analysis/lexicon/parsed-yaml-cache.js';
import { loadTokenizer, sharedKuromojiDictionary, type Tokenizer } from '../analysis/tokenizer/index.js';
import { loadDrafting, loadManual, type Drafting } from '../drafting/drafting.js';
import { startAnalysisPool, type AnalysisPool, type AnalysisPoolOptions } from './analysis-pool.js';
import { inlineRunner, type AnalysisRunner } from './analysis-tasks.js';

export interface OpenAnalysis {
  readonly runner: AnalysisRunner;
  readonly mode: 'pool' | 'inline';
  readonly threads: number;
  readonly dictionaryVersion: string;
  /** The pool's threads (pool mode): their load and memory. */
  readonly pool?: AnalysisPool;
  /** This thread's engine (inline mode). */
  readonly engine?: AnalysisEngine;
  /** Lets running tasks finish, then ends the threads. */
  close(): Promise<void>;
  /** Ends the threads now; unfinished tasks reject. */
  destroy(): Promise<void>;
}

function poolAnalysis(pool: AnalysisPool): OpenAnalysis {
  return {
    runner: pool,
    mode: 'pool',
    threads: pool.threads,
    dictionaryVersion: pool.dictionaryVersion,
    pool,
    close: () => pool.close(),
    destroy: () => pool.destroy(),
  };
}

/** Analysis on this thread's event loop with an engine and the drafting manual of the same dictionaries. */
export function inlineAnalysis(engine: AnalysisEngine, drafting: Drafting): OpenAnalysis {
  const done = async () => {};
  const runner = inlineRunner({ engine, drafting });
  return { runner, mode: 'inline', threads: 0, dictionaryVersion: engine.dictionaries.version, engine, close: done, destroy: done };
}

export async function openAnalysis(options: AnalysisPoolOptions): Promise<OpenAnalysis> {
  if (options.threads > 0) return poolAnalysis(await startAnalysisPool(options));
  const engine = await loadAnalysisEngine({ dictionariesDir: options.dictionariesDir });
  return inlineAnalysis(engine, loadDrafting(engine.dictionaries));
}

export interface ManualAnalysisOptions extends AnalysisPoolOptions {
  /** DICTIONARY_CACHE_DIR: where the dictionaries' parsed YAML is kept between starts; absent: parsed every start. */
  dictionaryCacheDir?: string;
  /** Inline (0 threads) only: a tokenizer already loaded (tests share one per file) instead of loading one. */
  tokenizer?: Tokenizer | Promise<Tokenizer>;
}

/** The manual, read, and the analysis still opening with it. */
export interface OpeningAnalysis {
  readonly dictionaries: Dictionaries;
  readonly drafting: Drafting;
  /** Whether the manual came whole from the parsed-YAML cache (no file was parsed). */
  readonly parsedYamlCached: boolean;
  /** Resolves once analysis can run (every thread warm, or the tokenizer loaded); rejects if it cannot. */
  readonly analysis: Promise<OpenAnalysis>;
}

/**
 * Reads the manual on this thread and opens the analysis with it, resolving as soon as the manual is
 * read (a broken file rejects, and threads already started are ended) while the analysis keeps
 * opening: the API answers /healthz meanwhile. The manual comes from the parsed YAML an earlier start
 * kept (DICTIONARY_CACHE_DIR; written back when a file had to be parsed), which the threads receive so
 * they parse nothing; with a cache the threads start first and load while this thread reads the manual.
 */
export async function startAnalysisWithManual(options: ManualAnalysisOptions): Promise<OpeningAnalysis> {
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
  const { dictionaries, drafting } = manual.result;
  const opened = async (): Promise<OpenAnalysis> => {
    if (options.threads === 0) {
      const tokenizer = await (options.tokenizer ?? loadTokenizer());
      return inlineAnalysis(createAnalysisEngine(tokenizer, dictionaries), drafting);
    }
    const analysis = await (early ?? openAnalysis({ ...options, signal, parsedYaml: manual.parsed }));
    if (analysis.dictionaryVersion !== dictionaries.version) {
      await analysis.destroy();
      throw new Error(
        `the dictionaries changed on disk during start-up (${dictionaries.version} read, ${analysis.dictionaryVersion} in the threads); start again`,
      );
    }
    return analysis;
  };
  const analysis = opened();
  analysis.catch(() => {}); // the caller awaits it; a rejection before it does is not unhandled
  return { dictionaries, drafting, parsedYamlCached: manual.cacheHit, analysis };
}

/** startAnalysisWithManual, resolving once the analysis is open (the job runner and `ondo batch`). */
export async function openAnalysisWithManual(
  options: ManualAnalysisOptions,
): Promise<{ analysis: OpenAnalysis; dictionaries: Dictionaries; drafting: Drafting }> {
  const { analysis, dictionaries, drafting } = await startAnalysisWithManual(options);
  return { analysis: await analysis, dictionaries, drafting };
}
