/** blame: told-you-so and your-fault phrasing (だから, 先ほども申し上げた通り, お客様の操作ミス…). */
import type { LintRule } from '../context.js';

export const blame: LintRule = {
  id: 'blame',
  check: (context) =>
    context.reply.sentences.flatMap((sentence) =>
      context.matches('blame', sentence).map((m) => ({
        sentence,
        start: m.start,
        end: m.end,
        rewrite: context.rewrite(sentence),
      })),
    ),
};
