/** The fastify app factory: builds a configured instance; only server.ts calls listen. */
import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Tokenizer } from '../analysis/tokenizer/index.js';
import type { Config } from '../config.js';
import { openapiOptions } from './openapi.js';
import analysis from './plugins/analysis.js';
import drafting from './plugins/drafting.js';
import bodyParsers from './plugins/body-parsers.js';
import problems from './plugins/problems.js';
import { registerRoutes } from './routes/index.js';

export interface BuildAppOptions {
  config: Config;
  /** pino options or instance; false in tests that do not read logs. */
  logger?: FastifyServerOptions['logger'] | FastifyServerOptions['loggerInstance'];
  tokenizer?: Tokenizer | Promise<Tokenizer>;
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
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(problems);
  await app.register(bodyParsers);
  await app.register(swagger, openapiOptions);
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(analysis, { dictionariesDir: config.dictionariesDir, tokenizer: options.tokenizer });
  await app.register(drafting);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await registerRoutes(app, config);
  return app;
}

function isLoggerInstance(logger: unknown): logger is NonNullable<FastifyServerOptions['loggerInstance']> {
  return typeof logger === 'object' && logger !== null && typeof (logger as { child?: unknown }).child === 'function';
}
