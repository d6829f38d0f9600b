/**
 * Issue 19 rows 2 and 3 for the comment the delivery job reads from the helpdesk (Zendesk with
 * fetchComment): its size is checked first, against the API's limit, and it is converted and cleaned
 * in the analysis pool under the reading budget. A comment ondo can never triage fails the delivery
 * at once with the reason (no retries, nothing queued, no note), and the worker's event loop stays free.
 * The helpdesk is a real HTTP server on 127.0.0.1.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDeliveryJobWorker, type RunningDeliveryJobWorker } from '../../src/integrations/delivery-job-worker.js';
import type { DeliveryJob } from '../../src/integrations/deliveries.js';
import { openAnalysis, type OpenAnalysis } from '../../src/analysis-pool/open-analysis.js';
import { queueTestApp } from '../queue/support.js';
import { deleteQueueKeys, FakeHelpdesk, integrationTestConfig, silentLog, waitUntil, zendeskHeaders } from '../integrations/support.js';

const helpdesk = await new FakeHelpdesk().start();
const config = integrationTestConfig(
  'sec-fetched',
  helpdesk.url,
  // A reading budget well under the 0.1–0.4 s that html-to-text takes for the dense HTML below on a quiet
  // machine (a small comment reads in milliseconds); answers read no further than 2 MB (MAX_RAW_MAIL_BYTES).
  { mailReadBudgetMs: 60, maxRawMailBytes: 2 * 1024 * 1024 },
  { zendesk: { fetchComment: true } },
);
let app: FastifyInstance;
let analysis: OpenAnalysis;
let deliveries: RunningDeliveryJobWorker;

beforeAll(async () => {
  app = await queueTestApp(config);
  // The job runner's analysis, as src/job-runner.ts opens it: one thread, the config's budgets.
  analysis = await openAnalysis({ threads: 1, mailReadBudgetMs: config.mailReadBudgetMs, taskBudgetMs: config.analysisTaskBudgetMs });
  deliveries = startDeliveryJobWorker({
    config,
    log: silentLog,
    measure: (mail) => analysis.runner.run({ kind: 'measure', mail }),
    read: (mail) => analysis.runner.run({ kind: 'read', mail }),
    drafting: app.drafting,
  });
  await deliveries.worker.waitUntilReady();
}, 120_000);
afterEach(async () => {
  helpdesk.reset();
  await app.queue.queues.triage.obliterate({ force: true });
  await app.integrations.deliveries.queue.obliterate({ force: true });
});
afterAll(async () => {
  await deliveries.close();
  await analysis.destroy();
  await app.close();
  await helpdesk.stop();
  await deleteQueueKeys(config);
});

/** The helpdesk's ticket 700 with one public comment; the webhook that makes the worker read it. */
async function deliverComment(comment: Record<string, unknown>): Promise<string> {
  helpdesk.respond = (r) => {
    if (r.method === 'GET' && r.path === '/api/v2/tickets/700.json') return { status: 200, body: { ticket: { id: 700, subject: '返金' } } };
    if (r.method === 'GET' && r.path.startsWith('/api/v2/tickets/700/comments.json'))
      return { status: 200, body: { comments: [{ id: 7001, public: true, ...comment }] } };
    return { status: 200, body: { audit: { id: 1, events: [{ id: 7002, type: 'Comment' }] } } };
  };
  const body = JSON.stringify({ ticket_id: 700 });
  const accepted = await app.inject({ method: 'POST', url: '/webhooks/zendesk/acme', headers: zendeskHeaders(body), payload: body });
  expect(accepted.statusCode).toBe(202);
  return accepted.json().deliveryId as string;
}

const settled = (id: string) =>
  waitUntil(
    async () => {
      const delivery = await app.integrations.deliveries.get(id);
      return delivery?.state === 'failed' || delivery?.triageJobId ? delivery : undefined;
    },
    'the delivery to fail or queue its triage',
    60_000,
  );

async function expectFailedAtOnce(delivery: DeliveryJob, reason: RegExp): Promise<void> {
  expect(delivery.state).toBe('failed');
  expect(delivery.failedReason).toMatch(reason);
  expect(delivery.attemptsMade).toBe(1); // not retried: the same comment would fail the same way
  expect(delivery.triageJobId).toBeUndefined();
  expect(await app.queue.queues.triage.count()).toBe(0);
  expect(helpdesk.writes()).toEqual([]);
}

describe('a comment the delivery job reads from the helpdesk', () => {
  it('over MAX_BODY_BYTES: fails at once, before it is cleaned, naming the limit', async () => {
    const id = await deliverComment({ plain_body: 'お問い合わせです\n' + '━━━━\n'.repeat(30_000) }); // ≈ 450 KB
    await expectFailedAtOnce(await settled(id), /the mail body is \d+ bytes; the limit is 102400 bytes.*MAX_BODY_BYTES/);
  });

  it('HTML that outlasts the reading budget: fails at once in the pool, and the event loop stays free', async () => {
    const html = '<p>商品が届きません</p>'.repeat(30_000); // ≈ 930 KB: under 10 × MAX_BODY_BYTES, over the budget to convert
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const id = await deliverComment({ plain_body: '', html_body: html });
    const delivery = await settled(id);
    delay.disable();
    await expectFailedAtOnce(delivery, /MAIL_READ_BUDGET_MS/);
    expect(delay.max / 1e6).toBeLessThan(1_000);
  });

  it('an answer larger than MAX_RAW_MAIL_BYTES: fails at once without reading it whole', async () => {
    const id = await deliverComment({ plain_body: 'あ'.repeat(800_000) }); // 2.4 MB of JSON
    await expectFailedAtOnce(await settled(id), /larger than 2097152 bytes/);
  });

  it('a readable comment is cleaned and queued for triage', async () => {
    const id = await deliverComment({ plain_body: '注文した商品がまだ届きません。\n\n--\n山田太郎\nTEL 03-1234-5678' });
    const delivery = await settled(id);
    expect(delivery.state).not.toBe('failed');
    const triage = await app.queue.queues.triage.getJob(delivery.triageJobId!);
    expect(triage?.data.request.body).toBe('注文した商品がまだ届きません。');
  });
});
