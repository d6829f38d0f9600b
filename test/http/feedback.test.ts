import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { createRedisClient } from '../../src/queue/connection.js';
import { queueTestConfig } from '../queue/support.js';
import { testApp } from '../support/app.js';
import { capturedLogger } from '../support/log-sink.js';
import { deleteRedisPrefix, listRedisKeys } from '../support/redis-prefix.js';

// The single Redis, or the local Redis Cluster in the vitest project `redis-cluster`.
const config: Config = { ...queueTestConfig('feedback'), feedback: true, feedbackRetentionDays: 30 };
const prefix = config.queuePrefix;
const captured = capturedLogger();
const logLines = captured.lines;
let app: FastifyInstance;

beforeAll(async () => {
  app = await testApp(config, { logger: captured.logger });
});
afterEach(() => deleteRedisPrefix(config.redisUrl, `${prefix}:feedback`));
afterAll(async () => {
  await app.close();
  await deleteRedisPrefix(config.redisUrl, prefix);
});

const MAIL = {
  subject: '山田花子です：注文番号A-99812の件',
  body: 'お世話になっております。山田花子です。\n先週注文した商品が届いておりません。先日もご連絡いたしましたが、どういうことでしょうか。\n電話番号は090-1234-5678、メールは hanako@example.jp です。\n山田',
};
const SECRETS = ['山田', '花子', 'A-99812', '090-1234-5678', 'hanako@example.jp'];

async function correct(overrides: Record<string, unknown> = {}) {
  const tone = (await app.inject({ method: 'POST', url: '/v1/analyze', payload: MAIL })).json();
  return app.inject({
    method: 'POST',
    url: '/v1/feedback',
    payload: {
      mail: MAIL,
      ondo: { level: tone.level, dictionaryVersion: tone.dictionaryVersion },
      agent: { level: 'angry', politeButAnnoyed: true, scenario: 'delivery-delay' },
      ...overrides,
    },
  });
}

describe('POST /v1/feedback', () => {
  it('stores the correction with personal data masked, and never stores or logs the unmasked text', async () => {
    const response = await correct();
    expect(response.statusCode).toBe(201);
    const record = response.json();
    expect(record).toMatchObject({ id: expect.stringMatching(/^fb-/), source: 'api', agent: { level: 'angry', politeButAnnoyed: true } });
    expect(record.masked).toMatchObject({ name: expect.any(Number), order: 1, phone: 1, email: 1 });
    expect(record.mail.body).toContain('どういうことでしょうか');

    const redis = createRedisClient(config, {});
    try {
      const keys = await listRedisKeys(redis, `${prefix}:feedback:*`);
      expect(keys.length).toBeGreaterThan(0);
      const read = async (key: string) => {
        const type = await redis.type(key);
        if (type === 'string') return redis.get(key);
        return JSON.stringify(type === 'zset' ? await redis.zrange(key, '0', '-1') : await redis.smembers(key));
      };
      const stored = (await Promise.all(keys.map(read))).join('\n');
      for (const secret of SECRETS) expect(stored).not.toContain(secret);
      expect(stored).toContain('どういうことでしょうか');
      expect(keys).toContain(`${prefix}:feedback:default:item:${record.id}`);
      expect(await redis.pttl(`${prefix}:feedback:default:item:${record.id}`)).toBeGreaterThan(29 * 86_400_000);
    } finally {
      redis.disconnect();
    }
    const log = logLines.join('\n');
    for (const secret of SECRETS) expect(log).not.toContain(secret);
    expect(log).not.toContain('どういうことでしょうか');
    expect(logLines.map((l) => JSON.parse(l)).find((l) => l.msg === 'correction stored')).toMatchObject({
      feedbackId: record.id,
      agentLevel: 'angry',
    });
  });

  it('answers a bad label with a validation problem', async () => {
    const response = await correct({ agent: { level: 'livid' } });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('answers 413 for a body over MAX_BODY_BYTES', async () => {
    const response = await correct({ mail: { body: 'あ'.repeat(60_000) } });
    expect(response.statusCode).toBe(413);
  });
});

describe('listing, export and deletion', () => {
  it('lists newest first, exports JSON Lines, deletes one and then all', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await correct()).json().id as string);
    const list = (await app.inject({ method: 'GET', url: '/v1/feedback?limit=2' })).json();
    expect(list.total).toBe(3);
    expect(list.items).toHaveLength(2);
    expect(list.items[0].id).toBe(ids[2]);

    const exported = await app.inject({ method: 'GET', url: '/v1/feedback/export' });
    expect(exported.headers['content-type']).toContain('application/x-ndjson');
    const lines = exported.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(ids);

    expect((await app.inject({ method: 'DELETE', url: `/v1/feedback/${ids[0]}` })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: `/v1/feedback/${ids[0]}` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/v1/feedback/${ids[0]}` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/v1/feedback/${ids[1]}` })).json().id).toBe(ids[1]);

    expect((await app.inject({ method: 'DELETE', url: '/v1/feedback' })).json()).toEqual({ deleted: 2 });
    expect((await app.inject({ method: 'GET', url: '/v1/feedback' })).json()).toEqual({ total: 0, items: [] });
  });
});

describe('FEEDBACK=off (the default)', () => {
  it('stores nothing and says how to turn it on', async () => {
    const off = await testApp({ queuePrefix: prefix });
    try {
      const response = await off.inject({
        method: 'POST',
        url: '/v1/feedback',
        payload: { mail: MAIL, ondo: { level: 'calm', dictionaryVersion: 'sha256:0000000000000000' }, agent: { level: 'angry' } },
      });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ type: 'urn:ondo:problem:feedback-off' });
      expect(response.json().detail).toContain('FEEDBACK=on');
      expect((await off.inject({ method: 'GET', url: '/v1/feedback' })).statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });
});

describe('/metrics', () => {
  it('shows how often agents agree with ondo, per dictionary version, on the level and the scenario', async () => {
    const first = (await correct()).json();
    // The first correction names no ondo scenario, so only these two count for the scenario: one agrees.
    const ondo = { ...first.ondo, scenario: 'delivery-delay' };
    await correct({ ondo, agent: { level: first.ondo.level, scenario: 'delivery-delay' } });
    await correct({ ondo, agent: { level: first.ondo.level, scenario: 'billing' } });
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    const version = first.ondo.dictionaryVersion;
    const agreeing = first.ondo.level === 'angry' ? 3 : 2;
    expect(metrics).toContain(`ondo_feedback_corrections{tenant="default",dictionary_version="${version}",agreed="true"} ${agreeing}`);
    expect(metrics).toContain(`ondo_feedback_agreement_ratio{tenant="default",dictionary_version="${version}"} ${agreeing / 3}`);
    expect(metrics).toContain(`ondo_feedback_scenario_agreement_ratio{tenant="default",dictionary_version="${version}"} 0.5`);
  });
});
