/** Liveness and readiness for orchestrators and load balancers. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const Health = Type.Object({ status: Type.Literal('ok') });

const Ready = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not-ready')]),
  checks: Type.Object(
    {
      tokenizer: Type.Union([Type.Literal('up'), Type.Literal('loading'), Type.Literal('down')], {
        description: 'The Japanese tokenizer (kuromoji + IPADIC), loaded once at start-up',
      }),
    },
    { additionalProperties: Type.String() },
  ),
  dictionaryVersion: Type.String(),
});

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/healthz', {
    schema: { tags: ['health'], summary: 'Liveness: 200 as soon as the server listens', response: { 200: Health } },
    handler: async () => ({ status: 'ok' as const }),
  });

  app.get('/readyz', {
    schema: {
      tags: ['health'],
      summary: 'Readiness: 200 when every dependency is up, 503 (same body) while one is loading or down',
      response: { 200: Ready, 503: Ready },
    },
    handler: async (_request, reply) => {
      const state = app.analysis.state;
      const tokenizer = state === 'ready' ? 'up' : state === 'loading' ? 'loading' : 'down';
      const ready = tokenizer === 'up';
      return reply.code(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'not-ready',
        checks: { tokenizer },
        dictionaryVersion: app.analysis.dictionaries.version,
      });
    },
  });
};

export default healthRoutes;
