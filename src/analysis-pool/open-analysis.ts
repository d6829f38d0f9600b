/**
 * The process's analysis, as the job runner and `ondo batch` open it: the analysis pool
 * with `threads` threads, or with 0 threads an inline runner on this thread's event loop (no
 * budgets there: synchronous work cannot be stopped). The API's analysis plugin does the same, plus
 * readiness and hot reload.
 */
import { loadAnalysisEngine } from '../analysis/analyze.js';
import { loadDrafting } from '../drafting/drafting.js';
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
