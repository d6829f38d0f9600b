/**
 * no-thanks: the reply never thanks the customer (ありがとうございます, 感謝申し上げます, 御礼申し上げます…);
 * a letter of apology owes none.
 */
import { reportBefore, type LintContext, type LintRule } from '../context.js';

/** The formal apology of a letter of apology (心より／深くお詫び申し上げます), not a passing 申し訳ございません. */
const FORMAL_APOLOGY = /お詫び申し上げ/u;

/**
 * A letter of apology opens with the apology and apologises formally; thanking the customer for the
 * complaint would be out of place there. One 申し訳ございません with no thanks still wants the thanks.
 */
function isApologyLetter(context: LintContext): boolean {
  const opening = context.substantive[0];
  if (!opening || !context.has('empathy', opening)) return false;
  return context.reply.sentences.some((s) => FORMAL_APOLOGY.test(s.text) && context.has('empathy', s));
}

export const noThanks: LintRule = {
  id: 'no-thanks',
  inReply(context) {
    const { sentences } = context.reply;
    if (sentences.some((s) => context.has('thanks', s))) return [];
    if (isApologyLetter(context)) return [];
    // The thank-you line belongs right after the greeting.
    const anchor = context.substantive[0] ?? sentences[0];
    return anchor ? [reportBefore(context, anchor, context.rules.settings['no-thanks'].insert!)] : [];
  },
};
