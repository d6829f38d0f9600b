/**
 * Async triage: POST /v1/triage/jobs accepts a mail (202 + Location), workers draft it in priority
 * order, GET /v1/triage/jobs/{id} returns its state and result; failed jobs are listable and retryable.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CaseId } from '../../queue/followups.js';
import { TriageJob, TriageJobId, TriageJobState, TriageJobSummary } from '../../queue/triage-intake.js';
import { mailRefOf, scoredText, type MailLimits } from '../mail-input.js';
import { isMailToRead } from '../../analysis-pool/analysis-tasks.js';
import { mailFingerprint } from '../../mail/mail-fingerprint.js';
import { listingTag } from '../../queue/tenants.js';
import { tenantOf, visibleId } from '../access/tenant-scope.js';
import { ProblemError, problemResponses } from '../problem.js';
import { StateListQuery } from '../schemas/common.js';
import { TRIAGE_EXAMPLES, TriageRequest } from './triage.js';
import { withExamples } from '../schemas/examples.js';
import { datesInRange } from '../date-range.js';

const TriageJobRequest = Type.Object(
  {
    ...TriageRequest.properties,
    caseId: Type.Optional({
      ...CaseId,
      description: 'The case this mail belongs to: its follow-up reminders are cancelled (the customer replied)',
    }),
    messageId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 998,
        description:
          "The mail's Message-ID when it is not sent raw (a raw mail's own Message-ID is used otherwise); the same id never makes a second job",
        examples: ['<20261126101500.4242@mail.example.jp>'],
      }),
    ),
  },
  { title: 'TriageJobRequest', additionalProperties: false },
);

const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      description:
        'A client-chosen key: the same key returns the same job (200) instead of creating another; with a different mail it is a 422',
      examples: ['helpdesk-ticket-4242-msg-7'],
    }),
  ),
});

const JobAccepted = Type.Object(
  {
    job: TriageJobSummary,
    created: Type.Boolean({
      description: 'false when the Idempotency-Key or Message-ID matched an existing job, which is returned instead',
    }),
    location: Type.String({
      description: 'Where to poll for the result (also the Location header)',
      examples: ['/v1/triage/jobs/t5d2c1f0a9b8e-key-9f86d081884c7d659a2feaa0c55ad015'],
    }),
  },
  { title: 'TriageJobAccepted', additionalProperties: false },
);

const JobParams = Type.Object({ id: TriageJobId });

const JobList = Type.Object(
  {
    state: TriageJobState,
    counts: Type.Object(
      { queued: Type.Integer(), active: Type.Integer(), retrying: Type.Integer(), completed: Type.Integer(), failed: Type.Integer() },
      { additionalProperties: false, description: 'Jobs in each state right now' },
    ),
    jobs: Type.Array(TriageJobSummary, { description: 'Newest first; results left out (GET a job for its result)' }),
  },
  { title: 'TriageJobList', additionalProperties: false },
);

const notFound = (id: string) => new ProblemError('not-found', `No triage job ${id} (finished jobs are kept for JOB_RETENTION_SECONDS).`);

const jobRoutes: FastifyPluginAsyncTypebox<MailLimits> = async (app, limits) => {
  app.post('/v1/triage/jobs', {
    schema: {
      operationId: 'enqueueTriage',
      tags: ['queue'],
      summary: 'Queue a mail for triage: 202 with the job; workers draft the most urgent mails first',
      description:
        'The mail is read and scored at once (so a malformed mail is a 4xx now, not a failed job later) and queued with its routing priority: ' +
        'P1 mails are drafted before P2 and so on, first come first served within a priority. The finished draft enters the review queue ' +
        '(/v1/reviews). Send an Idempotency-Key (or a Message-ID) so a retried request returns the same job instead of drafting twice.',
      headers: IdempotencyHeaders,
      body: withExamples(TriageJobRequest, {
        ...TRIAGE_EXAMPLES,
        withCase: {
          summary: 'A mail of a case with follow-ups scheduled: they are cancelled, the customer replied',
          value: { ...TRIAGE_EXAMPLES.reply.value, caseId: 'case-20261120-0042', messageId: '<20261127091200.5150@mail.example.jp>' },
        },
      }),
      response: {
        202: { ...JobAccepted, description: 'Queued; poll the Location' },
        200: { ...JobAccepted, description: 'The Idempotency-Key or Message-ID matched an existing job: nothing new was queued' },
        ...problemResponses(400, 413, 415, 422, 503),
      },
    },
    preHandler: datesInRange('receivedAt'),
    handler: async (request, reply) => {
      const { subject: _s, body: _b, raw: _r, rawEncoding: _e, caseId, messageId, ...context } = request.body;
      const mail = mailRefOf(request.body, limits);
      const read = isMailToRead(mail) ? await app.analysis.read(mail) : undefined;
      const text = scoredText(mail, read);
      const fingerprint = mailFingerprint(text);
      const { job, created } = await app.queue.use((q) =>
        q.triage.enqueue({
          tenant: tenantOf(request).tenant,
          mail: text,
          fingerprint,
          context,
          idempotencyKey: request.headers['idempotency-key'],
          messageId: messageId ?? read?.info?.messageId,
          caseId,
        }),
      );
      request.log.info(
        { mail: fingerprint, jobId: job.id, priority: job.priority, created },
        created ? 'triage job queued' : 'triage job replayed',
      );
      const location = `/v1/triage/jobs/${job.id}`;
      return reply
        .code(created ? 202 : 200)
        .header('location', location)
        .send({ job, created, location });
    },
  });

  app.get('/v1/triage/jobs', {
    schema: {
      operationId: 'listTriageJobs',
      tags: ['queue'],
      summary: 'List triage jobs in one state (default failed, with their errors)',
      querystring: StateListQuery(TriageJobState, 'jobs'),
      response: { 200: JobList, ...problemResponses(400, 503) },
    },
    handler: async (request) => {
      const state = request.query.state ?? 'failed';
      const tag = listingTag(tenantOf(request));
      return app.queue.use(async (q) => {
        const [counts, jobs] = await Promise.all([q.triage.count(tag), q.triage.list(state, request.query.limit ?? 50, tag)]);
        return { state, counts, jobs };
      });
    },
  });

  app.get('/v1/triage/jobs/:id', {
    schema: {
      operationId: 'getTriageJob',
      tags: ['queue'],
      summary: 'A triage job: its state and, once completed, the triage result (tone, scenario, routing, draft)',
      params: JobParams,
      response: { 200: TriageJob, ...problemResponses(400, 404, 503) },
    },
    handler: async (request) => {
      const id = visibleId(request, request.params.id, notFound);
      const job = await app.queue.use((q) => q.triage.get(id));
      if (!job) throw notFound(id);
      return job;
    },
  });

  app.post('/v1/triage/jobs/:id/retry', {
    schema: {
      operationId: 'retryTriageJob',
      tags: ['queue'],
      summary: 'Retry a failed triage job with fresh attempts',
      params: JobParams,
      response: { 202: { ...TriageJobSummary, description: 'Queued again' }, ...problemResponses(400, 404, 409, 503) },
    },
    handler: async (request, reply) => {
      const id = visibleId(request, request.params.id, notFound);
      const job = await app.queue.use((q) => q.triage.retry(id));
      return reply.code(202).header('location', `/v1/triage/jobs/${job.id}`).send(job);
    },
  });
};

export default jobRoutes;
