/**
 * The id secret behind derived job ids: ID_SECRET when set, otherwise one random secret kept in
 * Redis, so every API instance and the delivery worker derive the same id for the same key (a
 * secret made up per process would turn a client's retry into a second job).
 */
import { describe, expect, it } from 'vitest';
import { newApiKey } from '../../src/config/api-keys.js';
import { createRedisClient } from '../../src/queue/connection.js';
import { idSecret, JobIds } from '../../src/queue/tenants.js';
import { CALM_MAIL, queueTestConfig } from '../queue/support.js';
import { appForFile } from './tenants-support.js';

const victim = newApiKey('victim');
const config = queueTestConfig('tenants-id-secret', { apiKeys: [victim.entry], rateLimitPerKey: 1_000_000 });
const app = appForFile(config);

const queue = (who: { key: string }, payload: object, headers: Record<string, string> = {}) =>
  app().inject({ method: 'POST', url: '/v1/triage/jobs', payload, headers: { authorization: `Bearer ${who.key}`, ...headers } });

describe('the id secret', () => {
  it('is shared through Redis by every process without ID_SECRET; another secret or tenant derives other ids', async () => {
    const redis = createRedisClient(config, {});
    try {
      // Another process on the same Redis (a second API instance, the delivery worker): its own cache, the same secret.
      const elsewhere = new JobIds(idSecret(redis, config.queuePrefix));
      const { job } = (await queue(victim, CALM_MAIL, { 'idempotency-key': 'shared-secret-check' })).json();
      expect(await elsewhere.derived('victim', 'key', 'shared-secret-check')).toBe(job.id);
      const configured = new JobIds(idSecret(redis, config.queuePrefix, 'an-operator-chosen-id-secret'));
      expect(await configured.derived('victim', 'key', 'shared-secret-check')).not.toBe(job.id);
      expect(await elsewhere.derived('attacker', 'key', 'shared-secret-check')).not.toBe(job.id);
    } finally {
      await redis.quit();
    }
  });
});
