/**
 * One thread of the analysis pool: loads the dictionaries, the tokenizer and the drafting manual
 * once, then runs analysis tasks. piscina awaits the default export before the thread takes work.
 */
import { getHeapStatistics } from 'node:v8';
import { resourceLimits, threadId, workerData } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { loadAnalysisEngine } from '../analysis/analyze.js';
import { forgetPreparsedYaml, usePreparsedYaml } from '../analysis/lexicon/yaml-file.js';
import { loadDrafting } from '../drafting/drafting.js';
import { collectGarbage } from './collect-garbage.js';
import { mailErrorValue } from './mail-error-value.js';
import {
  readMailDirectly,
  runAnalysisTask,
  type AnalysisCore,
  type AnalysisTask,
  type JsonAnswer,
  type MailReader,
} from './analysis-tasks.js';
import {
  CLOCK_READING,
  CLOCK_TASK,
  type AnalysisThreadData,
  type ThreadAnswer,
  type ThreadMemory,
  type ThreadTask,
} from './thread-protocol.js';

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
  collectGarbage();
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
