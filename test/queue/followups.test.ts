import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createQueueClock } from '../../src/queue/clock.js';
import type { RunningDraftJobWorkers } from '../../src/queue/draft-job-workers.js';
import { CALM_MAIL, completions, deleteQueueKeys, queueTestApp, queueTestConfig, testWorkers, waitUntil } from './support.js';

// A week passes in about 0.6 s here; the drafts still speak of the real dates.
const fast = queueTestConfig('followups-fast', { queueTimeScale: 0.000001 });
// Here a week is a minute, so nothing after reminder-1 comes due during a test, and it is always
// Friday 20 Nov 2026 15:00 in Tokyo.
const slow = queueTestConfig('followups-slow', { queueTimeScale: 0.0001 });
const FRIDAY_AFTERNOON = new Date('2026-11-20T15:00:00+09:00');
let fastApp: FastifyInstance;
let slowApp: FastifyInstance;
let running: RunningDraftJobWorkers | undefined;

beforeAll(async () => {
  [fastApp, slowApp] = await Promise.all([
    queueTestApp(fast),
    queueTestApp(
      slow,
      createQueueClock(slow.queueTimeScale, () => FRIDAY_AFTERNOON),
    ),
  ]);
});
afterEach(async () => {
  await running?.close();
  running = undefined;
  await Promise.all([deleteQueueKeys(fast), deleteQueueKeys(slow)]);
});
afterAll(async () => {
  await Promise.all([fastApp.close(), slowApp.close()]);
});

const schedule = (app: FastifyInstance, caseId: string, extra: object = {}) =>
  app.inject({
    method: 'POST',
    url: '/v1/followups',
    payload: {
      caseId,
      customerName: '山田',
      agentName: '佐藤',
      companyName: '〇〇デザイン事務所',
      caseTitle: 'ロゴデザインのご依頼',
      ...extra,
    },
  });

describe('POST /v1/followups', () => {
  it('schedules reminder-1 now, reminder-2 the business day before closing and the closing notice at closing', async () => {
    // Last contact now (Friday 20 Nov 15:00) + 7 days → Friday 27 Nov, closing at 18:00; reminder-2 on Thursday 26 Nov at opening.
    const res = await schedule(slowApp, 'case-1', { closeAfterDays: 7 });
    expect(res.statusCode).toBe(201);
    const plan = res.json();
    expect(plan.schedule).toEqual({
      reminder1At: '2026-11-20T15:00:00+09:00',
      reminder2At: '2026-11-26T09:00:00+09:00',
      closeAt: '2026-11-27T18:00:00+09:00',
    });
    expect(plan.jobs.map((j: { kind: string }) => j.kind)).toEqual(['reminder-1', 'reminder-2', 'closing-notice']);
    expect(res.headers.location).toBe('/v1/followups/case-1');
  });

  it('drafts the three follow-ups in order at their (scaled) times, into the review queue', async () => {
    running = await testWorkers(fastApp, fast, { queues: ['followups'] });
    const drafted = completions(running.workers[0]!, 3);
    const plan = (await schedule(fastApp, 'case-2')).json();
    const order = await drafted;
    expect(order).toEqual(plan.jobs.map((j: { jobId: string }) => j.jobId));

    const reviews = (await fastApp.inject({ method: 'GET', url: '/v1/reviews' })).json();
    expect(reviews.items.map((i: { draft: { kind: string } }) => i.draft.kind).sort()).toEqual([
      'closing-notice',
      'reminder-1',
      'reminder-2',
    ]);
    const closing = reviews.items.find((i: { draft: { kind: string } }) => i.draft.kind === 'closing-notice');
    expect(closing).toMatchObject({ source: 'followup', caseId: 'case-2', priority: 'P3', replyBy: plan.schedule.closeAt });
    expect(closing.draft.text).toContain('山田様');
    const states = (await fastApp.inject({ method: 'GET', url: '/v1/followups/case-2' }))
      .json()
      .jobs.map((j: { state: string }) => j.state);
    expect(states).toEqual(['drafted', 'drafted', 'drafted']);
  });
});

describe('cancelling follow-ups', () => {
  it('DELETE cancels the drafts not yet due and withdraws the undecided reminder', async () => {
    running = await testWorkers(slowApp, slow, { queues: ['followups'] });
    const first = completions(running.workers[0]!, 1);
    const plan = (await schedule(slowApp, 'case-3')).json();
    await first;
    expect(
      (await slowApp.inject({ method: 'GET', url: '/v1/followups/case-3' })).json().jobs.map((j: { state: string }) => j.state),
    ).toEqual(['drafted', 'scheduled', 'scheduled']);

    const res = await slowApp.inject({ method: 'DELETE', url: '/v1/followups/case-3' });
    expect(res.json()).toEqual({ caseId: 'case-3', cancelled: ['reminder-2', 'closing-notice'], withdrawn: ['reminder-1'] });
    expect(await slowApp.queue.queues.followups.getDelayedCount()).toBe(0);
    const reminder = (await slowApp.inject({ method: 'GET', url: `/v1/reviews/${plan.jobs[0].jobId}` })).json();
    expect(reminder).toMatchObject({ status: 'withdrawn', decision: { reason: 'the customer replied' } });
    expect((await slowApp.inject({ method: 'GET', url: '/v1/followups/case-3' })).statusCode).toBe(404);
    expect((await slowApp.inject({ method: 'DELETE', url: '/v1/followups/case-3' })).statusCode).toBe(404);
  });

  it('cancels them when a mail for the same case is queued (the customer replied)', async () => {
    await schedule(slowApp, 'case-4');
    await waitUntil(async () => (await slowApp.queue.queues.followups.getDelayedCount()) === 2, 'the two delayed follow-ups');
    const res = await slowApp.inject({ method: 'POST', url: '/v1/triage/jobs', payload: { ...CALM_MAIL, caseId: 'case-4' } });
    expect(res.statusCode).toBe(202);
    expect(res.json().job.caseId).toBe('case-4');
    expect(await slowApp.queue.queues.followups.getDelayedCount()).toBe(0);
    expect((await slowApp.inject({ method: 'GET', url: '/v1/followups/case-4' })).statusCode).toBe(404);
  });

  it('replaces the schedule when a case is scheduled again', async () => {
    const first = (await schedule(slowApp, 'case-5')).json();
    const second = (await schedule(slowApp, 'case-5')).json();
    expect(second.jobs[1].jobId).not.toBe(first.jobs[1].jobId);
    expect(await slowApp.queue.queues.followups.getJob(first.jobs[1].jobId)).toBeUndefined();
    expect(await slowApp.queue.queues.followups.getDelayedCount()).toBe(2);
  });
});
