/** POST /v1/analyze: how hot is this mail, and why. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ToneResult } from '../../analysis/tone-schema.js';
import { mailFingerprint } from '../mail-log.js';
import { assertMailSize } from '../mail-size.js';
import { problemResponses } from '../problem.js';
import { MailInput } from '../schemas/common.js';

export interface AnalyzeRoutesOptions {
  maxBodyBytes: number;
}

const analyzeRoutes: FastifyPluginAsyncTypebox<AnalyzeRoutesOptions> = async (app, options) => {
  app.post('/v1/analyze', {
    schema: {
      tags: ['analysis'],
      summary: 'Measure the temperature (anger, urgency, level) of one mail',
      description:
        'Scores a Japanese customer-support mail. Politeness never lowers the score: a business-polite mail with complaint signals ' +
        '(「再度ご連絡いたします」「どういうことでしょうか」「納得いたしかねます」) is lifted to at least `angry` and flagged `politeButAnnoyed`. ' +
        'Every piece of evidence points to UTF-16 offsets in the original subject or body.',
      body: MailInput,
      response: { 200: ToneResult, ...problemResponses(400, 413, 415, 503) },
    },
    handler: async (request) => {
      assertMailSize(request.body, options.maxBodyBytes);
      const result = app.analysis.analyze(request.body);
      request.log.info({ mail: mailFingerprint(request.body), level: result.level, anger: result.anger, urgency: result.urgency }, 'mail analysed');
      return result;
    },
  });
};

export default analyzeRoutes;
