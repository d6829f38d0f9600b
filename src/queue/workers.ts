/**
 * Runs the workers of every queue in one process: triage drafts (in priority order) and
 * follow-up drafts, both into the review queue. close() stops taking jobs, lets in-flight ones
 * finish (or, past the timeout, leaves their locks to lapse so another worker redoes them) and
 * closes every connection.
 */
import { Worker, type Job, type Processor } from 'bullmq';
import type { AnalysisEngine } from '../analysis/analyze.js';
import type { Config } from '../config.js';
import type { Drafting } from '../drafting/drafting.js';
import { createQueueClock, type QueueClock } from './clock.js';
import { bullConnection, connectRedis, type QueueLog } from './connection.js';
import { followUpProcessor } from './jobs/followup.js';
import { triageProcessor } from './jobs/triage.js';
import { MAX_STALLED_COUNT, QUEUE_NAMES } from './queues.js';
import { ReviewQueue } from './review-queue.js';
import type { WorkerMetrics } from './worker-metrics.js';

export interface StartWorkersOptions {
  config: Config;
  engine: AnalysisEngine;
  drafting: Drafting;
  log: QueueLog;
  clock?: QueueClock;
  metrics?: WorkerMetrics;
  /** Which queues to work on (default: all). */
  queues?: (keyof typeof QUEUE_NAMES)[];
  /** Tests wrap a processor to slow it down or make it fail. */
  wrapProcessor?: (queue: string, processor: Processor) => Processor;
}

export interface RunningWorkers {
  readonly workers: Worker[];
  readonly reviews: ReviewQueue;
  redisUp(): boolean;
  /** Resolves true when in-flight jobs had to be abandoned to the stalled-job check. */
  close(timeoutMs?: number): Promise<{ forced: boolean }>;
}

export function startWorkers(options: StartWorkersOptions): RunningWorkers {
  const { config, log, metrics } = options;
  const clock = options.clock ?? createQueueClock(config.queueTimeScale);
  const redis = connectRedis(config, 'worker', log, 'ondo-worker-reviews');
  const reviews = new ReviewQueue(redis.client, {
    prefix: config.queuePrefix,
    leaseMs: config.reviewLeaseSeconds * 1000,
    keepDecidedSeconds: config.jobRetentionSeconds,
  });
  const processors: Record<keyof typeof QUEUE_NAMES, Processor> = {
    triage: triageProcessor({ engine: options.engine, drafting: options.drafting, reviews, clock }),
    followups: followUpProcessor({ drafting: options.drafting, reviews, clock }),
  };
  const connectionClosers: (() => Promise<void>)[] = [];
  const workers = (options.queues ?? (Object.keys(QUEUE_NAMES) as (keyof typeof QUEUE_NAMES)[])).map((key) => {
    const name = QUEUE_NAMES[key];
    const processor = options.wrapProcessor ? options.wrapProcessor(name, processors[key]) : processors[key];
    const { connection, close } = bullConnection(config, 'worker', `ondo-worker-${name}`);
    connectionClosers.push(close);
    const worker = new Worker(name, processor, {
      connection,
      prefix: config.queuePrefix,
      concurrency: config.workerConcurrency,
      lockDuration: config.workerLockMs,
      stalledInterval: config.workerStalledIntervalMs,
      maxStalledCount: MAX_STALLED_COUNT,
    });
    watchWorker(worker, name, log, metrics);
    return worker;
  });
  redis.client.on('ready', () => metrics?.redisUp(true));
  redis.client.on('close', () => metrics?.redisUp(false));

  let closing: Promise<{ forced: boolean }> | undefined;
  return {
    workers,
    reviews,
    redisUp: redis.up,
    close(timeoutMs = config.shutdownTimeoutMs) {
      closing ??= (async () => {
        // Without Redis no in-flight job can finish (nor be handed back), so there is nothing to wait for.
        const finished = Promise.all(workers.map((w) => w.close())).then(() => true);
        const forced = !(await within(redis.up() ? timeoutMs : 0, finished));
        if (forced) {
          log.warn({ timeoutMs, redis: redis.up() ? 'up' : 'down' }, 'workers did not stop in time; jobs still in flight return to the queue when their locks lapse');
          // Either can wait forever on a connection that never came up: bounded, then left to process exit.
          await within(1_000, Promise.all(workers.map((w) => w.close(true))));
          await within(1_000, Promise.all(workers.map((w) => w.disconnect())));
        }
        await Promise.all(connectionClosers.map((close) => within(1_000, close())));
        await redis.close();
        return { forced };
      })();
      return closing;
    },
  };
}

/** True when the promise settles within ms, false when the time runs out first. */
async function within(ms: number, promise: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true, () => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Logs job outcomes without mail text, and connection trouble once per minute rather than once per retry. */
function watchWorker(worker: Worker, queue: string, log: QueueLog, metrics?: WorkerMetrics): void {
  let lastErrorLog = 0;
  worker.on('error', (err) => {
    if (Date.now() - lastErrorLog < 60_000) return;
    lastErrorLog = Date.now();
    log.warn({ queue, err: err.message }, 'worker error (retrying in the background)');
  });
  worker.on('completed', (job: Job) => {
    const seconds = job.finishedOn && job.processedOn ? (job.finishedOn - job.processedOn) / 1000 : undefined;
    metrics?.jobFinished(queue, 'completed', seconds);
    log.info({ queue, jobId: job.id, priority: job.data?.priority, mail: job.data?.mail, attempts: job.attemptsMade, ms: seconds && Math.round(seconds * 1000) }, 'job completed');
  });
  worker.on('failed', (job: Job | undefined, err: Error) => {
    const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1) || err.name === 'UnrecoverableError';
    if (final) metrics?.jobFinished(queue, 'failed', job?.finishedOn && job.processedOn ? (job.finishedOn - job.processedOn) / 1000 : undefined);
    log.warn({ queue, jobId: job?.id, attempts: job?.attemptsMade, final, err: err.message }, final ? 'job failed' : 'job attempt failed; retrying with backoff');
  });
  worker.on('stalled', (jobId: string) => {
    metrics?.jobStalled(queue);
    log.warn({ queue, jobId }, 'job stalled (its worker died or blocked); another worker will run it');
  });
}
