/**
 * What the pool and its threads say to each other: the thread's start data, the tasks it takes,
 * its answers, and the shared clock of a task. Kept apart from analysis-thread.ts, whose import
 * loads a whole analysis engine: the pool's side must never import that module.
 */
import type { SharedKuromojiDictionary } from '../analysis/tokenizer/index.js';
import type { MailErrorValue } from './mail-error-value.js';
import type { AnalysisTask, AnalysisTaskResult } from './analysis-tasks.js';

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
