/** The worker process's Prometheus metrics: job durations and outcomes, served on the worker's own /metrics. */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface WorkerMetrics {
  readonly registry: Registry;
  jobFinished(queue: string, outcome: 'completed' | 'failed', seconds: number | undefined): void;
  jobStalled(queue: string): void;
  redisUp(up: boolean): void;
}

export function createWorkerMetrics(): WorkerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ondo_worker_' });
  const duration = new Histogram({
    name: 'ondo_job_duration_seconds',
    help: 'Time from a worker taking a job to the job finishing, by queue and outcome',
    labelNames: ['queue', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const jobs = new Counter({
    name: 'ondo_jobs_processed_total',
    help: 'Jobs this worker finished (completed, failed) or found stalled, by queue',
    labelNames: ['queue', 'outcome'] as const,
    registers: [registry],
  });
  const redis = new Gauge({ name: 'ondo_worker_redis_up', help: '1 while the worker reaches Redis', registers: [registry] });
  return {
    registry,
    jobFinished(queue, outcome, seconds) {
      jobs.inc({ queue, outcome });
      if (seconds !== undefined) duration.observe({ queue, outcome }, seconds);
    },
    jobStalled: (queue) => jobs.inc({ queue, outcome: 'stalled' }),
    redisUp: (up) => redis.set(up ? 1 : 0),
  };
}
