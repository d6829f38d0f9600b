/**
 * A pool of worker threads for the CPU-heavy analysis (piscina), so one 100 KB mail never blocks
 * the event loop and both cores analyse. kuromoji's dictionary is loaded once per process into
 * shared memory and every thread tokenizes from it; each thread compiles ondo's dictionaries and
 * drafting manual once; the pool resolves only when every thread has loaded (warm), and threads
 * send back results, never token arrays (copying tokens between threads costs 40% of throughput).
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { sharedKuromojiDictionary } from '../analysis/tokenizer/index.js';
import type { AnalysisRunner, AnalysisTask, AnalysisTaskResult } from './analysis-tasks.js';
import type { AnalysisWorkerData, MemoryTask, WorkerMemory, WorkerTask } from './analysis-worker.js';

export type { WorkerMemory } from './analysis-worker.js';

export interface AnalysisPoolOptions {
  threads: number;
  dictionariesDir?: string;
  /** Abandons the start (the server closes while threads still load): ends every thread, rejects. */
  signal?: AbortSignal;
}

export interface AnalysisPool extends AnalysisRunner {
  readonly threads: number;
  /** The dictionaries every thread loaded (they are checked to agree). */
  readonly dictionaryVersion: string;
  /** Each thread right after loading. */
  readonly warm: readonly WorkerMemory[];
  /** Each thread now (one memory task per thread). */
  memory(): Promise<WorkerMemory[]>;
  /** Waits for running tasks, then ends every thread. */
  close(): Promise<void>;
}

/**
 * From dist/ the worker is compiled JavaScript; under tsx or vitest (this file is .ts) it is
 * TypeScript, so the threads get tsx's loader unless the process already runs under it.
 */
function workerEntry(): { filename: string; execArgv?: string[] } {
  const typescript = import.meta.url.endsWith('.ts');
  const filename = fileURLToPath(new URL(`./analysis-worker.${typescript ? 'ts' : 'js'}`, import.meta.url));
  const hasTsx = process.execArgv.some((arg) => arg.includes('tsx'));
  // Inherited by default (passing execArgv explicitly would be refused for V8 flags like --expose-gc).
  if (!typescript || hasTsx) return { filename };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { filename, execArgv: [...process.execArgv, '--import', tsx] };
}

/** Starts `threads` worker threads and resolves once every one has loaded; rejects if one fails to load. */
export async function startAnalysisPool({ threads, dictionariesDir, signal }: AnalysisPoolOptions): Promise<AnalysisPool> {
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`an analysis pool needs at least one thread, not ${threads}`);
  const workerData: AnalysisWorkerData = { dictionariesDir, kuromoji: await sharedKuromojiDictionary() };
  const piscina = new Piscina<WorkerTask, unknown>({
    ...workerEntry(),
    workerData,
    minThreads: threads,
    maxThreads: threads,
    // A thread is CPU-bound: a second task would only wait inside it instead of in the shared queue.
    concurrentTasksPerWorker: 1,
    idleTimeout: Infinity,
  });
  // A thread that dies between tasks is replaced by piscina; its task (if any) rejects on its own.
  piscina.on('error', () => {});

  const memory = async (): Promise<WorkerMemory[]> => {
    const seen = new Map<number, WorkerMemory>();
    // An idle pool hands simultaneous tasks to distinct threads; retry in case one was busy.
    for (let round = 0; round < 5 && seen.size < threads; round++) {
      const task: MemoryTask = { kind: 'memory' };
      const answers = (await Promise.all(Array.from({ length: threads }, () => piscina.run(task)))) as WorkerMemory[];
      for (const answer of answers) seen.set(answer.threadId, answer);
    }
    return [...seen.values()].sort((a, b) => a.threadId - b.threadId);
  };

  let warm: WorkerMemory[];
  const abandon = () => void piscina.destroy();
  signal?.addEventListener('abort', abandon, { once: true });
  try {
    signal?.throwIfAborted();
    warm = await memory();
    signal?.throwIfAborted();
    const versions = new Set(warm.map((w) => w.dictionaryVersion));
    if (versions.size !== 1) throw new Error(`analysis threads loaded different dictionaries (${[...versions].join(', ')}): were they edited during start-up?`);
  } catch (err) {
    await piscina.destroy();
    throw err;
  } finally {
    signal?.removeEventListener('abort', abandon);
  }
  let closed = false;
  return {
    threads,
    dictionaryVersion: warm[0]!.dictionaryVersion,
    warm,
    memory,
    // piscina would start new threads for a task sent after close: refuse it instead.
    run: async <T extends AnalysisTask>(task: T) => {
      if (closed) throw new Error('the analysis pool is closed');
      return piscina.run(task) as Promise<AnalysisTaskResult<T>>;
    },
    async close() {
      if (closed) return;
      closed = true;
      await piscina.close();
    },
  };
}
