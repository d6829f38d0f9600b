/**
 * Issue 19 row 5 and the integrations' tenants: a client's Idempotency-Key can never name a
 * webhook's job (it used to be the same namespace: sending `ondo-integration/zendesk/…` first made
 * the genuine webhook fail 422 forever, or hand it the attacker's job with attacker-chosen names);
 * a webhook's jobs and deliveries belong to its integration's tenant; an admin key sees them all.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../../src/http/access/api-keys.js';
import { deleteQueueKeys, integrationTestConfig, zendeskHeaders } from '../integrations/support.js';
import { queueTestApp } from '../queue/support.js';

const desk = newApiKey('desk', 'acme');
const other = newApiKey('other');
const ops = newApiKey('ops', '*');
const config = integrationTestConfig('tenants-integrations', 'http://127.0.0.1:9', { apiKeys: [desk.entry, other.entry, ops.entry], rateLimitPerKey: 1_000_000 }, { zendesk: { tenant: 'acme' } });
let app: FastifyInstance;

beforeAll(async () => {
  app = await queueTestApp(config);
});
afterAll(async () => {
  await app.close();
  await deleteQueueKeys(config);
});

const as = (key: { key: string }) => ({ authorization: `Bearer ${key.key}` });
const TEXT = '注文した商品がまだ届きません。至急確認してください。';
const webhook = (commentId: number) => {
  const body = JSON.stringify({ ticket_id: '4242', comment_id: commentId, subject: '注文の件', latest_comment: TEXT, requester: 'yamada@example.jp' });
  return app.inject({ method: 'POST', url: '/webhooks/zendesk/acme', headers: zendeskHeaders(body), payload: body });
};
const clientJob = (who: { key: string }, idempotencyKey: string, payload: object) =>
  app.inject({ method: 'POST', url: '/v1/triage/jobs', headers: { ...as(who), 'idempotency-key': idempotencyKey }, payload });

describe("a client's Idempotency-Key against a webhook's message (row 5)", () => {
  it('does not block the genuine webhook: junk queued under its key first, the signed delivery is still accepted', async () => {
    const junk = await clientJob(desk, 'ondo-integration/zendesk/acme/4242/comment-9001', { body: 'テストです。' });
    expect(junk.statusCode).toBe(202);
    const genuine = await webhook(9001);
    expect(genuine.statusCode).toBe(202);
    expect(genuine.json().jobId).not.toBe(junk.json().job.id);
  });

  it("does not hijack it: the same text with the attacker's names stays the attacker's job, the webhook drafts its own", async () => {
    const planted = await clientJob(desk, 'ondo-integration/zendesk/acme/4242/comment-9002', { body: TEXT, subject: '注文の件', customerName: '攻撃者', agentName: '偽担当' });
    expect(planted.statusCode).toBe(202);
    const genuine = await webhook(9002);
    expect(genuine.statusCode).toBe(202);
    const { jobId } = genuine.json();
    expect(jobId).not.toBe(planted.json().job.id);
    const job = await app.queue.queues.triage.getJob(jobId);
    expect(job!.data.request).not.toHaveProperty('customerName');
    expect(job!.data.request).not.toHaveProperty('agentName');
  });
});

describe("an integration's tenant", () => {
  it("owns the webhook's triage job and delivery: its keys see them, another tenant's get 404", async () => {
    const { jobId, deliveryId } = (await webhook(9003)).json();
    expect((await app.inject({ method: 'GET', url: `/v1/triage/jobs/${jobId}`, headers: as(desk) })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/v1/deliveries/${deliveryId}`, headers: as(desk) })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/v1/triage/jobs/${jobId}`, headers: as(other) })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/v1/deliveries/${deliveryId}`, headers: as(other) })).statusCode).toBe(404);
  });
});

describe('an admin key (API_KEYS name@*)', () => {
  it("sees every tenant's jobs and deliveries", async () => {
    const { jobId, deliveryId } = (await webhook(9004)).json();
    const theirs = (await clientJob(other, 'other-1', { body: TEXT })).json().job.id;
    expect((await app.inject({ method: 'GET', url: `/v1/triage/jobs/${jobId}`, headers: as(ops) })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/v1/triage/jobs/${theirs}`, headers: as(ops) })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/v1/deliveries/${deliveryId}`, headers: as(ops) })).statusCode).toBe(200);
    const listed = (await app.inject({ method: 'GET', url: '/v1/triage/jobs?state=queued&limit=500', headers: as(ops) })).json();
    expect(listed.jobs.map((j: { id: string }) => j.id)).toEqual(expect.arrayContaining([jobId, theirs]));
    const ownView = (await app.inject({ method: 'GET', url: '/v1/triage/jobs?state=queued&limit=500', headers: as(other) })).json();
    expect(ownView.jobs.map((j: { id: string }) => j.id)).toEqual([theirs]);
    expect(ownView.counts.queued).toBe(1);
  });
});
