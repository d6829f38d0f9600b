/**
 * A client polling GET /v1/triage/jobs/{id} while a real worker finishes the same jobs: every
 * answer must be one consistent snapshot — `completed` always with its result and reviewId,
 * `failed` always with its failedReason — however the reads interleave with the worker's writes.
 */
import type { FastifyInstance } from 'fastify';
import { UnrecoverableError } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningWorkers } from '../../src/queue/workers.js';
import { CALM_MAIL, deleteQueueKeys, FURIOUS_MAIL, queueTestApp, queueTestConfig, testWorkers } from './support.js';

const config = queueTestConfig('polling-race', { workerConcurrency: 2 });
let app: FastifyInstance;
let running: RunningWorkers | undefined;

beforeAll(async () => {
  app = await queueTestApp(config);
});
afterEach(async () => {
  await running?.close();
  running = undefined;
  await app.queue.queues.triage.obliterate({ force: true });
  await deleteQueueKeys(config);
});
afterAll(async () => {
  await app.close();
  await deleteQueueKeys(config);
});

const JOBS = 24;
const POLLERS_PER_JOB = 3;

async function queueJobs(): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < JOBS; i++) {
    const mail = i % 2 === 0 ? CALM_MAIL : FURIOUS_MAIL;
    const answer = await app.inject({ method: 'POST', url: '/v1/triage/jobs', payload: { ...mail, body: `${mail.body}\n（問い合わせ番号 ${i}）` } });
    ids.push(answer.json().job.id);
  }
  return ids;
}

/** Polls every id with several concurrent loops, without pause, until each is final; returns every answer read. */
async function pollUntilFinal(ids: string[], final: string): Promise<Record<string, unknown>[]> {
  const answers: Record<string, unknown>[] = [];
  const deadline = Date.now() + 30_000;
  const poll = async (id: string) => {
    while (Date.now() < deadline) {
      const job = (await app.inject({ method: 'GET', url: `/v1/triage/jobs/${id}` })).json() as Record<string, unknown>;
      answers.push(job);
      if (job.state === final) return;
    }
    throw new Error(`job ${id} never became ${final}`);
  };
  await Promise.all(ids.flatMap((id) => Array.from({ length: POLLERS_PER_JOB }, () => poll(id))));
  return answers;
}

describe('GET /v1/triage/jobs/{id} while a worker finishes the job', () => {
  it('never answers completed without the result and the reviewId', async () => {
    const ids = await queueJobs();
    running = await testWorkers(app, config);
    const answers = await pollUntilFinal(ids, 'completed');
    const completed = answers.filter((a) => a.state === 'completed');
    expect(answers.length).toBeGreaterThan(200);
    expect(completed.length).toBeGreaterThanOrEqual(JOBS * POLLERS_PER_JOB);
    const torn = completed.filter((a) => a.result === undefined || a.reviewId !== a.id || a.finishedAt === undefined);
    expect(torn.map((a) => a.id)).toEqual([]);
  });

  it('never answers failed without the failedReason', async () => {
    const ids = await queueJobs();
    running = await testWorkers(app, config, {
      wrapProcessor: () => async () => {
        // As long as a real draft takes, so the polling overlaps each job's end.
        await new Promise((resolve) => setTimeout(resolve, 15));
        throw new UnrecoverableError('the helpdesk returned no mail');
      },
    });
    const answers = await pollUntilFinal(ids, 'failed');
    const failed = answers.filter((a) => a.state === 'failed');
    expect(answers.length).toBeGreaterThan(200);
    const torn = failed.filter((a) => a.failedReason !== 'the helpdesk returned no mail' || a.finishedAt === undefined);
    expect(torn.map((a) => a.id)).toEqual([]);
  });
});
