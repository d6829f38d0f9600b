/**
 * Queue tests run against the real Redis (REDIS_URL, default 127.0.0.1:6379), each file under its
 * own key prefix, deleted afterwards. Timings are shortened through the same config the
 * processes read (backoff, locks, stalled checks, time scale).
 */
import { inlineRunner } from '../../src/analysis-pool/analysis-tasks.js';
import { once } from 'node:events';
import type { Worker } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import '../support/redis-cluster-setup.js'; // the ProvidedContext type of `redisCluster'
import { pino } from 'pino';
import { loadConfig, type Config } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import type { QueueClock } from '../../src/queue/clock.js';
import { startDraftJobWorkers, type RunningDraftJobWorkers, type StartDraftJobWorkersOptions } from '../../src/queue/draft-job-workers.js';
import { sharedTokenizer } from '../support/engine.js';
import { deleteRedisPrefix } from '../support/redis-prefix.js';

export const silentLog = pino({ level: 'silent' });

/**
 * A config with a prefix of its own (a hash tag, as in production) and test-sized timings, on the
 * single Redis, or on the local Redis Cluster when the vitest project `redis-cluster` started one
 * or ONDO_TEST_REDIS_CLUSTER names one.
 */
export function queueTestConfig(name: string, overrides: Partial<Config> = {}): Config {
  // ONDO_TEST_REDIS_CLUSTER (the nodes, as REDIS_URL takes them) puts any file on a cluster you started.
  const cluster = inject('redisCluster') ?? process.env.ONDO_TEST_REDIS_CLUSTER;
  return {
    ...loadConfig({}),
    ...(cluster ? { redisUrl: cluster, redisCluster: true } : {}),
    logLevel: 'silent',
    // inject() requests all come from one address; rate limits have their own test.
    rateLimitPerIp: 1_000_000,
    queuePrefix: `{test-${name}-${process.pid}-${Date.now().toString(36)}}`,
    jobAttempts: 3,
    jobBackoffMs: 50,
    workerConcurrency: 1,
    workerLockMs: 5_000,
    workerStalledIntervalMs: 1_000,
    shutdownTimeoutMs: 5_000,
    ...overrides,
  };
}

export async function queueTestApp(config: Config, queueClock?: QueueClock): Promise<FastifyInstance> {
  const app = await buildApp({ config, logger: false, tokenizer: sharedTokenizer(), queueClock });
  await app.ready();
  await app.analysis.ready;
  return app;
}

/** Workers in this process, sharing the app's engine and manual. */
export async function testWorkers(
  app: FastifyInstance,
  config: Config,
  options: Partial<StartDraftJobWorkersOptions> = {},
): Promise<RunningDraftJobWorkers> {
  await app.analysis.ready;
  const running = startDraftJobWorkers({
    config,
    analysis: inlineRunner({ engine: app.analysis.engine(), drafting: app.drafting }),
    drafting: app.drafting,
    log: silentLog,
    ...options,
  });
  await Promise.all(running.workers.map((w) => w.waitUntilReady()));
  return running;
}

/** Deletes every key under the file's prefix (queues, reviews, follow-up plans). */
export async function deleteQueueKeys(config: Config): Promise<void> {
  await deleteRedisPrefix(config.redisUrl, config.queuePrefix);
}

/** Resolves with the ids of the next `count` jobs the worker completes, in completion order. */
export function completions(worker: Worker, count: number, timeoutMs = 20_000): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const ids: string[] = [];
    const timer = setTimeout(() => {
      worker.off('completed', onCompleted);
      reject(new Error(`only ${ids.length} of ${count} jobs completed within ${timeoutMs} ms`));
    }, timeoutMs);
    function onCompleted(job: { id?: string }) {
      ids.push(job.id!);
      if (ids.length < count) return;
      clearTimeout(timer);
      worker.off('completed', onCompleted);
      resolve(ids);
    }
    worker.on('completed', onCompleted);
  });
}

/** Polls until check() returns something truthy (for state held in Redis, which has no event here). */
export async function waitUntil<T>(check: () => Promise<T> | T, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export { once };

/** Mails whose routing priority is known: P1 (a threat to go to the consumer centre) and a calm question. */
export const FURIOUS_MAIL = { body: '二重に請求されています。返金しないなら消費者センターに相談します。' };
export const CALM_MAIL = {
  subject: '配送日の確認',
  body: 'お世話になっております。先日注文した商品の配送予定日を教えていただけますでしょうか。よろしくお願いいたします。',
};
