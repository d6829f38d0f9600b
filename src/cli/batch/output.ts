/**
 * Writes batch rows as they finish, JSON Lines or CSV, so an interrupted run keeps every row it
 * wrote. CSV starts with a UTF-8 BOM so that Excel reads the Japanese correctly.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { extname } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { BatchRow } from './task.js';

export type OutputFormat = 'jsonl' | 'csv';

export const CSV_COLUMNS = [
  'id',
  'level',
  'anger',
  'urgency',
  'politeButAnnoyed',
  'scenario',
  'scenarioConfidence',
  'scenarioUnsure',
  'priority',
  'escalate',
  'replyBy',
  'evidence',
  'evidenceEntries',
] as const;
/** With --drafts, after CSV_COLUMNS: the draft, its 【placeholders】 and the linter's findings, one a line. */
export const CSV_DRAFT_COLUMNS = ['draftSubject', 'draft', 'placeholders', 'lint'] as const;

export interface RowWriter {
  write(row: BatchRow): Promise<void>;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

export function formatFor(path: string, format: string | undefined): OutputFormat {
  const chosen = format ?? (extname(path).toLowerCase() === '.csv' ? 'csv' : 'jsonl');
  if (chosen !== 'jsonl' && chosen !== 'csv') throw new Error(`--format: ${chosen} is not jsonl or csv`);
  return chosen;
}

export interface RowWriterOptions {
  /** CSV gets the draft columns (JSON Lines rows simply carry draft and lint). */
  drafts?: boolean;
}

export async function openRowWriter(path: string, format: OutputFormat, { drafts = false }: RowWriterOptions = {}): Promise<RowWriter> {
  const stream = createWriteStream(path);
  await once(stream, 'open');
  const put = async (text: string): Promise<void> => {
    if (!stream.write(text)) await once(stream, 'drain');
  };
  if (format === 'csv') await put(stringify([drafts ? [...CSV_COLUMNS, ...CSV_DRAFT_COLUMNS] : [...CSV_COLUMNS]], { bom: true }));
  const cells = (row: BatchRow) => (drafts ? [...csvValues(row), ...csvDraftValues(row)] : csvValues(row));
  return {
    write: (row) => put(format === 'csv' ? stringify([cells(row)]) : `${JSON.stringify(row)}\n`),
    close: () => closeStream(stream),
  };
}

export interface OrderedRows {
  /** A finished row, or null for a skipped one; seq is the mail's place in the input. */
  put(seq: number, row: BatchRow | null): void;
  /** Writes what is left, gaps and all (after a halt some rows never come), and closes the file. */
  close(): Promise<void>;
}

/** Rows are written in input order: a finished row waits for the ones before it. */
export function inInputOrder(writer: RowWriter): OrderedRows {
  const finished = new Map<number, BatchRow | null>();
  let next = 0;
  let writing = Promise.resolve();
  const drain = async (all: boolean): Promise<void> => {
    for (const seq of all ? [...finished.keys()].sort((a, b) => a - b) : []) {
      const row = finished.get(seq);
      finished.delete(seq);
      if (row) await writer.write(row);
    }
    while (finished.has(next)) {
      const row = finished.get(next)!;
      finished.delete(next++);
      if (row) await writer.write(row);
    }
  };
  return {
    put(seq, row) {
      finished.set(seq, row);
      writing = writing.then(() => drain(false));
    },
    async close() {
      await writing;
      await drain(true);
      await writer.close();
    },
  };
}

function closeStream(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

function csvValues(row: BatchRow): string[] {
  return [
    safeCell(row.id),
    row.level,
    String(row.anger),
    String(row.urgency),
    String(row.politeButAnnoyed),
    row.scenario,
    String(row.scenarioConfidence),
    String(row.scenarioUnsure),
    row.priority,
    String(row.escalate),
    row.replyBy,
    row.evidence.map((e) => `「${e.text}」`).join(''),
    row.evidence.map((e) => e.entryId).join(' '),
  ];
}

function csvDraftValues({ draft, lint = [] }: BatchRow): string[] {
  return [
    safeCell(draft?.subject ?? ''),
    safeCell(draft?.text ?? ''),
    (draft?.placeholders ?? []).map((name) => `【${name}】`).join(''),
    lint.map((finding) => `${finding.ruleId}: ${finding.message.ja}`).join('\n'),
  ];
}

/** A cell Excel would run as a formula (=, +, -, @) gets a leading apostrophe: ids come from the export, drafts quote the mail. */
function safeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
