/**
 * blame: told-you-so and your-fault phrasing — set phrases (だから, 先ほども申し上げた通り, お客様の
 * 操作ミス…) and the sentence shapes of blame-structure.ts (the customer as the agent of an error,
 * lectures about earlier guidance or future behaviour, doubting the customer). Where no shape is
 * found, the learned signal (blame-learned.ts) may still read the sentence as blame: the finding
 * quotes its heaviest clause and offers no rewrite, since no shape says which words to change.
 */
import { blameFeatures, blameScore, heaviestClause } from '../blame-learned.js';
import { tellsOwnAct } from '../blame-agent.js';
import { acceptanceOfBlame, refusalFromBlame } from '../blame-consequence.js';
import { blameIn, replyOwnsError, slipExcused } from '../blame-structure.js';
import type { LintContext, LintRule, RuleReport } from '../context.js';
import { predicateStart, type Sentence } from '../sentences.js';
import { bareCommands } from './bare-command.js';
import { uncushionedRefusals } from './bare-refusal.js';

function learnedBlame(context: LintContext, sentence: Sentence): RuleReport[] {
  const model = context.rules.blameModel;
  if (!model) return [];
  // Read as blame only where the customer is unhappy: to a calm question, 「使い方を見直してみては」 is a hint.
  const complaint = context.kind === 'complaint-reply' || context.kind === 'review-reply';
  if (!complaint && (context.customerLevel === undefined || context.customerLevel === 'calm')) return [];
  // What clears a sentence for the clause shapes clears it here too: the shop's own error admitted
  // in it or anywhere in the reply (then what is written is the customer's case, not a rebuke), a
  // kindly re-guide, an apology or a cushion in it; and the shop saying what it does.
  if (
    context.has('own-fault', sentence) ||
    replyOwnsError(context) ||
    context.has('lecture-exception', sentence) ||
    context.has('empathy', sentence) ||
    context.has('cushion-request', sentence) ||
    context.has('cushion-refusal', sentence) ||
    slipExcused(context, sentence) ||
    tellsOwnAct(sentence)
  )
    return [];
  const score = blameScore(model, blameFeatures(sentence, context.reply.sentences[sentence.index - 1]));
  if (score < model.threshold) return [];
  return [{ sentence, ...heaviestClause(model, sentence) }];
}

/**
 * A sentence that draws the consequence of the blame before it (そのため、返金はいたしかねます。何卒ご
 * 理解ください。) with a refusal or a request for acceptance that bare-refusal and bare-command leave to
 * this rule: reported here, with its cushioned rewrite, so the reply rewritten whole blames nobody.
 */
function drawnFromBlame(context: LintContext, sentence: Sentence): RuleReport[] {
  const refusals = uncushionedRefusals(context, sentence).filter((m) => refusalFromBlame(context, sentence, m));
  const accepting = bareCommands(context, sentence).filter((m) => acceptanceOfBlame(context, sentence, m));
  const first = [...refusals, ...accepting].sort((a, b) => a.start - b.start)[0];
  if (!first) return [];
  return [{ sentence, start: predicateStart(sentence.text, first.start), end: first.end, rewrite: context.rewrite(sentence) }];
}

export const blame: LintRule = {
  id: 'blame',
  inSentence(context, sentence) {
    const spans = blameIn(context, sentence);
    if (!spans.length) {
      const drawn = drawnFromBlame(context, sentence);
      return drawn.length ? drawn : learnedBlame(context, sentence);
    }
    const rewrite = context.rewrite(sentence);
    return spans.map(({ start, end }) => ({ sentence, start, end, rewrite }));
  },
};
