/**
 * Scale-out on one Redis: two real API processes and three real worker processes, as a deployment
 * with replicas runs them. Mail arrives at both APIs at once (async triage jobs with
 * Idempotency-Keys, and signed Zendesk webhooks whose notes go back to a fake helpdesk); afterwards
 * every mail is drafted exactly once (one finished job, started once, one draft in review) and no
 * ticket has two notes, and every worker did some of the work.
 */
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { EMAIL_FIXTURES, readJsonLines, type LabelledMail } from '../../scripts/evaluation.js';
import { createRedisClient } from '../../src/queue/connection.js';
import { QUEUE_NAMES } from '../../src/queue/queues.js';
import { FakeHelpdesk, statefulZendesk, zendeskHeaders, zendeskIntegration } from '../integrations/support.js';
import { waitUntil } from '../queue/support.js';
import { startApi, type ApiProcess } from '../support/api-process.js';
import { startJobRunner } from '../support/job-runner-process.js';
import { deleteRedisPrefix } from '../support/redis-prefix.js';

// ≈ 1,000 mails as the issue asks; each is scored by an API and drafted by a worker.
const MAILS = 1_000;
const WEBHOOK_EVERY = 4; // every fourth mail arrives as a Zendesk webhook (a ticket that gets a note)
const LANES = 16;
const APIS = 2;
const WORKERS = 3;

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const mails = readJsonLines<LabelledMail>(EMAIL_FIXTURES).map(({ subject, body }) => ({ ...(subject ? { subject } : {}), body }));
const helpdesk = await new FakeHelpdesk().start();
const notes = new Map<string, { id: number; public: boolean; body: string }[]>();
statefulZendesk(helpdesk, notes);
const queuePrefix = `{test-scale-${process.pid}-${Date.now().toString(36)}}`;
const sharedEnv = {
  REDIS_URL,
  QUEUE_PREFIX: queuePrefix,
  INTEGRATIONS: JSON.stringify([zendeskIntegration(helpdesk.url)]),
  DELIVERY_POLL_MS: '100',
};

const apis: ApiProcess[] = [];
const workers: ChildProcess[] = [];
afterAll(async () => {
  for (const worker of workers) if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
  await Promise.all(apis.map((api) => api.stop()));
  await deleteRedisPrefix(REDIS_URL, queuePrefix);
  await helpdesk.stop();
});

const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** A worker process; counts the jobs it completes from its log. */
async function startWorker(completed: Map<ChildProcess, number>): Promise<ChildProcess> {
  // One analysis thread each (the default is one per core): five processes share two cores here.
  const { child, ready } = startJobRunner({ env: { ...sharedEnv, WORKER_CONCURRENCY: '2', ANALYSIS_THREADS: '1' } });
  workers.push(child);
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.includes('"job completed"') && line.includes('"queue":"triage"')) completed.set(child, (completed.get(child) ?? 0) + 1);
  });
  await ready;
  return child;
}

/** Sends mail n to an API until it is accepted; answers the triage job id and the ticket (webhooks). */
async function send(n: number): Promise<{ jobId: string; ticket?: string }> {
  const api = apis[n % apis.length]!;
  const mail = mails[n % mails.length]!;
  const body = `${mail.body}\n(お問い合わせ番号 ${n})`;
  for (let attempt = 0; ; attempt++) {
    const webhook = n % WEBHOOK_EVERY === WEBHOOK_EVERY - 1;
    const ticket = String(90_000 + n);
    const payload = webhook
      ? JSON.stringify({ ticket_id: ticket, subject: mail.subject ?? 'お問い合わせ', latest_comment: body })
      : JSON.stringify({ ...mail, body });
    const response = await fetch(`${api.url}${webhook ? '/webhooks/zendesk/acme' : '/v1/triage/jobs'}`, {
      method: 'POST',
      headers: webhook
        ? zendeskHeaders(payload, { invocation: `scale-${n}` })
        : { 'content-type': 'application/json', 'idempotency-key': `scale-${n}` },
      body: payload,
    });
    const answer = (await response.json()) as { job?: { id: string }; jobId?: string };
    if (response.ok) return webhook ? { jobId: answer.jobId!, ticket } : { jobId: answer.job!.id };
    // A busy machine may shed load with 503; a real client retries with the same key.
    if (response.status !== 503 || attempt >= 20) throw new Error(`mail ${n}: ${response.status} ${JSON.stringify(answer)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('two APIs and three workers on one Redis', () => {
  it(
    `draft each of ${MAILS.toLocaleString('en')} mails exactly once and leave no ticket with two notes`,
    { timeout: 600_000 },
    async () => {
      const completed = new Map<ChildProcess, number>();
      const t0 = Date.now();
      const [started] = await Promise.all([
        Promise.all(
          Array.from({ length: APIS }, () => startApi({ env: { ...sharedEnv, ANALYSIS_THREADS: '1' }, readyTimeoutMs: 180_000 })),
        ),
        ...Array.from({ length: WORKERS }, () => startWorker(completed)),
      ]);
      apis.push(...started);
      const t1 = Date.now();

      const accepted: { jobId: string; ticket?: string }[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: LANES }, async () => {
          for (let n = next++; n < MAILS; n = next++) accepted.push(await send(n));
        }),
      );
      const t2 = Date.now();
      const jobIds = new Set(accepted.map((a) => a.jobId));
      const tickets = accepted.flatMap((a) => (a.ticket ? [a.ticket] : []));
      expect(jobIds.size, 'one job per mail, whichever API took it').toBe(MAILS);

      const redis = createRedisClient(REDIS_URL, {});
      const triage = new Queue(QUEUE_NAMES.triage, { connection: redis, prefix: queuePrefix });
      try {
        await waitUntil(
          async () => (await triage.getJobCounts('completed')).completed! >= MAILS,
          `all ${MAILS} triage jobs to complete`,
          480_000,
        );
        await waitUntil(() => tickets.every((t) => (notes.get(t)?.length ?? 0) >= 1), 'a note on every ticket', 120_000);
        const t3 = Date.now();
        await new Promise((resolve) => setTimeout(resolve, 1_000)); // a late duplicate note would arrive now

        const jobs = await triage.getJobs(['completed'], 0, MAILS);
        const counts = await triage.getJobCounts('completed', 'failed', 'active', 'waiting', 'prioritized');
        const reviews = (await (await fetch(`${apis[0]!.url}/v1/reviews?limit=1`)).json()) as { total: number };
        const perWorker = workers.map((w) => completed.get(w) ?? 0);
        console.log(
          `scale-out: ${MAILS} mails through ${APIS} APIs and ${WORKERS} workers; jobs ${JSON.stringify(counts)}; ` +
            `drafts in review ${reviews.total}; jobs completed per worker ${perWorker.join(' / ')}; ` +
            `tickets ${tickets.length}, with two notes ${[...notes.values()].filter((list) => list.length > 1).length}; ` +
            `seconds: processes ready ${seconds(t1 - t0)}, all mail accepted ${seconds(t2 - t1)}, all drafted and noted ${seconds(t3 - t1)}`,
        );
        expect(counts).toMatchObject({ completed: MAILS, failed: 0, active: 0, waiting: 0, prioritized: 0 });
        expect(new Set(jobs.map((j) => j.id))).toEqual(jobIds);
        expect(
          jobs.filter((j) => j.attemptsMade !== 1).map((j) => j.id),
          'each mail drafted once',
        ).toEqual([]);
        expect(reviews.total, 'one draft in review per mail').toBe(MAILS);
        expect(
          tickets.map((t) => notes.get(t)?.length ?? 0),
          'one note per ticket',
        ).toEqual(tickets.map(() => 1));
        expect(
          perWorker.every((n) => n > 0),
          'every worker took a share',
        ).toBe(true);
        expect(perWorker.reduce((a, b) => a + b, 0)).toBe(MAILS);
      } finally {
        await triage.close();
        redis.disconnect();
      }
    },
  );
});
