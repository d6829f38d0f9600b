/**
 * Agents' corrections: POST one (the mail, ondo's answer, the agent's label), list, export as
 * JSON Lines, delete one or all. The mail is masked before it is stored; logs get ids and levels,
 * never the text. Off unless FEEDBACK=on (404 feedback-off).
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AgentLabel, FeedbackId, FeedbackRecord, OndoVerdict } from '../../feedback/record.js';
import { assertMailSize } from '../../mail/index.js';
import { mailProblem, type MailLimits } from '../mail-input.js';
import { mailFingerprint } from '../../mail/mail-fingerprint.js';
import { ProblemError, problemResponses } from '../problem.js';
import { withExamples } from '../schemas/examples.js';
import { BODY_MAX_LENGTH, PageQuery, SUBJECT_MAX_LENGTH } from '../schemas/common.js';

export const FeedbackRequest = Type.Object(
  {
    mail: Type.Object(
      {
        subject: Type.Optional(Type.String({ maxLength: SUBJECT_MAX_LENGTH })),
        body: Type.String({
          minLength: 1,
          maxLength: BODY_MAX_LENGTH,
          pattern: '\\S',
          description: 'The text ondo scored (mail.text for a raw mail)',
        }),
      },
      { additionalProperties: false, description: 'The mail as analysed; personal data is masked before it is stored' },
    ),
    ondo: OndoVerdict,
    agent: AgentLabel,
    source: Type.Optional(Type.Union([Type.Literal('api'), Type.Literal('playground'), Type.Literal('helpdesk')], { default: 'api' })),
  },
  { title: 'FeedbackRequest', additionalProperties: false },
);

const FeedbackParams = Type.Object({ id: FeedbackId });
const Page = PageQuery();

const feedbackRoutes: FastifyPluginAsyncTypebox<MailLimits> = async (app, limits) => {
  const notFound = (id: string) => new ProblemError('not-found', `No correction ${id}.`);

  app.post('/v1/feedback', {
    schema: {
      operationId: 'recordFeedback',
      tags: ['feedback'],
      summary: "Record an agent's correction of ondo's verdict (FEEDBACK=on)",
      description:
        "Send the mail as it was analysed, ondo's answer (level and dictionaryVersion from the response) and what the agent says it really was. " +
        'Names, addresses, phone numbers, mail addresses, URLs, order and card numbers are replaced by typed placeholders (〔氏名〕, 〔電話番号〕, …) ' +
        'before anything is stored; the record is kept FEEDBACK_RETENTION_DAYS (default 90). `ondo learn report` and `ondo learn suggest` read them.',
      body: withExamples(FeedbackRequest, {
        angrier: {
          summary: 'The agent read the mail as angry where ondo said concerned',
          value: {
            mail: { subject: 'Re: 注文した商品が届きません', body: '先日もお問い合わせしましたが、ご回答をいただけておりません。' },
            ondo: { level: 'concerned', dictionaryVersion: 'sha256:3f2a9c0d1e4b5a67' },
            agent: { level: 'angry', politeButAnnoyed: true },
          },
        },
      }),
      response: { 201: FeedbackRecord, ...problemResponses(400, 404, 413, 415, 503) },
    },
    handler: async (request, reply) => {
      const { mail, ondo, agent, source } = request.body;
      try {
        assertMailSize(mail.body, 'body', limits);
      } catch (err) {
        throw mailProblem(err);
      }
      const record = await app.feedback.use(request, (store, tenant) => store.add(tenant, { source: source ?? 'api', mail, ondo, agent }));
      request.log.info(
        { feedbackId: record.id, mail: mailFingerprint(mail), ondoLevel: ondo.level, agentLevel: agent.level, masked: record.masked },
        'correction stored',
      );
      return reply.code(201).send(record);
    },
  });

  app.get('/v1/feedback', {
    schema: {
      operationId: 'listFeedback',
      tags: ['feedback'],
      summary: 'Stored corrections, newest first (masked)',
      querystring: Page,
      response: {
        200: Type.Object({ total: Type.Integer(), items: Type.Array(FeedbackRecord) }, { additionalProperties: false }),
        ...problemResponses(400, 404, 503),
      },
    },
    handler: async (request) =>
      app.feedback.use(request, (store, tenant) => store.list(tenant, request.query.limit ?? 50, request.query.offset ?? 0)),
  });

  app.get('/v1/feedback/export', {
    schema: {
      operationId: 'exportFeedback',
      tags: ['feedback'],
      summary: 'Every stored correction as JSON Lines (application/x-ndjson), oldest first',
      response: {
        200: { description: 'One FeedbackRecord a line', content: { 'application/x-ndjson': { schema: Type.String() } } },
        ...problemResponses(404, 503),
      },
    },
    handler: async (request, reply) => {
      const lines = await app.feedback.use(request, async (store, tenant) => {
        const out: string[] = [];
        for await (const record of store.all(tenant)) out.push(`${JSON.stringify(record)}\n`);
        return out.join('');
      });
      return reply
        .type('application/x-ndjson; charset=utf-8')
        .header('content-disposition', 'attachment; filename="feedback.jsonl"')
        .send(lines);
    },
  });

  app.get('/v1/feedback/:id', {
    schema: {
      operationId: 'getFeedback',
      tags: ['feedback'],
      summary: 'One stored correction',
      params: FeedbackParams,
      response: { 200: FeedbackRecord, ...problemResponses(400, 404, 503) },
    },
    handler: async (request) => {
      const record = await app.feedback.use(request, (store, tenant) => store.get(tenant, request.params.id));
      if (!record) throw notFound(request.params.id);
      return record;
    },
  });

  app.delete('/v1/feedback/:id', {
    schema: {
      operationId: 'deleteFeedback',
      tags: ['feedback'],
      summary: 'Delete one correction',
      params: FeedbackParams,
      response: { 204: Type.Null({ description: 'Deleted' }), ...problemResponses(400, 404, 503) },
    },
    handler: async (request, reply) => {
      const deleted = await app.feedback.use(request, (store, tenant) => store.delete(tenant, request.params.id));
      if (!deleted) throw notFound(request.params.id);
      request.log.info({ feedbackId: request.params.id }, 'correction deleted');
      return reply.code(204).send(null);
    },
  });

  app.delete('/v1/feedback', {
    schema: {
      operationId: 'deleteAllFeedback',
      tags: ['feedback'],
      summary: 'Delete every correction (of this tenant)',
      response: {
        200: Type.Object({ deleted: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
        ...problemResponses(404, 503),
      },
    },
    handler: async (request) => {
      const deleted = await app.feedback.use(request, (store, tenant) => store.deleteAll(tenant));
      request.log.info({ deleted }, 'all corrections deleted');
      return { deleted };
    },
  });
};

export default feedbackRoutes;
