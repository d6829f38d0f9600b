/**
 * A batch run: reads mails, triages them on the analysis pool, writes the rows in input order as
 * they finish and gathers the report's facts. A mail the pool refuses (too large, unreadable, over
 * a time budget) is a skipped row with its reason; stopping keeps every finished row.
 */
import { writeFile } from 'node:fs/promises';
import { openAnalysisWithManual, type OpenAnalysis } from '../../analysis-pool/open-analysis.js';
import type { MailSizeLimits } from '../../mail/index.js';
import { openBatchInput, type ColumnMapping, type InputKind } from './input/index.js';
import { inInputOrder, openRowWriter, type OrderedRows, type OutputFormat } from './output.js';
import type { Progress } from './progress.js';
import { renderReport } from './report-html.js';
import { addMail, addSkipped, createBatchFacts, type BatchFacts } from './report.js';
import { failureReason, triagedMail, triageTaskOf, type BatchRow } from './task.js';

export interface BatchOptions {
  input: string;
  out: string;
  format: OutputFormat;
  columns?: ColumnMapping;
  encoding?: string;
  report?: string;
  threads: number;
  dictionariesDir?: string;
  /** DICTIONARY_CACHE_DIR: the dictionaries' parsed YAML kept between runs (as the API and the job runner read it). */
  dictionaryCacheDir?: string;
  /** MAX_BODY_BYTES and MAX_RAW_MAIL_BYTES: a larger mail is skipped, as the API answers it 413. */
  limits: MailSizeLimits;
  /** MAIL_READ_BUDGET_MS: a mail that takes longer to read is skipped and its thread replaced. */
  mailReadBudgetMs?: number;
  /** ANALYSIS_TASK_BUDGET_MS: likewise for the whole triage of one mail. */
  taskBudgetMs?: number;
  /** ANALYSIS_THREAD_YOUNG_GEN_MB and ANALYSIS_THREAD_OLD_GEN_MB: each thread's heap caps. */
  youngGenerationMb?: number;
  oldGenerationMb?: number;
  /** Stop reading; the mails being triaged finish and are written. */
  stop?: AbortSignal;
  /** Stop now: the threads are ended, what finished is written. */
  halt?: AbortSignal;
  progress?: Progress;
  onSkip?: (label: string, reason: string) => void;
  /** Bodies of JSON Lines and CSV rows are mails pasted with their history: remove quotes and signatures first. */
  clean?: boolean;
  /** --drafts: compose each mail's reply draft and lint it, into the rows and the report; otherwise none is composed. */
  drafts?: boolean;
  /** replyBy counts from here for mails without a date. */
  now?: Date;
  /** A running analysis pool to use (tests share one across runs): the run neither starts nor stops it. */
  analysis?: OpenAnalysis;
}

export interface BatchSummary {
  kind: InputKind;
  triaged: number;
  skipped: number;
  interrupted: boolean;
  elapsedSeconds: number;
  /** From the moment every thread had loaded the dictionaries. */
  processingSeconds: number;
  facts: BatchFacts;
}

/** Tasks sent per thread: enough to keep every thread busy, few enough to bound memory. */
const QUEUED_PER_THREAD = 4;

export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  const started = performance.now();
  const input = await openBatchInput(options.input, { columns: options.columns, encoding: options.encoding });
  const now = options.now ?? new Date();
  const facts = createBatchFacts();
  const { progress } = options;
  const signals = [options.stop, options.halt].filter((s): s is AbortSignal => s !== undefined);
  const stopped = () => signals.some((s) => s.aborted);
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
  let manual: { dictionaryVersion: string; scenarioLabels: Record<string, string> } | undefined;
  const running = new Set<Promise<void>>();
  const analysis = options.analysis ?? (await startAnalysis(options, signals, stopped));
  const onHalt = () => void (options.analysis === undefined && analysis?.destroy());
  options.halt?.addEventListener('abort', onHalt);
  try {
    if (analysis && !stopped()) {
      manual = { dictionaryVersion: analysis.dictionaryVersion, scenarioLabels: await analysis.runner.run({ kind: 'scenario-labels' }) };
      // opened once the threads are up: a broken dictionary leaves an earlier output file as it was
      rows = inInputOrder(await openRowWriter(options.out, options.format, { drafts: options.drafts === true }));
      processingStarted = performance.now();
      progress?.start();
      const inFlight = Math.max(1, analysis.threads) * QUEUED_PER_THREAD;
      let seq = 0;
      for await (const item of input.items()) {
        const current = seq++;
        if ('problem' in item) {
          skip(current, item.label, item.problem);
        } else {
          const { task } = item;
          const done = analysis.runner
            .run(triageTaskOf(task, { limits: options.limits, now, clean: options.clean, drafts: options.drafts }))
            .then(
              (result) => {
                const mail = triagedMail(task, result);
                addMail(facts, mail);
                settle(current, mail.row);
              },
              (error: unknown) => {
                if (options.halt?.aborted) return; // ended with its thread: not finished
                skip(current, item.label, failureReason(error));
              },
            );
          running.add(done);
          void done.finally(() => running.delete(done));
          if (running.size >= inFlight) await Promise.race(running);
        }
        if (stopped()) break;
      }
    }
  } finally {
    // also after an input error: the mails already handed to the threads finish and are written
    await Promise.all(running);
    options.halt?.removeEventListener('abort', onHalt);
    await rows?.close();
    if (options.analysis === undefined) await (options.halt?.aborted ? analysis?.destroy() : analysis?.close());
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
      scenarioLabels: new Map(Object.entries(manual?.scenarioLabels ?? {})),
    });
    await writeFile(options.report, html);
  }
  return summary;
}

/** The run's own analysis pool; undefined when the run was stopped while its threads loaded. */
async function startAnalysis(options: BatchOptions, signals: AbortSignal[], stopped: () => boolean): Promise<OpenAnalysis | undefined> {
  try {
    const { analysis } = await openAnalysisWithManual({
      threads: options.threads,
      dictionariesDir: options.dictionariesDir,
      dictionaryCacheDir: options.dictionaryCacheDir,
      mailReadBudgetMs: options.mailReadBudgetMs,
      taskBudgetMs: options.taskBudgetMs,
      youngGenerationMb: options.youngGenerationMb,
      oldGenerationMb: options.oldGenerationMb,
      signal: AbortSignal.any(signals),
    });
    return analysis;
  } catch (error) {
    if (stopped()) return undefined;
    throw new Error(`the analysis threads could not start: ${failureReason(error)}`, { cause: error });
  }
}
