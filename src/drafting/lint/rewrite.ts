/**
 * The cushion-first rewrite of one sentence: blame phrasing removed or replaced, refusals and
 * commands softened behind one cushion, vague timing replaced by a date placeholder. Edits are
 * found on the normalised sentence and applied to the text as written.
 */
import { blameIn } from './blame-structure.js';
import { replacementFor, type PhraseMatch } from './compile.js';
import type { LintContext } from './context.js';
import { bareCommands } from './rules/bare-command.js';
import { uncushionedRefusals } from './rules/bare-refusal.js';
import { vagueTimings } from './rules/vague-timing.js';
import { originalRange, type Sentence } from './sentences.js';

interface Edit {
  start: number;
  end: number;
  text: string;
}

export function rewriteSentence(context: LintContext, sentence: Sentence): string {
  const { settings, placeholders } = context.rules;
  const edits: Edit[] = [];
  let cushion: { at: number; text: string } | undefined;
  const needCushion = (at: number, text: string) => {
    if (!cushion || at < cushion.at) cushion = { at, text };
  };

  const blame = blameIn(context, sentence).flatMap(({ edits }) => edits);
  edits.push(...blame);
  for (const m of context.matches('casual', sentence))
    edits.push({ start: m.start, end: m.end, text: replacementFor(m, sentence.text) ?? '' });
  // A blame phrase rewritten as 「重ねてのご案内となり恐縮ですが」 already cushions what follows it.
  const cushionedByRewrite = (at: number, set: 'cushion-refusal' | 'cushion-request') =>
    blame.some((edit) => edit.start <= at && context.rules.sets[set].find(edit.text).length > 0);
  const replace = (m: PhraseMatch) => {
    const text = replacementFor(m, sentence.text);
    if (text !== undefined) edits.push({ start: m.start, end: m.end, text });
  };
  for (const m of uncushionedRefusals(context, sentence)) {
    replace(m);
    if (!cushionedByRewrite(m.start, 'cushion-refusal')) needCushion(m.start, m.entry.cushion ?? settings['bare-refusal'].insert!);
  }
  for (const m of bareCommands(context, sentence)) {
    replace(m);
    if (!cushionedByRewrite(m.start, 'cushion-request')) needCushion(m.start, m.entry.cushion ?? settings['bare-command'].insert!);
  }
  // The first vague phrase becomes the date; the others (近日中に「改めて」, 「今しばらく」) go.
  vagueTimings(context, sentence).forEach((m, i) => {
    const text = i === 0 ? (m.entry.rewrite ?? '{date}までに').replaceAll('{date}', placeholders.date) : '';
    edits.push({ start: m.start, end: m.end, text });
  });
  if (cushion) edits.push(cushionEdit(context, sentence, cushion));
  // A topic clause 「〜の件ですが、」 before a cushion reads as a doubled 〜ですが: 「〜の件につきましては、」.
  if (edits.length) for (const m of context.matches('clause-start', sentence)) replace(m);
  return tidy(applyEdits(context, sentence, edits));
}

/** Clause ends that already concede (〜ですが、〜けど、): a cushion ending in 〜が after them doubles it. */
const CONCESSIVE: ReadonlySet<string> = new Set(['が', 'けど', 'けれど', 'けれども']);

/**
 * Where the cushion goes and in which form. A sentence that opens with 「ですが、」「でも、」 has the
 * connective replaced by the cushion, whose 〜が carries the contrast on; after a clause that
 * already ends in 〜が／〜けど the cushion takes its form without が (恐縮ながら).
 */
function cushionEdit(context: LintContext, sentence: Sentence, cushion: { at: number; text: string }): Edit {
  const opening = context.matches('concessive-opening', sentence)[0];
  if (opening) return { start: opening.start, end: opening.end, text: cushion.text };
  const at = clauseStart(context, sentence, cushion.at);
  // A topic clause 「〜の件ですが、」 is rewritten to 「〜の件につきましては、」 and concedes nothing.
  const topics = context.matches('clause-start', sentence).filter((m) => m.entry.rewrite !== undefined);
  const concedes = sentence.clauses.some(
    (c) => c.end <= at && CONCESSIVE.has(c.ends) && !topics.some((m) => m.start < c.end && c.end <= m.end),
  );
  return { start: at, end: at, text: concedes ? context.rules.cushionAfterConcession : cushion.text };
}

/** After the last 「〜場合は、」「ただし、」 before the phrase, or the start of the sentence. */
function clauseStart(context: LintContext, sentence: Sentence, before: number): number {
  const starts = context.matches('clause-start', sentence).filter((m) => m.end <= before);
  return starts[starts.length - 1]?.end ?? 0;
}

function applyEdits(context: LintContext, sentence: Sentence, edits: Edit[]): string {
  const { original } = context.reply;
  const [sentenceStart, sentenceEnd] = originalRange(context.reply, sentence, 0, sentence.text.length);
  // Insertions sort before a replacement at the same place; an edit overlapping an earlier one is dropped.
  const ordered = edits
    .map((e) => ({ ...e, range: originalRange(context.reply, sentence, e.start, e.end) }))
    .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let out = '';
  let cursor = sentenceStart;
  for (const edit of ordered) {
    const [from, to] = edit.range;
    if (from < cursor) continue;
    out += original.slice(cursor, from) + edit.text;
    cursor = to;
  }
  return out + original.slice(cursor, sentenceEnd);
}

/** Punctuation left behind by removed phrases: 「、、」, a leading 「、」, 「、。」. */
function tidy(text: string): string {
  return text
    .replace(/[、,]\s*(?=[、,])/g, '')
    .replace(/^[、,]\s*/, '')
    .replace(/[、,]\s*(?=[。！？!?]|$)/g, '');
}
