import { inlineRunner } from '../../src/analysis-pool/analysis-tasks.js';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../../src/config/api-keys.js';
import { buildApp } from '../../src/http/app.js';
import { startDeliveryJobWorker } from '../../src/integrations/delivery-job-worker.js';
import { startDraftJobWorkers } from '../../src/queue/draft-job-workers.js';
import {
  BASIC,
  FakeHelpdesk,
  GENERIC_SECRET,
  integrationTestConfig,
  standardHeaders,
  waitUntil,
  ZENDESK_SECRET,
  zendeskHeaders,
} from '../integrations/support.js';
import { closeStack } from '../support/teardown.js';
import { sharedTokenizer } from '../support/engine.js';

/** Everything the API and the workers log during a full run, as lines of JSON. */
const lines: string[] = [];
const sink = new Writable({
  write(chunk, _encoding, callback) {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    callback();
  },
});
const log = pino({ level: 'trace' }, sink);

// The customer's words and every secret involved: none may reach a log line.
const NAME = '佐々木真理子';
const PHONE = '080-9876-5432';
const ADDRESS = 'sasaki.mariko@example.jp';
const BODY = `${NAME}です。連絡先は${PHONE}、${ADDRESS}です。注文した加湿器がまだ届きません。何度も問い合わせているのに返信がありません。`;
const SUBJECT = `${NAME}の注文番号 KX-77120 について`;
const apiKey = newApiKey('log-test');

const helpdesk = await new FakeHelpdesk().start();
const config = integrationTestConfig('logs', helpdesk.url, { apiKeys: [apiKey.entry], logLevel: 'trace' });

let app: Awaited<ReturnType<typeof buildApp>>;
let workers: ReturnType<typeof startDraftJobWorkers>;
let deliveries: ReturnType<typeof startDeliveryJobWorker>;

beforeAll(async () => {
  app = await buildApp({ config, logger: log, tokenizer: sharedTokenizer() });
  await app.ready();
  await app.analysis.ready;
  workers = startDraftJobWorkers({
    config,
    analysis: inlineRunner({ engine: app.analysis.engine(), drafting: app.drafting }),
    drafting: app.drafting,
    log,
    queues: ['triage'],
  });
  deliveries = startDeliveryJobWorker({ config, log, measure: (mail) => app.analysis.measure(mail), drafting: app.drafting });
  await Promise.all([...workers.workers.map((w) => w.waitUntilReady()), deliveries.worker.waitUntilReady()]);
});
afterAll(() => closeStack(config, { deliveries, workers, app, fakes: [helpdesk] }));

describe('logs of a full run', () => {
  it('hold no mail text, address, API key or signing secret: analyze, triage, raw mail, job, webhook', async () => {
    const auth = { authorization: `Bearer ${apiKey.key}` };
    const mail = { subject: SUBJECT, body: BODY };
    expect((await app.inject({ method: 'POST', url: '/v1/analyze', headers: auth, payload: mail })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/v1/triage', headers: auth, payload: mail })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/v1/analyze', headers: auth, payload: { body: 42 } })).statusCode).toBe(400);
    const raw = Buffer.from(
      `From: ${NAME} <${ADDRESS}>\r\nSubject: ${SUBJECT}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${BODY}\r\n`,
    );
    expect(
      (await app.inject({ method: 'POST', url: '/v1/analyze', headers: { ...auth, 'content-type': 'message/rfc822' }, payload: raw }))
        .statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ method: 'POST', url: '/v1/analyze', headers: { authorization: 'Bearer wrong-key' }, payload: mail })).statusCode,
    ).toBe(401);

    const job = await app.inject({ method: 'POST', url: '/v1/triage/jobs', headers: auth, payload: mail });
    expect(job.statusCode).toBe(202);
    await waitUntil(
      async () => (await app.inject({ method: 'GET', url: job.headers.location as string, headers: auth })).json().state === 'completed',
      'the triage job',
    );

    const zendesk = JSON.stringify({ ticket_id: '777', subject: SUBJECT, latest_comment: BODY, requester: ADDRESS });
    expect(
      (await app.inject({ method: 'POST', url: '/webhooks/zendesk/acme', headers: zendeskHeaders(zendesk), payload: zendesk })).statusCode,
    ).toBe(202);
    await waitUntil(() => helpdesk.writes()[0], 'the note to reach the fake helpdesk');
    const generic = JSON.stringify({ id: 'msg-1', subject: SUBJECT, body: BODY, from: { name: NAME, email: ADDRESS } });
    const tampered = await app.inject({
      method: 'POST',
      url: '/webhooks/generic/tools',
      headers: standardHeaders(`${generic} `),
      payload: generic,
    });
    expect(tampered.statusCode).toBe(401);

    const logged = lines.join('\n');
    expect(lines.length).toBeGreaterThan(10);
    for (const secret of [NAME, PHONE, ADDRESS, 'KX-77120', '加湿器', apiKey.key, ZENDESK_SECRET, GENERIC_SECRET, BASIC, 'zd-api-token']) {
      expect(logged, `a log line contains ${secret}`).not.toContain(secret);
    }
    // What is logged instead: lengths and a hash.
    expect(lines.some((l) => /"bodyLength":\d+/.test(l) && /"sha256":"[0-9a-f]{16}"/.test(l))).toBe(true);
  });
});
