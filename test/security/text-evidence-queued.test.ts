/**
 * Issue 19 row 6, queued: the job result of {"body": "😡" × 25000} was stored at 3.76 MB and kept
 * in Redis for days. The result a worker stores is the bounded one the API answers (real Redis and
 * a real worker; the stored return value is read back from Redis).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDraftJobWorkers } from '../../src/queue/draft-job-workers.js';
import { deleteQueueKeys, queueTestApp, queueTestConfig, testWorkers, waitUntil } from '../queue/support.js';

const config = queueTestConfig('sec-evidence');
let app: FastifyInstance;
let workers: RunningDraftJobWorkers;
beforeAll(async () => {
  app = await queueTestApp(config);
  workers = await testWorkers(app, config, { queues: ['triage'] });
});
afterAll(async () => {
  await workers.close();
  await app.close();
  await deleteQueueKeys(config);
});

describe('a queued mail that repeats one emoji 25,000 times', () => {
  it('is stored in Redis with a result under 64 KB, the same as GET /v1/triage/jobs/{id} answers', async () => {
    const queued = await app.inject({ method: 'POST', url: '/v1/triage/jobs', payload: { body: '😡'.repeat(25_000) } });
    expect(queued.statusCode).toBe(202);
    const id = queued.json().job.id as string;
    const done = await waitUntil(
      async () => {
        const res = await app.inject({ method: 'GET', url: `/v1/triage/jobs/${id}` });
        return res.json().state === 'completed' ? res : undefined;
      },
      'the job to complete',
      60_000,
    );
    expect(done.body.length).toBeLessThan(64 * 1024);
    const stored = (await app.queue.queues.triage.getJob(id))?.returnvalue;
    expect(stored?.tone.evidence.length).toBeGreaterThan(0);
    expect(Buffer.byteLength(JSON.stringify(stored), 'utf8')).toBeLessThan(64 * 1024);
  });
});
