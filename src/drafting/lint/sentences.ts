/**
 * Splits a reply into sentences (at 。！？!? and line breaks, never inside 「」『』) on its
 * NFKC-normalised text, keeping the map back to offsets in the reply as written.
 */
import { normalizeText, toOriginalRange, type NormalizedText } from '../../analysis/normalize.js';

export interface Sentence {
  readonly index: number;
  /** [start, end) in the normalised text, without surrounding white space. */
  readonly start: number;
  readonly end: number;
  /** The normalised sentence: what phrase patterns are matched against. */
  readonly text: string;
  /** Quoted spans 「…」『…』 (brackets included), relative to the sentence. */
  readonly quoted: ReadonlyArray<readonly [number, number]>;
}

export interface ReplyText {
  readonly original: string;
  readonly normalized: NormalizedText;
  readonly sentences: readonly Sentence[];
}

const TERMINATORS = new Set(['。', '!', '?']);
const OPENING_QUOTES = new Set(['「', '『']);
const CLOSING_QUOTES = new Set(['」', '』']);

export function splitReply(original: string): ReplyText {
  const normalized = normalizeText(original);
  const text = normalized.text;
  const sentences: Sentence[] = [];
  const push = (from: number, to: number) => {
    while (from < to && /\s/.test(text[from]!)) from++;
    while (to > from && /\s/.test(text[to - 1]!)) to--;
    if (to > from) sentences.push(sentence(sentences.length, from, text.slice(from, to)));
  };
  let start = 0;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      push(start, i);
      start = i + 1;
      depth = 0;
    } else if (OPENING_QUOTES.has(c)) depth++;
    else if (CLOSING_QUOTES.has(c)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && TERMINATORS.has(c) && !TERMINATORS.has(text[i + 1] ?? '')) {
      push(start, i + 1);
      start = i + 1;
    }
  }
  push(start, text.length);
  return { original, normalized, sentences };
}

function sentence(index: number, start: number, text: string): Sentence {
  const quoted: Array<[number, number]> = [];
  let open = -1;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (OPENING_QUOTES.has(text[i]!)) {
      if (depth++ === 0) open = i;
    } else if (CLOSING_QUOTES.has(text[i]!) && depth > 0 && --depth === 0) quoted.push([open, i + 1]);
  }
  return { index, start, end: start + text.length, text, quoted };
}

/** Maps a range relative to a sentence back to [start, end) in the reply as written. */
export function originalRange(reply: ReplyText, sentence: Sentence, start: number, end: number): [number, number] {
  if (end > start) return toOriginalRange(reply.normalized, sentence.start + start, sentence.start + end);
  // An insertion point: before the character at `start`, or after the sentence's last character.
  const at = sentence.start + start;
  const position =
    at < sentence.end ? toOriginalRange(reply.normalized, at, at + 1)[0] : toOriginalRange(reply.normalized, at - 1, at)[1];
  return [position, position];
}

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
