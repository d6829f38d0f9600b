/**
 * Issue 19 rows 11 and 12 (webhooks): an unknown integration id is answered exactly like a bad
 * signature, so ids cannot be enumerated; a Mailgun integration can require Basic credentials as
 * a second factor, or a secret path token in the forward() URL, because Mailgun's signature
 * covers timestamp and token but not the mail.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { requestForLog } from '../../src/http/request-log.js';
import { queueTestApp } from '../queue/support.js';
import {
  basicAuth,
  BASIC,
  deleteQueueKeys,
  integrationTestConfig,
  mailgunFields,
  waitUntil,
  zendeskHeaders,
} from '../integrations/support.js';

const PATH_TOKEN = 'c2VjcmV0LXBhdGgtdG9rZW4tZm9yLW1haWxndW4';
const config = integrationTestConfig('access-webhooks', 'http://127.0.0.1:9', {}, {}, [
  {
    id: 'strict',
    provider: 'mailgun',
    signingKeys: ['mailgun-signing-key-strict'],
    basicAuth: [BASIC],
    callback: { url: 'http://127.0.0.1:9/callback', secrets: ['whsec_Y2FsbGJhY2stc2VjcmV0LWZvci10ZXN0cw=='] },
  },
  {
    id: 'tokened',
    provider: 'mailgun',
    signingKeys: ['mailgun-signing-key-tokened'],
    pathTokens: [PATH_TOKEN],
    callback: { url: 'http://127.0.0.1:9/callback', secrets: ['whsec_Y2FsbGJhY2stc2VjcmV0LWZvci10ZXN0cw=='] },
  },
]);
let app: FastifyInstance;
beforeAll(async () => {
  app = await queueTestApp(config);
  // On a loaded machine Redis may take longer than the plugin's start-up wait: accepted webhooks need it.
  await waitUntil(() => app.integrations.use(async () => true).catch(() => false), 'Redis for the webhook intake');
});
afterAll(async () => {
  await app?.close();
  await deleteQueueKeys(config);
});

const post = (url: string, headers: Record<string, string>, payload: string) => app.inject({ method: 'POST', url, headers, payload });
const answer = (res: { statusCode: number; json: () => Record<string, unknown> }) => {
  const { instance: _instance, ...rest } = res.json();
  return { status: res.statusCode, ...rest };
};

describe('an unknown integration id', () => {
  const body = JSON.stringify({ ticket_id: '4242', latest_comment: '至急返金してください。' });

  it('is answered like a bad signature on a configured one', async () => {
    const unknown = await post('/webhooks/zendesk/not-configured', zendeskHeaders(body), body);
    const badSignature = await post('/webhooks/zendesk/acme', zendeskHeaders(body, { secret: 'somebody-elses-secret' }), body);
    expect(answer(unknown)).toEqual(answer(badSignature));
    expect(unknown.statusCode).toBe(401);
  });

  it('is answered like missing credentials when none are sent', async () => {
    const headers = { 'content-type': 'application/json' };
    expect(answer(await post('/webhooks/freshdesk/not-configured', headers, body))).toEqual(
      answer(await post('/webhooks/freshdesk/acme', headers, body)),
    );
  });

  it('takes about as long to refuse as a bad signature (no shortcut before verification)', async () => {
    const time = async (url: string, secret: string) => {
      const started = process.hrtime.bigint();
      for (let i = 0; i < 50; i++) await post(url, zendeskHeaders(body, { secret }), body);
      return Number(process.hrtime.bigint() - started) / 50 / 1e6;
    };
    await time('/webhooks/zendesk/acme', 'warm-up-secret-000');
    const unknownMs = await time('/webhooks/zendesk/not-configured', 'x-secret-0000000');
    const knownMs = await time('/webhooks/zendesk/acme', 'x-secret-0000000');
    // Same code path: within a factor that scheduling noise cannot reach but a skipped HMAC would not explain either.
    expect(unknownMs / knownMs).toBeGreaterThan(0.33);
    expect(unknownMs / knownMs).toBeLessThan(3);
  });
});

describe('Mailgun with basicAuth', () => {
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const fields = () => mailgunFields({ subject: '至急', 'body-plain': '至急対応してください。' }, { key: 'mailgun-signing-key-strict' });

  it('refuses a correctly signed request without the credentials', async () => {
    const res = await post('/webhooks/mailgun/strict', form, fields());
    expect(res.statusCode).toBe(401);
    expect(res.json().reason).toBe('missing-credentials');
    expect(
      (await post('/webhooks/mailgun/strict', { ...form, authorization: basicAuth('ondo:wrong-password-000') }, fields())).json().reason,
    ).toBe('invalid-credentials');
  });

  it('accepts a signed request with the credentials', async () => {
    const res = await post('/webhooks/mailgun/strict', { ...form, authorization: basicAuth() }, fields());
    expect(res.statusCode, res.body).toBe(202);
  });

  it('leaves integrations without basicAuth as they were (signature only)', async () => {
    expect((await post('/webhooks/mailgun/acme', form, mailgunFields({ 'body-plain': '確認をお願いします。' }))).statusCode).toBe(202);
  });
});

describe('Mailgun with pathTokens', () => {
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const fields = () => mailgunFields({ subject: '至急', 'body-plain': '至急対応してください。' }, { key: 'mailgun-signing-key-tokened' });

  it('refuses a correctly signed request at the URL without the token', async () => {
    const res = await post('/webhooks/mailgun/tokened', form, fields());
    expect(res.statusCode).toBe(401);
    expect(res.json().reason).toBe('invalid-path-token');
  });

  it('refuses a wrong token, and a token on an integration that has none', async () => {
    expect((await post(`/webhooks/mailgun/tokened/${PATH_TOKEN.slice(0, -1)}x`, form, fields())).json().reason).toBe('invalid-path-token');
    const onAcme = await post(`/webhooks/mailgun/acme/${PATH_TOKEN}`, form, mailgunFields({ 'body-plain': '確認をお願いします。' }));
    expect(onAcme.statusCode).toBe(401);
  });

  it('accepts a signed request at the URL with the token, and still checks the signature there', async () => {
    expect((await post(`/webhooks/mailgun/tokened/${PATH_TOKEN}`, form, fields())).statusCode).toBe(202);
    const unsigned = mailgunFields({ 'body-plain': '至急対応してください。' }, { key: 'somebody-elses-key-000' });
    expect((await post(`/webhooks/mailgun/tokened/${PATH_TOKEN}`, form, unsigned)).json().reason).toBe('invalid-signature');
  });

  it('keeps the token out of the request log', async () => {
    const logged = requestForLog({ url: `/webhooks/mailgun/tokened/${PATH_TOKEN}?x=1`, method: 'POST', ip: '127.0.0.1' } as FastifyRequest);
    expect(JSON.stringify(logged)).not.toContain(PATH_TOKEN);
    expect(logged.url).toBe('/webhooks/mailgun/tokened/(path token)');
  });
});
