/**
 * The CPU-heavy calls (read a mail, analyze, triage, lint against a customer mail) as plain task
 * values, so one function runs them on the event loop and in an analysis thread alike.
 */
import type { AnalysisEngine, MailText } from '../analysis/analyze.js';
import type { ToneLevel, ToneResult } from '../analysis/tone-schema.js';
import type { Drafting } from '../drafting/drafting.js';
import type { Priority } from '../drafting/routing.js';
import { lintReplyReport, type LintFinding, type ReplyKind, type ReplyRegister } from '../drafting/lint/index.js';
import type { TriageResult } from '../drafting/triage-schema.js';
import { measureMail, routeMail, triage, type MailMeasure, type RoutedMail, type TriageRequest } from '../drafting/triage.js';
import { readMailSource, type MailSizeLimits, type MailSource, type ReadMailSource } from '../mail/index.js';
import { mailFingerprint } from '../mail/mail-fingerprint.js';

/**
 * A mail still to be read (HTML converted, quotes and signature stripped, a raw mail parsed): the
 * thread reads it under the pool's time budget, after the size checks of readMailSource.
 */
export interface MailToRead {
  source: MailSource;
  limits: MailSizeLimits;
}

/** A mail as text already, or one to read first. */
export type MailRef = MailText | MailToRead;

export interface ReplyLintRequest {
  reply: string;
  /** The mail being answered: analysed for its level unless `customerLevel` is given. */
  customerMail?: MailRef;
  customerLevel?: ToneLevel;
}

export interface ReplyLintResult {
  findings: LintFinding[];
  /** What the linter read the reply as (it decides which rules apply). */
  kind: ReplyKind;
  register: ReplyRegister;
  customerLevel?: ToneLevel;
}

/** The triage request with its mail still to be read: the context fields, and the mail apart. */
export type TriageContext = Omit<TriageRequest, keyof MailText>;

/** Tasks are structured-cloned to a thread: plain data only (a Date survives the copy). */
export type AnalysisTask =
  | { kind: 'read'; mail: MailToRead }
  | { kind: 'analyze'; mail: MailRef }
  /** Tone and scenarios (a queued job's priority at intake; the job carries it to the draft). */
  | { kind: 'measure'; mail: MailRef }
  | TriageTask
  | TriageTask<'route'>
  | { kind: 'lint'; request: ReplyLintRequest }
  /** An analysis or triage answered as the API sends it (see JsonAnswer). */
  | { kind: 'json'; task: AnsweredTask }
  /** The manual's Japanese name of each scenario kind (a report's labels). */
  | { kind: 'scenario-labels' };

/** `route`: tone, scenario and routing only, no draft composed (`ondo batch` without --drafts). */
export interface TriageTask<K extends 'triage' | 'route' = 'triage'> {
  kind: K;
  mail: MailRef;
  context?: TriageContext;
  now?: Date;
  /** Used when its dictionary version is the thread's; otherwise the mail is measured again. */
  measured?: MailMeasure;
  /**
   * A raw mail's Date header stands for receivedAt when the context gives none: an archive is
   * triaged as of when each mail arrived (`ondo batch`), so replyBy is the deadline it really had.
   */
  receivedAtFromDateHeader?: boolean;
}

/** The tasks whose result the API sends unchanged: analyze and triage. */
export type AnsweredTask = { kind: 'analyze'; mail: MailRef } | TriageTask;

/** What the caller logs about a mail answered as JSON: its length and hash, never its text, and the verdict. */
export interface AnswerFacts {
  mail: ReturnType<typeof mailFingerprint>;
  level: ToneLevel;
  anger: number;
  urgency: number;
  /** Triage only. */
  scenario?: string;
  priority?: Priority;
}

/**
 * A result as the API answers it (the result, plus `mail`: what was read, when a raw or pasted mail
 * was read), serialized to UTF-8 JSON where it was computed. From a thread the bytes are moved, not
 * copied: the event loop neither rebuilds the result's thousand-odd objects (a structured clone)
 * nor serializes them again, which was most of its work per request besides HTTP itself.
 */
export interface JsonAnswer {
  json: Uint8Array;
  facts: AnswerFacts;
}

/** What reading gave, beside the result of a task whose mail was read in the thread. */
export interface WithReadMail {
  /** Present when the task's mail was a MailToRead: the text scored and the report on it. */
  read?: ReadMailSource;
}

export interface AnalysisTaskResults {
  read: ReadMailSource;
  analyze: ToneResult & WithReadMail;
  measure: MailMeasure & WithReadMail;
  triage: TriageResult & WithReadMail;
  route: RoutedMail & WithReadMail;
  lint: ReplyLintResult;
  json: JsonAnswer;
  'scenario-labels': Record<string, string>;
}

export type AnalysisTaskResult<T extends AnalysisTask> = AnalysisTaskResults[T['kind']];

/** What a thread needs to run any task: its engine (tokenizer + dictionaries) and the drafting manual. */
export interface AnalysisCore {
  engine: AnalysisEngine;
  drafting: Drafting;
}

/** Runs tasks somewhere (this thread or a pool) and answers with results, never token arrays. */
export interface AnalysisRunner {
  run<T extends AnalysisTask>(task: T): Promise<AnalysisTaskResult<T>>;
}

export function isMailToRead(mail: MailRef): mail is MailToRead {
  return 'source' in mail;
}

/**
 * How a runner reads a mail: inline, directly; in a thread, with the budget's clock running
 * (readMailSource itself checks each size limit before the step it protects).
 */
export type MailReader = (mail: MailToRead) => Promise<ReadMailSource>;

export const readMailDirectly: MailReader = ({ source, limits }) => readMailSource(source, limits);

async function textOf(mail: MailRef, read: MailReader): Promise<{ text: MailText; read?: ReadMailSource }> {
  if (!isMailToRead(mail)) return { text: mail };
  const done = await read(mail);
  return { text: done.text, read: done };
}

const withRead = <T extends object>(result: T, read: ReadMailSource | undefined): T & WithReadMail => (read ? { ...result, read } : result);

export async function runAnalysisTask<T extends AnalysisTask>(
  core: AnalysisCore,
  task: T,
  read?: MailReader,
): Promise<AnalysisTaskResult<T>>;
export async function runAnalysisTask(
  core: AnalysisCore,
  task: AnalysisTask,
  read: MailReader = readMailDirectly,
): Promise<AnalysisTaskResults[AnalysisTask['kind']]> {
  switch (task.kind) {
    case 'read':
      return read(task.mail);
    case 'analyze': {
      const mail = await textOf(task.mail, read);
      return withRead(core.engine.analyze(mail.text), mail.read);
    }
    case 'measure': {
      const mail = await textOf(task.mail, read);
      return withRead(measureMail(core.engine, mail.text), mail.read);
    }
    case 'triage':
    case 'route': {
      const mail = await textOf(task.mail, read);
      const measured = task.measured?.tone.dictionaryVersion === core.engine.dictionaries.version ? task.measured : undefined;
      const sent = task.receivedAtFromDateHeader && !task.context?.receivedAt ? mail.read?.date : undefined;
      const request = { ...mail.text, ...task.context, ...(sent && { receivedAt: sent }) };
      const decide = task.kind === 'triage' ? triage : routeMail;
      return withRead(decide(core.engine, core.drafting, request, task.now, measured), mail.read);
    }
    case 'lint': {
      const { reply, customerMail } = task.request;
      const mail = customerMail ? (await textOf(customerMail, read)).text : undefined;
      const customerLevel = task.request.customerLevel ?? (mail ? core.engine.analyze(mail).level : undefined);
      const report = lintReplyReport(reply, {
        customerLevel,
        customerMail: mail?.body,
        rules: core.drafting.lintRules,
        tokenizer: core.engine.tokenizer,
      });
      return { ...report, ...(customerLevel && { customerLevel }) };
    }
    case 'json':
      return answerAsJson(await runAnalysisTask(core, task.task, read), task.task.mail);
    case 'scenario-labels':
      return Object.fromEntries([...core.drafting.manual.templates.scenarios].map(([kind, template]) => [kind, template.label]));
    default:
      throw new TypeError(`unknown analysis task ${JSON.stringify((task as { kind?: unknown }).kind)}`);
  }
}

const utf8 = new TextEncoder();

function answerAsJson(answered: AnalysisTaskResult<AnsweredTask>, mail: MailRef): JsonAnswer {
  const { read, ...result } = answered;
  const tone = 'tone' in result ? result.tone : result;
  const routed = 'routing' in result ? { scenario: result.scenario.primary, priority: result.routing.priority } : {};
  const text = isMailToRead(mail) ? read!.text : mail;
  return {
    // TextEncoder gives the bytes a buffer of their own, which the thread can hand over whole.
    json: utf8.encode(JSON.stringify(read?.info ? { ...result, mail: read.info } : result)),
    facts: { mail: mailFingerprint(text), level: tone.level, anger: tone.anger, urgency: tone.urgency, ...routed },
  };
}

/** The runner for ANALYSIS_THREADS=0 and tests: the same calls, on the event loop (no time budget: nothing can stop it). */
export function inlineRunner(core: AnalysisCore): AnalysisRunner {
  return {
    run: (task) => runAnalysisTask(core, task),
  };
}
