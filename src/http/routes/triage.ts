/** POST /v1/triage: tone, scenario, routing and a cushion-first draft for one mail. */
import { Type, type FastifyPluginAsyncTypebox, type Static } from '@fastify/type-provider-typebox';
import { TriageContext, TriageResult } from '../../drafting/triage-schema.js';
import { sendJsonAnswer } from '../json-answer.js';
import { mailRefOf, type MailLimits } from '../mail-input.js';
import { problemResponses } from '../problem.js';
import { MailFields } from '../schemas/common.js';
import { EXAMPLE_MAIL, EXAMPLE_RAW_MAIL, withExamples, type RequestExample } from '../schemas/examples.js';
import { MailInfo } from '../../mail/index.js';
import { datesInRange } from '../date-range.js';

export const TriageResponse = Type.Object(
  { ...TriageResult.properties, mail: Type.Optional(MailInfo) },
  { title: 'TriageResponse', additionalProperties: false },
);

export const TriageRequest = Type.Object({ ...MailFields, ...TriageContext }, { title: 'TriageRequest', additionalProperties: false });

/** The triage examples, shared with POST /v1/triage/jobs. */
export const TRIAGE_EXAMPLES = {
  reply: {
    summary: 'A polite second enquiry: the draft apologises for the wait and promises a date',
    value: { ...EXAMPLE_MAIL, agentName: '佐藤', companyName: '〇〇ストア', receivedAt: '2026-11-26T10:15:00+09:00' },
  },
  agentChoice: {
    summary: "The agent's own reading: re-draft as a damaged item, at level angry",
    value: {
      subject: '商品について',
      body: '届いたマグカップの取っ手が欠けていました。交換していただけますか。',
      scenario: 'damaged-item',
      level: 'angry',
      agentName: '佐藤',
      receivedAt: '2026-11-26T10:15:00+09:00',
    },
  },
  raw: {
    summary: 'The whole mail as received (RFC 822), as UTF-8 text',
    value: { raw: EXAMPLE_RAW_MAIL, rawEncoding: 'utf8', agentName: '佐藤', receivedAt: '2026-11-26T10:15:00+09:00' },
  },
} satisfies Record<string, RequestExample<Static<typeof TriageRequest>>>;

const triageRoutes: FastifyPluginAsyncTypebox<MailLimits> = async (app, limits) => {
  app.post('/v1/triage', {
    schema: {
      operationId: 'triageMail',
      tags: ['triage'],
      summary: 'Triage one mail: tone, scenario, routing (priority, escalate, replyBy) and a cushion-first reply draft',
      description:
        "The draft opens with thanks and empathy that reflects the customer's concern, gives facts only behind a cushion " +
        '(恐れ入りますが / あいにく), promises a concrete date from the business calendar, and lists the facts the agent must ' +
        "fill in as 【placeholders】. `lint` holds the reply linter's findings on the draft and is empty for every draft ondo composes.",
      body: withExamples(TriageRequest, TRIAGE_EXAMPLES),
      response: { 200: TriageResponse, ...problemResponses(400, 413, 415, 422, 503) },
    },
    preHandler: datesInRange('receivedAt'),
    handler: async (request, reply) => {
      const { subject: _s, body: _b, raw: _r, rawEncoding: _e, ...context } = request.body;
      const mail = mailRefOf(request.body, limits);
      const { json, facts } = await app.analysis.answer({ kind: 'triage', mail, context });
      request.log.info({ mail: facts.mail, level: facts.level, scenario: facts.scenario, priority: facts.priority }, 'mail triaged');
      return sendJsonAnswer(reply, json);
    },
  });
};

export default triageRoutes;
