/**
 * Follow-up jobs: delayed until their business-calendar time, each composes one workflow draft
 * (reminder-1, reminder-2, closing-notice) for a silent customer and puts it in the review queue.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import type { Drafting } from '../../drafting/drafting.js';
import { composeKind, type KindDraftRequest } from '../../drafting/kinds.js';
import type { Priority } from '../../drafting/routing.js';
import type { QueueClock } from '../clock.js';
import type { ReviewQueue } from '../review-queue.js';

export const FOLLOW_UP_KINDS = ['reminder-1', 'reminder-2', 'closing-notice'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/** Reminders are routine work: P3 (通常), due at their scheduled time. */
export const FOLLOW_UP_PRIORITY: Priority = 'P3';

export type FollowUpDraftRequest = Pick<
  KindDraftRequest,
  'customerName' | 'agentName' | 'companyName' | 'caseTitle' | 'lastContactAt' | 'closeAfterDays'
>;

export interface FollowUpJobData {
  caseId: string;
  kind: FollowUpKind;
  /** The business-calendar time the draft is for; it is written as of then. */
  dueAt: string;
  request: FollowUpDraftRequest;
}

export interface FollowUpJobDeps {
  drafting: Drafting;
  reviews: ReviewQueue;
  clock: QueueClock;
}

export function followUpProcessor(deps: FollowUpJobDeps) {
  return async (job: Job<FollowUpJobData>): Promise<{ reviewId: string }> => {
    const { caseId, kind, dueAt, request } = job.data ?? {};
    if (!FOLLOW_UP_KINDS.includes(kind) || !caseId || !dueAt) throw new UnrecoverableError(`not a follow-up job: ${String(kind)}`);
    const { manual } = deps.drafting;
    const { draft } = composeKind(kind, { ...request, now: dueAt }, manual.templates, manual.calendar, manual.workflows);
    await deps.reviews.add({
      id: job.id!,
      source: 'followup',
      caseId,
      priority: FOLLOW_UP_PRIORITY,
      replyBy: dueAt,
      replyByLabel: `${manual.calendar.formatDateTime(new Date(dueAt))}まで`,
      escalate: false,
      escalateReasons: [],
      draft,
      createdAt: deps.clock.now().toISOString(),
    });
    return { reviewId: job.id! };
  };
}
