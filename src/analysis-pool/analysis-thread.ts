/**
 * One thread of the analysis pool: loads the dictionaries, the tokenizer and the drafting manual
 * once, then runs analysis tasks. piscina awaits the default export before the thread takes work.
 */
import { getHeapStatistics } from 'node:v8';
import { resourceLimits, threadId, workerData } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { loadAnalysisEngine } from '../analysis/analyze.js';
import { forgetPreparsedYaml, usePreparsedYaml } from '../analysis/lexicon/yaml-file.js';
import type { SharedKuromojiDictionary } from '../analysis/tokenizer/index.js';
import { loadDrafting } from '../drafting/drafting.js';
import { mailErrorValue, type MailErrorValue } from './mail-error-value.js';
import {
  readMailDirectly,
  runAnalysisTask,
  type AnalysisCore,
  type AnalysisTask,
  type AnalysisTaskResult,
  type JsonAnswer,
  type MailReader,
} from './analysis-tasks.js';

export interface AnalysisThreadData {
  dictionariesDir?: string;
  /** The process's one kuromoji dictionary: every thread tokenizes from these shared buffers. */
  kuromoji?: SharedKuromojiDictionary;
  /** The dictionaries' YAML as the main thread parsed it (recordParsedYaml): used where the files still read the same. */
  parsedYaml?: SharedArrayBuffer;
}

/** This thread's isolate after loading: the JS heap, and the memory outside it (typed arrays; the shared dictionary counts once per process, not here). */
export interface ThreadMemory {
  threadId: number;
  dictionaryVersion: string;
  loadMs: number;
  heapUsedMb: number;
  externalMb: number;
  /** The limits this thread's isolate was started with (worker_threads' resourceLimits; the young generation cap among them). */
  resourceLimits: { maxYoungGenerationSizeMb?: number; maxOldGenerationSizeMb?: number };
}

/** Asks a thread how it is; the pool sends one per thread at start-up (warm-up) and on demand. */
export interface MemoryTask {
  kind: 'memory';
}

/**
 * A task as the pool sends it, with a clock shared with the pool (BigInt64Array over a
 * SharedArrayBuffer): the thread writes Date.now() when the task starts (CLOCK_TASK) and while it
 * reads the mail (CLOCK_READING, 0 once read). The pool's watchdog aborts a task over a budget,
 * which makes piscina end and replace the thread: synchronous work cannot be interrupted otherwise.
 */
export type ThreadTask = (AnalysisTask & { clock?: BigInt64Array }) | MemoryTask;
export const CLOCK_READING = 0;
export const CLOCK_TASK = 1;
export const CLOCK_BYTES = 16;

/**
 * An analysis task's answer. A mail ondo cannot read is an answer, not a thrown error: a thrown
 * error crosses the thread boundary without its class and fields (code, limit, bytes).
 */
export type ThreadAnswer<T extends AnalysisTask = AnalysisTask> = { value: AnalysisTaskResult<T> } | { mailError: MailErrorValue };

type Moved = ReturnType<typeof move>;

/** An answer whose buffer piscina moves to the pool instead of copying it. */
function moving(answer: ThreadAnswer, buffer: ArrayBufferLike): Moved {
  return move({ [transferableSymbol]: [buffer], [valueSymbol]: answer } as never);
}

function clockedReader(clock: BigInt64Array | undefined): MailReader {
  if (!clock) return readMailDirectly;
  return async (mail) => {
    Atomics.store(clock, CLOCK_READING, BigInt(Date.now()));
    try {
      return await readMailDirectly(mail);
    } finally {
      Atomics.store(clock, CLOCK_READING, 0n);
    }
  };
}

async function load(): Promise<(task: ThreadTask) => unknown> {
  const started = performance.now();
  const { dictionariesDir, kuromoji, parsedYaml } = (workerData ?? {}) as AnalysisThreadData;
  if (parsedYaml) usePreparsedYaml(parsedYaml);
  const engine = await loadAnalysisEngine({ dictionariesDir, kuromoji });
  const core: AnalysisCore = { engine, drafting: loadDrafting(engine.dictionaries) };
  forgetPreparsedYaml();
  const loadMs = performance.now() - started;
  const memory = (): ThreadMemory => {
    const heap = getHeapStatistics();
    return {
      threadId,
      dictionaryVersion: engine.dictionaries.version,
      loadMs,
      heapUsedMb: heap.used_heap_size / 1e6,
      externalMb: heap.external_memory / 1e6,
      resourceLimits: { ...resourceLimits },
    };
  };
  return async (task): Promise<ThreadAnswer | ThreadMemory | Moved> => {
    if (task.kind === 'memory') return memory();
    const { clock, ...analysisTask } = task;
    if (clock) Atomics.store(clock, CLOCK_TASK, BigInt(Date.now()));
    try {
      const value = await runAnalysisTask(core, analysisTask as AnalysisTask, clockedReader(clock));
      return analysisTask.kind === 'json' ? moving({ value }, (value as JsonAnswer).json.buffer) : { value };
    } catch (err) {
      const mailError = mailErrorValue(err);
      if (mailError) return { mailError };
      throw err;
    }
  };
}

// A rejected export would be swallowed by piscina's module loading; every task reports the failure instead.
export default load().catch((err: unknown) => () => {
  throw err;
});
