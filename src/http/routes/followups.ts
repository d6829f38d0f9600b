/**
 * Follow-up reminders for a silent customer: POST schedules reminder-1, reminder-2 and
 * closing-notice drafts at business-calendar times; DELETE (the customer replied) cancels them.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CaseId, FollowUpCancellation, FollowUpPlan, FollowUpRequest } from '../../queue/followups.js';
import { tenantOf } from '../access/tenant-scope.js';
import { ProblemError, problemResponses } from '../problem.js';
import { datesInRange } from '../date-range.js';

const CaseParams = Type.Object({ caseId: CaseId });

const followUpRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const notFound = (caseId: string) => new ProblemError('not-found', `Case ${caseId} has no follow-up schedule.`);

  app.post('/v1/followups', {
    schema: {
      operationId: 'scheduleFollowUps',
      tags: ['followups'],
      summary:
        'Schedule reminder-1 (now), reminder-2 (the business day before closing) and closing-notice (at closing) for a silent customer',
      description:
        'The case closes closeAfterDays (default: workflows.yaml) after lastContactAt (default: now), moved to the close of a business day. ' +
        'Each draft is a delayed job; when it is due a worker composes it and puts it in the review queue (P3, replyBy = its time). ' +
        'Scheduling a case again replaces its schedule. A triage job with the same caseId, or DELETE, cancels it.',
      body: FollowUpRequest,
      response: { 201: FollowUpPlan, ...problemResponses(400, 415, 503) },
    },
    preHandler: datesInRange('lastContactAt'),
    handler: async (request, reply) => {
      const plan = await app.queue.use((q) => q.followups.schedule(tenantOf(request).tenant, request.body));
      request.log.info({ caseId: plan.caseId, closeAt: plan.schedule.closeAt }, 'follow-ups scheduled');
      return reply.code(201).header('location', `/v1/followups/${plan.caseId}`).send(plan);
    },
  });

  app.get('/v1/followups/:caseId', {
    schema: {
      operationId: 'getFollowUps',
      tags: ['followups'],
      summary: "A case's follow-up schedule and the state of each draft",
      params: CaseParams,
      response: { 200: FollowUpPlan, ...problemResponses(400, 404, 503) },
    },
    handler: async (request) => {
      const plan = await app.queue.use((q) => q.followups.get(tenantOf(request).tenant, request.params.caseId));
      if (!plan) throw notFound(request.params.caseId);
      return plan;
    },
  });

  app.delete('/v1/followups/:caseId', {
    schema: {
      operationId: 'cancelFollowUps',
      tags: ['followups'],
      summary: 'The customer replied: cancel the drafts not yet due and withdraw undecided ones from the review queue',
      params: CaseParams,
      response: { 200: FollowUpCancellation, ...problemResponses(400, 404, 503) },
    },
    handler: async (request) => {
      const cancelled = await app.queue.use((q) =>
        q.followups.cancel(tenantOf(request).tenant, request.params.caseId, 'the customer replied'),
      );
      if (!cancelled) throw notFound(request.params.caseId);
      request.log.info(
        { caseId: cancelled.caseId, cancelled: cancelled.cancelled, withdrawn: cancelled.withdrawn },
        'follow-ups cancelled',
      );
      return cancelled;
    },
  });
};

export default followUpRoutes;
