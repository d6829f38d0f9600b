/**
 * The triage job: one mail's triage request in (text and context, measured at intake for its
 * priority), its TriageResult out, and the draft into the review queue. The triage runs in the
 * analysis pool and reuses the intake's measure when the dictionaries are still the same.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import { AnalysisBudgetError } from '../../analysis-pool/analysis-pool.js';
import type { AnalysisRunner } from '../../analysis-pool/analysis-tasks.js';
import type { Priority } from '../../drafting/routing.js';
import type { TriageResult } from '../../drafting/triage-schema.js';
import type { MailMeasure, TriageRequest } from '../../drafting/triage.js';
import type { QueueClock } from '../clock.js';
import type { ReviewQueue } from '../review-queue.js';
import type { ReviewDraftInput } from '../review-schema.js';

export const TRIAGE_JOB = 'triage';

export interface TriageJobData {
  /** The mail's text and context; receivedAt is always set (at intake), so deadlines count from arrival. */
  request: TriageRequest & { receivedAt: string };
  /** The routing priority found at intake; also the job's BullMQ priority. */
  priority: Priority;
  /**
   * Tone and scenarios measured at intake (its tone names the dictionary version): the draft reuses
   * them instead of reading the mail again. Absent on jobs queued before it existed.
   */
  measured?: MailMeasure;
  /** What logs and the idempotency check may know about the mail: never its text. */
  mail: { bodyLength: number; subjectLength: number; sha256: string };
  caseId?: string;
  messageId?: string;
}

export type TriageJobResult = TriageResult;

export interface TriageJobDeps {
  /** The analysis pool (or an inline runner): the triage runs there, not on the worker's event loop. */
  analysis: AnalysisRunner;
  reviews: ReviewQueue;
  clock: QueueClock;
}

export function triageProcessor(deps: TriageJobDeps) {
  return async (job: Job<TriageJobData, TriageJobResult>): Promise<TriageJobResult> => {
    const request = job.data?.request;
    // Malformed data would fail every attempt the same way: fail once, visibly.
    if (typeof request?.body !== 'string' || request.body.trim() === '') throw new UnrecoverableError('the job carries no mail body');
    const { subject, body, thread, ...context } = request;
    const measured = job.data.measured;
    const result = await deps.analysis
      .run({
        kind: 'triage',
        mail: { subject, body, ...(thread ? { thread } : {}) },
        context,
        now: deps.clock.now(),
        ...(measured ? { measured } : {}),
      })
      .catch((err: unknown) => {
        // The same mail would outlast the budget on every attempt.
        throw err instanceof AnalysisBudgetError ? new UnrecoverableError(err.message) : err;
      });
    await deps.reviews.add(triageReviewDraft(job.id!, job.data, result, deps.clock.now()));
    return result;
  };
}

export function triageReviewDraft(id: string, data: TriageJobData, result: TriageResult, now: Date): ReviewDraftInput {
  const { routing } = result;
  return {
    id,
    source: 'triage',
    ...(data.caseId ? { caseId: data.caseId } : {}),
    priority: routing.priority,
    replyBy: routing.replyBy,
    replyByLabel: routing.replyByLabel,
    escalate: routing.escalate,
    escalateReasons: routing.escalateReasons,
    draft: result.draft,
    createdAt: now.toISOString(),
  };
}
