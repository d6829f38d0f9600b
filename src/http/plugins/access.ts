/**
 * Who may call ondo and how often: API keys on /v1/* (when configured), rate limits per key and
 * per IP (in Redis when it is up, so every API instance counts together), security headers with
 * a CSP that allows only ondo's own assets, and CORS — off unless origins are configured.
 */
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { matchApiKey, type ApiKeyHash } from '../access/api-keys.js';
import { ProblemError } from '../problem.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The name of the API key the request came with (never the key). */
    apiKeyName?: string;
  }
}

export interface AccessOptions {
  apiKeys: readonly ApiKeyHash[];
  /** Requests per minute for one API key, and for one IP address without a key. */
  rateLimitPerKey: number;
  rateLimitPerIp: number;
  corsOrigins: readonly string[];
  /** Shared counters across API instances; limits fall back to this process when Redis is down. */
  redis?: Redis;
  /** Redis key prefix (QUEUE_PREFIX), so several installations can share one Redis. */
  keyPrefix: string;
}

/** Paths guarded by API keys: the API itself. Webhooks carry their own signatures; the admin UI its own credentials. */
const GUARDED = /^\/v1\//;

export default fp<AccessOptions>(
  async function access(app: FastifyInstance, options) {
    await app.register(helmet, {
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
    if (options.corsOrigins.length > 0) await app.register(cors, { origin: [...options.corsOrigins] });

    if (options.apiKeys.length > 0) {
      app.addHook('onRequest', async (request) => {
        if (!GUARDED.test(request.url)) return;
        const header = request.headers.authorization ?? '';
        const presented = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
        const name = presented ? matchApiKey(presented, options.apiKeys) : undefined;
        if (!name) {
          throw new ProblemError('unauthorized', presented ? 'The API key is not valid.' : 'Send an API key: Authorization: Bearer <key>.', {
            headers: { 'www-authenticate': 'Bearer realm="ondo"' },
          });
        }
        request.apiKeyName = name;
      });
    }

    await app.register(rateLimit, {
      global: true,
      max: (request: FastifyRequest) => (request.apiKeyName ? options.rateLimitPerKey : options.rateLimitPerIp),
      timeWindow: 60_000,
      keyGenerator: (request: FastifyRequest) => (request.apiKeyName ? `key:${request.apiKeyName}` : `ip:${request.ip}`),
      // Webhooks are authenticated by their signatures and deduplicated; a helpdesk must never be throttled.
      allowList: (request: FastifyRequest) => !GUARDED.test(request.url),
      ...(options.redis ? { redis: options.redis, nameSpace: `${options.keyPrefix}:rate-limit:`, skipOnError: true } : {}),
      errorResponseBuilder: (_request, context) =>
        new ProblemError('rate-limited', `Too many requests: the limit is ${context.max} per minute; retry after ${context.after}.`, {
          headers: { 'retry-after': String(Math.ceil(context.ttl / 1000)) },
        }),
    });
  },
  { name: 'access' },
);
