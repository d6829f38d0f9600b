/**
 * The draft job workers, in one process: triage drafts (in priority order) and follow-up drafts,
 * both into the review queue; each a job worker of job-worker.ts. close() stops taking jobs, lets
 * in-flight ones finish (or, past the timeout, leaves their locks to lapse so another worker redoes
 * them) and closes every connection.
 */
import type { Processor, Worker } from 'bullmq';
import type { AnalysisRunner } from '../analysis-pool/analysis-tasks.js';
import type { Config } from '../config.js';
import type { Drafting } from '../drafting/drafting.js';
import { createQueueClock, type QueueClock } from './clock.js';
import { connectRedis, type QueueLog } from './connection.js';
import { startJobWorker } from './job-worker.js';
import { followUpProcessor } from './jobs/followup.js';
import { triageProcessor } from './jobs/triage.js';
import { QUEUE_NAMES } from './queues.js';
import { ReviewQueue } from './review-queue.js';
import type { WorkerMetrics } from './worker-metrics.js';

export interface StartDraftJobWorkersOptions {
  config: Config;
  /** Where triage runs: the process's analysis pool (or an inline runner in tests). */
  analysis: AnalysisRunner;
  /** The manual, for follow-up drafts (they read no mail). */
  drafting: Drafting;
  log: QueueLog;
  clock?: QueueClock;
  metrics?: WorkerMetrics;
  /** Which queues to work on (default: all). */
  queues?: (keyof typeof QUEUE_NAMES)[];
  /** Tests wrap a processor to slow it down or make it fail. */
  wrapProcessor?: (queue: string, processor: Processor) => Processor;
}

export interface RunningDraftJobWorkers {
  readonly workers: Worker[];
  readonly reviews: ReviewQueue;
  redisUp(): boolean;
  /** Its Redis connection's first attempt: true once connected, false if it failed (it keeps retrying). */
  readonly redisFirstAttempt: Promise<boolean>;
  /** Resolves true when in-flight jobs had to be abandoned to the stalled-job check. */
  close(timeoutMs?: number): Promise<{ forced: boolean }>;
}

export function startDraftJobWorkers(options: StartDraftJobWorkersOptions): RunningDraftJobWorkers {
  const { config, log, metrics } = options;
  const clock = options.clock ?? createQueueClock(config.queueTimeScale);
  const redis = connectRedis(config, 'worker', log, 'ondo-worker-reviews');
  const reviews = new ReviewQueue(redis.client, {
    prefix: config.queuePrefix,
    leaseMs: config.reviewLeaseSeconds * 1000,
    keepDecidedSeconds: config.jobRetentionSeconds,
  });
  const processors: Record<keyof typeof QUEUE_NAMES, Processor> = {
    triage: triageProcessor({ analysis: options.analysis, reviews, clock }),
    followups: followUpProcessor({ drafting: options.drafting, reviews, clock }),
  };
  const jobWorkers = (options.queues ?? (Object.keys(QUEUE_NAMES) as (keyof typeof QUEUE_NAMES)[])).map((key) => {
    const queue = QUEUE_NAMES[key];
    const processor = options.wrapProcessor ? options.wrapProcessor(queue, processors[key]) : processors[key];
    return startJobWorker({
      config,
      queue,
      processor,
      log,
      metrics,
      describe: {
        completed: (job) => {
          const ms = job.finishedOn && job.processedOn ? job.finishedOn - job.processedOn : undefined;
          return { priority: job.data?.priority, mail: job.data?.mail, attempts: job.attemptsMade, ms };
        },
        completedMessage: 'job completed',
        failedMessage: 'job failed',
        retryMessage: 'job attempt failed; retrying with backoff',
      },
    });
  });
  redis.client.on('ready', () => metrics?.redisUp(true));
  redis.client.on('close', () => metrics?.redisUp(false));

  let closing: Promise<{ forced: boolean }> | undefined;
  return {
    workers: jobWorkers.map((w) => w.worker),
    reviews,
    redisUp: redis.up,
    redisFirstAttempt: redis.firstAttempt,
    close(timeoutMs = config.shutdownTimeoutMs) {
      closing ??= (async () => {
        // Without Redis no in-flight job can finish (nor be handed back), so there is nothing to wait for.
        const closed = await Promise.all(jobWorkers.map((w) => w.close(timeoutMs, redis.up())));
        await redis.close();
        return { forced: closed.some((c) => c.forced) };
      })();
      return closing;
    },
  };
}
