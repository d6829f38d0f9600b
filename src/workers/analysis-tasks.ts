/**
 * The API's CPU-heavy calls (analyze, triage, lint against a customer mail) as plain task values,
 * so one function runs them on the event loop and in a worker thread alike.
 */
import type { AnalysisEngine, MailText } from '../analysis/analyze.js';
import type { ToneLevel, ToneResult } from '../analysis/tone-schema.js';
import type { Drafting } from '../drafting/drafting.js';
import { lintReplyReport, type LintFinding, type ReplyKind, type ReplyRegister } from '../drafting/lint/index.js';
import type { TriageResult } from '../drafting/triage-schema.js';
import { triage, type TriageRequest } from '../drafting/triage.js';

export interface ReplyLintRequest {
  reply: string;
  /** The mail being answered: analysed for its level unless `customerLevel` is given. */
  customerMail?: MailText;
  customerLevel?: ToneLevel;
}

export interface ReplyLintResult {
  findings: LintFinding[];
  /** What the linter read the reply as (it decides which rules apply). */
  kind: ReplyKind;
  register: ReplyRegister;
  customerLevel?: ToneLevel;
}

/** Tasks are structured-cloned to a worker: plain data only (a Date survives the copy). */
export type AnalysisTask =
  | { kind: 'analyze'; mail: MailText }
  | { kind: 'triage'; request: TriageRequest; now?: Date }
  | { kind: 'lint'; request: ReplyLintRequest };

export interface AnalysisTaskResults {
  analyze: ToneResult;
  triage: TriageResult;
  lint: ReplyLintResult;
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

export function runAnalysisTask<T extends AnalysisTask>(core: AnalysisCore, task: T): AnalysisTaskResult<T>;
export function runAnalysisTask(core: AnalysisCore, task: AnalysisTask): AnalysisTaskResults[AnalysisTask['kind']] {
  switch (task.kind) {
    case 'analyze':
      return core.engine.analyze(task.mail);
    case 'triage':
      return triage(core.engine, core.drafting, task.request, task.now);
    case 'lint': {
      const { reply, customerMail } = task.request;
      const customerLevel = task.request.customerLevel ?? (customerMail ? core.engine.analyze(customerMail).level : undefined);
      const report = lintReplyReport(reply, {
        customerLevel,
        customerMail: customerMail?.body,
        rules: core.drafting.lintRules,
        tokenizer: core.engine.tokenizer,
      });
      return { ...report, ...(customerLevel && { customerLevel }) };
    }
    default:
      throw new TypeError(`unknown analysis task ${JSON.stringify((task as { kind?: unknown }).kind)}`);
  }
}

/** The runner for ANALYSIS_THREADS=0 and tests: the same calls, on the event loop. */
export function inlineRunner(core: AnalysisCore): AnalysisRunner {
  return {
    run: async (task) => runAnalysisTask(core, task),
  };
}
