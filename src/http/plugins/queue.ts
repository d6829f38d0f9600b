/**
 * Owns the API's side of the queues, over the redis plugin's connection: the producer queues, the
 * review queue and the follow-up scheduler. Without Redis the API still starts and serves the
 * synchronous endpoints; queue endpoints answer 503 queue-unavailable until Redis is back.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import { createQueueClock, type QueueClock } from '../../queue/clock.js';
import { isRedisUnavailable } from '../../queue/connection.js';
import { FollowUpScheduler } from '../../queue/followups.js';
import { createQueues, queueSettings, type OndoQueues } from '../../queue/queues.js';
import { ReviewQueue } from '../../queue/review-queue.js';
import { idSecret, JobIds } from '../../queue/tenants.js';
import { TriageIntake } from '../../queue/triage-intake.js';

export interface QueueServices {
  triage: TriageIntake;
  reviews: ReviewQueue;
  followups: FollowUpScheduler;
  /** Job ids for every tenant: random, or HMAC'd with the id secret. */
  ids: JobIds;
}

export interface QueueService {
  readonly queues: OndoQueues;
  readonly clock: QueueClock;
  /** The same ids as in QueueServices, for stores that derive their own (feedback); deriving needs Redis unless ID_SECRET is set. */
  readonly ids: JobIds;
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
    const redis = app.redis.client;
    const settings = queueSettings(config);
    let lastQueueError = 0;
    const queues = createQueues(redis, settings, (err) => {
      // The connection's own listener already reports outages; this only keeps other errors visible.
      if (isRedisUnavailable(err) || Date.now() - lastQueueError < 60_000) return;
      lastQueueError = Date.now();
      app.log.warn({ err: err.message }, 'queue error');
    });
    const ids = new JobIds(idSecret(redis, settings.prefix, config.idSecret));
    const reviews = new ReviewQueue(redis, {
      prefix: settings.prefix,
      leaseMs: config.reviewLeaseSeconds * 1000,
      keepDecidedSeconds: settings.retentionSeconds,
    });
    const followups = new FollowUpScheduler(queues.followups, redis, {
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
      measure: (mail) => app.analysis.measure(mail),
      get drafting() {
        return app.drafting; // read at use time: a dictionary reload swaps it
      },
      clock,
      ids,
      onCaseReply: (tenant, caseId) => followups.cancel(tenant, caseId, 'the customer replied'),
    });
    const services: QueueServices = { triage, reviews, followups, ids };
    const whenDown = 'The job queue (Redis) is unavailable; /v1/triage, /v1/analyze and /v1/replies/lint still work. Retry shortly.';

    app.decorate('queue', {
      queues,
      clock,
      ids,
      use: <T>(operation: (services: QueueServices) => Promise<T>) => app.redis.use(() => operation(services), whenDown),
    } satisfies QueueService);

    app.addHook('onClose', async () => {
      await queues.close();
    });
  },
  { name: 'queue', dependencies: ['redis', 'analysis', 'drafting'] },
);
