/**
 * A reply as sentences and clauses, from the same structure tone reads mail with: the normalised
 * text is tokenized and cut by `segmentClauses` (analysis/clauses.ts); quotes come from
 * `quotedTokens`. The linter only regroups clauses so a 。 inside 「」 does not end a sentence, and a
 * line break or a ?/! always does (after NFKC kuromoji tags a half-width ?/! as a noun, which
 * segmentClauses does not end a sentence at). The customer's mail quoted in the reply (「>」 lines,
 * the history under an attribution or separator) is not the agent's words: it makes no sentences.
 * Offsets map back to the reply as written.
 */
import { segmentClauses, quotedTokens, type ClauseEnd } from '../../analysis/clauses.js';
import { normalizeText, toOriginalRange, type NormalizedText } from '../../analysis/normalize.js';
import { quotedHistoryRanges } from '../../analysis/quoted-history.js';
import type { Token, Tokenizer } from '../../analysis/tokenizer/index.js';
import { withSentenceMemo, type SentenceMemoLimits, type SentenceMemoTokenizer } from '../../analysis/tokenizer/sentence-memo.js';

/** One clause of a sentence: [start, end) relative to the sentence, and how it ends (が, ので, comma…). */
export interface SentenceClause {
  readonly start: number;
  readonly end: number;
  readonly ends: ClauseEnd;
  /** Its last predicate is in the past (〜た, 〜でした). */
  readonly past: boolean;
}

export interface Sentence {
  readonly index: number;
  /** [start, end) in the normalised text, without surrounding white space. */
  readonly start: number;
  readonly end: number;
  /** The normalised sentence: what phrase patterns are matched against. */
  readonly text: string;
  /** Quoted spans 「…」『…』 (brackets included), relative to the sentence. */
  readonly quoted: ReadonlyArray<readonly [number, number]>;
  /** Its clauses in order, covering the sentence. */
  readonly clauses: readonly SentenceClause[];
  /** Its tokens, offsets relative to the sentence. */
  readonly tokens: readonly Token[];
  /** The sentence asks (？, or a final か), as segmentClauses reads it. */
  readonly question: boolean;
}

export interface ReplyText {
  readonly original: string;
  readonly normalized: NormalizedText;
  readonly sentences: readonly Sentence[];
}

const SENTENCE_END = /^[。．！？!?]+$/u;
const isSymbol = (t: Token | undefined) => t?.pos === '記号';
const endsSentence = (t: Token | undefined) => t !== undefined && SENTENCE_END.test(t.surface);
const breaksLine = (t: Token) => isSymbol(t) && t.surface.includes('\n');
const BRACKETS = /^[「」『』]$/u;

/**
 * How much of the replies' sentences a thread remembers tokenized (replyTokenizer): a draft's
 * sentences are mostly its templates' (the bench corpus's 1,000 drafts have 854 pieces between 、。
 * in all). At most 2,048 pieces and 65,536 characters: ≈ 4.5 MB of keys and tokens per thread when
 * full (measured ≈ 68 bytes a character); pieces over 256 characters are not kept.
 */
export const REPLY_SENTENCE_MEMO: SentenceMemoLimits = { maxSentences: 2_048, maxChars: 65_536, maxSentenceLength: 256 };

const replyTokenizers = new WeakMap<Tokenizer, SentenceMemoTokenizer>();

/** The tokenizer with this thread's memo of reply sentences: for replies and drafts, not for customers' mail, which rarely repeats. */
export function replyTokenizer(tokenizer: Tokenizer): SentenceMemoTokenizer {
  let memo = replyTokenizers.get(tokenizer);
  if (memo === undefined) replyTokenizers.set(tokenizer, (memo = withSentenceMemo(tokenizer, REPLY_SENTENCE_MEMO)));
  return memo;
}

export function splitReply(original: string, tokenizer: Tokenizer): ReplyText {
  const normalized = normalizeText(original);
  const tokens = tokenizer.tokenize(normalized.text);
  const clauses = segmentClauses(tokens);
  const quoted = quotedTokens(tokens);
  const history = quotedHistoryRanges(normalized.text);
  const sentences: Sentence[] = [];
  let first = 0;
  let clause = 0;
  const push = (end: number) => {
    let from = first;
    let to = end;
    first = end;
    while (from < to && tokens[from]!.surface.trim() === '') from++;
    while (to > from && tokens[to - 1]!.surface.trim() === '') to--;
    if (to <= from) return;
    const offset = tokens[from]!.start;
    if (history.some(([a, b]) => offset >= a && offset < b)) return;
    const sentenceTokens = tokens.slice(from, to).map((t) => ({ ...t, start: t.start - offset, end: t.end - offset }));
    // Clauses overlapping [from, to), clipped to it (a line break inside a clause ends the sentence).
    while (clause < clauses.length && clauses[clause]!.tokenEnd <= from) clause++;
    const own: SentenceClause[] = [];
    let question = false;
    for (let c = clause; c < clauses.length && clauses[c]!.tokenStart < to; c++) {
      const { tokenStart, tokenEnd, end: ends, past } = clauses[c]!;
      question = clauses[c]!.question;
      const [a, b] = [Math.max(tokenStart, from), Math.min(tokenEnd, to)];
      own.push({ start: tokens[a]!.start - offset, end: tokens[b - 1]!.end - offset, ends: tokenEnd <= to ? ends : 'sentence', past });
    }
    const text = normalized.text.slice(offset, tokens[to - 1]!.end);
    sentences.push({
      index: sentences.length,
      start: offset,
      end: offset + text.length,
      text,
      quoted: quotedSpans(sentenceTokens, quoted, from),
      clauses: own,
      tokens: sentenceTokens,
      question: question || /[?？]$/u.test(text),
    });
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (breaksLine(t) || (endsSentence(t) && !quoted[i] && !endsSentence(tokens[i + 1]))) push(i + 1);
  }
  push(tokens.length);
  return { original, normalized, sentences };
}

/** Runs of quoted tokens, widened to take in their brackets, relative to the sentence. */
function quotedSpans(tokens: readonly Token[], quoted: Uint8Array, first: number): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!quoted[first + i]) continue;
    let j = i;
    while (j + 1 < tokens.length && quoted[first + j + 1]) j++;
    const open = tokens[i - 1];
    const close = tokens[j + 1];
    const start = open && BRACKETS.test(open.surface) ? open.start : tokens[i]!.start;
    const end = close && BRACKETS.test(close.surface) ? close.end : tokens[j]!.end;
    spans.push([start, end]);
    i = j;
  }
  return spans;
}

/** Maps a range relative to a sentence back to [start, end) in the reply as written. */
export function originalRange(reply: ReplyText, sentence: Sentence, start: number, end: number): [number, number] {
  if (end > start) return toOriginalRange(reply.normalized, sentence.start + start, sentence.start + end);
  // An insertion point: before the character at `start`, or after the sentence's last character.
  const at = sentence.start + start;
  const position = at < sentence.end ? toOriginalRange(reply.normalized, at, at + 1)[0] : toOriginalRange(reply.normalized, at - 1, at)[1];
  return [position, position];
}

/** Facts a rewrite keeps: numbers, quoted labels, names (藤井様). */
export const FACT = /\d|「|(?<![\u3041-\u3096])[\u4e00-\u9fff]{1,4}様/u;

const KANA = /[\u3041-\u3096]/;
const KANJI = /[\u4e00-\u9fff\u3005\u3006]/;
const WORD = /[\u3041-\u3096\u30a1-\u30fa\u30fc\u4e00-\u9fff\u3005\u3006]/;
/** Particles that end the predicate when a content word follows them (を確認して → 確認して). */
const PARTICLES = new Set(['を', 'に', 'で', 'が', 'は', 'へ', 'と', 'も', 'の']);
const LONG_PARTICLES = new Set(['から', 'まで', 'より']);
const PREDICATE_MAX = 20;

/**
 * Where the phrase ending in the predicate at `at` starts, so a finding quotes 「確認してください」
 * and 「交換はできません」 rather than 「ください」 and 「できません」: back over kana and kanji, stopping
 * at punctuation, at a particle followed by a content word, or after an honorific お/ご that starts a
 * kanji word (お待ち, ご確認).
 */
export function predicateStart(text: string, at: number): number {
  if (isHonorificWord(text, at)) return at;
  let start = at;
  while (start > 0 && at - start < PREDICATE_MAX) {
    const followsContent = !KANA.test(text[start]!);
    if (followsContent && (PARTICLES.has(text[start - 1]!) || LONG_PARTICLES.has(text.slice(start - 2, start)))) break;
    const c = text[start - 1]!;
    if (!WORD.test(c)) break;
    start--;
    if (isHonorificWord(text, start)) break;
  }
  return start;
}

function isHonorificWord(text: string, at: number): boolean {
  return (text[at] === 'お' || text[at] === 'ご') && KANJI.test(text[at + 1] ?? '');
}

const PREDICATE: ReadonlySet<string> = new Set(['動詞', '助動詞', '形容詞']);

/** Whether a sentence says something (a verb, an auxiliary, an adjective), unlike a company name above the addressee. */
export function hasPredicate(sentence: Sentence): boolean {
  return sentence.tokens.some((t) => PREDICATE.has(t.pos));
}

/** The sentences of the paragraph that holds `sentence` (no blank line between them). */
export function paragraphOf(reply: ReplyText, sentence: Sentence): Sentence[] {
  const { sentences, normalized } = reply;
  const joined = (a: Sentence, b: Sentence) => !/\n\s*\n/u.test(normalized.text.slice(a.end, b.start));
  let from = sentence.index;
  while (from > 0 && joined(sentences[from - 1]!, sentences[from]!)) from--;
  let to = sentence.index;
  while (to + 1 < sentences.length && joined(sentences[to]!, sentences[to + 1]!)) to++;
  return sentences.slice(from, to + 1);
}
