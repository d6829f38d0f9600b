/**
 * The triage job: one mail's triage request in (text and context, scored at intake for its
 * priority), its TriageResult out, and the draft into the review queue.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import type { Drafting } from '../../drafting/drafting.js';
import type { Priority } from '../../drafting/routing.js';
import type { TriageResult } from '../../drafting/triage-schema.js';
import { triage, type TriageRequest } from '../../drafting/triage.js';
import type { AnalysisEngine } from '../../analysis/analyze.js';
import type { QueueClock } from '../clock.js';
import type { ReviewQueue } from '../review-queue.js';
import type { ReviewDraftInput } from '../review-schema.js';

export const TRIAGE_JOB = 'triage';

export interface TriageJobData {
  /** The mail's text and context; receivedAt is always set (at intake), so deadlines count from arrival. */
  request: TriageRequest & { receivedAt: string };
  /** The routing priority found at intake; also the job's BullMQ priority. */
  priority: Priority;
  /** What logs and the idempotency check may know about the mail: never its text. */
  mail: { bodyLength: number; subjectLength: number; sha256: string };
  caseId?: string;
  messageId?: string;
}

export type TriageJobResult = TriageResult;

export interface TriageJobDeps {
  engine: AnalysisEngine;
  drafting: Drafting;
  reviews: ReviewQueue;
  clock: QueueClock;
}

export function triageProcessor(deps: TriageJobDeps) {
  return async (job: Job<TriageJobData, TriageJobResult>): Promise<TriageJobResult> => {
    const request = job.data?.request;
    // Malformed data would fail every attempt the same way: fail once, visibly.
    if (typeof request?.body !== 'string' || request.body.trim() === '') throw new UnrecoverableError('the job carries no mail body');
    const result = triage(deps.engine, deps.drafting, request, deps.clock.now());
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
