/**
 * The review queue for agents: list drafts by priority then replyBy, claim one with a lease (no two
 * agents ever hold the same draft), then approve it (edits linted, findings returned) or reject it.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LintFinding } from '../../drafting/lint/index.js';
import { AgentName, Lease, ReviewId, ReviewItem } from '../../queue/review-schema.js';
import { listingTag } from '../../queue/tenants.js';
import { tenantOf, visibleId } from '../access/tenant-scope.js';
import { ProblemError, problemResponses } from '../problem.js';
import { CorrectionField, ReviewCorrection, storeReviewCorrection } from '../review-correction.js';
import { ReviewedMail, readReviewedMail } from '../reviewed-mail.js';
import { PageQuery, ReplyText } from '../schemas/common.js';
import { withExamples } from '../schemas/examples.js';

const ReviewParams = Type.Object({ id: ReviewId });
const LeaseToken = Type.String({ minLength: 1, maxLength: 100, description: 'The token from the claim' });
/** Examples show a token's shape; a real one comes from the claim's `lease.token`. */
const LEASE_TOKEN_EXAMPLE = '3f9c2a7e-5b1d-4c8e-9a60-2d7f1e4b8c05';

const Claimed = Type.Object({ item: ReviewItem, lease: Lease }, { title: 'ClaimedReview', additionalProperties: false });

/** What approve and reject both answer: the decided draft, and the linter's findings on the approved text. */
const DecidedReview = Type.Object(
  {
    item: ReviewItem,
    lint: Type.Array(LintFinding, { description: "The reply linter's findings on the approved text (empty for a rejection)" }),
    correction: Type.Optional(ReviewCorrection),
  },
  { title: 'DecidedReview', additionalProperties: false },
);

const ClaimRequest = Type.Object(
  {
    agent: AgentName,
    leaseToken: Type.Optional({ ...LeaseToken, description: 'Renew your own claim: the same token, a fresh lease' }),
  },
  { title: 'ClaimRequest', additionalProperties: false },
);

const ApproveRequest = Type.Object(
  {
    leaseToken: LeaseToken,
    subject: Type.Optional(
      Type.String({ minLength: 1, maxLength: 2_000, description: 'The subject as sent (default: the draft subject)' }),
    ),
    text: Type.Optional({ ...ReplyText, description: 'The reply as the agent edited it (default: the draft unchanged); it is linted' }),
    ...CorrectionField,
  },
  { title: 'ApproveRequest', additionalProperties: false },
);

const RejectRequest = Type.Object(
  {
    leaseToken: LeaseToken,
    reason: Type.String({
      minLength: 1,
      maxLength: 2_000,
      pattern: '\\S',
      description: 'Why the draft is not used',
      examples: ['お客様とは電話で解決済みのため'],
    }),
    ...CorrectionField,
  },
  { title: 'RejectRequest', additionalProperties: false },
);

const reviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const notFound = (id: string) => new ProblemError('not-found', `No draft ${id} in the review queue.`);

  app.get('/v1/reviews', {
    schema: {
      operationId: 'listReviews',
      tags: ['reviews'],
      summary: 'Drafts waiting for review, most urgent first (priority, then replyBy); claimed ones show who holds them',
      querystring: PageQuery('Drafts to skip'),
      response: {
        200: Type.Object(
          { total: Type.Integer({ description: 'Drafts waiting in all' }), items: Type.Array(ReviewItem) },
          { additionalProperties: false },
        ),
        ...problemResponses(400, 503),
      },
    },
    handler: async (request) => {
      const tag = listingTag(tenantOf(request));
      return app.queue.use((q) => q.reviews.list(request.query.limit ?? 50, request.query.offset ?? 0, tag));
    },
  });

  app.get('/v1/reviews/:id', {
    schema: {
      operationId: 'getReview',
      tags: ['reviews'],
      summary: 'One draft, waiting or decided (decided drafts are kept for JOB_RETENTION_SECONDS)',
      params: ReviewParams,
      response: { 200: ReviewItem, ...problemResponses(400, 404, 503) },
    },
    handler: async (request) => {
      const id = visibleId(request, request.params.id, notFound);
      const item = await app.queue.use((q) => q.reviews.get(id));
      if (!item) throw notFound(id);
      return item;
    },
  });

  app.get('/v1/reviews/:id/mail', {
    schema: {
      operationId: 'getReviewMail',
      tags: ['reviews'],
      summary: "The customer's mail behind a triage draft, with the evidence ondo found in it (what the reviewer reads beside the draft)",
      description:
        'Read from the triage job that drafted it, so it is there for JOB_RETENTION_SECONDS after the draft was made; ' +
        'a follow-up draft has no mail of its own (404).',
      params: ReviewParams,
      response: { 200: ReviewedMail, ...problemResponses(400, 404, 503) },
    },
    handler: async (request) => {
      const id = visibleId(request, request.params.id, notFound);
      const mail = await app.queue.use(async (q) => ((await q.reviews.get(id)) ? readReviewedMail(app, id) : Promise.reject(notFound(id))));
      if (!mail) throw new ProblemError('not-found', `The mail behind draft ${id} is not held (a follow-up draft, or its job expired).`);
      request.log.info({ reviewId: id }, 'review mail read');
      return mail;
    },
  });

  app.post('/v1/reviews/claim', {
    schema: {
      operationId: 'claimNextReview',
      tags: ['reviews'],
      summary: 'Take the most urgent draft nobody holds, with a lease (REVIEW_LEASE_SECONDS); 204 when none is free',
      body: withExamples(Type.Object({ agent: AgentName }, { additionalProperties: false }), {
        agent: { summary: 'Agent 佐藤 takes the most urgent draft', value: { agent: '佐藤' } },
      }),
      response: {
        200: Claimed,
        204: Type.Null({ description: 'Every waiting draft is claimed, or none is waiting' }),
        ...problemResponses(400, 415, 503),
      },
    },
    handler: async (request, reply) => {
      const tag = listingTag(tenantOf(request));
      const claimed = await app.queue.use((q) => q.reviews.claim(request.body.agent, undefined, undefined, tag));
      return claimed ? claimed : reply.code(204).send(null);
    },
  });

  app.post('/v1/reviews/:id/claim', {
    schema: {
      operationId: 'claimReview',
      tags: ['reviews'],
      summary: 'Claim a given draft (or renew your lease on it with your token)',
      params: ReviewParams,
      body: withExamples(ClaimRequest, {
        claim: { summary: 'Agent 佐藤 claims this draft', value: { agent: '佐藤' } },
        renew: { summary: 'Renew the lease with the token of the claim', value: { agent: '佐藤', leaseToken: LEASE_TOKEN_EXAMPLE } },
      }),
      response: { 200: Claimed, ...problemResponses(400, 404, 409, 415, 503) },
    },
    handler: async (request) => {
      const { agent, leaseToken } = request.body;
      const id = visibleId(request, request.params.id, notFound);
      return (await app.queue.use((q) => q.reviews.claim(agent, id, leaseToken)))!;
    },
  });

  app.post('/v1/reviews/:id/release', {
    schema: {
      operationId: 'releaseReview',
      tags: ['reviews'],
      summary: 'Give a claimed draft back to the queue',
      params: ReviewParams,
      body: withExamples(Type.Object({ leaseToken: LeaseToken }, { additionalProperties: false }), {
        release: { summary: 'Give the draft back', value: { leaseToken: LEASE_TOKEN_EXAMPLE } },
      }),
      response: { 200: ReviewItem, ...problemResponses(400, 404, 409, 415, 503) },
    },
    handler: async (request) => {
      const id = visibleId(request, request.params.id, notFound);
      return app.queue.use(async (q) => {
        await q.reviews.release(id, request.body.leaseToken);
        return (await q.reviews.get(id)) ?? Promise.reject(notFound(id));
      });
    },
  });

  app.post('/v1/reviews/:id/approve', {
    schema: {
      operationId: 'approveReview',
      tags: ['reviews'],
      summary: "Approve a claimed draft, with the agent's edits; the text is linted and the findings returned",
      description:
        'The linter checks the approved text against the manual (bare refusals, blame, vague timing, missing thanks or empathy for an ' +
        'angry customer). Findings do not block the approval: they are returned, and stored with the decision, for the agent to act on.',
      params: ReviewParams,
      body: withExamples(ApproveRequest, {
        asIs: { summary: 'Approve the draft unchanged', value: { leaseToken: LEASE_TOKEN_EXAMPLE } },
        edited: {
          summary: 'Approve with the placeholder filled in',
          value: {
            leaseToken: LEASE_TOKEN_EXAMPLE,
            text:
              '山田様\n\nお問い合わせいただき、誠にありがとうございます。\nお待たせしており、申し訳ございません。\n' +
              'ご注文番号 A-20261118-0042 の商品は、本日発送いたしました。明日12時までにお届けの予定です。\n今後ともよろしくお願いいたします。',
          },
        },
      }),
      response: {
        200: DecidedReview,
        ...problemResponses(400, 404, 409, 415, 503),
      },
    },
    handler: async (request) => {
      const id = visibleId(request, request.params.id, notFound);
      const { leaseToken, subject, text, correction } = request.body;
      return app.queue.use(async (q) => {
        const current = await q.reviews.get(id);
        if (!current) throw notFound(id);
        const finalText = text ?? current.draft.text;
        const { findings: lint } = await app.analysis.lint({ reply: finalText, customerLevel: current.draft.level });
        const item = await q.reviews.decide(id, leaseToken, {
          status: 'approved',
          ...(current.claim ? { agent: current.claim.agent } : {}),
          subject: subject ?? current.draft.subject,
          text: finalText,
          edited: finalText !== current.draft.text || (subject !== undefined && subject !== current.draft.subject),
          lint,
        });
        request.log.info({ reviewId: id, lintFindings: lint.length, edited: item.decision?.edited }, 'draft approved');
        return { item, lint, ...(correction ? { correction: await storeReviewCorrection(app, request, id, correction) } : {}) };
      });
    },
  });

  app.post('/v1/reviews/:id/reject', {
    schema: {
      operationId: 'rejectReview',
      tags: ['reviews'],
      summary: 'Reject a claimed draft with a reason (answers as approve does: the item, and an empty lint)',
      params: ReviewParams,
      body: withExamples(RejectRequest, {
        solvedByPhone: {
          summary: 'Not needed: solved on the phone',
          value: { leaseToken: LEASE_TOKEN_EXAMPLE, reason: 'お客様とは電話で解決済みのため' },
        },
      }),
      response: { 200: DecidedReview, ...problemResponses(400, 404, 409, 415, 503) },
    },
    handler: async (request) => {
      const id = visibleId(request, request.params.id, notFound);
      return app.queue.use(async (q) => {
        const current = await q.reviews.get(id);
        if (!current) throw notFound(id);
        const item = await q.reviews.decide(id, request.body.leaseToken, {
          status: 'rejected',
          ...(current.claim ? { agent: current.claim.agent } : {}),
          reason: request.body.reason,
        });
        const { correction } = request.body;
        return { item, lint: [], ...(correction ? { correction: await storeReviewCorrection(app, request, id, correction) } : {}) };
      });
    },
  });
};

export default reviewRoutes;
