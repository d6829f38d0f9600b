/**
 * The delivery job worker (in the job runner process, beside the draft job workers): its own Redis
 * connection for the note ledger and the triage lookups, and a job worker of queue/job-worker.ts
 * on the deliveries queue, closed within the shutdown timeout like the others.
 */
import type { Worker } from 'bullmq';
import type { MailMeasure } from '../drafting/triage.js';
import type { MailText } from '../analysis/analyze.js';
import type { Config } from '../config.js';
import type { Drafting } from '../drafting/drafting.js';
import { mailFingerprint } from '../mail/mail-fingerprint.js';
import { assertSourceSize, MailDecodeError, type MailSizeLimits, type MailSource, type ReadMailSource } from '../mail/index.js';
import { createQueueClock, type QueueClock } from '../queue/clock.js';
import { connectRedis, type QueueLog } from '../queue/connection.js';
import { startJobWorker } from '../queue/job-worker.js';
import { DELIVERIES_QUEUE, deliverNoteProcessor, type DeliverNoteDeps, type TriageLookup } from './deliver-note-job.js';
import { createQueues, queueSettings } from '../queue/queues.js';
import { idSecret, JobIds } from '../queue/tenants.js';
import { TriageIntake } from '../queue/triage-intake.js';
import type { WorkerMetrics } from '../queue/worker-metrics.js';
import { NoteLedger } from './ledger.js';
import type { FetchedMailSource } from './sink.js';
import { noteSinkFor } from './sinks.js';

export interface StartDeliveryJobWorkerOptions {
  config: Config;
  log: QueueLog;
  /** Measures a message the worker read from the helpdesk (Zendesk fetchComment), for its triage priority (the analysis pool). */
  measure?: (mail: MailText) => Promise<MailMeasure>;
  /** Reads such a message (HTML → text, quotes, signature) in the analysis pool, under its reading budget. */
  read?: (mail: { source: MailSource; limits: MailSizeLimits }) => Promise<ReadMailSource>;
  drafting?: Drafting;
  clock?: QueueClock;
  metrics?: WorkerMetrics;
  /** Tests: a stub in place of the triage queue, their own fetch, a hook after the helpdesk accepted a note. */
  triage?: TriageLookup;
  fetch?: typeof fetch;
  afterPost?: DeliverNoteDeps['afterPost'];
}

export interface RunningDeliveryJobWorker {
  readonly worker: Worker;
  /** Resolves forced: true when in-flight deliveries had to be left to the stalled-job check. */
  close(timeoutMs?: number): Promise<{ forced: boolean }>;
}

export function startDeliveryJobWorker(options: StartDeliveryJobWorkerOptions): RunningDeliveryJobWorker {
  const { config, log } = options;
  const clock = options.clock ?? createQueueClock(config.queueTimeScale);
  const redis = connectRedis(config, 'worker', log, 'ondo-worker-deliveries-ledger');
  const queues = createQueues(redis.client, queueSettings(config), () => {});
  const ids = new JobIds(idSecret(redis.client, config.queuePrefix, config.idSecret));
  const triage = options.triage ?? triageLookup(queues.triage, options, clock, ids);
  const integrations = new Map(config.integrations.map((i) => [`${i.provider}/${i.id}`, i]));
  // A helpdesk's answer is read no further than a raw mail could be.
  const outbound = {
    timeoutMs: config.deliveryTimeoutMs,
    maxResponseBytes: config.maxRawMailBytes,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  const { read } = options;
  const processor = deliverNoteProcessor({
    integration: (provider, id) => integrations.get(`${provider}/${id}`),
    sinkFor: (integration) => noteSinkFor(integration, outbound),
    ledger: new NoteLedger(redis.client, config.queuePrefix, config.noteLedgerSeconds),
    triage,
    pollMs: config.deliveryPollMs,
    now: () => clock.now(),
    ...(read ? { readMail: (source: FetchedMailSource) => readFetchedMail(read, source, config) } : {}),
    ...(options.afterPost ? { afterPost: options.afterPost } : {}),
  });
  const jobWorker = startJobWorker({
    config,
    queue: DELIVERIES_QUEUE,
    processor,
    log,
    metrics: options.metrics,
    describe: {
      completed: (job) => ({
        provider: job.data?.provider,
        ticketId: job.data?.ticketId,
        noteId: job.returnvalue?.noteId,
        posted: job.returnvalue?.posted,
      }),
      completedMessage: 'note delivered',
      failedMessage: 'note delivery failed: dead letter (replay with POST /v1/deliveries/{id}/replay)',
      retryMessage: 'note delivery failed; retrying with backoff',
    },
  });
  return {
    worker: jobWorker.worker,
    async close(timeoutMs = config.shutdownTimeoutMs) {
      const closed = await jobWorker.close(timeoutMs, redis.up());
      await queues.close();
      await redis.close();
      return closed;
    },
  };
}

function triageLookup(
  queue: ConstructorParameters<typeof TriageIntake>[0],
  options: StartDeliveryJobWorkerOptions,
  clock: QueueClock,
  ids: JobIds,
): TriageLookup {
  const { measure, drafting } = options;
  const intake = new TriageIntake(queue, {
    measure: measure ?? (async () => Promise.reject(new Error('this worker reads no messages from helpdesks (no analysis engine)'))),
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
    ...(measure && drafting
      ? {
          async enqueue({ tenant, mail, integrationKey, receivedAt }) {
            const { job } = await intake.enqueue({
              tenant,
              mail,
              fingerprint: mailFingerprint(mail),
              context: { receivedAt },
              integrationKey,
            });
            return job.id;
          },
        }
      : {}),
  };
}

/**
 * A fetched comment's size is checked here, before it crosses to an analysis thread, against the
 * API's limits (MAX_BODY_BYTES; ten times that for HTML); the thread converts and cleans it.
 */
async function readFetchedMail(
  read: NonNullable<StartDeliveryJobWorkerOptions['read']>,
  source: FetchedMailSource,
  { maxBodyBytes, maxRawMailBytes }: MailSizeLimits,
): Promise<MailText> {
  const limits = { maxBodyBytes, maxRawMailBytes };
  assertSourceSize(source, limits);
  const { text } = await read({ source, limits });
  if (text.body.trim() === '') throw new MailDecodeError('empty-body', 'the comment has no text to triage');
  return text;
}
