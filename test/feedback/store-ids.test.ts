/**
 * A helpdesk correction's id follows from its tenant and key (so a retried webhook stores one
 * record), keyed with the server's id secret as job ids are: nobody without the secret can compute it.
 */
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { FeedbackStore, type FeedbackInput } from '../../src/feedback/store.js';
import { createRedisClient } from '../../src/queue/connection.js';
import { idSecret, JobIds } from '../../src/queue/tenants.js';
import { queueTestConfig } from '../queue/support.js';
import { deleteRedisPrefix } from '../support/redis-prefix.js';

const config = queueTestConfig('feedback-ids');
const redis = createRedisClient(config, {});
afterAll(async () => {
  await deleteRedisPrefix(config.redisUrl, config.queuePrefix);
  redis.disconnect();
});

const storeWith = (secret?: string) =>
  new FeedbackStore(redis, { prefix: config.queuePrefix, retentionDays: 30, ids: new JobIds(idSecret(redis, config.queuePrefix, secret)) });

const KEY = 'zendesk/main/48213/comment-9001';
const correction = (key = KEY): FeedbackInput => ({
  source: 'helpdesk',
  mail: { body: '先日もお問い合わせしましたが、まだご回答をいただけておりません。' },
  ondo: { level: 'concerned', dictionaryVersion: 'sha256:0123456789abcdef' },
  agent: { level: 'angry', politeButAnnoyed: true },
  key,
});

describe('FeedbackStore ids of keyed corrections', () => {
  it('gives the same tenant and key the same id and stores the correction once', async () => {
    const store = storeWith('secret-one');
    const first = await store.add('acme', correction());
    const again = await store.add('acme', correction());
    expect(again.id).toBe(first.id);
    expect(first.id).toMatch(/^fb-[0-9a-f]{24}$/u);
    expect(await store.count('acme')).toBe(1);
    // Another process with the same secret (the API after a restart) finds the same record.
    expect((await storeWith('secret-one').add('acme', correction())).id).toBe(first.id);
  });

  it('derives the id with the secret: not the plain hash of tenant and key, and another secret gives another id', async () => {
    const id = (await storeWith('secret-one').add('hash-check', correction())).id;
    expect(id).not.toBe(`fb-${createHash('sha256').update(`hash-check\0${KEY}`).digest('hex').slice(0, 24)}`);
    const otherSecret = await storeWith('secret-two').add('hash-check-2', correction());
    const sameSecret = await storeWith('secret-one').add('hash-check-2', correction());
    expect(otherSecret.id).not.toBe(sameSecret.id);
  });

  it('gives another tenant another id for the same key, and a record of its own', async () => {
    const store = storeWith('secret-one');
    const alice = await store.add('alice', correction());
    const bob = await store.add('bob', correction());
    expect(bob.id).not.toBe(alice.id);
    expect(await store.get('bob', alice.id)).toBeUndefined();
    expect((await store.get('alice', alice.id))?.id).toBe(alice.id);
  });

  it('without ID_SECRET uses the secret kept in Redis, so every process derives the same id', async () => {
    const one = await storeWith().add('shared', correction('freshdesk/eu/7/1'));
    const other = await storeWith().add('shared', correction('freshdesk/eu/7/1'));
    expect(other.id).toBe(one.id);
    expect(await storeWith().count('shared')).toBe(1);
  });
});
