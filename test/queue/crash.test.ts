import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import type { RunningDraftJobWorkers } from '../../src/queue/draft-job-workers.js';
import { CALM_MAIL, completions, deleteQueueKeys, FURIOUS_MAIL, queueTestApp, queueTestConfig, testWorkers } from './support.js';
import { firstLogLine, startJobRunner } from '../support/job-runner-process.js';

// The worker that dies holds its job with a short lock, so the job is free again within a second;
// the live workers hold theirs with long locks (a busy machine must not make them look dead) and
// check for stalled jobs often.
const config = queueTestConfig('crash', { workerLockMs: 10_000, workerStalledIntervalMs: 500 });
const doomedConfig = { ...config, workerLockMs: 1_000 };
let app: FastifyInstance;
let running: RunningDraftJobWorkers | undefined;
const children: ChildProcess[] = [];

beforeAll(async () => {
  app = await queueTestApp(config);
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await running?.close();
  running = undefined;
  await deleteQueueKeys(config);
});
afterAll(async () => {
  await app.close();
});

/** The environment a worker process reads its config from. */
function workerEnv(c: Config): NodeJS.ProcessEnv {
  return {
    REDIS_URL: c.redisUrl,
    QUEUE_PREFIX: c.queuePrefix,
    WORKER_LOCK_MS: String(c.workerLockMs),
    WORKER_STALLED_INTERVAL_MS: String(c.workerStalledIntervalMs),
    WORKER_CONCURRENCY: '1',
    WORKER_PORT: '0',
    // The worker triages in an analysis pool: one thread keeps its start short on a shared machine.
    ANALYSIS_THREADS: '1',
    LOG_LEVEL: 'info',
  };
}

function startProcess(script: string, c: Config): ChildProcess {
  const child = fork(script, [], {
    env: { ...process.env, ...workerEnv(c) },
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  children.push(child);
  return child;
}

/** Resolves with the first message from the child that passes the test. */
function message<T>(child: ChildProcess, test: (m: T) => boolean): Promise<T> {
  return new Promise((resolve, reject) => {
    child.on('message', (m: T) => test(m) && resolve(m));
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before the message`)));
  });
}

describe('crash safety', () => {
  // About 25 s on a quiet machine (the stalled-job check has to notice the dead worker's lock); far longer under load.
  it('finishes, exactly once, a job whose worker was killed with SIGKILL mid-job', { timeout: 180_000 }, async () => {
    const doomed = startProcess('test/queue/fixtures/stalling-worker.ts', doomedConfig);
    await message(doomed, (m: { ready?: boolean }) => m.ready === true);
    const { job } = (await app.inject({ method: 'POST', url: '/v1/triage/jobs', payload: FURIOUS_MAIL })).json();
    const { started } = await message(doomed, (m: { started?: string }) => m.started !== undefined);
    expect(started).toBe(job.id);

    doomed.kill('SIGKILL');
    await once(doomed, 'exit');
    const before = await app.queue.queues.triage.getJob(job.id);
    expect(await before!.getState()).toBe('active'); // still locked by the dead worker

    let ranHere = 0;
    running = await testWorkers(app, config, {
      queues: ['triage'],
      wrapProcessor: (_queue, processor) => async (j, token) => {
        ranHere += 1;
        return processor(j, token);
      },
    });
    await completions(running.workers[0]!, 1, 120_000);

    const after = await app.queue.queues.triage.getJob(job.id);
    expect(await after!.getState()).toBe('completed');
    expect(after!.attemptsStarted).toBe(2); // started by the dead worker, then by this one
    expect(after!.attemptsMade).toBe(1); // and finished once
    expect(ranHere).toBe(1);
    expect((await app.inject({ method: 'GET', url: '/v1/reviews' })).json().total).toBe(1);
  });
});

describe('graceful shutdown (npm run worker)', () => {
  it('on SIGTERM stops taking jobs, finishes the one in flight and exits 0; no job is lost or run twice', async () => {
    const { child: worker, ready: started } = startJobRunner({ env: workerEnv(config), stderr: 'pipe' });
    children.push(worker);
    const ready = await started;
    // The job runner triages in its analysis pool, off its event loop.
    expect(ready).toMatchObject({ analysis: 'pool', threads: 1 });
    const base = `http://127.0.0.1:${ready.port as number}`;
    // `worker ready` comes once its own Redis connection is up (on a cluster, once the client has learnt the slots).
    expect(ready).toMatchObject({ redis: 'up' });
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok', redis: 'up' });

    const total = 40;
    const firstDone = firstLogLine(worker, (e) => e.msg === 'job completed');
    await Promise.all(
      Array.from({ length: total }, (_, i) =>
        app.inject({ method: 'POST', url: '/v1/triage/jobs', payload: { ...CALM_MAIL, body: `${CALM_MAIL.body}\n注文番号: ${i}` } }),
      ),
    );
    await firstDone;
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/ondo_job_duration_seconds_count\{queue="triage",outcome="completed"\} [1-9]/);

    const stopped = firstLogLine(worker, (e) => e.msg === 'worker stopped');
    worker.kill('SIGTERM');
    expect((await stopped).forced).toBe(false);
    const [code] = await once(worker, 'exit');
    expect(code).toBe(0);

    const {
      active = 0,
      completed = 0,
      waiting = 0,
      prioritized = 0,
    } = await app.queue.queues.triage.getJobCounts('active', 'completed', 'waiting', 'prioritized');
    expect(active).toBe(0);
    expect(completed + waiting + prioritized).toBe(total);
    expect(completed).toBeGreaterThan(0);

    // A new deployment's worker drains the rest.
    running = await testWorkers(app, config, { queues: ['triage'] });
    if (completed < total) await completions(running.workers[0]!, total - completed);
    const jobs = await app.queue.queues.triage.getJobs(['completed'], 0, total);
    expect(jobs).toHaveLength(total);
    expect(jobs.every((j) => j.attemptsStarted === 1 && j.attemptsMade === 1)).toBe(true);
    expect((await app.inject({ method: 'GET', url: '/v1/reviews' })).json().total).toBe(total);
  }, 120_000);
});
