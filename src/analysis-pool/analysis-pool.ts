/**
 * The analysis pool: worker threads (piscina) for every CPU-heavy step — reading a mail, analysis,
 * triage, lint — so one 100 KB mail never blocks the event loop and every core works. kuromoji's
 * dictionary is loaded once per process into shared memory and every thread tokenizes from it;
 * each thread compiles ondo's dictionaries and drafting manual once; the pool resolves only when
 * every thread has loaded (warm), and threads send back results, never token arrays (copying
 * tokens between threads costs 40% of throughput). The API, the job runner and `ondo batch` all
 * run on it.
 *
 * Two guards keep one caller from starving the rest. Time budgets: reading a mail (MIME, HTML,
 * quotes, signature) and the whole task each have one; a thread that outlasts one is ended and
 * replaced by piscina, and the task rejects (a 422 for the API) — synchronous work cannot be
 * interrupted any other way. And the backlog of tasks waiting for a thread is bounded: past it,
 * run() refuses at once (a 503 with Retry-After) instead of queueing minutes of work.
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { sharedKuromojiDictionary } from '../analysis/tokenizer/index.js';
import { entryBeside } from './bundled-entry.js';
import { MailDecodeError } from '../mail/index.js';
import type { AnalysisRunner, AnalysisTask, AnalysisTaskResult } from './analysis-tasks.js';
import {
  CLOCK_BYTES,
  CLOCK_READING,
  CLOCK_TASK,
  type AnalysisThreadData,
  type MemoryTask,
  type ThreadAnswer,
  type ThreadMemory,
  type ThreadTask,
} from './thread-protocol.js';
import { mailErrorOf } from './mail-error-value.js';

export type { ThreadMemory } from './thread-protocol.js';

/** A task (reading and analysis together) outlasted ANALYSIS_TASK_BUDGET_MS: its thread was ended and replaced. */
export class AnalysisBudgetError extends Error {
  override name = 'AnalysisBudgetError';
  constructor(readonly budgetMs: number) {
    super(`analysing the mail took longer than ${budgetMs} ms (ANALYSIS_TASK_BUDGET_MS); it was stopped`);
  }
}

/** run() refused a task because the backlog is at its bound: answer "busy, retry later", do not queue. */
export class AnalysisPoolBusyError extends Error {
  override name = 'AnalysisPoolBusyError';
  constructor(readonly backlog: number) {
    super(`the analysis pool has ${backlog} tasks waiting for a thread (ANALYSIS_MAX_BACKLOG)`);
  }
}

export interface AnalysisPoolOptions {
  threads: number;
  dictionariesDir?: string;
  /** Abandons the start (the server closes while threads still load): ends every thread, rejects. */
  signal?: AbortSignal;
  /** Tasks waiting for a thread beyond which run() throws AnalysisPoolBusyError; default unbounded (batch, queue worker). */
  maxBacklog?: number;
  /** Longest a thread may spend reading one mail (parse, HTML → text, cleaning); default 2,000 ms. */
  mailReadBudgetMs?: number;
  /** Longest one task may run in its thread, reading included; default 15,000 ms. */
  taskBudgetMs?: number;
  /** The dictionaries' YAML already parsed in this thread (recordParsedYaml), so threads need not parse it again. */
  parsedYaml?: SharedArrayBuffer;
  /** Each thread's young generation cap in MB (ANALYSIS_THREAD_YOUNG_GEN_MB); 0 or absent: V8's default. */
  youngGenerationMb?: number;
  /** Each thread's old generation cap in MB (ANALYSIS_THREAD_OLD_GEN_MB); 0 or absent: V8's default. */
  oldGenerationMb?: number;
}

export const DEFAULT_MAIL_READ_BUDGET_MS = 2_000;
export const DEFAULT_TASK_BUDGET_MS = 15_000;

export interface AnalysisPool extends AnalysisRunner {
  readonly threads: number;
  /** The dictionaries every thread loaded (they are checked to agree). */
  readonly dictionaryVersion: string;
  /** Each thread right after loading. */
  readonly warm: readonly ThreadMemory[];
  /** Tasks sent and not yet settled (running or waiting for a thread). */
  readonly pending: number;
  /** Threads ended because a task outlasted a budget (each was replaced). */
  readonly threadsReplaced: number;
  /** Each thread now (one memory task per thread). */
  memory(): Promise<ThreadMemory[]>;
  /** Waits for running tasks, then ends every thread. */
  close(): Promise<void>;
  /** Ends every thread now; unsettled tasks reject. */
  destroy(): Promise<void>;
}

/**
 * From dist/ the thread is compiled JavaScript, bundled into one file by `npm run build`
 * (scripts/bundle-entries.ts: each thread then loads one module instead of about a thousand). A
 * bundle older than the compiled thread (tsc run alone since) is not used: the threads then load the
 * compiled modules, the same code. Under tsx or vitest (this file is .ts) it is TypeScript, so the
 * threads get tsx's loader unless the process already runs under it.
 */
function threadEntry(): { filename: string; execArgv?: string[] } {
  const filename = fileURLToPath(entryBeside('analysis-thread', import.meta.url));
  if (!import.meta.url.endsWith('.ts')) return { filename };
  const hasTsx = process.execArgv.some((arg) => arg.includes('tsx'));
  // Inherited by default (passing execArgv explicitly would be refused for V8 flags like --expose-gc).
  if (hasTsx) return { filename };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { filename, execArgv: [...process.execArgv, '--import', tsx] };
}

/** A task sent to a thread: its shared clock and how to stop it. */
interface Timed {
  clock: BigInt64Array;
  abort: AbortController;
}

/**
 * Checks every running task's clock and aborts the ones over a budget: reading the mail over
 * `readBudgetMs`, or the whole task over `taskBudgetMs`. It runs only while tasks are out, every
 * quarter of the smaller budget, so a stuck thread is ended within 1.25 × its budget.
 */
function budgetWatchdog(readBudgetMs: number, taskBudgetMs: number, onTimeout: () => void) {
  const running = new Set<Timed>();
  let timer: NodeJS.Timeout | undefined;
  const stop = (task: Timed, reason: Error) => {
    running.delete(task);
    onTimeout();
    task.abort.abort(reason);
  };
  const check = () => {
    const now = Date.now();
    for (const task of running) {
      const reading = Number(Atomics.load(task.clock, CLOCK_READING));
      const started = Number(Atomics.load(task.clock, CLOCK_TASK));
      if (reading > 0 && now - reading > readBudgetMs) {
        stop(
          task,
          new MailDecodeError(
            'read-budget-exceeded',
            `reading the mail took longer than ${readBudgetMs} ms (MAIL_READ_BUDGET_MS); it was stopped`,
          ),
        );
      } else if (started > 0 && now - started > taskBudgetMs) {
        stop(task, new AnalysisBudgetError(taskBudgetMs));
      }
    }
    if (running.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
  return {
    watch(task: Timed): () => void {
      running.add(task);
      timer ??= setInterval(check, Math.max(5, Math.floor(Math.min(readBudgetMs, taskBudgetMs) / 4))).unref();
      return () => running.delete(task);
    },
  };
}

type ThreadBalancer = NonNullable<NonNullable<ConstructorParameters<typeof Piscina>[0]>['loadBalancer']>;

/**
 * piscina hands a waiting task to any idle thread, a replacement still loading the dictionaries
 * included, where the task would sit for the whole load (seconds; far more on a loaded machine).
 * This balancer gives tasks only to threads that have loaded: piscina announces a replacement
 * (workerCreate) once its module is ready. The first threads count as loaded from the start, as
 * piscina treats them, so the warm-up tasks wait inside them.
 */
function loadedThreadsOnly(): { balancer: ThreadBalancer; watch(piscina: Piscina): void } {
  const loaded = new Set<number>();
  return {
    balancer: (_task, workers) => workers.find((w) => loaded.has(w.id) && w.currentUsage === 0 && !w.terminating && !w.destroyed) ?? null,
    watch(piscina) {
      piscina.on('workerCreate', (worker: { id: number }) => loaded.add(worker.id));
      piscina.on('workerDestroy', (worker: { id: number }) => loaded.delete(worker.id));
    },
  };
}

/**
 * V8's default young generation (16 MB semi-spaces) grows to ≈ 34 MB a thread once it triages, for a
 * live heap of ≈ 30 MB: a smaller nursery saves ≈ 25 MB a thread at the same CPU per mail. And with no
 * cap on the old generation (4 GB on a large machine) V8 lets a heap grow to 4× what its last full
 * collection kept before the next one; under a cap below 2 GB, to 1.3–2× (and at least 8 MB more), so
 * a thread stays near 65 MB instead of passing 120 MB once it has triaged a few hundred mails.
 */
function threadHeapLimits(
  youngGenerationMb = 0,
  oldGenerationMb = 0,
): { maxYoungGenerationSizeMb?: number; maxOldGenerationSizeMb?: number } {
  return {
    ...(youngGenerationMb ? { maxYoungGenerationSizeMb: youngGenerationMb } : {}),
    ...(oldGenerationMb ? { maxOldGenerationSizeMb: oldGenerationMb } : {}),
  };
}

/** Starts `threads` analysis threads and resolves once every one has loaded; rejects if one fails to load. */
export async function startAnalysisPool(options: AnalysisPoolOptions): Promise<AnalysisPool> {
  const { threads, dictionariesDir, signal, maxBacklog = Infinity, parsedYaml, youngGenerationMb, oldGenerationMb } = options;
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`an analysis pool needs at least one thread, not ${threads}`);
  const workerData: AnalysisThreadData = { dictionariesDir, kuromoji: await sharedKuromojiDictionary(), parsedYaml };
  const balancing = loadedThreadsOnly();
  const piscina = new Piscina<ThreadTask, unknown>({
    ...threadEntry(),
    loadBalancer: balancing.balancer,
    workerData,
    minThreads: threads,
    maxThreads: threads,
    // A thread is CPU-bound: a second task would only wait inside it instead of in the shared queue.
    concurrentTasksPerWorker: 1,
    idleTimeout: Infinity,
    resourceLimits: threadHeapLimits(youngGenerationMb, oldGenerationMb),
  });
  balancing.watch(piscina);
  // A thread that dies between tasks is replaced by piscina; its task (if any) rejects on its own.
  piscina.on('error', () => {});

  const memory = async (): Promise<ThreadMemory[]> => {
    const seen = new Map<number, ThreadMemory>();
    // An idle pool hands simultaneous tasks to distinct threads; retry in case one was busy.
    for (let round = 0; round < 5 && seen.size < threads; round++) {
      const task: MemoryTask = { kind: 'memory' };
      const answers = (await Promise.all(Array.from({ length: threads }, () => piscina.run(task)))) as ThreadMemory[];
      for (const answer of answers) seen.set(answer.threadId, answer);
    }
    return [...seen.values()].sort((a, b) => a.threadId - b.threadId);
  };

  // One destroy, awaited by every caller: a second piscina.destroy() returns at once and clears its
  // "destroying" mark while the first still waits for the threads to exit, and a thread that then
  // exits is replaced — an abort mid-start left new threads behind, loading, with nothing to end them.
  let destroyed: Promise<void> | undefined;
  const destroy = () => (destroyed ??= piscina.destroy());

  let warm: ThreadMemory[];
  const abandon = () => void destroy();
  signal?.addEventListener('abort', abandon, { once: true });
  try {
    signal?.throwIfAborted();
    warm = await memory();
    signal?.throwIfAborted();
    const versions = new Set(warm.map((w) => w.dictionaryVersion));
    if (versions.size !== 1)
      throw new Error(`analysis threads loaded different dictionaries (${[...versions].join(', ')}): were they edited during start-up?`);
  } catch (err) {
    await destroy();
    throw err;
  } finally {
    signal?.removeEventListener('abort', abandon);
  }

  let closed = false;
  let pending = 0;
  let threadsReplaced = 0;
  const readBudgetMs = options.mailReadBudgetMs ?? DEFAULT_MAIL_READ_BUDGET_MS;
  const watchdog = budgetWatchdog(readBudgetMs, options.taskBudgetMs ?? DEFAULT_TASK_BUDGET_MS, () => threadsReplaced++);

  const send = async <T extends AnalysisTask>(task: T): Promise<AnalysisTaskResult<T>> => {
    const timed: Timed = { clock: new BigInt64Array(new SharedArrayBuffer(CLOCK_BYTES)), abort: new AbortController() };
    const unwatch = watchdog.watch(timed);
    try {
      return unwrap<T>((await piscina.run({ ...task, clock: timed.clock }, { signal: timed.abort.signal })) as ThreadAnswer<T>);
    } catch (err) {
      // piscina rejects an aborted task with its own AbortError; the reason is the budget's error.
      throw timed.abort.signal.aborted ? timed.abort.signal.reason : err;
    } finally {
      unwatch();
    }
  };

  return {
    threads,
    dictionaryVersion: warm[0]!.dictionaryVersion,
    warm,
    get pending() {
      return pending;
    },
    get threadsReplaced() {
      return threadsReplaced;
    },
    memory,
    // piscina would start new threads for a task sent after close: refuse it instead.
    run: async <T extends AnalysisTask>(task: T) => {
      if (closed) throw new Error('the analysis pool is closed');
      const backlog = pending - threads;
      if (backlog >= maxBacklog) throw new AnalysisPoolBusyError(backlog);
      pending++;
      try {
        return await send(task);
      } finally {
        pending--;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await piscina.close();
    },
    async destroy() {
      closed = true;
      await destroy();
    },
  };
}

function unwrap<T extends AnalysisTask>(answer: ThreadAnswer<T>): AnalysisTaskResult<T> {
  if ('mailError' in answer) throw mailErrorOf(answer.mailError);
  return answer.value;
}
