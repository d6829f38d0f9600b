import { inlineRunner } from '../../src/analysis-pool/analysis-tasks.js';
import { once } from 'node:events';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { startDraftJobWorkers, type RunningDraftJobWorkers } from '../../src/queue/draft-job-workers.js';
import { freePort } from '../support/api-process.js';
import { startJobRunner } from '../support/job-runner-process.js';
import { ScratchRedis } from '../support/scratch-redis.js';
import { CALM_MAIL, completions, FURIOUS_MAIL, queueTestApp, queueTestConfig, silentLog, waitUntil } from './support.js';

let redis: ScratchRedis;
let config: Config;
let app: FastifyInstance;
let running: RunningDraftJobWorkers | undefined;

beforeAll(async () => {
  redis = new ScratchRedis(await freePort());
  await redis.start();
  config = queueTestConfig('outage', { redisUrl: redis.url });
  app = await queueTestApp(config);
});
afterAll(async () => {
  await running?.close(1_000);
  await app?.close();
  await redis.remove();
});

const readiness = async () => (await app.inject({ method: 'GET', url: '/readyz' })).json();

describe('a Redis outage', () => {
  it('keeps the API up (503 for queue endpoints only) and completes the jobs accepted before it once Redis is back', async () => {
    expect(await readiness()).toMatchObject({ status: 'ready', checks: { redis: 'up' } });
    const accepted = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        app.inject({ method: 'POST', url: '/v1/triage/jobs', payload: { ...CALM_MAIL, body: `${CALM_MAIL.body}\n注文番号: ${i}` } }),
      ),
    );
    expect(accepted.map((r) => r.statusCode)).toEqual([202, 202, 202, 202, 202]);

    await redis.stop();
    await waitUntil(async () => (await readiness()).checks.redis === 'down', 'readyz to report redis down');
    expect(await readiness()).toMatchObject({ status: 'degraded', checks: { tokenizer: 'up', redis: 'down' } });

    const refused = await app.inject({ method: 'POST', url: '/v1/triage/jobs', payload: FURIOUS_MAIL });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.json().type).toBe('urn:ondo:problem:queue-unavailable');
    for (const url of ['/v1/reviews', `/v1/triage/jobs/${accepted[0]!.json().job.id}`, '/v1/followups/case-1']) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(503);
    }
    const sync = await app.inject({ method: 'POST', url: '/v1/triage', payload: FURIOUS_MAIL });
    expect(sync.statusCode).toBe(200);
    expect(sync.json().routing.priority).toBe('P1');
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('ondo_redis_up 0');

    // A worker that starts during the outage waits for Redis instead of crashing.
    running = startDraftJobWorkers({
      config,
      analysis: inlineRunner({ engine: app.analysis.engine(), drafting: app.drafting }),
      drafting: app.drafting,
      log: silentLog,
      queues: ['triage'],
    });
    const drained = completions(running.workers[0]!, 5, 30_000);
    await new Promise((r) => setTimeout(r, 500)); // let the worker fail to connect a few times

    await redis.start();
    await waitUntil(async () => (await readiness()).checks.redis === 'up', 'the API to reconnect');
    expect((await drained).sort()).toEqual(accepted.map((r) => r.json().job.id as string).sort());

    const after = await app.inject({ method: 'POST', url: '/v1/triage/jobs', payload: FURIOUS_MAIL });
    expect(after.statusCode).toBe(202);
    await completions(running.workers[0]!, 1);
    expect((await app.inject({ method: 'GET', url: '/v1/reviews' })).json().total).toBe(6);
  });
});

describe('no Redis at start-up', () => {
  it('starts the API anyway: synchronous endpoints answer, queue endpoints 503, readyz degraded', async () => {
    const absent = queueTestConfig('absent', { redisUrl: `redis://127.0.0.1:${await freePort()}` });
    const lonely = await queueTestApp(absent);
    try {
      expect(await (await lonely.inject({ method: 'GET', url: '/readyz' })).json()).toMatchObject({
        status: 'degraded',
        checks: { redis: 'down' },
      });
      expect((await lonely.inject({ method: 'POST', url: '/v1/triage', payload: CALM_MAIL })).statusCode).toBe(200);
      expect((await lonely.inject({ method: 'POST', url: '/v1/followups', payload: { caseId: 'c-1' } })).json().type).toBe(
        'urn:ondo:problem:queue-unavailable',
      );
    } finally {
      await lonely.close();
    }
  });

  it('starts the worker process anyway: /healthz says redis down, and SIGTERM still stops it cleanly', async () => {
    const port = await freePort();
    const { child: worker, ready: started } = startJobRunner({
      env: {
        REDIS_URL: `redis://127.0.0.1:${port}`,
        QUEUE_PREFIX: 'absent',
        SHUTDOWN_TIMEOUT_MS: '2000',
        ANALYSIS_THREADS: '1', // the job runner's analysis pool: one thread keeps its start short
      },
      stderr: 'pipe',
    });
    try {
      const ready = await started;
      expect(ready).toMatchObject({ redis: 'down' });
      const health = await fetch(`http://127.0.0.1:${ready.port as number}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: 'degraded', redis: 'down' });
      worker.kill('SIGTERM');
      const [code] = await once(worker, 'exit');
      expect(code).toBe(0);
    } finally {
      if (worker.exitCode === null) worker.kill('SIGKILL');
    }
  }, 120_000);
});
