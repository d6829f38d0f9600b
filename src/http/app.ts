/** The fastify app factory: builds a configured instance; only server.ts calls listen. */
import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Tokenizer } from '../analysis/tokenizer/index.js';
import type { Config } from '../config.js';
import type { QueueClock } from '../queue/clock.js';
import { openapiOptions } from './openapi.js';
import { childLoggerFactory } from './request-log.js';
import { parseApiKeys } from '../config/api-keys.js';
import { accessScope } from './access/route-access.js';
import access from './plugins/access.js';
import analysis from './plugins/analysis.js';
import drafting from './plugins/drafting.js';
import feedback from './plugins/feedback.js';
import integrations from './plugins/integrations.js';
import admin from './plugins/admin.js';
import metrics from './plugins/metrics.js';
import queue from './plugins/queue.js';
import redis from './plugins/redis.js';
import bodyParsers from './plugins/body-parsers.js';
import playground from './plugins/playground.js';
import problems from './plugins/problems.js';
import { registerRoutes } from './routes/index.js';

export interface BuildAppOptions {
  config: Config;
  /** pino options or instance; false in tests that do not read logs. */
  logger?: FastifyServerOptions['logger'] | FastifyServerOptions['loggerInstance'];
  /** A loaded tokenizer (tests share one): analysis then runs inline, whatever ANALYSIS_THREADS says. */
  tokenizer?: Tokenizer | Promise<Tokenizer>;
  /** The queues' clock (default: real time, scaled by QUEUE_TIME_SCALE); tests fix "now". */
  queueClock?: QueueClock;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const logger = options.logger ?? { level: config.logLevel };
  const app = Fastify({
    ...(isLoggerInstance(logger) ? { loggerInstance: logger } : { logger }),
    // Room for JSON escaping around a MAX_BODY_BYTES mail and for a base64 raw mail; the mail itself
    // is checked in bytes once decoded, with a 413 that says which limit it broke.
    bodyLimit: Math.max(config.maxBodyBytes * 4, Math.ceil(config.maxRawMailBytes * 1.4)) + 64 * 1024,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { allErrors: false } },
    // While closing, a request that still arrives on an open keep-alive connection is served, with
    // `Connection: close`, instead of fastify's default 503: a drain never answers a 5xx. New
    // connections are refused by the closed listener.
    return503OnClosing: false,
    childLoggerFactory,
    // Behind a reverse proxy, the client's address comes from X-Forwarded-For, and only then.
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    // Slow clients are cut off: a body trickled a byte at a time no longer holds a socket for minutes.
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.connectionTimeoutMs,
    maxRequestsPerSocket: config.maxRequestsPerSocket,
    // Node checks the request and headers timeouts on this interval (30 s by default): check often enough to hold them.
    http: { headersTimeout: config.headersTimeoutMs, connectionsCheckingInterval: Math.min(1_000, Math.ceil(config.headersTimeoutMs / 2)) },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.server.maxConnections = config.maxConnections;
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(problems);
  await app.register(bodyParsers);
  await app.register(swagger, openapiOptions);
  await app.register(analysis, {
    dictionariesDir: config.dictionariesDir,
    dictionaryCacheDir: config.dictionaryCacheDir,
    threads: config.analysisThreads,
    maxBacklog: config.analysisMaxBacklog,
    mailReadBudgetMs: config.mailReadBudgetMs,
    taskBudgetMs: config.analysisTaskBudgetMs,
    youngGenerationMb: config.analysisThreadYoungGenMb,
    oldGenerationMb: config.analysisThreadOldGenMb,
    tokenizer: options.tokenizer,
  });
  await app.register(drafting);
  await app.register(redis, { config });
  await app.register(queue, { config, clock: options.queueClock });
  await app.register(access, {
    apiKeys: parseApiKeys(config.apiKeys.join(',')),
    rateLimitPerKey: config.rateLimitPerKey,
    rateLimitPerIp: config.rateLimitPerIp,
    corsOrigins: config.corsOrigins,
    redis: app.redis.client,
    keyPrefix: config.queuePrefix,
  });
  if (config.docs)
    await app.register(
      accessScope('public', (scope) => scope.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, transformStaticCSP: docsCsp })),
    );
  await app.register(integrations, { config });
  await app.register(feedback, { config });
  await app.register(metrics, config.metricsToken ? { token: config.metricsToken } : {});
  await app.register(admin, { config });
  if (config.docs) app.get('/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());
  await registerRoutes(app, config);
  await app.register(accessScope('public', (scope) => scope.register(playground, { enabled: config.playground })));
  return app;
}

/** A hop count as fastify's types take it: believe the nearest `hops` proxies in X-Forwarded-For. */
function trustHops(hops: number) {
  return (_address: string, hop: number) => hop < hops;
}

function isLoggerInstance(logger: unknown): logger is NonNullable<FastifyServerOptions['loggerInstance']> {
  return typeof logger === 'object' && logger !== null && typeof (logger as { child?: unknown }).child === 'function';
}

/**
 * The style element swagger-ui's bundle injects at run time (the "Try it out" highlighting), allowed by its
 * hash on /docs only: no 'unsafe-inline' anywhere. A swagger-ui upgrade that changes it fails
 * test/docs/docs-browser.test.ts, whose message names the new hash.
 */
const SWAGGER_UI_RUNTIME_STYLE = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

/** swagger-ui's own CSP for /docs (hashes of its inline script and styles), plus its run-time style; not upgraded to https (see access.ts). */
function docsCsp(header: string): string {
  return header
    .replace(/style-src ([^;]*)/, `style-src $1 ${SWAGGER_UI_RUNTIME_STYLE}`)
    .replace(/\s*upgrade-insecure-requests;?/, '')
    .trim();
}
