/** POST /v1/replies/lint: check an agent's own reply against the manual before it is sent. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LintFinding, ReplyKind, ReplyRegister } from '../../drafting/lint/index.js';
import { ToneLevel } from '../../analysis/tone-schema.js';
import { mailRefOf, type MailLimits } from '../mail-input.js';
import { ProblemError, problemResponses } from '../problem.js';
import { MailInput, ReplyText } from '../schemas/common.js';
import { withExamples } from '../schemas/examples.js';

const LintRequest = Type.Object(
  {
    text: Type.Optional({
      ...ReplyText,
      description: "The agent's reply text (required; `reply` is its deprecated old name)",
      examples: ['お問い合わせの件ですが、だから先ほども申し上げた通り、期限切れのクーポンはご利用いただけません。'],
    }),
    reply: Type.Optional({
      ...ReplyText,
      deprecated: true,
      description: 'Deprecated since 0.2: the old name of `text`, accepted until the next release. Send `text`.',
    }),
    customerMail: Type.Optional(
      Type.Object(MailInput.properties, {
        additionalProperties: false,
        description:
          'The mail being answered (body or raw); its level decides whether empathy is required, its words whether the reply answers praise or a review',
      }),
    ),
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
      body: withExamples(LintRequest, {
        blame: {
          summary: 'A reply that blames the customer and refuses bluntly, to an annoyed mail',
          value: {
            text: 'お問い合わせの件ですが、だから先ほども申し上げた通り、期限切れのクーポンはご利用いただけません。',
            customerMail: { body: 'クーポンが使えないのはどういうことでしょうか。納得いたしかねます。' },
          },
        },
        cushioned: {
          summary: 'A cushion-first reply to an angry customer: no findings',
          value: {
            text:
              '山田様\n\nこのたびはご不便をおかけし、誠に申し訳ございません。\n' +
              'あいにく、期限を過ぎたクーポンはご利用いただけない決まりとなっております。\n' +
              '代わりに、本日より使える500円分のクーポンをお送りいたします。\n今後ともよろしくお願いいたします。',
            customerLevel: 'angry',
          },
        },
      }),
      response: { 200: LintResponse, ...problemResponses(400, 413, 415, 422, 503) },
    },
    handler: async (request) => {
      const { customerMail, customerLevel } = request.body;
      const reply = replyText(request.body);
      if (request.body.reply !== undefined) request.log.info({ apiKey: request.apiKeyName, field: 'reply' }, 'deprecated field used');
      // The mail is read in the pool (checked against the limits first) for its level and for what kind of message it is.
      return app.analysis.lint({ reply, ...(customerMail ? { customerMail: mailRefOf(customerMail, limits) } : {}), customerLevel });
    },
  });
};

/** The reply to lint: `text`, or `reply` (its deprecated old name); exactly one of them. */
function replyText(body: { text?: string; reply?: string }): string {
  const given = [body.text, body.reply].filter((value) => value !== undefined);
  if (given.length !== 1) {
    throw new ProblemError('validation', 'Give the reply as text (reply is its deprecated old name), once.', {
      errors: [{ path: '/text', message: given.length === 0 ? 'text is required' : 'give text or reply, not both' }],
    });
  }
  return given[0]!;
}

export default lintRoutes;
