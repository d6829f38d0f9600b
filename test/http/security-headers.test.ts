/**
 * The security headers every response carries, name, value and order, on the playground, the docs
 * (swagger-ui's own CSP), the API, a redirect and a problem: recorded from helmet as registered
 * through @fastify/helmet, which built its middleware again for every request; access.ts now builds
 * it once, and the headers must not change.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

const APP_CSP =
  "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'none';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self';connect-src 'self'";
// swagger-ui's static CSP with its run-time style's hash added and upgrade-insecure-requests removed (app.ts docsCsp).
const DOCS_CSP =
  "default-src 'self'; base-uri 'self'; font-src 'self' https: data:; frame-ancestors 'self'; img-src 'self' data: validator.swagger.io; object-src 'none'; script-src 'self' ; script-src-attr 'none'; style-src 'self' https:  'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w=';";

const securityHeaders = (csp: string): Array<[string, string]> => [
  ['content-security-policy', csp],
  ['cross-origin-opener-policy', 'same-origin'],
  ['cross-origin-resource-policy', 'same-origin'],
  ['origin-agent-cluster', '?1'],
  ['referrer-policy', 'no-referrer'],
  ['strict-transport-security', 'max-age=31536000; includeSubDomains'],
  ['x-content-type-options', 'nosniff'],
  ['x-dns-prefetch-control', 'off'],
  ['x-download-options', 'noopen'],
  ['x-frame-options', 'SAMEORIGIN'],
  ['x-permitted-cross-domain-policies', 'none'],
  ['x-xss-protection', '0'],
];

describe('security headers', () => {
  it.each([
    ['GET', '/', 200, APP_CSP],
    ['GET', '/inbox', 200, APP_CSP],
    ['GET', '/healthz', 200, APP_CSP],
    ['POST', '/v1/analyze', 200, APP_CSP],
    ['GET', '/openapi.json', 200, APP_CSP],
    ['GET', '/no-such-page', 404, APP_CSP],
    ['GET', '/docs/', 200, DOCS_CSP],
    ['GET', '/docs/static/index.html', 302, DOCS_CSP],
  ] as const)('%s %s: the same headers, in the same order, before the route’s own', async (method, url, status, csp) => {
    const response = await app.inject({ method, url, ...(method === 'POST' ? { payload: { body: '配送予定日を教えてください。' } } : {}) });
    expect(response.statusCode).toBe(status);
    const headers = Object.entries(response.headers).map(([name, value]) => [name, String(value)]);
    expect(headers.slice(0, 12)).toEqual(securityHeaders(csp));
    expect(headers[12]?.[0]).toBe('x-request-id');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });
});
