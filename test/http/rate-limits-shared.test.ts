/**
 * Rate limits are counted in Redis, under the installation's prefix, so every API replica draws on
 * the same allowance. Runs on the single Redis and on the local Redis Cluster (where the counter's
 * script must reach the prefix's slot; the limiter skips Redis errors, so a broken key would show
 * here as no 429 at all).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../../src/config/api-keys.js';
import { buildApp } from '../../src/http/app.js';
import { createRedisClient } from '../../src/queue/connection.js';
import { deleteQueueKeys, queueTestConfig } from '../queue/support.js';
import { listRedisKeys } from '../support/redis-prefix.js';

const team = newApiKey('support-team');
const config = queueTestConfig('rate-limits-shared', { apiKeys: [team.entry], rateLimitPerKey: 3 });
const replicas: FastifyInstance[] = [];

beforeAll(async () => {
  for (let i = 0; i < 2; i++) {
    // GET /v1/reviews needs no tokenizer: one that never loads keeps this file fast.
    const app = await buildApp({ config, logger: false, tokenizer: new Promise(() => {}) });
    await app.ready();
    replicas.push(app);
  }
});
afterAll(async () => {
  await Promise.all(replicas.map((app) => app.close()));
  await deleteQueueKeys(config);
});

describe('rate limits in Redis', () => {
  it('are shared by two API replicas: the fourth request answers 429 on whichever replica gets it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await replicas[i % 2]!.inject({
        method: 'GET',
        url: '/v1/reviews',
        headers: { authorization: `Bearer ${team.key}` },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);

    const redis = createRedisClient(config, {});
    try {
      // One counter for the key, under the prefix (@fastify/rate-limit puts its route segment, empty
      // for limits applied from a hook, between the namespace and the key).
      const counters = await listRedisKeys(redis, `${config.queuePrefix}:rate-limit:*`);
      expect(counters).toHaveLength(1);
      expect(counters[0]).toMatch(/-key:support-team$/);
    } finally {
      redis.disconnect();
    }
  });
});
