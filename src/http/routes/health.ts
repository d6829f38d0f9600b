/** Liveness and readiness for orchestrators and load balancers. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const Health = Type.Object({ status: Type.Literal('ok') }, { title: 'Liveness' });

const Ready = Type.Object(
  {
    status: Type.Union([Type.Literal('ready'), Type.Literal('degraded'), Type.Literal('not-ready')], {
      description: 'degraded: Redis is down, so the queue endpoints answer 503 while the synchronous ones work',
    }),
    checks: Type.Object(
      {
        tokenizer: Type.Union([Type.Literal('up'), Type.Literal('loading'), Type.Literal('down')], {
          description: 'The Japanese tokenizer (kuromoji + IPADIC), loaded once at start-up',
        }),
        redis: Type.Union([Type.Literal('up'), Type.Literal('down')], { description: 'Redis, for the queues; reconnects by itself' }),
      },
      { additionalProperties: Type.String() },
    ),
    dictionaryVersion: Type.String(),
  },
  { title: 'Readiness' },
);

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/healthz', {
    schema: {
      operationId: 'checkLiveness',
      tags: ['health'],
      summary: 'Liveness: 200 as soon as the server listens',
      response: { 200: Health },
    },
    handler: async () => ({ status: 'ok' as const }),
  });

  app.get('/readyz', {
    schema: {
      operationId: 'checkReadiness',
      tags: ['health'],
      summary: 'Readiness: 200 when the tokenizer is up (status degraded while Redis is down), 503 (same body) while it loads or failed',
      response: { 200: Ready, 503: Ready },
    },
    handler: async (_request, reply) => {
      const state = app.analysis.state;
      const tokenizer = state === 'ready' ? 'up' : state === 'loading' ? 'loading' : 'down';
      const ready = tokenizer === 'up';
      const redis = app.redis.up() ? 'up' : 'down';
      return reply.code(ready ? 200 : 503).send({
        status: !ready ? 'not-ready' : redis === 'up' ? 'ready' : 'degraded',
        checks: { tokenizer, redis },
        dictionaryVersion: app.analysis.dictionaries.version,
      });
    },
  });
};

export default healthRoutes;
