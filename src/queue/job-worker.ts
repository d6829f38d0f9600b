/**
 * The one way ondo starts a BullMQ job worker (triage, follow-ups, note deliveries): the same
 * lock and stalled-job settings, a log of outcomes without mail or note text, connection trouble
 * logged once a minute, the final attempt told apart from a retry, and a bounded close().
 */
import { UnrecoverableError, Worker, type Job, type Processor } from 'bullmq';
import type { Config } from '../config.js';
import { bullConnection, type QueueLog } from './connection.js';
import { MAX_STALLED_COUNT } from './queues.js';
import type { WorkerMetrics } from './worker-metrics.js';

export interface JobWorkerOptions {
  config: Config;
  queue: string;
  processor: Processor;
  log: QueueLog;
  metrics?: WorkerMetrics | undefined;
  /** What a finished job's log line says (ids and counts only, never mail or note text). */
  describe: {
    completed(job: Job): Record<string, unknown>;
    completedMessage: string;
    failedMessage: string;
    retryMessage: string;
  };
}

export interface JobWorker {
  readonly worker: Worker;
  /**
   * Stops taking jobs and lets in-flight ones finish; past timeoutMs (at once when Redis is
   * down: nothing could finish) leaves their locks to lapse so another worker redoes them.
   * Resolves forced: true in that case.
   */
  close(timeoutMs: number, redisUp: boolean): Promise<{ forced: boolean }>;
}

export function startJobWorker(options: JobWorkerOptions): JobWorker {
  const { config, queue, log } = options;
  const connection = bullConnection(config, 'worker', `ondo-worker-${queue}`);
  const worker = new Worker(queue, options.processor, {
    connection: connection.connection,
    prefix: config.queuePrefix,
    concurrency: config.workerConcurrency,
    lockDuration: config.workerLockMs,
    stalledInterval: config.workerStalledIntervalMs,
    maxStalledCount: MAX_STALLED_COUNT,
  });
  watchJobWorker(worker, options);
  let closing: Promise<{ forced: boolean }> | undefined;
  return {
    worker,
    close(timeoutMs, redisUp) {
      closing ??= (async () => {
        const forced = !(await within(redisUp ? timeoutMs : 0, worker.close()));
        if (forced) {
          log.warn(
            { queue, timeoutMs, redis: redisUp ? 'up' : 'down' },
            'worker did not stop in time; jobs still in flight return to the queue when their locks lapse',
          );
          // Either can wait forever on a connection that never came up: bounded, then left to process exit.
          await within(1_000, worker.close(true));
          await within(1_000, worker.disconnect());
        }
        await within(1_000, connection.close());
        return { forced };
      })();
      return closing;
    },
  };
}

/** True when the promise settles within ms, false when the time runs out first. */
export async function within(ms: number, promise: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A failure is final when no attempt is left or the processor said retrying cannot help. */
export function isFinalAttempt(job: Job | undefined, err: Error): boolean {
  return !job || job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError;
}

function watchJobWorker(worker: Worker, { queue, log, metrics, describe }: JobWorkerOptions): void {
  let lastErrorLog = 0;
  worker.on('error', (err) => {
    if (Date.now() - lastErrorLog < 60_000) return;
    lastErrorLog = Date.now();
    log.warn({ queue, err: err.message }, 'worker error (retrying in the background)');
  });
  const seconds = (job: Job | undefined) => (job?.finishedOn && job.processedOn ? (job.finishedOn - job.processedOn) / 1000 : undefined);
  worker.on('completed', (job: Job) => {
    metrics?.jobFinished(queue, 'completed', seconds(job));
    log.info({ queue, jobId: job.id, ...describe.completed(job) }, describe.completedMessage);
  });
  worker.on('failed', (job: Job | undefined, err: Error) => {
    const final = isFinalAttempt(job, err);
    if (final) metrics?.jobFinished(queue, 'failed', seconds(job));
    log.warn(
      { queue, jobId: job?.id, attempts: job?.attemptsMade, final, err: err.message },
      final ? describe.failedMessage : describe.retryMessage,
    );
  });
  worker.on('stalled', (jobId: string) => {
    metrics?.jobStalled(queue);
    log.warn({ queue, jobId }, 'job stalled (its worker died or blocked); another worker will run it');
  });
}
