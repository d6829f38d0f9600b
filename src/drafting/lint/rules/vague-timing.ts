/**
 * vague-timing: 追って・後ほど・近日中に… in a sentence that gives no concrete date or time. The
 * date must be in the same sentence (a date elsewhere in the reply is usually about something else:
 * 「11月20日に出荷済み…追ってご連絡いたします」), or in the next one when it starts 「遅くとも…」.
 */
import type { PhraseMatch } from '../compile.js';
import { sentenceRule, type LintContext } from '../context.js';
import type { Sentence } from '../sentences.js';

export function vagueTimings(context: LintContext, sentence: Sentence): readonly PhraseMatch[] {
  if (context.has('concrete-date', sentence)) return [];
  const next = context.reply.sentences[sentence.index + 1];
  if (next && context.has('date-follow-up', next) && context.has('concrete-date', next)) return [];
  return context.matches('vague-timing', sentence);
}

/** Joins phrases that touch (近日中に＋改めて) so one vague promise is one finding. */
function joinAdjacent(matches: readonly PhraseMatch[]): Array<{ start: number; end: number }> {
  const joined: Array<{ start: number; end: number }> = [];
  for (const m of matches) {
    const last = joined[joined.length - 1];
    if (last && m.start - last.end <= 1) last.end = m.end;
    else joined.push({ start: m.start, end: m.end });
  }
  return joined;
}

export const vagueTiming = sentenceRule('vague-timing', (context, sentence) => joinAdjacent(vagueTimings(context, sentence)));
