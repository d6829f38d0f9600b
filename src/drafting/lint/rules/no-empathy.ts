/**
 * no-empathy: the customer is angry or furious (rules.yaml `levels`) and the reply has no apology or
 * empathy anywhere (an apology, or the customer's feeling acknowledged: ご心配のことと存じます). A
 * 申し訳ございませんが that cushions a refusal does not count; a reply glad of the customer's words owes none.
 */
import { reportBefore, type LintRule } from '../context.js';

const DEFAULT_LEVELS = ['angry', 'furious'];

export const noEmpathy: LintRule = {
  id: 'no-empathy',
  inReply(context) {
    const settings = context.rules.settings['no-empathy'];
    const level = context.customerLevel;
    if (!level || !(settings.levels ?? DEFAULT_LEVELS).includes(level)) return [];
    const { sentences } = context.reply;
    if (sentences.some((s) => context.has('empathy', s))) return [];
    // A reply glad of what the customer said or went through (嬉しく思っております, 楽しんでいただけた)
    // answers praise, whatever level was given: a public review that praised is answered so too.
    if (sentences.some((s) => context.has('reply-rejoices', s))) return [];
    // The apology belongs after the thanks, before the first fact.
    const anchor = context.substantive.find((s) => !context.has('thanks', s)) ?? context.substantive[0] ?? sentences[0];
    return anchor ? [reportBefore(context, anchor, settings.insert!)] : [];
  },
};
