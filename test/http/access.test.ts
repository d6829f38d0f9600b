import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { newApiKey, parseApiKeys } from '../../src/config/api-keys.js';
import { matchApiKey } from '../../src/http/access/api-keys.js';
import { testApp } from '../support/app.js';

const support = newApiKey('support-team');
const helpdesk = newApiKey('helpdesk');
const MAIL = { body: 'お世話になっております。商品の在庫について教えてください。' };

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp({
    apiKeys: [support.entry, helpdesk.entry],
    rateLimitPerKey: 3,
    corsOrigins: ['https://helpdesk.example.jp'],
    queuePrefix: `test-access-${process.pid}-${Date.now().toString(36)}`,
  });
});
afterAll(() => app.close());

const analyze = (headers: Record<string, string> = {}) => app.inject({ method: 'POST', url: '/v1/analyze', payload: MAIL, headers });

describe('API keys', () => {
  it('are stored as hashes that admit the key and nothing else', () => {
    const keys = parseApiKeys(`${support.entry},${helpdesk.entry}`);
    expect(support.entry).not.toContain(support.key);
    expect(matchApiKey(support.key, keys)?.name).toBe('support-team');
    expect(matchApiKey(helpdesk.key, keys)?.name).toBe('helpdesk');
    expect(matchApiKey(`${support.key}x`, keys)).toBeUndefined();
  });

  it('name their tenant after @; without one a key is its own tenant, and @* is an admin key', () => {
    const [own, shared, admin] = parseApiKeys([support.entry, newApiKey('desk-2', 'acme').entry, newApiKey('ops', '*').entry].join(','));
    expect(own).toMatchObject({ name: 'support-team', tenant: 'support-team', admin: false });
    expect(shared).toMatchObject({ name: 'desk-2', tenant: 'acme', admin: false });
    expect(admin).toMatchObject({ name: 'ops', tenant: 'ops', admin: true });
    expect(() => parseApiKeys('desk@acme/2:sha256:' + '0'.repeat(64))).toThrow(/entry 1 must look like name\[@tenant\]/);
  });

  it('answer a request without a key with 401 problem+json and WWW-Authenticate', async () => {
    const res = await analyze();
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="ondo"');
    expect(res.json().type).toBe('urn:ondo:problem:unauthorized');
  });

  it('answer a wrong key with 401 and a right one with 200', async () => {
    expect((await analyze({ authorization: 'Bearer ondo_not-a-key' })).statusCode).toBe(401);
    expect((await analyze({ authorization: `Bearer ${helpdesk.key}` })).statusCode).toBe(200);
  });

  it('leave health, readiness and the page open', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
  });
});

describe('rate limits', () => {
  it('answer 429 problem+json with Retry-After once a key has used its requests', async () => {
    const auth = { authorization: `Bearer ${support.key}` };
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await analyze(auth)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await analyze(auth);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.json().type).toBe('urn:ondo:problem:rate-limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('security headers and CORS', () => {
  it("send a CSP that allows only ondo's own assets", async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('allow a configured origin and no other', async () => {
    const allowed = await app.inject({
      method: 'OPTIONS',
      url: '/v1/analyze',
      headers: { origin: 'https://helpdesk.example.jp', 'access-control-request-method': 'POST' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://helpdesk.example.jp');
    const other = await app.inject({
      method: 'OPTIONS',
      url: '/v1/analyze',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('configuration', () => {
  it('is open, with CORS off, when nothing is configured', () => {
    expect(loadConfig({})).toMatchObject({ apiKeys: [], corsOrigins: [], docs: true });
  });

  it('names a malformed API_KEYS without echoing it', () => {
    let message = '';
    try {
      loadConfig({ API_KEYS: 'team:plaintext-secret-key' });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    expect(message).toContain('API_KEYS');
    expect(message).not.toContain('plaintext-secret-key');
  });

  it('can switch the docs off', async () => {
    const closed = await testApp({ docs: false });
    try {
      expect((await closed.inject({ method: 'GET', url: '/docs' })).statusCode).toBe(404);
      expect((await closed.inject({ method: 'GET', url: '/openapi.json' })).statusCode).toBe(404);
    } finally {
      await closed.close();
    }
  });
});
