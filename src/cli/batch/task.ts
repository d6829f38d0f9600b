/**
 * One mail of a batch: what the reader hands a worker, and what the worker hands back — the output
 * row plus the few facts the HTML report needs. triageTask is the pure step a worker runs.
 */
import type { AnalysisEngine } from '../../analysis/analyze.js';
import type { ToneLevel } from '../../analysis/tone-schema.js';
import type { Drafting } from '../../drafting/drafting.js';
import { triage, type TriageRequest } from '../../drafting/triage.js';
import { MailDecodeError, cleanMailText, parseRawMail, readPastedMail } from '../../mail/index.js';

/** The fields a JSON Lines or CSV row gives, after the column mapping. */
export interface MailFields {
  id: string;
  subject?: string;
  body: string;
  receivedAt?: string;
  customerName?: string;
}

export type BatchTask =
  /** clean: the body is a mail pasted with its history (--clean), read as a raw mail's body is. */
  | { seq: number; kind: 'fields'; fields: MailFields; clean?: boolean }
  /** A raw RFC 822 mail: an .eml file (id: its name) or an mbox message (its Message-ID, else id). */
  | { seq: number; kind: 'raw'; id: string; preferMessageId: boolean; bytes: Uint8Array };

export interface TopEvidence {
  text: string;
  entryId: string;
  category: string;
  contribution: number;
}

/** One line of the output file. */
export interface BatchRow {
  id: string;
  level: ToneLevel;
  anger: number;
  urgency: number;
  politeButAnnoyed: boolean;
  scenario: string;
  priority: string;
  escalate: boolean;
  replyBy: string;
  evidence: TopEvidence[];
}

/** The row and what the report shows of the mail: its subject, the start of its body and every piece of evidence. */
export interface TriagedMail {
  row: BatchRow;
  subject: string;
  body: string;
  /** Tone evidence that counted, in text order, offsets in `body` when field is body. */
  evidence: {
    field: 'subject' | 'body';
    text: string;
    entryId: string;
    category: string;
    start: number;
    end: number;
    contribution: number;
  }[];
}

export type TaskOutcome = { seq: number; ok: true; mail: TriagedMail } | { seq: number; ok: false; reason: string };

/** How many evidence items a row lists: the strongest ones. */
export const TOP_EVIDENCE = 3;
/** The report shows the start of a body, not the whole mail. */
export const REPORT_BODY_CHARS = 300;

export async function triageTask(engine: AnalysisEngine, drafting: Drafting, task: BatchTask, now: Date): Promise<TaskOutcome> {
  try {
    const { id, request } = task.kind === 'fields' ? { id: task.fields.id, request: fieldsRequest(task) } : await readRawTask(task);
    const result = triage(engine, drafting, request, now);
    const { tone, scenario, routing } = result;
    const counted = tone.evidence.filter((e) => e.contribution > 0);
    const top = [...counted].sort((a, b) => b.contribution - a.contribution).slice(0, TOP_EVIDENCE);
    return {
      seq: task.seq,
      ok: true,
      mail: {
        row: {
          id,
          level: tone.level,
          anger: tone.anger,
          urgency: tone.urgency,
          politeButAnnoyed: tone.politeButAnnoyed,
          scenario: scenario.primary,
          priority: routing.priority,
          escalate: routing.escalate,
          replyBy: routing.replyBy,
          evidence: top.map(({ text, entryId, category, contribution }) => ({ text, entryId, category, contribution })),
        },
        subject: request.subject ?? '',
        body: request.body.length > REPORT_BODY_CHARS ? `${request.body.slice(0, REPORT_BODY_CHARS)}…` : request.body,
        evidence: counted.map(({ field, text, entryId, category, start, end, contribution }) => ({
          field,
          text,
          entryId,
          category,
          start,
          end,
          contribution,
        })),
      },
    };
  } catch (error) {
    const reason =
      error instanceof MailDecodeError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
    return { seq: task.seq, ok: false, reason };
  }
}

/** A row's fields as the request, its body cleaned of quoted history and signature when asked. */
function fieldsRequest(task: Extract<BatchTask, { kind: 'fields' }>): TriageRequest {
  if (!task.clean) return task.fields;
  const { text } = readPastedMail(task.fields.body, task.fields.subject);
  return { ...task.fields, body: text.body, ...(text.thread ? { thread: text.thread } : {}) };
}

/**
 * readRawMail without its report, plus the Date header: a month's export is triaged as of when
 * each mail arrived, so replyBy is the deadline it really had.
 */
async function readRawTask(task: Extract<BatchTask, { kind: 'raw' }>): Promise<{ id: string; request: TriageRequest }> {
  const parsed = await parseRawMail(task.bytes);
  const clean = cleanMailText(parsed.text, parsed);
  if (clean.text.trim() === '') {
    throw new MailDecodeError('empty-body', 'the mail has no new text of the customer once quoted history and signature are removed');
  }
  return {
    id: (task.preferMessageId && parsed.messageId) || task.id,
    request: {
      subject: parsed.subject || undefined,
      body: clean.text,
      thread: { priorContacts: clean.thread.priorContacts },
      ...(parsed.date ? { receivedAt: parsed.date } : {}),
    },
  };
}
