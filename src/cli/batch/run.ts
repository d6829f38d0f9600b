/**
 * A batch run: reads mails, triages them on a pool of worker threads, writes the rows in input
 * order as they finish and gathers the report's facts. Stopping keeps every finished row.
 */
import { writeFile } from 'node:fs/promises';
import { openBatchInput, type ColumnMapping, type InputKind } from './input/index.js';
import { inInputOrder, openRowWriter, type OrderedRows, type OutputFormat } from './output.js';
import { startTriagePool, type LoadedManual, type TriagePool } from './pool.js';
import type { Progress } from './progress.js';
import { renderReport } from './report-html.js';
import { addMail, addSkipped, createBatchFacts, type BatchFacts } from './report.js';
import type { BatchRow, BatchTask } from './task.js';

export interface BatchOptions {
  input: string;
  out: string;
  format: OutputFormat;
  columns?: ColumnMapping;
  encoding?: string;
  report?: string;
  threads: number;
  dictionariesDir?: string;
  /** Stop reading; the mails being triaged finish and are written. */
  stop?: AbortSignal;
  /** Stop now: the workers are terminated, what finished is written. */
  halt?: AbortSignal;
  progress?: Progress;
  onSkip?: (label: string, reason: string) => void;
  /** Bodies of JSON Lines and CSV rows are mails pasted with their history: remove quotes and signatures first. */
  clean?: boolean;
  /** replyBy counts from here for mails without a date. */
  now?: Date;
  /** A running pool to use (tests share one across runs): the run neither starts nor stops it. */
  pool?: TriagePool;
}

export interface BatchSummary {
  kind: InputKind;
  triaged: number;
  skipped: number;
  interrupted: boolean;
  elapsedSeconds: number;
  /** From the moment every worker had loaded its engine. */
  processingSeconds: number;
  facts: BatchFacts;
}

/** Tasks queued per worker: enough to keep every worker busy, few enough to bound memory. */
const QUEUED_PER_THREAD = 4;

export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  const started = performance.now();
  const input = await openBatchInput(options.input, { columns: options.columns, encoding: options.encoding });
  const ownPool = options.pool === undefined;
  const pool =
    options.pool ?? startTriagePool({ threads: options.threads, dictionariesDir: options.dictionariesDir, now: options.now ?? new Date() });
  const onHalt = () => void (ownPool && pool.terminate());
  options.halt?.addEventListener('abort', onHalt);

  const facts = createBatchFacts();
  const { progress } = options;
  const stopped = () => options.stop?.aborted === true || options.halt?.aborted === true;
  void input.count().then(
    (total) => progress?.setTotal(total),
    () => {},
  );

  let rows: OrderedRows | undefined;
  const settle = (seq: number, row: BatchRow | null): void => {
    rows!.put(seq, row);
    progress?.update(facts.triaged, facts.skippedCount);
  };
  const skip = (seq: number, label: string, reason: string): void => {
    addSkipped(facts, label, reason);
    options.onSkip?.(label, reason);
    settle(seq, null);
  };

  let processingStarted = performance.now();
  let manual: LoadedManual | undefined;
  const running = new Set<Promise<void>>();
  try {
    manual = await Promise.race([pool.ready, aborted(options.stop), aborted(options.halt)]);
    if (manual) {
      // opened once the workers are up: a broken dictionary leaves an earlier output file as it was
      rows = inInputOrder(await openRowWriter(options.out, options.format));
      processingStarted = performance.now();
      progress?.start();
      let seq = 0;
      for await (const item of input.items()) {
        const current = seq++;
        if ('problem' in item) {
          skip(current, item.label, item.problem);
        } else {
          const task = {
            ...item.task,
            seq: current,
            ...(options.clean && item.task.kind === 'fields' ? { clean: true } : {}),
          } as BatchTask;
          const done = pool.run(task).then((outcome) => {
            if (!outcome) return; // halted: not finished
            if (!outcome.ok) return skip(current, item.label, outcome.reason);
            addMail(facts, outcome.mail);
            settle(current, outcome.mail.row);
          });
          running.add(done);
          void done.finally(() => running.delete(done));
          if (running.size >= pool.threads * QUEUED_PER_THREAD) await Promise.race(running);
        }
        if (stopped()) break;
      }
    }
  } finally {
    // also after an input error: the mails already handed to the workers finish and are written
    await Promise.all(running);
    options.halt?.removeEventListener('abort', onHalt);
    await rows?.close();
    if (ownPool) await (stopped() ? pool.terminate() : pool.close());
    progress?.stop();
  }

  const end = performance.now();
  const summary: BatchSummary = {
    kind: input.kind,
    triaged: facts.triaged,
    skipped: facts.skippedCount,
    interrupted: stopped(),
    elapsedSeconds: (end - started) / 1000,
    processingSeconds: (end - processingStarted) / 1000,
    facts,
  };
  if (options.report) {
    const html = renderReport(facts, {
      input: options.input,
      generatedAt: new Date(),
      elapsedSeconds: summary.elapsedSeconds,
      interrupted: summary.interrupted,
      dictionaryVersion: manual?.dictionaryVersion ?? '–',
      scenarioLabels: new Map(manual?.scenarioLabels),
    });
    await writeFile(options.report, html);
  }
  return summary;
}

/** Resolves undefined when the signal aborts (never, without one). */
function aborted(signal: AbortSignal | undefined): Promise<undefined> {
  return new Promise((resolve) => {
    if (signal?.aborted) resolve(undefined);
    else signal?.addEventListener('abort', () => resolve(undefined), { once: true });
  });
}
