/**
 * Owns the API's side of the queues: one Redis connection that fails fast, the producer queues,
 * the review queue and the follow-up scheduler. Without Redis the API still starts and serves the
 * synchronous endpoints; queue endpoints answer 503 queue-unavailable until Redis is back, and the
 * connection comes back by itself.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import { createQueueClock, type QueueClock } from '../../queue/clock.js';
import { connectRedis, isRedisUnavailable, type RedisClient } from '../../queue/connection.js';
import { QueueError } from '../../queue/errors.js';
import { FollowUpScheduler } from '../../queue/followups.js';
import { createQueues, queueSettings, type OndoQueues } from '../../queue/queues.js';
import { ReviewQueue } from '../../queue/review-queue.js';
import { idSecret, JobIds } from '../../queue/tenants.js';
import { TriageIntake } from '../../queue/triage-intake.js';
import { ProblemError } from '../problem.js';

export interface QueueServices {
  triage: TriageIntake;
  reviews: ReviewQueue;
  followups: FollowUpScheduler;
  /** Job ids for every tenant: random, or HMAC'd with the id secret. */
  ids: JobIds;
}

export interface QueueService {
  readonly queues: OndoQueues;
  /** The API's Redis connection (fails fast while Redis is away); shared with the rate limiter. */
  readonly redis: RedisClient;
  readonly clock: QueueClock;
  redisUp(): boolean;
  /** Runs a queue operation: 503 queue-unavailable while Redis is away, a QueueError as its problem. */
  use<T>(operation: (services: QueueServices) => Promise<T>): Promise<T>;
}

declare module 'fastify' {
  interface FastifyInstance {
    queue: QueueService;
  }
}

export interface QueuePluginOptions {
  config: Config;
  clock?: QueueClock;
}

export default fp<QueuePluginOptions>(
  async function queue(app: FastifyInstance, { config, clock: givenClock }) {
    const clock = givenClock ?? createQueueClock(config.queueTimeScale);
    const redis = connectRedis(config, 'producer', app.log, 'ondo-api');
    // Start with Redis if it is there (readyz says so from the first request); never wait for an absent one.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(settle, 2_000);
      function settle() {
        clearTimeout(timer);
        for (const event of ['ready', 'error', 'end'] as const) redis.client.off(event, settle);
        resolve();
      }
      for (const event of ['ready', 'error', 'end'] as const) redis.client.once(event, settle);
    });
    const settings = queueSettings(config);
    let lastQueueError = 0;
    const queues = createQueues(redis.client, settings, (err) => {
      // The connection's own listener already reports outages; this only keeps other errors visible.
      if (isRedisUnavailable(err) || Date.now() - lastQueueError < 60_000) return;
      lastQueueError = Date.now();
      app.log.warn({ err: err.message }, 'queue error');
    });
    const ids = new JobIds(idSecret(redis.client, settings.prefix, config.idSecret));
    const reviews = new ReviewQueue(redis.client, {
      prefix: settings.prefix,
      leaseMs: config.reviewLeaseSeconds * 1000,
      keepDecidedSeconds: settings.retentionSeconds,
    });
    const followups = new FollowUpScheduler(queues.followups, redis.client, {
      get drafting() {
        return app.drafting; // read at use time: a dictionary reload swaps it
      },
      reviews,
      clock,
      prefix: settings.prefix,
      retentionSeconds: settings.retentionSeconds,
      ids,
    });
    const triage = new TriageIntake(queues.triage, {
      analyze: (mail) => app.analysis.analyze(mail),
      get drafting() {
        return app.drafting; // read at use time: a dictionary reload swaps it
      },
      clock,
      ids,
      onCaseReply: (tenant, caseId) => followups.cancel(tenant, caseId, 'the customer replied'),
    });
    const services: QueueServices = { triage, reviews, followups, ids };
    const unavailable = () =>
      new ProblemError('queue-unavailable', 'The job queue (Redis) is unavailable; /v1/triage, /v1/analyze and /v1/replies/lint still work. Retry shortly.', {
        headers: { 'retry-after': '5' },
      });

    app.decorate('queue', {
      queues,
      redis: redis.client,
      clock,
      redisUp: redis.up,
      async use<T>(operation: (services: QueueServices) => Promise<T>): Promise<T> {
        if (!redis.up()) throw unavailable();
        try {
          return await operation(services);
        } catch (err) {
          if (err instanceof QueueError) throw new ProblemError(err.kind, err.message);
          if (err instanceof ProblemError) throw err;
          if (!redis.up() || isRedisUnavailable(err)) throw unavailable();
          throw err;
        }
      },
    } satisfies QueueService);

    app.addHook('onClose', async () => {
      await queues.close();
      await redis.close();
    });
  },
  { name: 'queue', dependencies: ['analysis', 'drafting'] },
);
