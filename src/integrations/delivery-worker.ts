/**
 * Runs the deliver-note worker (in `npm run worker`, beside the triage workers): its own Redis
 * connection for the note ledger and the triage lookups, a BullMQ worker on the deliveries queue
 * with the same lock and stalled-job settings as the others, and a clean close().
 */
import { Worker, type Job } from 'bullmq';
import type { ToneResult } from '../analysis/tone-schema.js';
import type { MailText } from '../analysis/analyze.js';
import type { Config } from '../config.js';
import type { Drafting } from '../drafting/drafting.js';
import { mailFingerprint } from '../http/mail-log.js';
import { createQueueClock, type QueueClock } from '../queue/clock.js';
import { bullConnection, connectRedis, type QueueLog } from '../queue/connection.js';
import { DELIVERIES_QUEUE, deliverNoteProcessor, type DeliverNoteDeps, type TriageLookup } from '../queue/jobs/deliver-note.js';
import { createQueues, MAX_STALLED_COUNT, queueSettings } from '../queue/queues.js';
import { idSecret, JobIds } from '../queue/tenants.js';
import { TriageIntake } from '../queue/triage-intake.js';
import { NoteLedger } from './ledger.js';
import { noteSinkFor } from './sinks.js';

export interface StartDeliveryWorkerOptions {
  config: Config;
  log: QueueLog;
  /** Scores a message the worker read from the helpdesk (Zendesk fetchComment), for its triage priority. */
  analyze?: (mail: MailText) => Promise<ToneResult>;
  drafting?: Drafting;
  clock?: QueueClock;
  /** Tests: a stub in place of the triage queue, their own fetch, a hook after the helpdesk accepted a note. */
  triage?: TriageLookup;
  fetch?: typeof fetch;
  afterPost?: DeliverNoteDeps['afterPost'];
}

export interface RunningDeliveryWorker {
  readonly worker: Worker;
  close(force?: boolean): Promise<void>;
}

export function startDeliveryWorker(options: StartDeliveryWorkerOptions): RunningDeliveryWorker {
  const { config, log } = options;
  const clock = options.clock ?? createQueueClock(config.queueTimeScale);
  const redis = connectRedis(config, 'worker', log, 'ondo-worker-deliveries-ledger');
  const queues = createQueues(redis.client, queueSettings(config), () => {});
  const ids = new JobIds(idSecret(redis.client, config.queuePrefix, config.idSecret));
  const triage = options.triage ?? triageLookup(queues.triage, options, clock, ids);
  const integrations = new Map(config.integrations.map((i) => [`${i.provider}/${i.id}`, i]));
  const outbound = { timeoutMs: config.deliveryTimeoutMs, ...(options.fetch ? { fetch: options.fetch } : {}) };
  const processor = deliverNoteProcessor({
    integration: (provider, id) => integrations.get(`${provider}/${id}`),
    sinkFor: (integration) => noteSinkFor(integration, outbound),
    ledger: new NoteLedger(redis.client, config.queuePrefix, config.noteLedgerSeconds),
    triage,
    pollMs: config.deliveryPollMs,
    now: () => clock.now(),
    ...(options.afterPost ? { afterPost: options.afterPost } : {}),
  });
  const connection = bullConnection(config, 'worker', `ondo-worker-${DELIVERIES_QUEUE}`);
  const worker = new Worker(DELIVERIES_QUEUE, processor, {
    connection: connection.connection,
    prefix: config.queuePrefix,
    concurrency: config.workerConcurrency,
    lockDuration: config.workerLockMs,
    stalledInterval: config.workerStalledIntervalMs,
    maxStalledCount: MAX_STALLED_COUNT,
  });
  watchDeliveries(worker, log);
  return {
    worker,
    async close(force = false) {
      await worker.close(force);
      await connection.close();
      await queues.close();
      await redis.close();
    },
  };
}

function triageLookup(queue: ConstructorParameters<typeof TriageIntake>[0], options: StartDeliveryWorkerOptions, clock: QueueClock, ids: JobIds): TriageLookup {
  const { analyze, drafting } = options;
  const intake = new TriageIntake(queue, {
    analyze: analyze ?? (async () => Promise.reject(new Error('this worker reads no messages from helpdesks (no analysis engine)'))),
    drafting: drafting ?? ({} as Drafting),
    clock,
    ids,
  });
  return {
    async status(jobId) {
      const job = await intake.get(jobId);
      if (!job) return { state: 'missing' };
      if (job.state === 'completed' && job.result) return { state: 'completed', result: job.result };
      if (job.state === 'failed') return { state: 'failed', reason: job.failedReason ?? 'unknown' };
      return { state: 'pending' };
    },
    ...(analyze && drafting
      ? {
          async enqueue({ tenant, mail, integrationKey, receivedAt }) {
            const { job } = await intake.enqueue({ tenant, mail, fingerprint: mailFingerprint(mail), context: { receivedAt }, integrationKey });
            return job.id;
          },
        }
      : {}),
  };
}

/** Logs outcomes without note text: the ticket, the attempt, and whether it went to the dead letters. */
function watchDeliveries(worker: Worker, log: QueueLog): void {
  let lastErrorLog = 0;
  worker.on('error', (err) => {
    if (Date.now() - lastErrorLog < 60_000) return;
    lastErrorLog = Date.now();
    log.warn({ queue: DELIVERIES_QUEUE, err: err.message }, 'worker error (retrying in the background)');
  });
  worker.on('completed', (job: Job) => {
    log.info({ queue: DELIVERIES_QUEUE, jobId: job.id, provider: job.data?.provider, ticketId: job.data?.ticketId, noteId: job.returnvalue?.noteId, posted: job.returnvalue?.posted }, 'note delivered');
  });
  worker.on('failed', (job: Job | undefined, err: Error) => {
    const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1) || err.name === 'UnrecoverableError';
    log.warn({ queue: DELIVERIES_QUEUE, jobId: job?.id, attempts: job?.attemptsMade, final, err: err.message }, final ? 'note delivery failed: dead letter (replay with POST /v1/deliveries/{id}/replay)' : 'note delivery failed; retrying with backoff');
  });
}
