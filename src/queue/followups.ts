/**
 * Follow-up schedules for customers who have gone silent: reminder-1 now, reminder-2 on the
 * business day before closing, closing-notice at closing, each a delayed job that drafts into the
 * review queue. A reply from the customer (DELETE, or a triage job for the same case) cancels
 * the jobs still waiting and withdraws their drafts nobody has decided yet.
 */
import type { Queue } from 'bullmq';
import type { RedisClient } from './connection.js';
import { Type, type Static } from 'typebox';
import type { Drafting } from '../drafting/drafting.js';
import { describeSchedule, FollowUpSchedule, followUpSchedule, KindDraftRequest } from '../drafting/kinds.js';
import type { QueueClock } from './clock.js';
import { readJobSnapshot } from './job-snapshot.js';
import { FOLLOW_UP_KINDS, type FollowUpJobData, type FollowUpKind } from './jobs/followup.js';
import type { ReviewQueue } from './review-queue.js';
import { tenantTag, type JobIds } from './tenants.js';

export const CaseId = Type.String({
  title: 'CaseId',
  minLength: 1,
  maxLength: 100,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
  description: "The helpdesk's case (ticket) id: letters, digits, . _ -",
  examples: ['case-20261120-0042'],
});

const kindRequest = KindDraftRequest.properties;

export const FollowUpRequest = Type.Object(
  {
    caseId: CaseId,
    customerName: kindRequest.customerName,
    agentName: kindRequest.agentName,
    companyName: kindRequest.companyName,
    caseTitle: kindRequest.caseTitle,
    lastContactAt: kindRequest.lastContactAt,
    closeAfterDays: kindRequest.closeAfterDays,
  },
  {
    title: 'FollowUpRequest',
    additionalProperties: false,
    examples: [
      {
        caseId: 'case-20261120-0042',
        customerName: '山田',
        agentName: '佐藤',
        companyName: '〇〇デザイン事務所',
        caseTitle: 'ロゴデザインのご依頼',
        lastContactAt: '2026-11-20T15:00:00+09:00',
      },
    ],
  },
);
export type FollowUpRequest = Static<typeof FollowUpRequest>;

export const FollowUpJobState = Type.Union(
  [Type.Literal('scheduled'), Type.Literal('due'), Type.Literal('drafting'), Type.Literal('drafted'), Type.Literal('failed')],
  {
    title: 'FollowUpJobState',
    description: 'scheduled: waiting for its time; due: waiting for a worker; drafting; drafted: the draft is in the review queue; failed',
  },
);

export const FollowUpPlan = Type.Object(
  {
    caseId: CaseId,
    closeAfterDays: Type.Integer({ description: 'Days without contact after which the case closes' }),
    schedule: FollowUpSchedule,
    jobs: Type.Array(
      Type.Object(
        {
          kind: Type.Enum(FOLLOW_UP_KINDS),
          jobId: Type.String({ description: 'Also the id of its draft in the review queue' }),
          dueAt: Type.String({ format: 'date-time', description: 'Business-calendar time the draft is for (Japan time)' }),
          state: Type.Optional(FollowUpJobState),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { title: 'FollowUpPlan', additionalProperties: false },
);
export type FollowUpPlan = Static<typeof FollowUpPlan>;

export const FollowUpCancellation = Type.Object(
  {
    caseId: CaseId,
    cancelled: Type.Array(Type.String(), { description: 'Kinds whose jobs were removed before they ran' }),
    withdrawn: Type.Array(Type.String(), { description: 'Kinds whose drafts were taken out of the review queue undecided' }),
  },
  { title: 'FollowUpCancellation', additionalProperties: false },
);
export type FollowUpCancellation = Static<typeof FollowUpCancellation>;

export interface FollowUpSchedulerDeps {
  drafting: Drafting;
  reviews: ReviewQueue;
  clock: QueueClock;
  prefix: string;
  retentionSeconds: number;
  ids: JobIds;
}

export class FollowUpScheduler {
  constructor(
    private readonly queue: Queue<FollowUpJobData>,
    private readonly redis: RedisClient,
    private readonly deps: FollowUpSchedulerDeps,
  ) {}

  /** Case ids are the tenant's own: two tenants' case 42 are two schedules. */
  private planKey(tenant: string, caseId: string): string {
    return `${this.deps.prefix}:followup:${tenantTag(tenant)}:${caseId}`;
  }

  /** Schedules the three drafts, replacing any schedule the tenant's case already had. */
  async schedule(tenant: string, request: FollowUpRequest): Promise<FollowUpPlan> {
    const { caseId, ...draftRequest } = request;
    await this.cancel(tenant, caseId, 'a new follow-up schedule replaced this one');
    const { manual } = this.deps.drafting;
    const { clock } = this.deps;
    const now = clock.now();
    const closeAfterDays = request.closeAfterDays ?? manual.workflows.followUp.closeAfterDays;
    const times = followUpSchedule(request.lastContactAt ? new Date(request.lastContactAt) : now, closeAfterDays, now, manual.calendar);
    const due: Record<FollowUpKind, Date> = {
      'reminder-1': times.reminder1At,
      'reminder-2': times.reminder2At,
      'closing-notice': times.closeAt,
    };
    // A new schedule gets new random job ids, so its drafts never collide with an earlier schedule's reviews.
    const jobs = FOLLOW_UP_KINDS.map((kind) => ({
      kind,
      jobId: this.deps.ids.random(tenant, `fu-${kind}`),
      dueAt: manual.calendar.formatIso(due[kind]),
    }));
    await this.queue.addBulk(
      jobs.map(({ kind, jobId, dueAt }) => ({
        name: kind,
        data: { caseId, kind, dueAt, request: draftRequest },
        opts: { jobId, delay: clock.delayUntil(due[kind]) },
      })),
    );
    const plan: FollowUpPlan = {
      caseId,
      closeAfterDays,
      schedule: describeSchedule(times, manual.calendar),
      jobs,
    };
    const keepMs = clock.delayUntil(times.closeAt) + this.deps.retentionSeconds * 1000;
    await this.redis.set(this.planKey(tenant, caseId), JSON.stringify(plan), 'PX', keepMs);
    return this.withStates(plan);
  }

  async get(tenant: string, caseId: string): Promise<FollowUpPlan | undefined> {
    const stored = await this.redis.get(this.planKey(tenant, caseId));
    return stored ? this.withStates(JSON.parse(stored) as FollowUpPlan) : undefined;
  }

  /** Cancels what has not run and withdraws undecided drafts; undefined when the case has no schedule. */
  async cancel(tenant: string, caseId: string, reason: string): Promise<FollowUpCancellation | undefined> {
    const stored = await this.redis.get(this.planKey(tenant, caseId));
    if (!stored) return undefined;
    const plan = JSON.parse(stored) as FollowUpPlan;
    const result: FollowUpCancellation = { caseId, cancelled: [], withdrawn: [] };
    for (const { kind, jobId } of plan.jobs) {
      // One snapshot (state first, fields after): a job moving between two reads cannot pair an old state with new fields.
      const snapshot = await readJobSnapshot(this.queue, jobId);
      const job = snapshot?.job;
      const state = snapshot?.state ?? 'unknown';
      if (job && (state === 'delayed' || state === 'waiting' || state === 'prioritized')) {
        // remove() refuses a job a worker has just locked; that one drafts and is withdrawn below next time.
        if (
          (await job.remove().then(
            () => true,
            () => false,
          )) === true
        ) {
          result.cancelled.push(kind);
          continue;
        }
      }
      if (await this.deps.reviews.withdraw(jobId, reason)) result.withdrawn.push(kind);
    }
    await this.redis.del(this.planKey(tenant, caseId));
    return result;
  }

  private async withStates(plan: FollowUpPlan): Promise<FollowUpPlan> {
    const jobs = await Promise.all(
      plan.jobs.map(async (entry) => {
        // One read: a finished follow-up job is removed at once, so a job gone from the queue is drafted.
        const found = await this.queue.getJobState(entry.jobId);
        const state = found === 'unknown' ? 'completed' : found;
        const mapped =
          state === 'delayed'
            ? 'scheduled'
            : state === 'active'
              ? 'drafting'
              : state === 'failed'
                ? 'failed'
                : state === 'completed'
                  ? 'drafted'
                  : 'due';
        return { ...entry, state: mapped as NonNullable<FollowUpPlan['jobs'][number]['state']> };
      }),
    );
    return { ...plan, jobs };
  }
}
