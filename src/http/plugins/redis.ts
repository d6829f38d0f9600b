/**
 * The API's one Redis connection (fails fast while Redis is away), shared by the queues, the
 * webhook intake, feedback and the rate limiter. The app starts with Redis when it is there and
 * never waits for an absent one; until Redis is back, operations run through use() answer 503
 * queue-unavailable, and the connection comes back by itself.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import { connectRedis, isRedisUnavailable, type RedisClient } from '../../queue/connection.js';
import { QueueError } from '../../queue/errors.js';
import { ProblemError } from '../problem.js';
import { DeliveryNotFailed } from '../../integrations/errors.js';

export interface RedisService {
  readonly client: RedisClient;
  up(): boolean;
  /**
   * Runs a Redis operation: 503 queue-unavailable (saying `whenDown`) while Redis is away, a
   * QueueError or DeliveryNotFailed as its problem.
   */
  use<T>(operation: () => Promise<T>, whenDown: string): Promise<T>;
}

declare module 'fastify' {
  interface FastifyInstance {
    redis: RedisService;
  }
}

/** How long start-up waits for a Redis that is slow to answer (readyz says so from the first request). */
const STARTUP_WAIT_MS = 2_000;

export default fp<{ config: Config }>(
  async function redis(app: FastifyInstance, { config }) {
    const redis = connectRedis(config, 'producer', app.log, 'ondo-api');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(settle, STARTUP_WAIT_MS);
      function settle() {
        clearTimeout(timer);
        for (const event of ['ready', 'error', 'end'] as const) redis.client.off(event, settle);
        resolve();
      }
      for (const event of ['ready', 'error', 'end'] as const) redis.client.once(event, settle);
    });
    const unavailable = (detail: string) => new ProblemError('queue-unavailable', detail, { headers: { 'retry-after': '5' } });

    app.decorate('redis', {
      client: redis.client,
      up: redis.up,
      async use<T>(operation: () => Promise<T>, whenDown: string): Promise<T> {
        if (!redis.up()) throw unavailable(whenDown);
        try {
          return await operation();
        } catch (err) {
          if (err instanceof QueueError) throw new ProblemError(err.kind, err.message);
          if (err instanceof DeliveryNotFailed) throw new ProblemError('delivery-not-failed', err.message);
          if (err instanceof ProblemError) throw err;
          if (!redis.up() || isRedisUnavailable(err)) throw unavailable(whenDown);
          throw err;
        }
      },
    } satisfies RedisService);

    // Closed last: every plugin that uses the connection registered after this one closes first.
    app.addHook('onClose', async () => {
      await redis.close();
    });
  },
  { name: 'redis' },
);
