/** POST /v1/triage: tone, scenario, routing and a cushion-first draft for one mail. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { TriageContext, TriageResult } from '../../drafting/triage-schema.js';
import { mailFingerprint } from '../../mail/mail-fingerprint.js';
import { mailRefOf, scoredText, type MailLimits } from '../mail-input.js';
import { problemResponses } from '../problem.js';
import { MailFields } from '../schemas/common.js';
import { MailInfo } from '../../mail/index.js';
import { datesInRange } from '../date-range.js';

const TriageResponse = Type.Object({ ...TriageResult.properties, mail: Type.Optional(MailInfo) }, { title: 'TriageResponse', additionalProperties: false });

export const TriageRequest = Type.Object(
  { ...MailFields, ...TriageContext },
  {
    title: 'TriageRequest',
    additionalProperties: false,
    examples: [
      {
        subject: 'Re: 注文した商品が届きません',
        body: 'お世話になっております。山田です。\n11月18日に注文した商品がまだ届いておりません。\n先日もお問い合わせしましたが、ご回答をいただけておりません。\nお忙しい中恐縮ですが、ご回答をお待ちしております。',
        agentName: '佐藤',
        companyName: '〇〇ストア',
        receivedAt: '2026-11-26T10:15:00+09:00',
      },
    ],
  },
);

const triageRoutes: FastifyPluginAsyncTypebox<MailLimits> = async (app, limits) => {
  app.post('/v1/triage', {
    schema: {
      operationId: 'triageMail',
      tags: ['triage'],
      summary: 'Triage one mail: tone, scenario, routing (priority, escalate, replyBy) and a cushion-first reply draft',
      description:
        'The draft opens with thanks and empathy that reflects the customer\'s concern, gives facts only behind a cushion ' +
        '(恐れ入りますが / あいにく), promises a concrete date from the business calendar, and lists the facts the agent must ' +
        'fill in as 【placeholders】. `lint` holds the reply linter\'s findings on the draft and is empty for every draft ondo composes.',
      body: TriageRequest,
      response: { 200: TriageResponse, ...problemResponses(400, 413, 415, 422, 503) },
    },
    preHandler: datesInRange('receivedAt'),
    handler: async (request) => {
      const { subject: _s, body: _b, raw: _r, rawEncoding: _e, ...context } = request.body;
      const mail = mailRefOf(request.body, limits);
      const { read, ...result } = await app.analysis.triage(mail, context);
      request.log.info(
        { mail: mailFingerprint(scoredText(mail, read)), level: result.tone.level, scenario: result.scenario.primary, priority: result.routing.priority },
        'mail triaged',
      );
      return read?.info ? { ...result, mail: read.info } : result;
    },
  });
};

export default triageRoutes;
