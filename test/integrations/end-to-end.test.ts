import iconv from 'iconv-lite';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDeliveryJobWorker, type RunningDeliveryJobWorker } from '../../src/integrations/delivery-job-worker.js';
import type { RunningDraftJobWorkers } from '../../src/queue/draft-job-workers.js';
import { queueTestApp, testWorkers } from '../queue/support.js';
import {
  basicAuth,
  deleteQueueKeys,
  FakeHelpdesk,
  FRESHDESK_TOKEN,
  integrationTestConfig,
  silentLog,
  waitUntil,
  zendeskHeaders,
  zendeskIntegration,
} from './support.js';

// Webhook in → triage worker → delivery worker → note out, all against the local Redis.
const helpdesk = await new FakeHelpdesk().start();
const config = integrationTestConfig('e2e', helpdesk.url, {}, {}, [
  zendeskIntegration(helpdesk.url, { id: 'fetching', fetchComment: true }),
]);
let app: FastifyInstance;
let triageWorkers: RunningDraftJobWorkers;
let deliveries: RunningDeliveryJobWorker;

beforeAll(async () => {
  app = await queueTestApp(config);
  triageWorkers = await testWorkers(app, config, { queues: ['triage'] });
  deliveries = startDeliveryJobWorker({
    config,
    log: silentLog,
    measure: (mail) => app.analysis.measure(mail),
    read: (mail) => app.analysis.read(mail),
    drafting: app.drafting,
  });
  await deliveries.worker.waitUntilReady();
});
afterEach(async () => {
  helpdesk.reset();
  await deleteQueueKeys(config);
});
afterAll(async () => {
  await deliveries.close();
  await triageWorkers.close();
  await app.close();
  await helpdesk.stop();
  await deleteQueueKeys(config); // what closing the workers wrote (a queue's meta key)
});

const noteWritten = () => waitUntil(() => helpdesk.writes()[0], 'the note to reach the fake helpdesk');

describe('webhook in → draft note out', () => {
  it('Zendesk: an angry comment comes back as an internal note with its level and draft', async () => {
    const body = JSON.stringify({
      ticket_id: '501',
      subject: '返金の件',
      latest_comment: '何度も問い合わせているのに返事がありません。いい加減にしてください。至急返金してください。',
    });
    const accepted = await app.inject({ method: 'POST', url: '/webhooks/zendesk/acme', headers: zendeskHeaders(body), payload: body });
    expect(accepted.statusCode).toBe(202);
    const note = await noteWritten();
    expect(`${note.method} ${note.path}`).toBe('PUT /api/v2/tickets/501.json');
    const { comment } = JSON.parse(note.body).ticket;
    expect(comment.public).toBe(false);
    expect(comment.body).toMatch(/^【ondo 下書き】(怒り|激怒)/);
    expect(comment.body).toContain('返信下書き（件名: Re: 返金の件）');
    const delivery = await waitUntil(async () => {
      const d = await app.integrations.deliveries.get(accepted.json().deliveryId);
      return d?.state === 'completed' ? d : undefined;
    }, 'the delivery to complete');
    expect(delivery.triageJobId).toBe(accepted.json().jobId);
    expect(helpdesk.writes()).toHaveLength(1);
  });

  it('Zendesk with fetchComment: the worker reads the latest public comment through the API', async () => {
    helpdesk.respond = (r) => {
      if (r.path === '/api/v2/tickets/502.json' && r.method === 'GET')
        return { status: 200, body: { ticket: { id: 502, subject: '届かない' } } };
      if (r.path.startsWith('/api/v2/tickets/502/comments.json')) {
        return {
          status: 200,
          body: { comments: [{ id: 9001, public: true, plain_body: '注文した商品がまだ届きません。いつ届きますか。' }] },
        };
      }
      return { status: 200, body: { audit: { id: 1, events: [{ id: 9002, type: 'Comment' }] } } };
    };
    const body = JSON.stringify({ ticket_id: 502 });
    const accepted = await app.inject({ method: 'POST', url: '/webhooks/zendesk/fetching', headers: zendeskHeaders(body), payload: body });
    expect(accepted.statusCode).toBe(202);
    const note = await noteWritten();
    expect(note.path).toBe('/api/v2/tickets/502.json');
    expect(JSON.parse(note.body).ticket.comment.body).toContain('件名: Re: 届かない');
    expect(
      helpdesk.requests
        .filter((r) => r.method === 'GET')
        .map((r) => r.path)
        .sort(),
    ).toEqual(['/api/v2/tickets/502.json', '/api/v2/tickets/502/comments.json?sort_order=desc']);
  });

  it('Freshdesk: the ticket description comes back as a private note', async () => {
    const body = JSON.stringify({
      freshdesk_webhook: {
        ticket_id: 601,
        ticket_subject: '請求について',
        ticket_description: '<p>請求金額が二重になっています。確認をお願いいたします。</p>',
      },
    });
    const accepted = await app.inject({
      method: 'POST',
      url: '/webhooks/freshdesk/acme',
      headers: { 'content-type': 'application/json', 'x-ondo-token': FRESHDESK_TOKEN },
      payload: body,
    });
    expect(accepted.statusCode).toBe(202);
    const note = await noteWritten();
    expect(`${note.method} ${note.path}`).toBe('POST /api/v2/tickets/601/notes');
    const sent = JSON.parse(note.body);
    expect(sent.private).toBe(true);
    expect(sent.body).toContain('返信下書き（件名: Re: 請求について）');
  });

  it('SendGrid: a Shift_JIS mail in parsed mode is triaged as Japanese and comes back as a signed callback', async () => {
    const text =
      'お世話になっております。\n先週注文した商品がまだ届いておりません。\n何度もお問い合わせしておりますが、ご回答をいただけておりません。\n至急ご確認ください。';
    const boundary = 'sgBoundary';
    const part = (name: string, value: Buffer | string) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`),
        Buffer.isBuffer(value) ? value : Buffer.from(value),
        Buffer.from('\r\n'),
      ]);
    const payload = Buffer.concat([
      part('headers', 'Message-ID: <e2e-sjis@mail.example.jp>\r\nContent-Type: text/plain; charset=Shift_JIS\r\n'),
      part('subject', '商品未着のお問い合わせ'),
      part('from', '山田 太郎 <yamada@example.jp>'),
      part('text', iconv.encode(text, 'Shift_JIS')),
      part('charsets', '{"to":"UTF-8","from":"UTF-8","subject":"UTF-8","text":"Shift_JIS"}'),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
    const accepted = await app.inject({
      method: 'POST',
      url: '/webhooks/sendgrid/acme',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: basicAuth() },
      payload,
    });
    expect(accepted.statusCode).toBe(202);
    const note = await noteWritten();
    expect(`${note.method} ${note.path}`).toBe('POST /callback');
    const sent = JSON.parse(note.body);
    expect(sent.triage.draft.subject).toBe('Re: 商品未着のお問い合わせ');
    expect(['concerned', 'angry', 'furious']).toContain(sent.triage.level);
    expect(sent.note.text).toContain('【ondo 下書き】');
    const triageJob = await app.queue.queues.triage.getJob(accepted.json().jobId);
    expect(triageJob!.data.request.body).toBe(text);
  });
});
