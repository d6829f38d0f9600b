/**
 * Note deliveries back to helpdesks: one delivery's state, the list by state (failed = the dead
 * letters, with their errors) and a replay of a dead letter. The note ledger keeps a replay from
 * posting a note that is already in the ticket.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DeliveryJob, DeliveryJobId, DeliveryState } from '../../integrations/deliveries.js';
import { listingTag } from '../../queue/tenants.js';
import { tenantOf, visibleId } from '../access/tenant-scope.js';
import { ProblemError, problemResponses } from '../problem.js';
import { StateListQuery } from '../schemas/common.js';

const DeliveryList = Type.Object(
  {
    state: DeliveryState,
    counts: Type.Object(
      { waiting: Type.Integer(), active: Type.Integer(), delayed: Type.Integer(), completed: Type.Integer(), failed: Type.Integer() },
      { additionalProperties: false, description: 'Deliveries in each state right now' },
    ),
    deliveries: Type.Array(DeliveryJob, { description: 'Newest first' }),
  },
  { title: 'DeliveryList', additionalProperties: false },
);

const Params = Type.Object({ id: DeliveryJobId });

const notFound = (id: string) =>
  new ProblemError('not-found', `No delivery ${id} (finished deliveries are kept for JOB_RETENTION_SECONDS).`);

const deliveryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/v1/deliveries', {
    schema: {
      operationId: 'listDeliveries',
      tags: ['integrations'],
      summary: 'List note deliveries in one state (default failed: the dead letters, with their errors)',
      querystring: StateListQuery(DeliveryState, 'deliveries'),
      response: { 200: DeliveryList, ...problemResponses(400, 503) },
    },
    handler: async (request) => {
      const state = request.query.state ?? 'failed';
      const tag = listingTag(tenantOf(request));
      return app.integrations.use(async () => {
        const { deliveries: queue } = app.integrations;
        const [counts, deliveries] = await Promise.all([queue.count(tag), queue.list(state, request.query.limit ?? 50, tag)]);
        return { state, counts, deliveries };
      });
    },
  });

  app.get('/v1/deliveries/:id', {
    schema: {
      operationId: 'getDelivery',
      tags: ['integrations'],
      summary: 'A note delivery: its state, attempts, last error and, once done, the note id',
      params: Params,
      response: { 200: DeliveryJob, ...problemResponses(400, 404, 503) },
    },
    handler: async (request) => {
      const id = visibleId(request, request.params.id, notFound);
      const job = await app.integrations.use(() => app.integrations.deliveries.get(id));
      if (!job) throw notFound(id);
      return job;
    },
  });

  app.post('/v1/deliveries/:id/replay', {
    schema: {
      operationId: 'replayDelivery',
      tags: ['integrations'],
      summary: 'Replay a dead-letter delivery with fresh attempts (after fixing credentials, say)',
      params: Params,
      response: { 202: { ...DeliveryJob, description: 'Queued again' }, ...problemResponses(400, 404, 409, 503) },
    },
    handler: async (request, reply) => {
      const id = visibleId(request, request.params.id, notFound);
      const job = await app.integrations.use(() => app.integrations.deliveries.replay(id));
      if (!job) throw notFound(id);
      return reply.code(202).header('location', `/v1/deliveries/${job.id}`).send(job);
    },
  });
};

export default deliveryRoutes;
