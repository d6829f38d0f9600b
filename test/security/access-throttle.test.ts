/**
 * Issue 19 row 9: failed authentication is throttled. Wrong API keys and wrong dashboard passwords
 * count against the caller's per-IP limit, so guessing ends in 429 however the path is spelled.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../../src/config/api-keys.js';
import { testApp } from '../support/app.js';

const PER_IP = 5;
const team = newApiKey('support-team');
const prefix = `test-access-throttle-${process.pid}-${Date.now().toString(36)}`;

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp({
    apiKeys: [team.entry],
    adminUser: 'ondo-admin',
    adminPassword: 'correct horse battery staple',
    rateLimitPerIp: PER_IP,
    queuePrefix: prefix,
  });
});
afterAll(() => app?.close());

const statuses = async (count: number, request: (i: number) => Promise<{ statusCode: number }>) => {
  const seen: number[] = [];
  for (let i = 0; i < count; i++) seen.push((await request(i)).statusCode);
  return seen;
};

describe('failed authentication', () => {
  it('counts wrong API keys against the per-IP limit, encoded paths included', async () => {
    const urls = ['/v1/analyze', '/%761/analyze', '/v%31/analyze'];
    const seen = await statuses(PER_IP + 2, (i) =>
      app.inject({
        method: 'POST',
        url: urls[i % urls.length]!,
        payload: { body: 'テスト' },
        headers: { authorization: `Bearer ondo_guess-${i}`, 'x-forwarded-for': '203.0.113.9' },
      }),
    );
    expect(seen).toEqual([...Array<number>(PER_IP).fill(401), 429, 429]);
  });

  it('counts wrong dashboard passwords against the per-IP limit', async () => {
    const separate = await testApp({
      adminUser: 'ondo-admin',
      adminPassword: 'correct horse battery staple',
      rateLimitPerIp: PER_IP,
      queuePrefix: `${prefix}-admin`,
    });
    try {
      const seen = await statuses(PER_IP + 2, (i) =>
        separate.inject({
          method: 'GET',
          url: '/admin/queues',
          headers: { authorization: `Basic ${Buffer.from(`ondo-admin:guess-number-${i}`).toString('base64')}` },
        }),
      );
      expect(seen).toEqual([...Array<number>(PER_IP).fill(401), 429, 429]);
    } finally {
      await separate.close();
    }
  });
});
