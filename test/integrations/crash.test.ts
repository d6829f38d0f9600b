import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeliveryJobWorker, type RunningDeliveryJobWorker } from '../../src/integrations/delivery-job-worker.js';
import type { RunningDraftJobWorkers } from '../../src/queue/draft-job-workers.js';
import { queueTestApp, testWorkers } from '../queue/support.js';
import { deleteQueueKeys, defaultResponse, FakeHelpdesk, integrationTestConfig, silentLog, waitUntil, zendeskHeaders } from './support.js';

// Short locks so the killed worker's job is handed on within about two seconds.
const helpdesk = await new FakeHelpdesk().start();
const config = integrationTestConfig('crash', helpdesk.url, { workerLockMs: 1_000, workerStalledIntervalMs: 500 });
let app: FastifyInstance;
let triageWorkers: RunningDraftJobWorkers;
let survivor: RunningDeliveryJobWorker | undefined;
let child: ChildProcess | undefined;

beforeAll(async () => {
  app = await queueTestApp(config);
  triageWorkers = await testWorkers(app, config, { queues: ['triage'] });
});
afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await survivor?.close();
  await triageWorkers.close();
  await app.close();
  await deleteQueueKeys(config);
  await helpdesk.stop();
});

function message<T>(from: ChildProcess, test: (m: T) => boolean): Promise<T> {
  return new Promise((resolve, reject) => {
    from.on('message', (m: T) => test(m) && resolve(m));
    from.once('exit', (code) => reject(new Error(`worker exited (${code}) before the message`)));
  });
}

describe('a delivery worker killed between posting the note and recording it', () => {
  it('leaves exactly one note: the next worker finds it by its reference id instead of posting again', async () => {
    // The helpdesk remembers notes, so a later GET of the comments shows the one that was posted.
    const comments: { id: number; public: boolean; body: string }[] = [];
    helpdesk.respond = (r) => {
      if (r.method === 'PUT') comments.push({ id: 7001, public: false, body: JSON.parse(r.body).ticket.comment.body });
      if (r.method === 'GET' && r.path.includes('/comments.json')) return { status: 200, body: { comments } };
      return defaultResponse(r);
    };
    child = fork('test/integrations/fixtures/posting-worker.ts', [], {
      env: {
        ...process.env,
        REDIS_URL: config.redisUrl,
        QUEUE_PREFIX: config.queuePrefix,
        INTEGRATIONS: JSON.stringify(config.integrations),
        WORKER_LOCK_MS: String(config.workerLockMs),
        WORKER_STALLED_INTERVAL_MS: String(config.workerStalledIntervalMs),
        WORKER_CONCURRENCY: '1',
        DELIVERY_POLL_MS: '50',
      },
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    await message(child, (m: { ready?: boolean }) => m.ready === true);

    const body = JSON.stringify({
      ticket_id: '900',
      subject: '至急',
      latest_comment: '昨日から何度も連絡しています。至急対応してください。',
    });
    const accepted = (
      await app.inject({ method: 'POST', url: '/webhooks/zendesk/acme', headers: zendeskHeaders(body), payload: body })
    ).json();
    const { posted } = await message(child, (m: { posted?: string }) => m.posted !== undefined);
    expect(posted).toBe(accepted.deliveryId);
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(helpdesk.writes()).toHaveLength(1);

    survivor = startDeliveryJobWorker({ config, log: silentLog });
    const done = await waitUntil(async () => {
      const d = await app.integrations.deliveries.get(accepted.deliveryId);
      return d?.state === 'completed' ? d : undefined;
    }, 'the stalled delivery to be finished by the other worker');
    expect(done).toMatchObject({ posted: false, noteId: '7001' });
    expect(helpdesk.writes()).toHaveLength(1);
  });
});
