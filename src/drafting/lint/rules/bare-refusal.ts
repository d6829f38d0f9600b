/** bare-refusal: できません・致しかねます… with no cushion (恐れ入りますが, あいにく…) earlier in the same sentence. */
import type { PhraseMatch } from '../compile.js';
import { sentenceRule, type LintContext } from '../context.js';
import { predicateStart, type Sentence } from '../sentences.js';

/** Refusals in the sentence that no cushion precedes; an apology in an earlier sentence does not count. */
export function uncushionedRefusals(context: LintContext, sentence: Sentence): PhraseMatch[] {
  const cushions = context.matches('cushion-refusal', sentence);
  return context.matches('refusal', sentence).filter((refusal) => !cushions.some((c) => c.end <= refusal.start));
}

export const bareRefusal = sentenceRule('bare-refusal', (context, sentence) =>
  uncushionedRefusals(context, sentence).map((m) => ({ start: predicateStart(sentence.text, m.start), end: m.end })),
);
