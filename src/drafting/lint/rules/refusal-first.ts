/**
 * refusal-first: the first sentence after the salutation, greeting and self-introduction refuses or
 * states a negative fact (お受けできません, 不具合ではございません, 対象外となります) before any thanks
 * or empathy — even behind a cushion (あいにく…).
 */
import { reportBefore, type LintRule } from '../context.js';
import { predicateStart } from '../sentences.js';

export const refusalFirst: LintRule = {
  id: 'refusal-first',
  inReply(context) {
    const opening = context.substantive[0];
    if (!opening || context.has('thanks', opening) || context.has('empathy', opening)) return [];
    const negative = [...context.matches('refusal', opening), ...context.matches('negative-fact', opening)];
    const first = negative.sort((a, b) => a.start - b.start)[0];
    if (!first) return [];
    const quote = context.original(opening, predicateStart(opening.text, first.start), first.end);
    return [reportBefore(context, opening, context.rules.settings['refusal-first'].insert!, quote)];
  },
};
