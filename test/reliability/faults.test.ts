/**
 * One run, every fault at once: the real API and worker processes on a Redis of the test's own,
 * a stream of async triage jobs and signed Zendesk webhooks, and while it flows Redis is restarted,
 * the worker is SIGKILLed, Redis crashes (SIGKILL) and the API is SIGTERMed and replaced. Clients
 * behave as real ones do: they retry a 503 or a refused connection with the same Idempotency-Key or
 * webhook invocation id. Afterwards every accepted job must be completed exactly once in effect:
 * one draft in the review queue per job, one private note per ticket.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { EMAIL_FIXTURES, readJsonLines, type LabelledMail } from '../../scripts/evaluation.js';
import { FakeHelpdesk, statefulZendesk, zendeskHeaders, zendeskIntegration } from '../integrations/support.js';
import { waitUntil } from '../queue/support.js';
import { freePort, startApi, type ApiProcess } from '../support/api-process.js';
import { startJobRunner } from '../support/job-runner-process.js';
import { ScratchRedis } from '../support/scratch-redis.js';

const JOBS = 120;
const WEBHOOKS = 60;
const LANES = 8;
const RETRY_MS = 150;
// Each lane waits this long between mails, so the stream lasts long enough for every fault to land in it.
const LANE_GAP_MS = 400;
const CLIENT_DEADLINE_MS = 90_000;
const GRACE_MS = 10_000;

// The labelled fixture mails, as a client sends them (subject and body only).
const mails = readJsonLines<LabelledMail>(EMAIL_FIXTURES).map(({ subject, body }) => ({ ...(subject ? { subject } : {}), body }));

type Item = { kind: 'job'; n: number } | { kind: 'webhook'; n: number };

/** What the clients saw: every HTTP answer by status, refused connections, and what was accepted. */
class ClientLedger {
  readonly statuses = new Map<number, number>();
  refused = 0;
  readonly jobIds = new Set<string>();
  readonly deliveryIds = new Set<string>();
  readonly tickets = new Set<string>();
  accepted = 0;

  served(): number {
    return [...this.statuses.values()].reduce((a, b) => a + b, 0);
  }
  count(status: number): void {
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }
}

const redis = new ScratchRedis(await freePort());
const helpdesk = await new FakeHelpdesk().start();
const notes = new Map<string, { id: number; public: boolean; body: string }[]>();
statefulZendesk(helpdesk, notes);
const integrations = JSON.stringify([zendeskIntegration(helpdesk.url)]);
const queuePrefix = `faults-${process.pid}`;
const sharedEnv = {
  REDIS_URL: redis.url,
  QUEUE_PREFIX: queuePrefix,
  INTEGRATIONS: integrations,
  JOB_BACKOFF_MS: '200',
  DELIVERY_BACKOFF_MS: '200',
  DELIVERY_POLL_MS: '100',
  // A killed worker's job is free again after about two seconds.
  WORKER_LOCK_MS: '2000',
  WORKER_STALLED_INTERVAL_MS: '500',
  SHUTDOWN_TIMEOUT_MS: String(GRACE_MS / 2),
};

let api: ApiProcess | undefined;
let worker: ChildProcess | undefined;
afterAll(async () => {
  if (worker && worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
  await api?.stop();
  await redis.remove();
  await helpdesk.stop();
});

async function startWorker(): Promise<ChildProcess> {
  // One analysis thread: the replacement loads it while the next faults land, on a shared machine.
  const { child, ready } = startJobRunner({ env: { ...sharedEnv, WORKER_CONCURRENCY: '2', ANALYSIS_THREADS: '1' } });
  await ready;
  return child;
}

const startTestApi = () => startApi({ env: { ...sharedEnv, ANALYSIS_THREADS: '0' } });

/** One client request; undefined when the connection was refused or cut (the API is restarting). */
async function send(item: Item, ledger: ClientLedger): Promise<{ status: number; body: Record<string, unknown> } | undefined> {
  const mail = mails[item.n % mails.length]!;
  let request: { path: string; headers: Record<string, string>; body: string };
  if (item.kind === 'job') {
    request = {
      path: '/v1/triage/jobs',
      headers: { 'content-type': 'application/json', 'idempotency-key': `fault-suite-job-${item.n}` },
      body: JSON.stringify({ ...mail, body: `${mail.body}\n(お問い合わせ番号 ${item.n})` }),
    };
  } else {
    const body = JSON.stringify({ ticket_id: String(7000 + item.n), subject: mail.subject ?? 'お問い合わせ', latest_comment: mail.body });
    // The same invocation id on every retry, as Zendesk retries a webhook it could not deliver.
    request = { path: '/webhooks/zendesk/acme', headers: zendeskHeaders(body, { invocation: `fault-suite-${item.n}` }), body };
  }
  try {
    const response = await fetch(`${api!.url}${request.path}`, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(GRACE_MS),
    });
    const body = (await response.json()) as Record<string, unknown>;
    ledger.count(response.status);
    return { status: response.status, body };
  } catch {
    ledger.refused++;
    return undefined;
  }
}

/** Sends each item until it is accepted (2xx), retrying 503s and refused connections as a real client would. */
async function clientLane(queue: Item[], ledger: ClientLedger, deadline: number): Promise<void> {
  for (let item = queue.shift(); item; item = queue.shift()) {
    for (;;) {
      if (Date.now() > deadline) throw new Error(`${item.kind} ${item.n} was never accepted`);
      const answer = await send(item, ledger);
      if (answer && answer.status >= 200 && answer.status < 300) {
        if (item.kind === 'job') ledger.jobIds.add((answer.body.job as { id: string }).id);
        else {
          ledger.jobIds.add(answer.body.jobId as string);
          ledger.deliveryIds.add(answer.body.deliveryId as string);
          ledger.tickets.add(String(7000 + item.n));
        }
        ledger.accepted++;
        break;
      }
      if (answer && answer.status !== 503)
        throw new Error(`${item.kind} ${item.n}: unexpected ${answer.status} ${JSON.stringify(answer.body)}`);
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
    await new Promise((resolve) => setTimeout(resolve, LANE_GAP_MS));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('faults while mail flows', () => {
  it(
    'loses no accepted job and produces no effect twice across Redis restarts and crashes, a worker SIGKILL and an API SIGTERM',
    { timeout: 180_000 },
    async () => {
      await redis.start();
      api = await startTestApi();
      worker = await startWorker();
      const ledger = new ClientLedger();
      const total = JOBS + WEBHOOKS;
      const queue: Item[] = [];
      for (let n = 0; n < total; n++) queue.push(n % 3 === 2 ? { kind: 'webhook', n } : { kind: 'job', n });
      const faults: string[] = [];
      const progress = (share: number) =>
        waitUntil(() => ledger.accepted >= total * share, `${share * 100}% of the mail to be accepted`, CLIENT_DEADLINE_MS);

      const clients = Promise.all(Array.from({ length: LANES }, () => clientLane(queue, ledger, Date.now() + CLIENT_DEADLINE_MS)));
      /** Redis away for a second: SIGTERM is a restart (the AOF flushed), SIGKILL a crash. */
      const bounceRedis = async (signal: 'SIGTERM' | 'SIGKILL', what: string) => {
        await redis.stop(signal);
        faults.push(what);
        await pause(1_000);
        await redis.start();
      };
      const injector = (async () => {
        await progress(0.1);
        await bounceRedis('SIGTERM', 'Redis restarted (SIGTERM)');

        await progress(0.3);
        worker!.kill('SIGKILL');
        await once(worker!, 'exit');
        faults.push('worker SIGKILLed');
        // The replacement loads its tokenizer while mail keeps arriving and the next fault lands.
        const replacement = startWorker().then((child) => (worker = child));

        await progress(0.45);
        await bounceRedis('SIGKILL', 'Redis crashed (SIGKILL)');

        await progress(0.6);
        const stopping = api!;
        stopping.child.kill('SIGTERM');
        const code = await Promise.race([stopping.exited, pause(GRACE_MS).then(() => 'still running' as const)]);
        faults.push(`API SIGTERMed (exit ${code})`);
        api = await startTestApi();
        await replacement;
        return code;
      })();
      const [apiExit] = await Promise.all([injector, clients]);

      // Every accepted job completes; a delivery finishes once its triage job has.
      const jobIds = [...ledger.jobIds];
      const states = await waitUntil(
        async () => {
          const all = await Promise.all(
            jobIds.map(
              async (id) => ((await (await fetch(`${api!.url}/v1/triage/jobs/${id}`)).json()) as { state?: string }).state ?? 'missing',
            ),
          );
          return all.every((s) => s === 'completed' || s === 'failed' || s === 'missing') ? all : undefined;
        },
        'every accepted triage job to finish',
        60_000,
      );
      await waitUntil(() => [...ledger.tickets].every((t) => (notes.get(t)?.length ?? 0) >= 1), 'a note on every ticket', 60_000).catch(
        () => undefined,
      );
      await pause(1_000); // a late duplicate note would arrive now
      const reviews = (await (await fetch(`${api.url}/v1/reviews?limit=1`)).json()) as { total: number };

      const jobsLost = states.filter((s) => s !== 'completed').length + [...ledger.tickets].filter((t) => !notes.get(t)?.length).length;
      const notesTwice = [...notes.values()].filter((list) => list.length > 1).length;
      console.log(
        `faults while mail flows: ${ledger.served()} requests served (${[...ledger.statuses].map(([s, n]) => `${n}×${s}`).join(', ')}), ` +
          `${ledger.refused} refused while the API restarted; ${faults.length} faults injected (${faults.join('; ')}); ` +
          `${jobIds.length} jobs accepted (${ledger.deliveryIds.size} with a helpdesk note); jobs lost: ${jobsLost} (must be 0); ` +
          `drafts in review ${reviews.total} for ${jobIds.length} jobs; tickets with two notes: ${notesTwice} (must be 0)`,
      );

      expect(faults).toHaveLength(4);
      expect(apiExit, 'the API exits 0 within the grace period on SIGTERM').toBe(0);
      expect(ledger.accepted).toBe(total);
      expect(jobIds).toHaveLength(total);
      expect(ledger.statuses.get(503) ?? 0, 'Redis was away while clients sent mail').toBeGreaterThan(0);
      expect(ledger.refused, 'clients were refused while the API restarted').toBeGreaterThan(0);
      expect(
        states.filter((s) => s !== 'completed'),
        'jobs lost',
      ).toEqual([]);
      expect(reviews.total, 'one draft in review per accepted job').toBe(total);
      expect(
        [...ledger.tickets].map((t) => notes.get(t)?.length ?? 0),
        'one note per ticket',
      ).toEqual([...ledger.tickets].map(() => 1));
      expect(
        [...ledger.statuses.keys()].filter((s) => s >= 500 && s !== 503),
        'no 5xx but 503 while Redis is away',
      ).toEqual([]);
    },
  );
});
