/** no-thanks: the reply never thanks the customer (ありがとうございます, 感謝申し上げます, 御礼申し上げます…). */
import { reportBefore, type LintRule } from '../context.js';

export const noThanks: LintRule = {
  id: 'no-thanks',
  inReply(context) {
    const { sentences } = context.reply;
    if (sentences.some((s) => context.has('thanks', s))) return [];
    // The thank-you line belongs right after the greeting.
    const anchor = context.substantive[0] ?? sentences[0];
    return anchor ? [reportBefore(context, anchor, context.rules.settings['no-thanks'].insert!)] : [];
  },
};
