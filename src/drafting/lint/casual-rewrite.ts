/**
 * The polite forms of a sentence's casual words. Casual forms stack (なっちゃってますね: ちゃって,
 * てます, ますね) and the phrase set keeps one of overlapping matches, so one pass leaves
 * 「なってしまってます」: the casual set runs again on the rewritten text, and each match that
 * touches a replacement is folded into it, until nothing casual is left (a few rounds at most).
 */
import { replacementFor, type PhraseMatch } from './compile.js';
import type { LintContext } from './context.js';
import type { Sentence } from './sentences.js';

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export interface PlacedEdits<E extends Edit> {
  /** The text with every edit applied. */
  rewritten: string;
  /** Where each edit's text lies in `rewritten`. */
  placed: Array<{ edit: E; from: number; to: number }>;
  /** A position in the rewritten text, back in the text as written (outside any edit). */
  back: (at: number) => number;
}

/** Applies edits in order (sorted, not overlapping) and keeps where each one landed. */
export function placeEdits<E extends Edit>(text: string, edits: readonly E[]): PlacedEdits<E> {
  let rewritten = '';
  let cursor = 0;
  const placed = edits.map((edit) => {
    rewritten += text.slice(cursor, edit.start);
    const from = rewritten.length;
    rewritten += edit.text;
    cursor = edit.end;
    return { edit, from, to: rewritten.length };
  });
  rewritten += text.slice(cursor);
  const back = (at: number) => {
    const before = placed.filter((p) => p.to <= at).pop();
    return before ? before.edit.end + (at - before.to) : at;
  };
  return { rewritten, placed, back };
}

/** Sentence endings that are casual on an act of the shop's (連絡しますね) and warm on the customer's feelings. */
const SHARING_ENDINGS: ReadonlySet<string> = new Set(['casual.masu-ne', 'casual.yone']);

/**
 * The casual words of a sentence, leaving the ね／よね of a sentence that shares the customer's
 * worry (ご心配になりますね, 気になりますよね: an empathy phrase holds it): a small shop's warmth, not chat.
 */
export function casualMatches(context: LintContext, sentence: Sentence): PhraseMatch[] {
  const matches = warmMatches(context, sentence);
  // A lone soft ending in a reply otherwise written politely (見させていただきますね, よく起こるんです) is
  // warmth; beside any other casual form it is part of the chat the reply is written in.
  if (!matches.length || !matches.every((m) => isSoft(sentence, m))) return matches;
  const [soft, other] = context.once('casual-soft-other', () => {
    const all = context.reply.sentences.flatMap((s) => warmMatches(context, s).map((m) => isSoft(s, m)));
    return [all.filter(Boolean).length, all.some((isSoftEnding) => !isSoftEnding)] as const;
  });
  return other || soft > 1 ? matches : [];
}

/** Endings that read casual only with company: a promise's ね (連絡しますね) and an explaining んです without よ. */
function isSoft(sentence: Sentence, match: PhraseMatch): boolean {
  if (match.entry.id === 'casual.masu-ne') return true;
  return match.entry.id === 'casual.ndesu' && sentence.text.slice(match.start, match.end).endsWith('んです');
}

/** The casual words, leaving a ね／よね that shares the customer's feeling. */
function warmMatches(context: LintContext, sentence: Sentence): PhraseMatch[] {
  const feelings = context.matches('empathy', sentence);
  return context
    .matches('casual', sentence)
    .filter((m) => !(SHARING_ENDINGS.has(m.entry.id) && feelings.some((f) => f.start <= m.start && m.end <= f.end)));
}

/** One fold a round; the bound keeps a rewrite that re-creates its own match from looping. */
const MAX_ROUNDS = 8;

export function casualEdits(context: LintContext, sentence: Sentence): Edit[] {
  const casual = context.rules.sets.casual;
  let edits: Edit[] = casualMatches(context, sentence).map((m) => ({
    start: m.start,
    end: m.end,
    text: replacementFor(m, sentence.text) ?? '',
  }));
  for (let round = 0; round < MAX_ROUNDS && edits.length; round++) {
    const { rewritten, placed, back } = placeEdits(sentence.text, edits);
    let merged = false;
    for (const m of casual.find(rewritten)) {
      // A deletion (empty text) touches a match that runs across where it was.
      const touched = placed.filter((p) => (p.from === p.to ? m.start <= p.from && p.to <= m.end : m.start < p.to && p.from < m.end));
      if (!touched.length) continue;
      const first = touched[0]!;
      const last = touched[touched.length - 1]!;
      const from = Math.min(m.start, first.from);
      const to = Math.max(m.end, last.to);
      const text = rewritten.slice(from, m.start) + (replacementFor(m, rewritten) ?? '') + rewritten.slice(m.end, to);
      const edit = {
        start: m.start < first.from ? back(m.start) : first.edit.start,
        end: m.end > last.to ? back(m.end) : last.edit.end,
        text,
      };
      edits = [...edits.filter((e) => e.end <= edit.start), edit, ...edits.filter((e) => e.start >= edit.end)];
      merged = true;
      // Offsets in `rewritten` are stale now; the next round places the edits again.
      break;
    }
    if (!merged) break;
  }
  return edits;
}
