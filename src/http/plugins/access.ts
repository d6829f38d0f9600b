/**
 * Who may call ondo and how often, decided by the matched route's access class (route-access.ts):
 * API keys on the API (when configured), rate limits per key and per IP (in Redis when it is up,
 * so every API instance counts together), security headers with a CSP that allows only ondo's own
 * assets, and CORS — off unless origins are configured.
 */
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import type { RedisClient } from '../../queue/connection.js';
import type { ApiKeyHash } from '../../config/api-keys.js';
import { bearerToken, matchApiKey } from '../access/api-keys.js';
import { routeAccess } from '../access/route-access.js';
import { DEFAULT_TENANT, type TenantScope } from '../../queue/tenants.js';
import { ProblemError, sendProblem } from '../problem.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The name of the API key the request came with (never the key). */
    apiKeyName?: string;
    /** Whose jobs, drafts and deliveries the request may see: set on every API route (queue/tenants.ts). */
    tenant?: TenantScope;
  }
}

export interface AccessOptions {
  apiKeys: readonly ApiKeyHash[];
  /** Requests per minute for one API key, and for one IP address without a key. */
  rateLimitPerKey: number;
  rateLimitPerIp: number;
  corsOrigins: readonly string[];
  /** Shared counters across API instances; limits fall back to this process when Redis is down. */
  redis?: RedisClient;
  /** Redis key prefix (QUEUE_PREFIX), so several installations can share one Redis. */
  keyPrefix: string;
}

export default fp<AccessOptions>(
  async function access(app: FastifyInstance, options) {
    // helmet's middleware, built once at start-up: @fastify/helmet built it again for every request
    // (≈ 5% of the API's main thread). The headers are the same for every response (no CSP nonces);
    // /docs replaces the CSP with swagger-ui's own in an onSend hook.
    const securityHeaders = helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          // ondo is often served over plain http inside a company network: upgrading would break the page.
          upgradeInsecureRequests: null,
        },
      },
    });
    app.addHook('onRequest', function applySecurityHeaders(request, reply, done) {
      // helmet throws rather than passing errors on (since 8.1); it calls back with none.
      securityHeaders(request.raw, reply.raw, () => done());
    });
    if (options.corsOrigins.length > 0) await app.register(cors, { origin: [...options.corsOrigins] });

    // Limits are applied by the hook below, which knows the matched route's class; none is global.
    await app.register(rateLimit, {
      global: false,
      timeWindow: 60_000,
      ...(options.redis ? { redis: options.redis, nameSpace: `${options.keyPrefix}:rate-limit:`, skipOnError: true } : {}),
      errorResponseBuilder: (_request, context) =>
        new ProblemError('rate-limited', `Too many requests: the limit is ${context.max} per minute; retry after ${context.after}.`, {
          headers: { 'retry-after': String(Math.ceil(context.ttl / 1000)) },
        }),
    });
    const limitPerKey = app.rateLimit({ max: options.rateLimitPerKey, keyGenerator: (request) => `key:${request.apiKeyName}` });
    const limitPerIp = app.rateLimit({ max: options.rateLimitPerIp, keyGenerator: (request) => `ip:${request.ip}` });

    // Answered here rather than thrown: some scopes (bull-board's) have error handlers of their own.
    app.addHook('onRequest', async function guard(request, reply) {
      try {
        await admit.call(this, request, reply);
      } catch (err) {
        if (err instanceof ProblemError) return sendProblem(reply, err);
        throw err;
      }
    });

    async function admit(this: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<void> {
      const access = routeAccess(request);
      if (access === 'public' || access === 'webhook') return;
      if (access === 'api-key' && options.apiKeys.length > 0) {
        const presented = bearerToken(request.headers.authorization);
        const key = presented ? matchApiKey(presented, options.apiKeys) : undefined;
        if (key) {
          request.apiKeyName = key.name;
          request.tenant = { tenant: key.tenant, all: key.admin };
          await limitPerKey.call(this, request, reply);
          return;
        }
        // A failed attempt counts against the caller's address first: guessing keys gets a 429 too.
        await limitPerIp.call(this, request, reply);
        throw new ProblemError('unauthorized', presented ? 'The API key is not valid.' : 'Send an API key: Authorization: Bearer <key>.', {
          headers: { 'www-authenticate': 'Bearer realm="ondo"' },
        });
      }
      // Without keys nobody is told apart: one tenant, which sees everything (integrations' tenants included).
      if (access === 'api-key') request.tenant = { tenant: DEFAULT_TENANT, all: true };
      // The API without keys, and routes that check their own credentials after this hook: per IP.
      await limitPerIp.call(this, request, reply);
    }
  },
  { name: 'access' },
);
