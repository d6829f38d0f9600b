/**
 * One mail of a batch: what the reader gives (a row's fields or a raw mail), the triage task it
 * becomes for the analysis pool, and what comes back — the output row plus the few facts the HTML
 * report needs.
 */
import type { ToneLevel } from '../../analysis/tone-schema.js';
import type { AnalysisTaskResult, TriageTask } from '../../analysis-pool/analysis-tasks.js';
import type { LintFinding } from '../../drafting/lint/index.js';
import { MailDecodeError, type MailSizeLimits } from '../../mail/index.js';

/** The fields a JSON Lines or CSV row gives, after the column mapping. */
export interface MailFields {
  id: string;
  subject?: string;
  body: string;
  receivedAt?: string;
  customerName?: string;
}

export type BatchTask =
  | { kind: 'fields'; fields: MailFields }
  /** A raw RFC 822 mail: an .eml file (id: its name) or an mbox message (its Message-ID, else id). */
  | { kind: 'raw'; id: string; preferMessageId: boolean; bytes: Uint8Array };

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
  /** How sure the scenario is (0–1), as triage reports it. */
  scenarioConfidence: number;
  /** The scenario is a guess (below scoring.yaml scenarios.minConfidence, or nothing matched): an agent should say what the mail is about. */
  scenarioUnsure: boolean;
  priority: string;
  escalate: boolean;
  replyBy: string;
  evidence: TopEvidence[];
  /** With --drafts: the cushion-first reply triage composes, and what the reply linter says of it. */
  draft?: BatchDraft;
  lint?: LintFinding[];
}

export interface BatchDraft {
  subject: string;
  text: string;
  /** Facts the agent fills in before sending, written 【name】 in text. */
  placeholders: string[];
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

/** How many evidence items a row lists: the strongest ones. */
export const TOP_EVIDENCE = 3;
/** The report shows the start of a body, not the whole mail. */
export const REPORT_BODY_CHARS = 300;

export interface TriageTaskOptions {
  limits: MailSizeLimits;
  /** replyBy counts from here when a mail gives no date. */
  now: Date;
  /** Bodies of rows are mails pasted with their history: read them as a raw mail's body is (quotes and signature removed). */
  clean?: boolean;
  /** Compose and lint each mail's draft (a whole triage); without it the thread stops at routing. */
  drafts?: boolean;
}

export type BatchTriageTask = TriageTask | TriageTask<'route'>;

/**
 * The pool's triage task for one mail, read in the thread under the size limits and time budgets.
 * A raw mail is triaged as of its Date header, a row as of its receivedAt field.
 */
export function triageTaskOf(task: BatchTask, { limits, now, clean = false, drafts = false }: TriageTaskOptions): BatchTriageTask {
  const kind = drafts ? 'triage' : 'route';
  if (task.kind === 'raw') {
    // A view into a larger buffer (an mbox message) would be cloned whole: send exactly the mail's bytes.
    const whole = task.bytes.byteOffset === 0 && task.bytes.byteLength === task.bytes.buffer.byteLength;
    const bytes = whole ? task.bytes : task.bytes.slice();
    return { kind, mail: { source: { kind: 'raw', bytes }, limits }, now, receivedAtFromDateHeader: true };
  }
  const { subject, body, receivedAt, customerName } = task.fields;
  return {
    kind,
    mail: { source: { kind: 'text', subject, body, clean }, limits },
    context: { ...(receivedAt && { receivedAt }), ...(customerName && { customerName }) },
    now,
  };
}

/** The row and report facts of a triaged mail; `result.read` is the text that was scored. */
export function triagedMail(task: BatchTask, result: AnalysisTaskResult<BatchTriageTask>): TriagedMail {
  const { tone, scenario, routing, read } = result;
  const drafted = 'draft' in result ? result : undefined;
  const id = task.kind === 'fields' ? task.fields.id : (task.preferMessageId && read?.info?.messageId) || task.id;
  const subject = read?.text.subject ?? '';
  const body = read?.text.body ?? '';
  const counted = tone.evidence.filter((e) => e.contribution > 0);
  const top = [...counted].sort((a, b) => b.contribution - a.contribution).slice(0, TOP_EVIDENCE);
  return {
    row: {
      id,
      level: tone.level,
      anger: tone.anger,
      urgency: tone.urgency,
      politeButAnnoyed: tone.politeButAnnoyed,
      scenario: scenario.primary,
      scenarioConfidence: scenario.confidence,
      scenarioUnsure: scenario.generalDraft,
      priority: routing.priority,
      escalate: routing.escalate,
      replyBy: routing.replyBy,
      evidence: top.map(({ text, entryId, category, contribution }) => ({ text, entryId, category, contribution })),
      ...(drafted && {
        draft: { subject: drafted.draft.subject, text: drafted.draft.text, placeholders: drafted.draft.placeholders },
        lint: drafted.lint,
      }),
    },
    subject,
    body: body.length > REPORT_BODY_CHARS ? `${body.slice(0, REPORT_BODY_CHARS)}…` : body,
    evidence: counted.map(({ field, text, entryId, category, start, end, contribution }) => ({
      field,
      text,
      entryId,
      category,
      start,
      end,
      contribution,
    })),
  };
}

/** Why a mail was skipped, as its row in the log and the report says it. */
export function failureReason(error: unknown): string {
  if (error instanceof MailDecodeError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
