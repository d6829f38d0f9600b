/**
 * bare-command: 〜してください / ご確認ください with no cushion (お手数ですが, 恐れ入りますが…) earlier in
 * the sentence. Set phrases that care for the customer (ご安心ください, お気軽にお問い合わせください,
 * ご自愛ください) are exceptions, listed in commands.yaml; ご了承ください deliberately is not.
 */
import { acceptanceOfBlame } from '../blame-consequence.js';
import type { PhraseMatch } from '../compile.js';
import { sentenceRule, type LintContext } from '../context.js';
import { paragraphOf, predicateStart, type Sentence } from '../sentences.js';
import { vagueTimings } from './vague-timing.js';

/** A cushion for what is asked next (お手数をおかけいたします。), not an apology for trouble caused (お手数をおかけしてしまい). */
const CUSHION_AHEAD = /(?:お手数|お手間|ご面倒|ご足労)(?:ですが|をおかけ(?:いたします|します)(?:が)?)(?:[、。!?]|$)/u;

export function bareCommands(context: LintContext, sentence: Sentence): PhraseMatch[] {
  // 「お手数をおかけいたします。下記のフォームより…お送りください。」: the sentence before cushions the request.
  const previous = paragraphOf(context.reply, sentence).find((s) => s.index === sentence.index - 1);
  if (previous && CUSHION_AHEAD.test(previous.text)) return [];
  const exceptions = context.matches('command-exception', sentence);
  const cushions = context.matches('cushion-request', sentence);
  return context
    .matches('command', sentence)
    .filter((command) => !exceptions.some((e) => e.start < command.end && command.start < e.end))
    .filter((command) => !cushions.some((c) => c.end <= command.start));
}

/**
 * A wait asked for without saying until when (しばらくお待ちください, 判明次第ご連絡いたしますので、お待ちください)
 * is one problem, the vague time: vague-timing reports it, and the sentence's one rewrite dates and
 * cushions the request together.
 */
const WAIT = 'command.omachi-kudasai';

export const bareCommand = sentenceRule('bare-command', (context, sentence) => {
  const vague = vagueTimings(context, sentence).length > 0;
  return bareCommands(context, sentence)
    .filter((m) => !(vague && m.entry.id === WAIT) && !acceptanceOfBlame(context, sentence, m))
    .map((m) => ({ start: predicateStart(sentence.text, m.start), end: m.end }));
});
