/**
 * Issue 19 row 1: API keys and rate limits are decided on the matched route, never on the URL
 * text. Every route of the real route table, spelled every way a router might accept, answers 401
 * without a key when keys are configured — unless the route is one that is open by design.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../../src/config/api-keys.js';
import { testApp } from '../support/app.js';
import { collectRoutes, concretePath, pathVariants, type RegisteredRoute } from './route-table.js';

const team = newApiKey('support-team');

let app: FastifyInstance;
let routes: RegisteredRoute[];
beforeAll(async () => {
  ({ built: app, routes } = await collectRoutes(() =>
    testApp({
      apiKeys: [team.entry],
      adminUser: 'ondo-admin',
      adminPassword: 'correct horse battery staple',
      rateLimitPerKey: 1_000_000,
      queuePrefix: `test-access-paths-${process.pid}-${Date.now().toString(36)}`,
    }),
  ));
});
afterAll(() => app?.close());

const apiRoutes = () => routes.filter((r) => r.url.startsWith('/v1/'));

const send = (method: string, url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: method as 'GET', url, headers, ...(method === 'GET' || method === 'HEAD' ? {} : { payload: {} }) });

describe('the route table', () => {
  it('holds every /v1 route', () => {
    expect(apiRoutes().length).toBeGreaterThanOrEqual(20);
  });

  it('gives every route an access class', () => {
    const undeclared = routes.filter((r) => !['api-key', 'webhook', 'public', 'admin'].includes(r.config.access as string));
    expect(undeclared.map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });
});

describe('every /v1 route without a key', () => {
  it('answers 401 however its path is spelled', async () => {
    const answered: string[] = [];
    for (const route of apiRoutes()) {
      for (const url of pathVariants(concretePath(route.url))) {
        const res = await send(route.method, url);
        if (res.statusCode !== 401) answered.push(`${route.method} ${url} → ${res.statusCode}`);
      }
    }
    expect(answered).toEqual([]);
  });

  it('answers 401 to a wrong key however its path is spelled', async () => {
    const answered: string[] = [];
    for (const route of apiRoutes()) {
      for (const url of pathVariants(concretePath(route.url))) {
        const res = await send(route.method, url, { authorization: 'Bearer ondo_not-a-key' });
        if (res.statusCode !== 401) answered.push(`${route.method} ${url} → ${res.statusCode}`);
      }
    }
    expect(answered).toEqual([]);
  });

  it('is reached with the key on its canonical path', async () => {
    const refused: string[] = [];
    for (const route of apiRoutes()) {
      const res = await send(route.method, concretePath(route.url), { authorization: `Bearer ${team.key}` });
      if (res.statusCode === 401 || res.statusCode === 429) refused.push(`${route.method} ${route.url} → ${res.statusCode}`);
    }
    expect(refused).toEqual([]);
  });
});

describe('a path no route matches', () => {
  it('answers 401 without a key, so unmatched paths bypass nothing and reveal no route', async () => {
    for (const url of ['/nothing-here', '/v2/analyze', '/V1/ANALYZE', '/v1//analyze', '/v1/analyze/']) {
      expect((await send('POST', url)).statusCode, url).toBe(401);
    }
  });

  it('stays open on the routes that are open by design', async () => {
    for (const url of ['/healthz', '/readyz', '/', '/openapi.json']) {
      expect((await send('GET', url)).statusCode, url).not.toBe(401);
    }
  });
});
