/**
 * Issue 17's promise, end to end through the real route and Redis: every mail of the fault suite
 * (the development set it streams) and every tricky case of the masking corpus is posted as a
 * correction; then nothing in Redis, the export or the log (at trace level) holds a secret, the
 * independent leak detectors find nothing in the stored mails, and no sentence of any mail is logged.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMAIL_FIXTURES, readJsonLines, type LabelledMail } from '../../scripts/evaluation.js';
import type { Config } from '../../src/config.js';
import { parseCorrections } from '../../src/cli/learn/corrections.js';
import { createRedisClient } from '../../src/queue/connection.js';
import { queueTestConfig } from '../queue/support.js';
import { testApp } from '../support/app.js';
import { capturedLogger } from '../support/log-sink.js';
import { deleteRedisPrefix, listRedisKeys } from '../support/redis-prefix.js';
import { LEAKS, MASKING_CASES, SUBJECT_LEAKS } from './masking-corpus.js';

const config: Config = { ...queueTestConfig('feedback-masked'), feedback: true };
const captured = capturedLogger();
const logLines = captured.lines;
let app: FastifyInstance;

const faultSuiteMails = readJsonLines<LabelledMail>(EMAIL_FIXTURES).map(({ subject, body }) => ({ subject, body }));
const corpusMails = MASKING_CASES.map((c) => ({ subject: undefined, body: c.text }));

beforeAll(async () => {
  app = await testApp(config, { logger: captured.logger });
});
afterAll(async () => {
  await app.close();
  await deleteRedisPrefix(config.redisUrl, config.queuePrefix);
});

describe('corrections of the fault suite mails and the tricky-case corpus', () => {
  it('are stored, exported and logged with no personal data', { timeout: 240_000 }, async () => {
    const { dictionaryVersion } = (await app.inject({ method: 'POST', url: '/v1/analyze', payload: { body: 'テスト' } })).json();
    const mails = [...faultSuiteMails, ...corpusMails];
    for (const mail of mails) {
      const posted = await app.inject({
        method: 'POST',
        url: '/v1/feedback',
        payload: {
          mail: { ...(mail.subject ? { subject: mail.subject } : {}), body: mail.body },
          ondo: { level: 'calm', dictionaryVersion, scenario: 'other' },
          agent: { level: 'angry', scenario: 'delivery-delay' },
        },
      });
      expect(posted.statusCode).toBe(201);
    }

    // Redis: every value under the feedback keys, raw.
    const redis = createRedisClient(config, {});
    let stored: string;
    try {
      const keys = await listRedisKeys(redis, `${config.queuePrefix}:feedback:*`);
      const read = async (key: string) => {
        const type = await redis.type(key);
        if (type === 'string') return (await redis.get(key)) ?? '';
        if (type === 'hash') return JSON.stringify(await redis.hgetall(key));
        return JSON.stringify(type === 'zset' ? await redis.zrange(key, '0', '-1') : await redis.smembers(key));
      };
      stored = (await Promise.all(keys.map(read))).join('\n');
    } finally {
      redis.disconnect();
    }
    const exported = (await app.inject({ method: 'GET', url: '/v1/feedback/export' })).body;
    const records = parseCorrections(exported, 'export');
    expect(records).toHaveLength(mails.length);
    const log = logLines.join('\n');

    // Each corpus case's secrets, in its own stored record: a bare number (a room 405, a phone's last 5678)
    // also turns up in ids, timestamps and durations, so only secrets with letters are looked for everywhere.
    const corpusRecords = records.slice(faultSuiteMails.length);
    const survived = MASKING_CASES.flatMap((c, i) =>
      c.secrets.filter((s) => corpusRecords[i]!.mail.body.includes(s.normalize('NFKC'))).map((s) => `${c.name}: ${s}`),
    );
    expect(survived).toEqual([]);
    // And nowhere at all: in Redis or the log, the longer secrets of every case.
    const secretsWithLetters = MASKING_CASES.flatMap((c) => c.secrets.map((s) => s.normalize('NFKC'))).filter(
      (s) => s.length >= 2 && /\D/u.test(s),
    );
    for (const [where, text] of [
      ['Redis', stored],
      ['the log', log],
    ] as const) {
      expect(
        secretsWithLetters.filter((s) => text.includes(s)),
        `secrets in ${where}`,
      ).toEqual([]);
    }
    const leaks = records.flatMap((r) =>
      (
        [
          [r.mail.subject ?? '', SUBJECT_LEAKS],
          [r.mail.body, LEAKS],
        ] as const
      ).flatMap(([field, detectors]) =>
        detectors.flatMap(([kind, detect]) => {
          const found = detect(field);
          return found ? [`${r.id} ${kind}: ${found}`] : [];
        }),
      ),
    );
    expect(leaks).toEqual([]);
    // A one-word subject is a topic, not a signature name: m027's 「修正」 is stored as written.
    expect(records.map((r) => r.mail.subject)).toContain('修正');

    // Logs carry ids, levels and lengths: not one sentence of a mail.
    const sentences = mails.flatMap((m) => m.body.split(/[。\n！？]/u).filter((s) => s.trim().length >= 8));
    expect(sentences.length).toBeGreaterThan(200);
    expect(sentences.filter((s) => log.includes(s.trim()))).toEqual([]);
    expect(logLines.filter((l) => l.includes('correction stored'))).toHaveLength(mails.length);
  });
});
