/** POST /v1/analyze: how hot is this mail, and why. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ToneResult } from '../../analysis/tone-schema.js';
import { sendJsonAnswer } from '../json-answer.js';
import { mailRefOf, type MailLimits } from '../mail-input.js';
import { problemResponses } from '../problem.js';
import { MailInput } from '../schemas/common.js';
import { EXAMPLE_MAIL, EXAMPLE_RAW_MAIL, withExamples } from '../schemas/examples.js';
import { MailInfo } from '../../mail/index.js';

export const AnalyzeResponse = Type.Object(
  { ...ToneResult.properties, mail: Type.Optional(MailInfo) },
  { title: 'AnalyzeResult', additionalProperties: false },
);

const analyzeRoutes: FastifyPluginAsyncTypebox<MailLimits> = async (app, limits) => {
  app.post('/v1/analyze', {
    schema: {
      operationId: 'analyzeMail',
      tags: ['analysis'],
      summary: 'Measure the temperature (anger, urgency, level) of one mail',
      description:
        'Scores a Japanese customer-support mail. Politeness never lowers the score: a business-polite mail with complaint signals ' +
        '(「再度ご連絡いたします」「どういうことでしょうか」「納得いたしかねます」) is lifted to at least `angry` and flagged `politeButAnnoyed`. ' +
        'Every piece of evidence points to UTF-16 offsets in the subject or body (for a raw mail: in `mail.text`). ' +
        'Accepts application/json or the raw mail as message/rfc822.',
      body: withExamples(MailInput, {
        politeButAnnoyed: { summary: 'A polite second enquiry about a late delivery (丁寧だが苛立ち)', value: EXAMPLE_MAIL },
        pasted: {
          summary: 'A pasted reply with the quoted history: clean removes it',
          value: { body: `${EXAMPLE_MAIL.body}\n\n> 発送準備中です。`, clean: true },
        },
        raw: { summary: 'The whole mail as received (RFC 822), as UTF-8 text', value: { raw: EXAMPLE_RAW_MAIL, rawEncoding: 'utf8' } },
      }),
      response: { 200: AnalyzeResponse, ...problemResponses(400, 413, 415, 422, 503) },
    },
    handler: async (request, reply) => {
      const mail = mailRefOf(request.body, limits);
      const { json, facts } = await app.analysis.answer({ kind: 'analyze', mail });
      request.log.info({ mail: facts.mail, level: facts.level, anger: facts.anger, urgency: facts.urgency }, 'mail analysed');
      return sendJsonAnswer(reply, json);
    },
  });
};

export default analyzeRoutes;
