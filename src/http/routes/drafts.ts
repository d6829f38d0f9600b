/** POST /v1/drafts/{kind}: workflow drafts (reminders, closing notice, revision batching, asking for a date). */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Draft } from '../../drafting/draft-schema.js';
import { composeKind, FollowUpSchedule, KindDraftRequest } from '../../drafting/kinds.js';
import { LintFinding } from '../../drafting/lint/index.js';
import { DraftKind } from '../../drafting/template-schema.js';
import { problemResponses } from '../problem.js';
import { withExamples } from '../schemas/examples.js';
import { datesInRange } from '../date-range.js';

const KindDraftResponse = Type.Object(
  {
    draft: Draft,
    schedule: Type.Optional(FollowUpSchedule),
    lint: Type.Array(LintFinding, { description: "The reply linter's findings on the draft (empty for ondo's templates)" }),
  },
  { title: 'WorkflowDraft', additionalProperties: false },
);

const draftRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/drafts/:kind', {
    schema: {
      operationId: 'composeDraft',
      tags: ['drafts'],
      summary: 'Compose a workflow draft from the manual',
      description:
        'reminder-1, reminder-2 and closing-notice restate the rule (●日以上ご連絡がない場合…) with the exact close date and time; ' +
        'reminder-2 is meant for the business day before closing and closing-notice says the case can be reopened. ' +
        'revision-batching asks for all revisions in one message with a numbered example; ask-for-date asks the customer to name a date ' +
        'instead of 「進捗いかがでしょうか」.',
      params: Type.Object({ kind: DraftKind }),
      body: withExamples(KindDraftRequest, {
        reminder: {
          summary: 'A reminder, written on 25 November, to a customer who has not answered since 20 November',
          value: {
            customerName: '山田',
            agentName: '佐藤',
            companyName: '〇〇デザイン事務所',
            caseTitle: 'ロゴデザインのご依頼',
            lastContactAt: '2026-11-20T15:00:00+09:00',
            now: '2026-11-25T10:00:00+09:00',
          },
        },
        revisions: {
          summary: 'revision-batching: three revisions included',
          value: { customerName: '山田', agentName: '佐藤', caseTitle: 'ロゴデザインのご依頼', revisionLimit: 3 },
        },
      }),
      response: { 200: KindDraftResponse, ...problemResponses(400, 415) },
    },
    preHandler: datesInRange('lastContactAt', 'now'),
    handler: async (request) => {
      const { manual } = app.drafting;
      const composed = composeKind(request.params.kind, request.body, manual.templates, manual.calendar, manual.workflows);
      // Linted where the tokenizer lives (this thread or the analysis pool).
      return { ...composed, lint: (await app.analysis.lint({ reply: composed.draft.text })).findings };
    },
  });
};

export default draftRoutes;
