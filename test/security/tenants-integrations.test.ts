/**
 * Issue 19 row 5 and the integrations' tenants: a client's Idempotency-Key can never name a
 * webhook's job (it used to be the same namespace: sending `ondo-integration/zendesk/…` first made
 * the genuine webhook fail 422 forever, or hand it the attacker's job with attacker-chosen names);
 * a webhook's jobs and deliveries belong to its integration's tenant. The keys use the old API_KEYS
 * format (each key its own tenant), so this file also runs against the code before tenants.
 */
import { describe, expect, it } from 'vitest';
import { newApiKey } from '../../src/config/api-keys.js';
import { integrationTestConfig } from '../integrations/support.js';
import { appForFile, TICKET_TEXT, tenantRequests } from './tenants-support.js';

// A key without a tenant is the tenant of its name: "acme" is the tenant of the acme Zendesk.
const desk = newApiKey('acme');
const other = newApiKey('other');
const config = integrationTestConfig(
  'tenants-integrations',
  'http://127.0.0.1:9',
  { apiKeys: [desk.entry, other.entry], rateLimitPerKey: 1_000_000 },
  { zendesk: { tenant: 'acme' } },
);
const app = appForFile(config);

const { webhook, clientJob, get } = tenantRequests(app);

describe("a client's Idempotency-Key against a webhook's message (row 5)", () => {
  it('does not block the genuine webhook: junk queued under its key first, the signed delivery is still accepted', async () => {
    const junk = await clientJob(desk, 'ondo-integration/zendesk/acme/4242/comment-9001', { body: 'テストです。' });
    expect(junk.statusCode).toBe(202);
    const genuine = await webhook(9001);
    expect(genuine.statusCode).toBe(202);
    expect(genuine.json().jobId).not.toBe(junk.json().job.id);
  });

  it("does not hijack it: the same text with the attacker's names stays the attacker's job, the webhook drafts its own", async () => {
    const planted = await clientJob(desk, 'ondo-integration/zendesk/acme/4242/comment-9002', {
      body: TICKET_TEXT,
      subject: '注文の件',
      customerName: '攻撃者',
      agentName: '偽担当',
    });
    expect(planted.statusCode).toBe(202);
    const genuine = await webhook(9002);
    expect(genuine.statusCode).toBe(202);
    const { jobId } = genuine.json();
    expect(jobId).not.toBe(planted.json().job.id);
    const job = await app().queue.queues.triage.getJob(jobId);
    expect(job!.data.request).not.toHaveProperty('customerName');
    expect(job!.data.request).not.toHaveProperty('agentName');
  });
});

describe("an integration's tenant", () => {
  it("owns the webhook's triage job and delivery: its keys see them, another tenant's get 404", async () => {
    const { jobId, deliveryId } = (await webhook(9003)).json();
    expect((await get(desk, `/v1/triage/jobs/${jobId}`)).statusCode).toBe(200);
    expect((await get(desk, `/v1/deliveries/${deliveryId}`)).statusCode).toBe(200);
    expect((await get(other, `/v1/triage/jobs/${jobId}`)).statusCode).toBe(404);
    expect((await get(other, `/v1/deliveries/${deliveryId}`)).statusCode).toBe(404);
  });
});
