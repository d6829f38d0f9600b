/**
 * Issue 19 rows 2 and 3 through the webhooks: provider text is size-checked before it is
 * converted or cleaned, and a mail ondo can never read is answered so that the provider stops
 * retrying (Postmark retries every answer but 403 for hours), with nothing queued.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queueTestApp } from '../queue/support.js';
import { basicAuth, deleteQueueKeys, integrationTestConfig, standardHeaders } from '../integrations/support.js';

const config = integrationTestConfig('sec-text-webhooks', 'http://127.0.0.1:9');
let app: FastifyInstance;
beforeAll(async () => {
  app = await queueTestApp(config);
});
afterEach(async () => {
  await app.queue.queues.triage.obliterate({ force: true });
  await app.integrations.deliveries.queue.obliterate({ force: true });
});
afterAll(async () => {
  await app.close();
  await deleteQueueKeys(config);
});

const postmark = (fields: Record<string, unknown>) =>
  app.inject({
    method: 'POST',
    url: '/webhooks/postmark/acme',
    headers: { 'content-type': 'application/json', authorization: basicAuth() },
    payload: JSON.stringify({ MessageID: `pm-${Math.random()}`, From: 'kimura@example.jp', Subject: 'お問い合わせ', ...fields }),
  });

async function queuedJobs(): Promise<number> {
  const counts = await app.queue.queues.triage.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed');
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

describe('Postmark webhook with a mail ondo cannot read', () => {
  it('answers 403 (Postmark stops retrying) for HTML nested 20,000 deep, quickly, and queues nothing', async () => {
    const started = performance.now();
    const res = await postmark({ HtmlBody: '<ul><li>'.repeat(20_000) + '届きません' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ type: 'urn:ondo:problem:undecodable-mail', reason: 'html-too-deep', status: 403 });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(await queuedJobs()).toBe(0);
  });

  it('answers 403 for text over MAX_BODY_BYTES, before cleaning it', async () => {
    const res = await postmark({ TextBody: 'お問い合わせです\n' + '━━━━\n'.repeat(30_000) });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ type: 'urn:ondo:problem:payload-too-large' });
    expect(await queuedJobs()).toBe(0);
  });

  it('still accepts a readable HTML mail', async () => {
    const res = await postmark({ HtmlBody: '<div><p>三日前に注文した商品が届きません。</p></div>' });
    expect(res.statusCode).toBe(202);
    expect(await queuedJobs()).toBe(1);
  });
});

describe('the generic webhook with a date outside the sensible range', () => {
  const generic = (receivedAt: string) => {
    const body = JSON.stringify({
      type: 'message.received',
      ticket: { id: 'CASE-dates' },
      message: { id: `msg-${Math.random()}`, body: '注文した商品がまだ届きません。至急ご確認ください。', receivedAt },
    });
    return app.inject({ method: 'POST', url: '/webhooks/generic/tools', headers: standardHeaders(body), payload: body });
  };

  it.each(['9999-12-31T00:00:00Z', '0001-01-01T00:00:00Z', '1999-12-31T23:59:59Z'])(
    'answers %s 400 validation naming message.receivedAt, and queues nothing',
    async (receivedAt) => {
      const res = await generic(receivedAt);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ type: 'urn:ondo:problem:validation', errors: [{ path: '/message/receivedAt' }] });
      expect(await queuedJobs()).toBe(0);
    },
  );

  it('still accepts a date within the range', async () => {
    expect((await generic(new Date(Date.now() - 60_000).toISOString())).statusCode).toBe(202);
  });
});

describe("a Postmark mail whose own Date header is outside the sensible range (the sender's clock)", () => {
  it.each(['Fri, 31 Dec 9999 23:59:59 +0900', 'Fri, 31 Dec 1999 23:00:00 +0000'])('is queued as received now, not at %s', async (date) => {
    const res = await postmark({ TextBody: '注文した商品がまだ届きません。至急ご確認ください。', Date: date });
    expect(res.statusCode).toBe(202);
    const job = await app.queue.queues.triage.getJob(res.json().jobId);
    expect(Math.abs(Date.parse(job!.data.request.receivedAt) - Date.now())).toBeLessThan(600_000);
  });
});
