import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Priority } from '../../src/drafting/routing.js';
import { createRedisClient } from '../../src/queue/connection.js';
import { triageReviewDraft } from '../../src/queue/jobs/triage.js';
import { ReviewQueue } from '../../src/queue/review-queue.js';
import { CALM_MAIL, deleteQueueKeys, FURIOUS_MAIL, queueTestApp, queueTestConfig } from './support.js';

const config = queueTestConfig('reviews');
let app: FastifyInstance;

beforeAll(async () => {
  app = await queueTestApp(config);
});
afterEach(() => deleteQueueKeys(config));
afterAll(async () => {
  await app.close();
  await deleteQueueKeys(config);
});

/** A real triage draft in the review queue, with the priority and deadline the test needs. */
async function addDraft(id: string, priority: Priority, replyBy: string, mail: { subject?: string; body: string } = CALM_MAIL) {
  const request = { ...mail, receivedAt: '2026-11-26T10:15:00+09:00' };
  const result = await app.analysis.triage(request);
  const draft = triageReviewDraft(id, { request, priority, mail: { bodyLength: 0, subjectLength: 0, sha256: '' } }, result, new Date());
  await app.queue.use((q) => q.reviews.add({ ...draft, priority, replyBy }));
  return draft;
}

const claim = (agent: string, id?: string, leaseToken?: string) =>
  app.inject({
    method: 'POST',
    url: id ? `/v1/reviews/${id}/claim` : '/v1/reviews/claim',
    payload: { agent, ...(leaseToken ? { leaseToken } : {}) },
  });

describe('GET /v1/reviews', () => {
  it('lists waiting drafts by priority, then by the earliest replyBy', async () => {
    await addDraft('p3-late', 'P3', '2026-11-27T18:00:00+09:00');
    await addDraft('p1-late', 'P1', '2026-11-26T12:00:00+09:00');
    await addDraft('p3-early', 'P3', '2026-11-26T18:00:00+09:00');
    await addDraft('p1-early', 'P1', '2026-11-26T11:00:00+09:00');
    await addDraft('p2', 'P2', '2026-11-25T09:00:00+09:00');
    const list = (await app.inject({ method: 'GET', url: '/v1/reviews' })).json();
    expect(list.total).toBe(5);
    expect(list.items.map((i: { id: string }) => i.id)).toEqual(['p1-early', 'p1-late', 'p2', 'p3-early', 'p3-late']);
    expect(list.items[0]).toMatchObject({ status: 'pending', source: 'triage' });
  });

  it('adds a draft once, however often its job runs', async () => {
    await addDraft('twice', 'P2', '2026-11-26T12:00:00+09:00');
    await addDraft('twice', 'P2', '2026-11-26T12:00:00+09:00');
    expect((await app.inject({ method: 'GET', url: '/v1/reviews' })).json().total).toBe(1);
  });
});

describe('claiming', () => {
  it('never gives the same draft to two agents, however many claim at once', async () => {
    for (let i = 0; i < 5; i++) await addDraft(`d${i}`, 'P2', `2026-11-26T1${i}:00:00+09:00`);
    // Twenty agents on five connections of their own, all at once.
    const connections = Array.from({ length: 5 }, () => createRedisClient(config, {}));
    try {
      const queues = connections.map((c) => new ReviewQueue(c, { prefix: config.queuePrefix, leaseMs: 60_000, keepDecidedSeconds: 60 }));
      const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => queues[i % 5]!.claim(`agent-${i}`)));
      const won = claims.filter((c) => c !== undefined);
      expect(won).toHaveLength(5);
      expect(new Set(won.map((c) => c.item.id)).size).toBe(5);
      expect(new Set(won.map((c) => c.lease.token)).size).toBe(5);
    } finally {
      connections.forEach((c) => c.disconnect());
    }
    expect((await claim('late-agent')).statusCode).toBe(204);
  });

  it('gives the most urgent free draft and shows who holds it', async () => {
    await addDraft('calm', 'P3', '2026-11-26T12:00:00+09:00');
    await addDraft('hot', 'P1', '2026-11-26T12:00:00+09:00');
    const first = (await claim('sato')).json();
    expect(first.item.id).toBe('hot');
    expect(first.lease).toMatchObject({ agent: 'sato', token: expect.any(String) });
    expect((await claim('suzuki')).json().item.id).toBe('calm');
    const listed = (await app.inject({ method: 'GET', url: '/v1/reviews' })).json().items;
    expect(listed[0]).toMatchObject({ id: 'hot', status: 'claimed', claim: { agent: 'sato' } });
  });

  it('answers 409 when another agent holds the draft, and hands it over once the lease lapses', async () => {
    const redis = createRedisClient(config, {});
    const shortLeases = new ReviewQueue(redis, { prefix: config.queuePrefix, leaseMs: 300, keepDecidedSeconds: 60 });
    await addDraft('contested', 'P2', '2026-11-26T12:00:00+09:00');
    await shortLeases.claim('sato', 'contested');
    const taken = await claim('suzuki', 'contested');
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ type: 'urn:ondo:problem:review-claimed', detail: expect.stringContaining('sato') });
    await new Promise((r) => setTimeout(r, 400)); // the lease is a Redis TTL: nothing to await but time
    expect((await claim('suzuki', 'contested')).json().lease.agent).toBe('suzuki');
    redis.disconnect();
  });

  it('renews a lease for the agent holding the token, and releases it back to the queue', async () => {
    await addDraft('mine', 'P2', '2026-11-26T12:00:00+09:00');
    const { lease } = (await claim('sato', 'mine')).json();
    const renewed = (await claim('sato', 'mine', lease.token)).json();
    expect(renewed.lease.token).toBe(lease.token);
    const released = await app.inject({ method: 'POST', url: '/v1/reviews/mine/release', payload: { leaseToken: lease.token } });
    expect(released.json().status).toBe('pending');
    expect((await claim('suzuki')).json().item.id).toBe('mine');
  });
});

describe('deciding', () => {
  it('approves an edited draft, lints the edits and returns the findings', async () => {
    const draft = await addDraft('angry', 'P1', '2026-11-26T12:00:00+09:00', FURIOUS_MAIL);
    const { lease } = (await claim('sato', 'angry')).json();
    const edited = `${draft.draft.text}\nなお、返金はできません。`;
    const res = await app.inject({ method: 'POST', url: '/v1/reviews/angry/approve', payload: { leaseToken: lease.token, text: edited } });
    expect(res.statusCode).toBe(200);
    const { item, lint } = res.json();
    expect(lint.map((f: { ruleId: string }) => f.ruleId)).toContain('bare-refusal');
    expect(item).toMatchObject({
      status: 'approved',
      decision: { agent: 'sato', edited: true, text: edited, subject: draft.draft.subject },
    });
    expect(item.decision.lint).toEqual(lint);
    expect((await app.inject({ method: 'GET', url: '/v1/reviews' })).json().total).toBe(0);
  });

  it('approves an unedited draft with no findings', async () => {
    await addDraft('as-is', 'P3', '2026-11-26T12:00:00+09:00');
    const { lease } = (await claim('sato', 'as-is')).json();
    const { item, lint } = (
      await app.inject({ method: 'POST', url: '/v1/reviews/as-is/approve', payload: { leaseToken: lease.token } })
    ).json();
    expect(lint).toEqual([]);
    expect(item.decision.edited).toBe(false);
  });

  it('rejects a draft with a reason', async () => {
    await addDraft('no', 'P3', '2026-11-26T12:00:00+09:00');
    const { lease } = (await claim('sato', 'no')).json();
    const res = await app.inject({
      method: 'POST',
      url: '/v1/reviews/no/reject',
      payload: { leaseToken: lease.token, reason: 'お客様とは電話で解決済みのため' },
    });
    // The same shape as an approval: the decided item, and the linter's findings (none for a rejection).
    expect(res.json()).toEqual({ item: expect.objectContaining({ status: 'rejected' }), lint: [] });
    expect(res.json().item).toMatchObject({ decision: { status: 'rejected', agent: 'sato', reason: 'お客様とは電話で解決済みのため' } });
  });

  it('refuses a decision without the lease (409 lease-lost) and a second decision (409 review-decided)', async () => {
    await addDraft('guarded', 'P2', '2026-11-26T12:00:00+09:00');
    const { lease } = (await claim('sato', 'guarded')).json();
    const stranger = await app.inject({ method: 'POST', url: '/v1/reviews/guarded/approve', payload: { leaseToken: 'not-the-token' } });
    expect(stranger.statusCode).toBe(409);
    expect(stranger.json().type).toBe('urn:ondo:problem:lease-lost');
    await app.inject({ method: 'POST', url: '/v1/reviews/guarded/approve', payload: { leaseToken: lease.token } });
    const twice = await app.inject({
      method: 'POST',
      url: '/v1/reviews/guarded/reject',
      payload: { leaseToken: lease.token, reason: '重複' },
    });
    expect(twice.json().type).toBe('urn:ondo:problem:review-decided');
    expect((await claim('suzuki', 'guarded')).json().type).toBe('urn:ondo:problem:review-decided');
  });

  it('answers 404 for a draft that does not exist', async () => {
    expect((await app.inject({ method: 'GET', url: '/v1/reviews/nothing' })).statusCode).toBe(404);
    expect((await claim('sato', 'nothing')).statusCode).toBe(404);
  });
});
