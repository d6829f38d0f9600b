/** `ondo batch`: options, Ctrl-C handling, progress on stderr and the summary on stdout. */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import { TONE_LEVELS } from '../../analysis/tone-schema.js';
import { loadConfig, terminalCharset } from '../../config.js';
import { terminalFor, type Terminal } from '../terminal-text.js';
import { InputError, parseColumnMapping, type ColumnMapping } from './input/index.js';
import { formatFor, type OutputFormat } from './output.js';
import { createProgress } from './progress.js';
import { runBatch, type BatchSummary } from './run.js';

export const BATCH_USAGE = `  ondo batch <input> --out <file> [--format jsonl|csv] [--columns subject=件名,body=本文,id=チケットID]
             [--encoding cp932] [--report report.html] [--drafts] [--threads N] [--dictionaries dir] [--clean]
      Triages every mail of a JSON Lines file, a CSV export (UTF-8 or Shift_JIS), a folder of .eml
      files or an mbox, on N analysis threads (default: one per core). Writes one row per mail (JSON
      Lines, or CSV when --out ends in .csv); --report writes a self-contained HTML report.
      --drafts: also compose each mail's cushion-first reply draft and lint it, into every row and
      beside each mail of the report (slower: without it no draft is composed).
      --clean: the rows' bodies are whole mails with their history (a helpdesk export); quoted
      history and signatures are removed before scoring, as for .eml files.
      A mail over MAX_BODY_BYTES or MAX_RAW_MAIL_BYTES, or one that outlasts MAIL_READ_BUDGET_MS or
      ANALYSIS_TASK_BUDGET_MS, is skipped with its reason, as the API answers it 413 or 422.
      Ctrl-C stops after the mails in progress and keeps every finished row.`;

/** `terminal`: where messages go, in the terminal's charset (tests give their own). */
export async function batchCommand(
  args: string[],
  terminal: Terminal = terminalFor(terminalCharset(), process.stdout, process.stderr),
): Promise<number> {
  const say = (line: string) => terminal.err.write(`${line}\n`);
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      format: { type: 'string' },
      columns: { type: 'string' },
      encoding: { type: 'string' },
      report: { type: 'string' },
      threads: { type: 'string' },
      dictionaries: { type: 'string' },
      clean: { type: 'boolean' },
      drafts: { type: 'boolean' },
    },
  });
  const [input] = positionals;
  if (input === undefined || values.out === undefined) {
    say(`ondo batch: give an input and --out\nusage:\n${BATCH_USAGE}`);
    return 2;
  }
  const threads = values.threads === undefined ? availableParallelism() : Number(values.threads);
  if (!Number.isInteger(threads) || threads < 1) {
    say(`ondo batch: --threads ${values.threads} is not a whole number of at least 1`);
    return 2;
  }
  let format: OutputFormat;
  let columns: ColumnMapping | undefined;
  try {
    format = formatFor(values.out, values.format);
    columns = values.columns === undefined ? undefined : parseColumnMapping(values.columns);
    if (values.encoding !== undefined && !iconv.encodingExists(values.encoding))
      throw new Error(`--encoding: unknown charset ${values.encoding}`);
  } catch (error) {
    say(`ondo batch: ${(error as Error).message}`);
    return 2;
  }

  const config = loadConfig();
  const progress = createProgress({ stream: terminal.err, tty: process.stderr.isTTY === true, blocks: terminal.blocks });
  const stop = new AbortController();
  const halt = new AbortController();
  const onSignal = (): void => {
    if (stop.signal.aborted) return halt.abort();
    progress.log('ondo batch: stopping after the mails in progress (Ctrl-C again to stop at once)…');
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const summary = await runBatch({
      input,
      out: values.out,
      format,
      columns,
      encoding: values.encoding,
      report: values.report,
      threads,
      dictionariesDir: values.dictionaries,
      dictionaryCacheDir: config.dictionaryCacheDir,
      limits: { maxBodyBytes: config.maxBodyBytes, maxRawMailBytes: config.maxRawMailBytes },
      mailReadBudgetMs: config.mailReadBudgetMs,
      taskBudgetMs: config.analysisTaskBudgetMs,
      youngGenerationMb: config.analysisThreadYoungGenMb,
      oldGenerationMb: config.analysisThreadOldGenMb,
      clean: values.clean === true,
      drafts: values.drafts === true,
      stop: stop.signal,
      halt: halt.signal,
      progress,
      onSkip: (label, reason) => progress.log(`ondo batch: skipped ${label}: ${reason}`),
    });
    terminal.out.write(`${summaryText(summary, threads, values.out, values.report)}\n`);
    return summary.interrupted ? 130 : 0;
  } catch (error) {
    progress.stop();
    if (error instanceof InputError) {
      say(`ondo batch: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export function summaryText(summary: BatchSummary, threads: number, out: string, report: string | undefined): string {
  const { triaged, skipped, facts } = summary;
  const rate = (seconds: number) => (seconds > 0 ? (triaged / seconds).toFixed(1) : '–');
  const head = summary.interrupted
    ? `ondo batch: interrupted — ${triaged} mails triaged and written to ${out}, ${skipped} skipped`
    : `ondo batch: ${triaged} mails triaged → ${out}, ${skipped} skipped`;
  return [
    head,
    `  ${summary.elapsedSeconds.toFixed(1)} s in all (${rate(summary.elapsedSeconds)} mails/s); ${rate(summary.processingSeconds)} mails/s on ${threads} thread${threads === 1 ? '' : 's'} once loaded`,
    `  ${TONE_LEVELS.map((level) => `${level} ${facts.levels[level]}`).join(' · ')} · escalate ${facts.escalated}`,
    ...(report ? [`  report → ${report}`] : []),
  ].join('\n');
}
