/**
 * One thread of the analysis pool: loads the dictionaries, the tokenizer and the drafting manual
 * once, then runs analysis tasks. piscina awaits the default export before the thread takes work.
 */
import { getHeapStatistics } from 'node:v8';
import { threadId, workerData } from 'node:worker_threads';
import { loadAnalysisEngine } from '../analysis/analyze.js';
import type { SharedKuromojiDictionary } from '../analysis/tokenizer/index.js';
import { loadDrafting } from '../drafting/drafting.js';
import { runAnalysisTask, type AnalysisCore, type AnalysisTask, type AnalysisTaskResult } from './analysis-tasks.js';

export interface AnalysisWorkerData {
  dictionariesDir?: string;
  /** The process's one kuromoji dictionary: every thread tokenizes from these shared buffers. */
  kuromoji?: SharedKuromojiDictionary;
}

/** This thread's isolate after loading: the JS heap, and the memory outside it (typed arrays; the shared dictionary counts once per process, not here). */
export interface WorkerMemory {
  threadId: number;
  dictionaryVersion: string;
  loadMs: number;
  heapUsedMb: number;
  externalMb: number;
}

/** Asks a thread how it is; the pool sends one per thread at start-up (warm-up) and on demand. */
export interface MemoryTask {
  kind: 'memory';
}

export type WorkerTask = AnalysisTask | MemoryTask;
export type WorkerTaskResult<T extends WorkerTask> = T extends AnalysisTask ? AnalysisTaskResult<T> : WorkerMemory;

async function load(): Promise<(task: WorkerTask) => unknown> {
  const started = performance.now();
  const { dictionariesDir, kuromoji } = (workerData ?? {}) as AnalysisWorkerData;
  const engine = await loadAnalysisEngine({ dictionariesDir, kuromoji });
  const core: AnalysisCore = { engine, drafting: loadDrafting(engine.dictionaries) };
  const loadMs = performance.now() - started;
  const memory = (): WorkerMemory => {
    const heap = getHeapStatistics();
    return {
      threadId,
      dictionaryVersion: engine.dictionaries.version,
      loadMs,
      heapUsedMb: heap.used_heap_size / 1e6,
      externalMb: heap.external_memory / 1e6,
    };
  };
  return (task) => (task.kind === 'memory' ? memory() : runAnalysisTask(core, task));
}

// A rejected export would be swallowed by piscina's module loading; every task reports the failure instead.
export default load().catch((err: unknown) => () => {
  throw err;
});
