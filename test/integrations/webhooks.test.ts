import { readFileSync } from 'node:fs';
import type { Queue } from 'bullmq';
import iconv from 'iconv-lite';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ZENDESK_TEST_SECRET } from '../../src/integrations/zendesk/webhook.js';
import { createQueueClock } from '../../src/queue/clock.js';
import { queueTestApp } from '../queue/support.js';
import {
  basicAuth,
  deleteQueueKeys,
  FRESHDESK_TOKEN,
  integrationTestConfig,
  mailgunFields,
  multipart,
  standardHeaders,
  ZENDESK_SECRET,
  zendeskHeaders,
} from './support.js';

let now = new Date();
const config = integrationTestConfig(
  'webhooks',
  'http://127.0.0.1:9',
  {},
  { zendesk: { signingSecrets: [ZENDESK_SECRET, ZENDESK_TEST_SECRET] } },
);
let app: FastifyInstance;

beforeAll(async () => {
  app = await queueTestApp(
    config,
    createQueueClock(1, () => now),
  );
});
afterEach(async () => {
  now = new Date();
  await app.queue.queues.triage.obliterate({ force: true });
  await app.integrations.deliveries.queue.obliterate({ force: true });
  await deleteQueueKeys(config);
});
afterAll(async () => {
  await app.close();
});

interface Recorded {
  now: string;
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
}
const recorded = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/requests/${name}.json`, import.meta.url), 'utf8')) as Recorded;

async function replay(request: Recorded) {
  now = new Date(request.now);
  return app.inject({ method: request.method, url: request.url, headers: request.headers, payload: request.body });
}

async function jobCounts() {
  const count = async (q: Pick<Queue, 'getJobCounts'>) =>
    Object.values(await q.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed')).reduce((a, b) => a + b, 0);
  return { triage: await count(app.queue.queues.triage), deliveries: await count(app.integrations.deliveries.queue) };
}

const post = (url: string, headers: Record<string, string>, payload: string | Buffer) =>
  app.inject({ method: 'POST', url, headers, payload });

const ZENDESK_BODY = JSON.stringify({
  ticket_id: '4242',
  subject: '注文の件',
  latest_comment: 'もう三回目の問い合わせです。いい加減にしてください。至急返金してください。',
  requester: 'yamada@example.jp',
});

describe('POST /webhooks/zendesk', () => {
  it("accepts the request signed with Zendesk's test secret (the reference vector) and queues exactly one job", async () => {
    const response = await replay(recorded('zendesk-test-secret'));
    expect(response.statusCode).toBe(202);
    const { status, jobId, deliveryId } = response.json();
    expect(status).toBe('accepted');
    expect(jobId).toMatch(/^t[0-9a-f]{12}-hook-[0-9a-f]{32}$/);
    expect(deliveryId).toMatch(/^t[0-9a-f]{12}-note-[0-9a-f]{32}$/);
    expect(response.headers.location).toBe(`/v1/deliveries/${deliveryId}`);
    expect(await jobCounts()).toEqual({ triage: 1, deliveries: 1 });
    const job = await app.queue.queues.triage.getJob(jobId);
    expect(job!.data.request).toMatchObject({ subject: '【至急】注文の件', body: '商品が届きません。' });
  });

  it('answers the same invocation twice with one job (200 duplicate the second time)', async () => {
    const headers = zendeskHeaders(ZENDESK_BODY, { invocation: 'inv-1' });
    const first = await post('/webhooks/zendesk/acme', headers, ZENDESK_BODY);
    const second = await post('/webhooks/zendesk/acme', headers, ZENDESK_BODY);
    expect(first.statusCode).toBe(202);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual({ ...first.json(), status: 'duplicate' });
    expect(await jobCounts()).toEqual({ triage: 1, deliveries: 1 });
  });

  it('treats a re-fired trigger for the same comment (a new invocation id) as a duplicate', async () => {
    await post('/webhooks/zendesk/acme', zendeskHeaders(ZENDESK_BODY, { invocation: 'inv-a' }), ZENDESK_BODY);
    const again = await post('/webhooks/zendesk/acme', zendeskHeaders(ZENDESK_BODY, { invocation: 'inv-b' }), ZENDESK_BODY);
    expect(again.json().status).toBe('duplicate');
    expect(await jobCounts()).toEqual({ triage: 1, deliveries: 1 });
  });

  it('accepts the old secret during a rotation', async () => {
    const response = await post('/webhooks/zendesk/acme', zendeskHeaders(ZENDESK_BODY, { secret: ZENDESK_TEST_SECRET }), ZENDESK_BODY);
    expect(response.statusCode).toBe(202);
  });

  it('answers 401 problem+json for a tampered body and queues nothing', async () => {
    const headers = zendeskHeaders(ZENDESK_BODY);
    const response = await post('/webhooks/zendesk/acme', headers, ZENDESK_BODY.replace('4242', '4243'));
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ type: 'urn:ondo:problem:invalid-signature', reason: 'invalid-signature' });
    expect(await jobCounts()).toEqual({ triage: 0, deliveries: 0 });
  });

  it('answers 401, not 500, for a signature of the wrong length', async () => {
    for (const signature of ['', 'c2hvcnQ=', 'not base64 at all!!', 'A'.repeat(200)]) {
      const headers = { ...zendeskHeaders(ZENDESK_BODY), 'x-zendesk-webhook-signature': signature };
      const response = await post('/webhooks/zendesk/acme', headers, ZENDESK_BODY);
      expect(response.statusCode, signature).toBe(401);
    }
  });

  it('answers 401 for a correctly signed request older than five minutes', async () => {
    const stale = new Date(Date.now() - 6 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const response = await post('/webhooks/zendesk/acme', zendeskHeaders(ZENDESK_BODY, { timestamp: stale }), ZENDESK_BODY);
    expect(response.statusCode).toBe(401);
    expect(response.json().reason).toBe('stale-timestamp');
  });

  it('verifies before parsing: an unsigned request with a broken body is a 401, not a 400', async () => {
    const response = await post('/webhooks/zendesk/acme', { 'content-type': 'application/json' }, '{"ticket_id": ');
    expect(response.statusCode).toBe(401);
  });

  it("ignores the trigger fired by ondo's own note", async () => {
    const body = JSON.stringify({ ticket_id: '4242', latest_comment: '【ondo 下書き】…\nondo 参照ID: ondo-abc' });
    const response = await post('/webhooks/zendesk/acme', zendeskHeaders(body), body);
    expect(response.json()).toEqual({ status: 'ignored' });
    expect(await jobCounts()).toEqual({ triage: 0, deliveries: 0 });
  });

  it('answers an integration that is not configured like a bad signature (ids cannot be enumerated)', async () => {
    const response = await post('/webhooks/zendesk/other', zendeskHeaders(ZENDESK_BODY), ZENDESK_BODY);
    expect(response.statusCode).toBe(401);
    expect(response.json().type).toBe('urn:ondo:problem:invalid-signature');
  });
});

describe('POST /webhooks/freshdesk', () => {
  const simple = JSON.stringify({
    freshdesk_webhook: {
      ticket_id: 77,
      ticket_subject: '返金について',
      ticket_description: '<div>返金はいつになりますか。何度もお願いしています。</div>',
      requester_email: 'sato@example.jp',
    },
  });

  it('accepts the Simple payload with the shared token; the same body twice is one job', async () => {
    const headers = { 'content-type': 'application/json', 'x-ondo-token': FRESHDESK_TOKEN };
    const first = await post('/webhooks/freshdesk/acme', headers, simple);
    const second = await post('/webhooks/freshdesk/acme', headers, simple);
    expect([first.statusCode, second.statusCode]).toEqual([202, 200]);
    expect(await jobCounts()).toEqual({ triage: 1, deliveries: 1 });
    const job = await app.queue.queues.triage.getJob(first.json().jobId);
    expect(job!.data.request.body).toBe('返金はいつになりますか。何度もお願いしています。');
  });

  it('accepts the Advanced template payload', async () => {
    const body = JSON.stringify({ ticket_id: '78', subject: '配送', latest_comment: '届いた商品が壊れていました。' });
    const response = await post('/webhooks/freshdesk/acme', { 'content-type': 'application/json', 'x-ondo-token': FRESHDESK_TOKEN }, body);
    expect(response.statusCode).toBe(202);
  });

  it('answers 401 for a missing or wrong token, whatever its length', async () => {
    for (const token of [undefined, 'x', FRESHDESK_TOKEN.slice(0, -1), `${FRESHDESK_TOKEN}0`]) {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        ...(token === undefined ? {} : { 'x-ondo-token': token }),
      };
      expect((await post('/webhooks/freshdesk/acme', headers, simple)).statusCode).toBe(401);
    }
    expect(await jobCounts()).toEqual({ triage: 0, deliveries: 0 });
  });
});

describe('POST /webhooks/generic', () => {
  const body = JSON.stringify({
    ticket: { id: 'CASE-1' },
    message: { id: 'm-1', subject: '請求の件', body: '請求額が間違っています。確認をお願いします。' },
  });

  it('verifies the Standard Webhooks spec example: authentic, so the answer is about the payload (400), not the signature', async () => {
    const response = await replay(recorded('generic-spec-vector'));
    expect(response.statusCode).toBe(400);
    expect(response.json().type).toBe('urn:ondo:problem:validation');
  });

  it('accepts a signed message once per webhook-id', async () => {
    const headers = standardHeaders(body, { id: 'msg_1' });
    expect((await post('/webhooks/generic/tools', headers, body)).statusCode).toBe(202);
    expect((await post('/webhooks/generic/tools', headers, body)).statusCode).toBe(200);
    expect(await jobCounts()).toEqual({ triage: 1, deliveries: 1 });
  });

  it('answers 401 for a tampered body, a wrong-length signature and a stale timestamp', async () => {
    const headers = standardHeaders(body);
    expect((await post('/webhooks/generic/tools', headers, body.replace('CASE-1', 'CASE-2'))).statusCode).toBe(401);
    expect((await post('/webhooks/generic/tools', { ...headers, 'webhook-signature': 'v1,c2hvcnQ=' }, body)).statusCode).toBe(401);
    const stale = standardHeaders(body, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect((await post('/webhooks/generic/tools', stale, body)).json().reason).toBe('stale-timestamp');
    expect(await jobCounts()).toEqual({ triage: 0, deliveries: 0 });
  });
});

describe('POST /webhooks/postmark', () => {
  const body = JSON.stringify({
    MessageID: '22c74902-a0c1-4511-804f-341342852c90',
    From: 'kimura@example.jp',
    Subject: 'ログインできません',
    TextBody: 'パスワードを再設定してもログインできません。\n\n> 以前のメール',
    Headers: [{ Name: 'Message-ID', Value: '<pm-1@mail.example.jp>' }],
  });

  it('accepts Basic credentials and dedupes on MessageID', async () => {
    const headers = { 'content-type': 'application/json', authorization: basicAuth() };
    expect((await post('/webhooks/postmark/acme', headers, body)).statusCode).toBe(202);
    expect((await post('/webhooks/postmark/acme', headers, body)).statusCode).toBe(200);
    expect(await jobCounts()).toEqual({ triage: 1, deliveries: 1 });
  });

  it('answers 401 without or with wrong credentials', async () => {
    expect((await post('/webhooks/postmark/acme', { 'content-type': 'application/json' }, body)).statusCode).toBe(401);
    expect(
      (await post('/webhooks/postmark/acme', { 'content-type': 'application/json', authorization: basicAuth('ondo:wrong') }, body))
        .statusCode,
    ).toBe(401);
  });
});

describe('POST /webhooks/sendgrid', () => {
  const text = 'お世話になっております。注文した商品がまだ届きません。いつ届くのでしょうか。';

  it("decodes Shift_JIS text in parsed mode with the charsets field (not busboy's UTF-8)", async () => {
    const { body, contentType } = multipart({
      headers: 'Message-ID: <sg-1@mail.example.jp>\r\nSubject: =?UTF-8?B?6YWN6YCB?=\r\n',
      from: '鈴木 <suzuki@example.jp>',
      subject: '配送の件',
      text: iconv.encode(text, 'Shift_JIS'),
      charsets: JSON.stringify({ to: 'UTF-8', from: 'UTF-8', subject: 'UTF-8', text: 'Shift_JIS' }),
    });
    const response = await post('/webhooks/sendgrid/acme', { 'content-type': contentType, authorization: basicAuth() }, body);
    expect(response.statusCode).toBe(202);
    const job = await app.queue.queues.triage.getJob(response.json().jobId);
    expect(job!.data.request).toMatchObject({ subject: '配送の件', body: text });
  });

  it('reads the MIME mail in raw mode', async () => {
    const mail = Buffer.concat([
      Buffer.from(
        'From: suzuki@example.jp\r\nTo: support@acme.example\r\nSubject: Delivery\r\nMessage-ID: <raw-1@mail.example.jp>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=Shift_JIS\r\nContent-Transfer-Encoding: 8bit\r\n\r\n',
      ),
      iconv.encode(`${text}\r\n`, 'Shift_JIS'),
    ]);
    const { body, contentType } = multipart({ email: mail, to: 'support@acme.example' });
    const response = await post('/webhooks/sendgrid/acme', { 'content-type': contentType, authorization: basicAuth() }, body);
    expect(response.statusCode).toBe(202);
    const job = await app.queue.queues.triage.getJob(response.json().jobId);
    expect(job!.data.request.body).toBe(text);
    expect(job!.data.messageId).toBe('<raw-1@mail.example.jp>');
  });

  it('answers 401 without credentials', async () => {
    const { body, contentType } = multipart({ text: 'x', subject: 'y' });
    expect((await post('/webhooks/sendgrid/acme', { 'content-type': contentType }, body)).statusCode).toBe(401);
  });
});

describe('POST /webhooks/mailgun', () => {
  it('accepts the reference vector (timestamp + token signed with the signing key)', async () => {
    const response = await replay(recorded('mailgun-vector'));
    expect(response.statusCode).toBe(202);
    expect(await jobCounts()).toEqual({ triage: 1, deliveries: 1 });
  });

  it('accepts each token once', async () => {
    const body = mailgunFields({ subject: '至急', 'body-plain': '至急対応してください。' }, { token: 't'.repeat(50) });
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    expect((await post('/webhooks/mailgun/acme', headers, body)).statusCode).toBe(202);
    expect((await post('/webhooks/mailgun/acme', headers, body)).statusCode).toBe(200);
    expect(await jobCounts()).toEqual({ triage: 1, deliveries: 1 });
  });

  it('answers 401 for a wrong-length signature and a stale timestamp', async () => {
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const good = new URLSearchParams(mailgunFields({ 'body-plain': 'テスト' }));
    good.set('signature', 'abc');
    expect((await post('/webhooks/mailgun/acme', headers, good.toString())).statusCode).toBe(401);
    const stale = mailgunFields({ 'body-plain': 'テスト' }, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect((await post('/webhooks/mailgun/acme', headers, stale)).json().reason).toBe('stale-timestamp');
    expect(await jobCounts()).toEqual({ triage: 0, deliveries: 0 });
  });
});
