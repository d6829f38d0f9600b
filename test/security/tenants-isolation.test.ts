/**
 * Issue 19 row 4: two API keys are two tenants. Bob never sees, claims, approves, retries or
 * deletes what Alice queued — through any queue route of the real route table — and gets the
 * same 404 as for an id that does not exist. Keys without a tenant (the old API_KEYS format) are
 * each a tenant of their own, so this file runs unchanged against the code before tenants.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../../src/config/api-keys.js';
import { buildApp } from '../../src/http/app.js';
import type { RunningDeliveryJobWorker } from '../../src/integrations/delivery-job-worker.js';
import { startDeliveryJobWorker } from '../../src/integrations/delivery-job-worker.js';
import type { RunningDraftJobWorkers } from '../../src/queue/draft-job-workers.js';
import { FakeHelpdesk, integrationTestConfig, silentLog, waitUntil, zendeskHeaders } from '../integrations/support.js';
import { closeStack } from '../support/teardown.js';
import { sharedTokenizer } from '../support/engine.js';
import { CALM_MAIL, FURIOUS_MAIL, testWorkers } from '../queue/support.js';
import { collectRoutes, type RegisteredRoute } from './route-table.js';

const alice = newApiKey('alice');
const bob = newApiKey('bob');
const helpdesk = await new FakeHelpdesk().start();
// Alice's helpdesk: its webhooks make Alice's jobs and deliveries.
const config = integrationTestConfig(
  'tenants-isolation',
  helpdesk.url,
  { apiKeys: [alice.entry, bob.entry], rateLimitPerKey: 1_000_000, feedback: true },
  { zendesk: { tenant: 'alice' } },
);

let app: FastifyInstance;
let routes: RegisteredRoute[];
let workers: RunningDraftJobWorkers;
let deliveries: RunningDeliveryJobWorker;
/** What Alice owns once the setup ran. */
const owned = { jobId: '', reviewId: '', hookJobId: '', deliveryId: '', caseId: 'case-alice-1' };

const as = (key: { key: string }) => ({ authorization: `Bearer ${key.key}` });
const call = (
  who: { key: string },
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) => app.inject({ method, url, headers: { ...as(who), ...headers }, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  ({ built: app, routes } = await collectRoutes(async () => {
    const built = await buildApp({ config, logger: false, tokenizer: sharedTokenizer() });
    await built.ready();
    await built.analysis.ready;
    return built;
  }));
  workers = await testWorkers(app, config);
  deliveries = startDeliveryJobWorker({ config, log: silentLog });

  const queued = await call(alice, 'POST', '/v1/triage/jobs', FURIOUS_MAIL, { 'idempotency-key': 'ticket-1' });
  expect(queued.statusCode).toBe(202);
  owned.jobId = queued.json().job.id;
  const done = await waitUntil(async () => {
    const job = (await call(alice, 'GET', `/v1/triage/jobs/${owned.jobId}`)).json();
    return job.state === 'completed' ? job : undefined;
  }, "Alice's job to complete");
  owned.reviewId = done.reviewId;

  const body = JSON.stringify({
    ticket_id: '4242',
    subject: '注文の件',
    latest_comment: 'まだ届きません。いつ届くのですか。',
    requester: 'yamada@example.jp',
  });
  const hook = await app.inject({ method: 'POST', url: '/webhooks/zendesk/acme', headers: zendeskHeaders(body), payload: body });
  expect(hook.statusCode).toBe(202);
  owned.hookJobId = hook.json().jobId;
  owned.deliveryId = hook.json().deliveryId;
  await waitUntil(
    async () => (await call(alice, 'GET', `/v1/deliveries/${owned.deliveryId}`)).json().state === 'completed',
    "Alice's note to be delivered",
  );

  const scheduled = await call(alice, 'POST', '/v1/followups', {
    caseId: owned.caseId,
    customerName: '山田',
    lastContactAt: new Date().toISOString(),
  });
  expect(scheduled.statusCode).toBe(201);
}, 60_000);
afterAll(() => closeStack(config, { deliveries, workers, app, fakes: [helpdesk] }));

/** Every queue route that names one of Alice's things, with a body that passes validation. */
const BY_ID: Record<string, (o: typeof owned) => { url: string; payload?: object }> = {
  'GET /v1/triage/jobs/:id': (o) => ({ url: `/v1/triage/jobs/${o.jobId}` }),
  'POST /v1/triage/jobs/:id/retry': (o) => ({ url: `/v1/triage/jobs/${o.jobId}/retry` }),
  'GET /v1/reviews/:id': (o) => ({ url: `/v1/reviews/${o.reviewId}` }),
  'GET /v1/reviews/:id/mail': (o) => ({ url: `/v1/reviews/${o.reviewId}/mail` }),
  'POST /v1/reviews/:id/claim': (o) => ({ url: `/v1/reviews/${o.reviewId}/claim`, payload: { agent: 'bob' } }),
  'POST /v1/reviews/:id/release': (o) => ({ url: `/v1/reviews/${o.reviewId}/release`, payload: { leaseToken: 'guessed' } }),
  'POST /v1/reviews/:id/approve': (o) => ({ url: `/v1/reviews/${o.reviewId}/approve`, payload: { leaseToken: 'guessed' } }),
  'POST /v1/reviews/:id/reject': (o) => ({ url: `/v1/reviews/${o.reviewId}/reject`, payload: { leaseToken: 'guessed', reason: '不要' } }),
  'GET /v1/followups/:caseId': (o) => ({ url: `/v1/followups/${o.caseId}` }),
  'DELETE /v1/followups/:caseId': (o) => ({ url: `/v1/followups/${o.caseId}` }),
  'GET /v1/deliveries/:id': (o) => ({ url: `/v1/deliveries/${o.deliveryId}` }),
  'POST /v1/deliveries/:id/replay': (o) => ({ url: `/v1/deliveries/${o.deliveryId}/replay` }),
};

const QUEUE_PREFIXES = ['/v1/triage/jobs', '/v1/reviews', '/v1/followups', '/v1/deliveries'];

describe('two tenants on one ondo', () => {
  it('covers every queue route that takes an id', () => {
    const withIds = routes.filter((r) => QUEUE_PREFIXES.some((p) => r.url.startsWith(p)) && r.url.includes('/:') && r.method !== 'HEAD');
    expect(withIds.map((r) => `${r.method} ${r.url}`).sort()).toEqual(Object.keys(BY_ID).sort());
  });

  it.each(Object.entries(BY_ID))("answers Bob's %s on Alice's id with 404 not-found", async (route, target) => {
    const { url, payload } = target(owned);
    const answer = await call(bob, route.split(' ')[0] as 'GET', url, payload);
    expect(answer.statusCode).toBe(404);
    expect(answer.json().type).toBe('urn:ondo:problem:not-found');
  });

  it("leaves Alice's things as they were after Bob's attempts", async () => {
    expect((await call(alice, 'GET', `/v1/reviews/${owned.reviewId}`)).json()).toMatchObject({ status: 'pending' });
    expect((await call(alice, 'GET', `/v1/followups/${owned.caseId}`)).statusCode).toBe(200);
    expect((await call(alice, 'GET', `/v1/triage/jobs/${owned.jobId}`)).json()).toMatchObject({
      state: 'completed',
      reviewId: owned.reviewId,
    });
  });

  it("lists none of Alice's jobs, drafts or deliveries to Bob, and all of them to Alice", async () => {
    const bobJobs = (await call(bob, 'GET', '/v1/triage/jobs?state=completed')).json();
    expect(bobJobs.jobs).toEqual([]);
    expect(bobJobs.counts.completed).toBe(0);
    const aliceJobs = (await call(alice, 'GET', '/v1/triage/jobs?state=completed')).json();
    expect(aliceJobs.jobs.map((j: { id: string }) => j.id).sort()).toEqual([owned.jobId, owned.hookJobId].sort());

    expect((await call(bob, 'GET', '/v1/reviews')).json()).toEqual({ total: 0, items: [] });
    expect((await call(alice, 'GET', '/v1/reviews')).json().items.map((i: { id: string }) => i.id)).toContain(owned.reviewId);

    const bobDeliveries = (await call(bob, 'GET', '/v1/deliveries?state=completed')).json();
    expect(bobDeliveries.deliveries).toEqual([]);
    expect(bobDeliveries.counts.completed).toBe(0);
    expect((await call(alice, 'GET', '/v1/deliveries?state=completed')).json().deliveries.map((d: { id: string }) => d.id)).toEqual([
      owned.deliveryId,
    ]);
  });

  it("never hands Bob Alice's draft when he claims the next one", async () => {
    expect((await call(bob, 'POST', '/v1/reviews/claim', { agent: 'bob' })).statusCode).toBe(204);
    const claimed = await call(alice, 'POST', '/v1/reviews/claim', { agent: 'alice' });
    expect(claimed.statusCode).toBe(200);
    const token = claimed.json().lease.token;
    // Even with Alice's lease token in hand, Bob can neither approve nor reject her draft.
    expect((await call(bob, 'POST', `/v1/reviews/${owned.reviewId}/approve`, { leaseToken: token })).statusCode).toBe(404);
    expect((await call(bob, 'POST', `/v1/reviews/${owned.reviewId}/reject`, { leaseToken: token, reason: '不要' })).statusCode).toBe(404);
    expect((await call(alice, 'POST', `/v1/reviews/${owned.reviewId}/release`, { leaseToken: token })).statusCode).toBe(200);
  });

  it("gives Bob his own Idempotency-Keys: Alice's key neither replays her job to him nor refuses his mail", async () => {
    const sameMail = await call(bob, 'POST', '/v1/triage/jobs', FURIOUS_MAIL, { 'idempotency-key': 'ticket-1' });
    expect(sameMail.statusCode).toBe(202);
    expect(sameMail.json().job.id).not.toBe(owned.jobId);
    const otherMail = await call(bob, 'POST', '/v1/triage/jobs', CALM_MAIL, { 'idempotency-key': 'ticket-1-other' });
    expect(otherMail.statusCode).toBe(202);
    const reused = await call(bob, 'POST', '/v1/triage/jobs', CALM_MAIL, { 'idempotency-key': 'ticket-1' });
    expect(reused.statusCode).toBe(422);
  });

  it("keeps case ids per tenant: Bob's schedule and mail for the same case id leave Alice's reminders alone", async () => {
    const before = (await call(alice, 'GET', `/v1/followups/${owned.caseId}`)).json();
    expect((await call(bob, 'POST', '/v1/followups', { caseId: owned.caseId, customerName: '佐藤' })).statusCode).toBe(201);
    expect((await call(bob, 'POST', '/v1/triage/jobs', { ...CALM_MAIL, caseId: owned.caseId })).statusCode).toBe(202);
    const after = (await call(alice, 'GET', `/v1/followups/${owned.caseId}`)).json();
    expect(after.jobs.map((j: { jobId: string }) => j.jobId)).toEqual(before.jobs.map((j: { jobId: string }) => j.jobId));
  });

  it("keeps each tenant's corrections (feedback) to itself", async () => {
    const tone = (await call(alice, 'POST', '/v1/analyze', FURIOUS_MAIL)).json();
    const stored = await call(alice, 'POST', '/v1/feedback', {
      mail: FURIOUS_MAIL,
      ondo: { level: tone.level, dictionaryVersion: tone.dictionaryVersion },
      agent: { level: 'angry' },
    });
    expect(stored.statusCode).toBe(201);
    const { id } = stored.json();
    expect((await call(bob, 'GET', `/v1/feedback/${id}`)).statusCode).toBe(404);
    expect((await call(bob, 'DELETE', `/v1/feedback/${id}`)).statusCode).toBe(404);
    expect((await call(bob, 'GET', '/v1/feedback')).json().items).toEqual([]);
    expect((await call(alice, 'GET', `/v1/feedback/${id}`)).statusCode).toBe(200);
  });
});
