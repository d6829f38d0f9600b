/**
 * The cushion-first rewrite of one sentence: blame phrasing removed or replaced, refusals and
 * commands softened behind one cushion, vague timing replaced by a date placeholder. Edits are
 * found on the normalised sentence and applied to the text as written.
 */
import { blameIn } from './blame-structure.js';
import { casualEdits, placeEdits, type Edit } from './casual-rewrite.js';
import { replacementFor, type PhraseMatch } from './compile.js';
import type { LintContext } from './context.js';
import { bareCommands } from './rules/bare-command.js';
import { uncushionedRefusals } from './rules/bare-refusal.js';
import { vagueTimings } from './rules/vague-timing.js';
import { FACT, originalRange, type Sentence } from './sentences.js';

export function rewriteSentence(context: LintContext, sentence: Sentence): string {
  const { settings, placeholders } = context.rules;
  const edits: Edit[] = [];
  let cushion: { at: number; text: string } | undefined;
  const needCushion = (at: number, text: string) => {
    if (!cushion || at < cushion.at) cushion = { at, text };
  };

  const spans = blameIn(context, sentence);
  const last = sentence.text.replace(/[。！？!?\s]+$/u, '').length;
  // A rewrite that is a predicate of its own (〜かと存じます) takes the place of the sentence's ending.
  // One that a comma follows (〜行っており、度数に…) closes its own sentence: 「申し訳ございません。度数に…」.
  let blame = spans.flatMap(({ edits }) =>
    edits
      .map((e) => concessionCushion(context, sentence, e))
      .map((e) => {
        if (!PREDICATE.test(e.text)) return e;
        if (endsContent(sentence, e.end)) return { ...e, end: last };
        const comma = emptyUntilComma(sentence, e.end);
        return comma === undefined ? e : { ...e, end: comma + 1, text: `${e.text}。` };
      }),
  );
  // Blame that is the sentence's own predicate (お客様の誤操作が原因です。ご存じの通りです。) cannot be
  // edited away without leaving a stump (「す。」): its clause goes, and what came before it is
  // closed as a sentence (〜集中しており、…通常の範囲かと存じます → 〜集中しております。), or, when
  // nothing came before, the sentence is left out.
  const closing =
    blame.find((edit) => closesSentence(sentence, edit)) ??
    spans.find((span) => span.id === 'lecture.counterfactual' && !concededAfter(sentence, span.end))?.edits[0];
  const clauseStart = closing && (sentence.clauses.filter((c) => c.end <= closing.start).pop()?.end ?? 0);
  // What goes must hold no fact the customer needs (a number, a quoted label, a name).
  const cut = clauseStart !== undefined && !FACT.test(sentence.text.slice(clauseStart)) ? clauseStart : undefined;
  if (cut !== undefined) {
    // Nothing before the blame's clause: the sentence only blames, and is left out.
    if (!sentence.tokens.some((t) => t.end <= cut && isContentWord(t))) return '';
    blame = blame.filter((edit) => edit.end <= cut);
    edits.push({ start: cut, end: last, text: '' });
  }
  // A deletion that leaves a dependent word heading its clause (お客様の入力ミスによる|ものですので、) takes
  // the whole reason clause; what follows it is the bad news, asked for behind the refusal's cushion.
  blame = blame.map((edit) => {
    const whole = stumpClause(sentence, edit);
    if (!whole) return edit;
    needCushion(whole.end, settings['bare-refusal'].insert!);
    return { start: whole.start, end: whole.end, text: '' };
  });
  edits.push(...blame);
  // The blame's rewrite is already polite (解約してもらわないと → 解約していただけますでしょうか): a casual
  // edit inside it would drop it.
  edits.push(...casualEdits(context, sentence).filter((c) => !blame.some((b) => b.start < c.end && c.start < b.end)));
  // A polite form can make a refusal of a casual statement (できない仕様なんです → できない仕様でございます):
  // said politely, it is said behind the refusal's cushion too.
  for (const at of refusalsMadeBy(context, sentence, edits)) needCushion(at, settings['bare-refusal'].insert!);
  // A blame phrase rewritten as 「重ねてのご案内となり恐縮ですが」 already cushions what follows it.
  const cushionedByRewrite = (at: number, set: 'cushion-refusal' | 'cushion-request') =>
    blame.some((edit) => edit.start <= at && context.rules.sets[set].find(edit.text).length > 0);
  const replace = (m: PhraseMatch) => {
    const text = replacementFor(m, sentence.text);
    if (text !== undefined) edits.push({ start: m.start, end: m.end, text });
  };
  // A lecture rewritten as the sentence's request (〜していただけますでしょうか。) is asked behind a cushion.
  for (const edit of blame) {
    if (REQUEST.test(edit.text) && !edit.text.includes('。') && edit.end >= last && !cushionedByRewrite(edit.start, 'cushion-request'))
      needCushion(edit.start, settings['bare-command'].insert!);
  }
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
  const text = tidy(applyEdits(context, sentence, oneCushion(context, sentence, edits)));
  if (cut === undefined) return text;
  return closeClause(text) || ownedHead(context, sentence, cut);
}

/** A polite predicate joined on by a reason (明記しておりますので、). */
const POLITE_REASON = /(ます|ました|です|でした)(?:ので|から)$/u;

/**
 * The blame's clause went and what is left only joined on to it, yet holds a fact the customer
 * needs (ご注文確認メールにも「お届け予定：12月10日以降」と明記しておりますので、): the head is said as
 * written, and the shop owns that it did not come across (〜明記しておりますが、行き届かない点があり
 * 申し訳ございません). Without such a fact the sentence is left out.
 */
function ownedHead(context: LintContext, sentence: Sentence, cut: number): string {
  const head = sentence.text.slice(0, cut);
  const body = context.original(sentence, 0, cut).replace(/[、,\s]+$/u, '');
  if (!FACT.test(head) || !POLITE_REASON.test(body)) return '';
  return body.replace(POLITE_REASON, '$1が、行き届かない点があり申し訳ございません。');
}

/** Where refusals start that only the edits' own words make (outside any cushion in the edited sentence). */
function refusalsMadeBy(context: LintContext, sentence: Sentence, edits: readonly Edit[]): number[] {
  const ordered = [...edits]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .filter((e, i, all) => i === 0 || e.start >= all[i - 1]!.end);
  const { rewritten, placed, back } = placeEdits(sentence.text, ordered);
  const cushions = context.rules.sets['cushion-refusal'].find(rewritten);
  return context.rules.sets.refusal
    .find(rewritten)
    .filter((m) => placed.some((p) => p.from < p.to && m.start < p.to && p.from < m.end) && !cushions.some((c) => c.end <= m.start))
    .map((m) => placed.find((p) => p.from <= m.start && m.start < p.to)?.edit.start ?? back(m.start));
}

/**
 * The clause a deletion would leave headless: the first word after it is a dependent noun or an
 * auxiliary (もの, こと, ため, です), and a later clause carries the sentence on. A clause that holds a
 * fact the customer needs is kept.
 */
function stumpClause(sentence: Sentence, edit: Edit): { start: number; end: number } | undefined {
  if (edit.text !== '') return undefined;
  const next = sentence.tokens.find((t) => t.start >= edit.end && t.pos !== '記号');
  if (!next || !((next.pos === '名詞' && next.posDetail === '非自立') || next.pos === '助動詞')) return undefined;
  const index = sentence.clauses.findIndex((c) => c.start <= next.start && next.start < c.end);
  const clause = sentence.clauses[index];
  if (!clause || index === sentence.clauses.length - 1) return undefined;
  const start = sentence.clauses.find((c) => c.start <= edit.start && edit.start < c.end)?.start ?? edit.start;
  return FACT.test(sentence.text.slice(start, clause.end)) ? undefined : { start, end: clause.end };
}

/** Rewrites that ask the customer for something (〜いただけますでしょうか, 〜いただけますと幸いです). */
const REQUEST = /いただけ(?:ますでしょうか|ますと幸いです|れば幸いです)$/u;

/** Cushions in a text (恐れ入りますが, お手数ですが, 申し訳ございませんが), by where they start. */
function cushionsIn(context: LintContext, text: string): Array<{ start: number; end: number }> {
  const found = (['cushion-refusal', 'cushion-request'] as const).flatMap((set) => context.rules.sets[set].find(text));
  return found.filter((m, i) => !found.some((other, j) => j < i && other.start < m.end && m.start < other.end));
}

/**
 * One cushion a sentence: where the sentence as written keeps one, or an earlier edit brought one
 * (〜お伝えしていたものの、わかりにくかったかもしれず申し訳ございませんが、), a later edit's cushion
 * (お手数ですが、) is left out, with the comma after it.
 */
function oneCushion(context: LintContext, sentence: Sentence, edits: readonly Edit[]): Edit[] {
  const replaced = (at: number) => edits.some((e) => e.start <= at && at < e.end);
  let seen =
    context.matches('cushion-refusal', sentence).some((m) => !replaced(m.start)) ||
    context.matches('cushion-request', sentence).some((m) => !replaced(m.start));
  return [...edits]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((edit) => {
      const found = cushionsIn(context, edit.text);
      if (!found.length) return edit;
      if (!seen) {
        seen = true;
        // Keep the first cushion of this edit only.
        found.shift();
      }
      let text = edit.text;
      // The cushion runs to its comma (お手数|ですが、, 恐縮|ではございますが、).
      for (const m of found.reverse()) {
        const comma = /^(?:[^、,。]{0,12}[、,]|(?:です|でございます|ではございます)?が$)/u.exec(text.slice(m.end));
        text = text.slice(0, m.start) + text.slice(m.end + (comma?.[0].length ?? 0));
      }
      return { ...edit, text };
    });
}

/** A clause cut before its end, closed as a sentence: 〜しており → 〜しております, 〜ますので → 〜ます. */
function closeClause(text: string): string {
  const end = /[。！？!?]$/u.exec(text)?.[0] ?? '。';
  const body = text.replace(/[。！？!?、,\s]+$/u, '');
  const closed = body
    .replace(/((?:ます|ません|ました|です|でした))(?:ので|から|が|けれど(?:も)?)$/u, '$1')
    .replace(/(おり|あり)$/u, '$1ます');
  // Still joined on to what went (〜いただければ, 〜ので), or only its topic is left (〜につきましては):
  // the head was part of the blame.
  return JOINS_ON.test(closed) || /(?:ば|ので|から|たら|は)$/u.test(closed) ? '' : `${closed}${end}`;
}

/** Verbs that only carry politeness or aspect (〜と存じます, 〜がございます, 〜しております). */
const FUNCTION_VERBS: ReadonlySet<string> = new Set([
  'する',
  'いる',
  'ある',
  'おる',
  'ござる',
  'いただく',
  '頂く',
  'くださる',
  '下さる',
  '存じる',
  'なる',
  '思う',
  'いたす',
  '致す',
  '申し上げる',
]);
/** Rewrites that end in a polite predicate of their own (〜申し訳ございません, 〜かと存じます). */
const PREDICATE = /(?:ます|ません|です|でした|ました)$/u;
/** Rewrites that join on to what follows (〜ですが, 〜と, 〜により, 〜のとおり): they cannot end a sentence. */
const JOINS_ON = /(?:が|と|ば|て|により|ため|とおり|通り|[、,])$/u;

/**
 * The edit ends the sentence's content, and its text cannot end a sentence: after 「ご存じの通り」
 * only 「です。」 follows, and a deletion or a 〜ですが would leave 「です。」 or 「恐縮ですがです。」.
 */
function closesSentence(sentence: Sentence, edit: { end: number; text: string }): boolean {
  return (edit.text === '' || JOINS_ON.test(edit.text)) && endsContent(sentence, edit.end);
}

/**
 * The comma that ends the clause going on from `at`, when nothing but its ending lies between
 * (防げ|たことであり、): a rewrite that is a predicate of its own takes the clause's ending with it.
 */
function emptyUntilComma(sentence: Sentence, at: number): number | undefined {
  const comma = sentence.text.slice(at).search(/[、,]/u);
  if (comma < 0 || comma > CLAUSE_ENDING_MAX) return undefined;
  const end = at + comma;
  // 〜ご案内しておりますが、: the clause turns, and the rewrite's predicate carries the turn on.
  if (/(?:が|けど|けれど(?:も)?)$/u.test(sentence.text.slice(at, end))) return undefined;
  return sentence.tokens.some((t) => t.start >= at && t.end <= end && isContentWord(t)) ? undefined : end;
}

/** How long a clause's ending may be (たことであり). */
const CLAUSE_ENDING_MAX = 10;

/** No content word follows `at`: only the sentence's ending (です, かと存じます, ください) is left. */
function endsContent(sentence: Sentence, at: number): boolean {
  return sentence.tokens.every((t) => t.start < at || !isContentWord(t));
}

/**
 * A counterfactual (ご確認いただけていれば…できたかと存じます) runs with its consequence to the end
 * of the sentence unless a later clause turns (〜ですが、今回は交換いたします).
 */
function concededAfter(sentence: Sentence, at: number): boolean {
  return sentence.clauses.some((c) => c.end > at && c.ends !== 'sentence' && CONCESSIVE.has(c.ends));
}

function isContentWord(t: Sentence['tokens'][number]): boolean {
  if (t.pos === '名詞') return !['非自立', '接尾', '代名詞'].includes(t.posDetail);
  if (t.pos === '動詞') return t.posDetail === '自立' && !FUNCTION_VERBS.has(t.lemma);
  return t.pos === '形容詞' || t.pos === '副詞';
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
  // A clause between the sentence's start and the refusal that already concedes (混雑していたとのことです
  // が、): the cushion goes after it, where the bad news starts, in its form without が.
  const conceded = sentence.clauses
    .filter((c) => c.start >= at && c.end <= cushion.at && CONCESSIVE.has(c.ends) && !topics.some((m) => m.start < c.end && c.end <= m.end))
    .pop();
  if (conceded) {
    const after = sentence.text.slice(conceded.end).match(/^[、,\s]*/u)![0].length + conceded.end;
    return { start: after, end: after, text: context.rules.cushionAfterConcession };
  }
  // The cushioned clause itself conceding (〜いたしかねますが、…) doubles 〜が just the same.
  const concedes = sentence.clauses.some(
    (c) =>
      (c.end <= at || (c.start <= cushion.at && cushion.at < c.end)) &&
      CONCESSIVE.has(c.ends) &&
      !topics.some((m) => m.start < c.end && c.end <= m.end),
  );
  return { start: at, end: at, text: concedes ? context.rules.cushionAfterConcession : cushion.text };
}

const DOUBLED_CONCESSION = /((?:です|ます)が、[^。！？!?]{0,20}?(?:です|ます))が、(?=わかりにく|分かりにく|行き届|申し訳|ご不便|ご迷惑)/gu;

/** A cushion in a rewrite, in its 〜が form. */
const LEADING_CUSHION = /(?:大変)?(?:恐れ入りますが|お手数ですが|恐縮ですが|お手数をおかけしますが)、/u;

/**
 * A rewrite that brings its own cushion (恐れ入りますが、念のため…; 原因を確認いたしますので、恐れ入り
 * ますが、…) after a clause that already concedes (紛れやすいのですが、) takes the cushion without が,
 * as cushionEdit does.
 */
function concessionCushion(context: LintContext, sentence: Sentence, edit: Edit): Edit {
  if (!LEADING_CUSHION.test(edit.text)) return edit;
  const concedes = sentence.clauses.some((c) => c.end <= edit.start && CONCESSIVE.has(c.ends));
  return concedes ? { ...edit, text: edit.text.replace(LEADING_CUSHION, context.rules.cushionAfterConcession) } : edit;
}

/**
 * After the last 「〜場合は、」「ただし、」 before the phrase, or after a connective that opens the sentence
 * (ただ、なお、また、: 「ただ、大変恐れ入りますが、」, not 「大変恐れ入りますが、ただ、」), or its start.
 */
function clauseStart(context: LintContext, sentence: Sentence, before: number): number {
  const starts = context.matches('clause-start', sentence).filter((m) => m.end <= before);
  const [first, comma] = sentence.tokens;
  const opening = first?.pos === '接続詞' && /^[、,]$/u.test(comma?.surface ?? '') && comma!.end <= before ? comma!.end : 0;
  return Math.max(starts[starts.length - 1]?.end ?? 0, opening);
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

/**
 * Punctuation left behind by removed phrases (「、、」, a leading 「、」, 「、。」), an adverb a
 * rewrite brought next to the same adverb written (何卒 + 何卒ご理解くださいますよう), and a rewrite's
 * 〜ですが before its apology just after a written one (省略されておりますが、…記載がございますが、
 * わかりにくく申し訳ございません): the second closes its sentence and the apology stands on its own.
 */
function tidy(text: string): string {
  return text
    .replace(DOUBLED_CONCESSION, '$1。')
    .replace(/(何卒|どうか|大変|誠に)\1/gu, '$1')
    .replace(/[、,]\s*(?=[、,])/g, '')
    .replace(/^[、,]\s*/, '')
    .replace(/[、,]\s*(?=[。！？!?]|$)/g, '');
}
