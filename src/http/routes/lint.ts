/** POST /v1/replies/lint: check an agent's own reply against the manual before it is sent. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LintFinding, ReplyKind, ReplyRegister } from '../../drafting/lint/index.js';
import { ToneLevel } from '../../analysis/tone-schema.js';
import { readMailInput, type MailLimits } from '../mail-input.js';
import { problemResponses } from '../problem.js';
import { MailInput } from '../schemas/common.js';

const LintRequest = Type.Object(
  {
    reply: Type.String({
      minLength: 1,
      maxLength: 20_000,
      pattern: '\\S',
      description: "The agent's reply text",
      examples: ['お問い合わせの件ですが、だから先ほども申し上げた通り、期限切れのクーポンはご利用いただけません。'],
    }),
    customerMail: Type.Optional(Type.Object(MailInput.properties, { additionalProperties: false, description: 'The mail being answered (body or raw); its level decides whether empathy is required, its words whether the reply answers praise or a review' })),
    customerLevel: Type.Optional(ToneLevel),
  },
  { title: 'LintRequest', additionalProperties: false },
);

const LintResponse = Type.Object(
  {
    findings: Type.Array(LintFinding, { description: 'Problems found, in text order; empty when the reply follows the manual' }),
    kind: ReplyKind,
    register: ReplyRegister,
    customerLevel: Type.Optional(ToneLevel),
  },
  { title: 'LintResult', additionalProperties: false },
);

const lintRoutes: FastifyPluginAsyncTypebox<MailLimits> = async (app, limits) => {
  app.post('/v1/replies/lint', {
    schema: {
      operationId: 'lintReply',
      tags: ['drafts'],
      summary: "Lint an agent's reply: bare refusals, blame, casual register, bare commands, vague timing, missing thanks or empathy",
      description:
        'Give `customerMail` (it is analysed) or `customerLevel` so the linter knows whether the customer is angry; ' +
        'each finding quotes the words, explains the problem in Japanese and English and suggests a cushion-first rewrite. ' +
        'The response says what kind of message the reply was read as (it decides which rules apply) and its overall register.',
      body: LintRequest,
      response: { 200: LintResponse, ...problemResponses(400, 413, 415, 422, 503) },
    },
    handler: async (request) => {
      const { reply, customerMail, customerLevel } = request.body;
      // The mail is read (and checked against the limits) for its level and for what kind of message it is.
      const mail = customerMail ? (await readMailInput(customerMail, limits)).text : undefined;
      return app.analysis.lint({ reply, customerMail: mail, customerLevel });
    },
  });
};

export default lintRoutes;
