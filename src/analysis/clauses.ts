/**
 * Splits kuromoji tokens into clauses and sentences, and marks quoted tokens, so polarity rules
 * (resolved past, hypotheticals, quotations, contrast) and the reply linter can reason per clause.
 *
 * A clause ends at a sentence end (。！？ or a line break), a comma (、), or a conjunctive particle
 * that joins two propositions (〜が、〜けど、〜ので、〜のに、〜ば、〜ても、〜たら、〜なら, and 〜たところ).
 * The connective is kept: 「心配でしたが、」 ends with 'が', 「壊れても」 with 'ても'.
 * Linear in the number of tokens.
 */
import type { Token } from './tokenizer/index.js';

/** How a clause ends: the conjunctive particle (normalised: ても, たら, なら…), or the punctuation. */
export type ClauseEnd = string | 'comma' | 'sentence' | 'text';

export interface Clause {
  /** Token range [tokenStart, tokenEnd), boundary tokens (particle, punctuation) included. */
  tokenStart: number;
  tokenEnd: number;
  /** Index of the sentence the clause belongs to (0-based, counts sentences of the whole text). */
  sentence: number;
  end: ClauseEnd;
  /** The clause's last predicate is in the past (〜た/〜でした before the connective or the end). */
  past: boolean;
  /** The sentence ends in a question (？, or the particle か at its end). */
  question: boolean;
}

/** A closing parenthesis may lead (kuromoji gives 「（笑）。」 a last token 「)。」 after NFKC). */
const SENTENCE_END = /^[)）]*[。．！？!?\n]+$/u;
const SENTENCE_BREAK = /[。．！？!?\n]/u;

/** The token is sentence-ending punctuation only (。！？ or a line break). */
export const isSentenceEnd = (t: Token): boolean => SENTENCE_END.test(t.surface);
/**
 * The token holds a sentence end anywhere in it: kuromoji joins a closing bracket to the punctuation
 * before it (「ふざけるな！」 gives one token 「！」」), so a span that must stay in one sentence checks this.
 */
export const holdsSentenceBreak = (t: Token): boolean => SENTENCE_BREAK.test(t.surface);
const COMMA = /^[、，,]+$/u;
/**
 * Punctuation whatever its tag: after NFKC, ！？ become ASCII !?, which IPADIC tags as nouns
 * (名詞/サ変接続), so the part of speech alone misses the sentence ends of most mails.
 */
const PUNCTUATION_ONLY = /^[)）]*[。．！？!?、，,…・.\n]+$/u;
export function isPunctuation(t: Token): boolean {
  return t.pos === '記号' || PUNCTUATION_ONLY.test(t.surface);
}
/** 接続助詞 lemmas that join two propositions; て alone does not (困って いる is one predicate). */
const JOINING_PARTICLES = new Set(['が', 'けど', 'けれど', 'けれども', 'ので', 'から', 'のに', 'ば', 'し', 'ものの', 'ながら']);

/** The verb of 〜にもかかわらず (かかわら|ず), in its spellings. */
const DESPITE = new Set(['かかわる', '関わる', '拘る']);

/** The connective a token closes a clause with, or undefined when it does not close one. */
function connectiveAt(tokens: readonly Token[], i: number): string | undefined {
  const t = tokens[i]!;
  if (t.pos === '助詞' && t.posDetail === '接続助詞') {
    // て/で alone continue the predicate; 〜ても closes on the も that follows (below).
    if (t.lemma === 'て' || t.lemma === 'で') return undefined;
    return JOINING_PARTICLES.has(t.lemma) ? t.lemma : undefined;
  }
  if (t.pos === '助詞' && t.posDetail === '係助詞' && t.lemma === 'も') {
    const previous = tokens[i - 1];
    if (previous?.pos === '助詞' && previous.posDetail === '接続助詞' && (previous.lemma === 'て' || previous.lemma === 'で'))
      return 'ても';
  }
  // 〜たところ (連絡したところ、…): the circumstance a later clause answers; ところ is a noun in IPADIC.
  if (t.lemma === 'ところ' && t.posDetail === '非自立' && tokens[i - 1] !== undefined && isPastMarker(tokens[i - 1]!)) return 'ところ';
  // 〜にもかかわらず is the written のに: 解約したにもかかわらず、請求されています.
  if (t.pos === '助動詞' && t.lemma === 'ぬ' && DESPITE.has(tokens[i - 1]?.lemma ?? '')) return 'のに';
  // Conditionals are auxiliaries in IPADIC: 届い|たら (た), 高い|なら (だ).
  if (t.pos === '助動詞' && (t.surface === 'たら' || t.surface === 'だら')) return 'たら';
  if (t.pos === '助動詞' && t.surface === 'なら') return 'なら';
  return undefined;
}

function isPastMarker(t: Token): boolean {
  return t.pos === '助動詞' && t.lemma === 'た' && t.surface !== 'たら';
}

export function segmentClauses(tokens: readonly Token[]): Clause[] {
  const clauses: Clause[] = [];
  let sentence = 0;
  let start = 0;
  let sentenceFirstClause = 0;
  let past = false;
  const close = (end: number, how: ClauseEnd): void => {
    if (end > start) clauses.push({ tokenStart: start, tokenEnd: end, sentence, end: how, past, question: false });
    start = end;
    past = false;
  };
  const closeSentence = (questionMark: boolean): void => {
    const last = clauses[clauses.length - 1];
    const question = questionMark || (last !== undefined && endsWithKa(tokens, last));
    for (let c = sentenceFirstClause; c < clauses.length; c++) clauses[c]!.question = question;
    sentence++;
    sentenceFirstClause = clauses.length;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (isPastMarker(t)) past = true;
    if (isSentenceEnd(t)) {
      // 「…ました。⏎でも」: a line break right after a sentence end closes nothing new; an empty
      // sentence between them would hide the past sentence from the one that follows.
      const last = clauses[clauses.length - 1];
      if (start === i && last !== undefined && last.tokenEnd === i && last.end === 'sentence') {
        last.tokenEnd = i + 1;
        start = i + 1;
        continue;
      }
      close(i + 1, 'sentence');
      closeSentence(/[？?]/u.test(t.surface));
      continue;
    }
    if (COMMA.test(t.surface) && !isDigitGroupSeparator(tokens, i)) {
      // 「〜が、」: the comma belongs to the clause the particle already closed.
      if (start === i && clauses.length > 0 && clauses[clauses.length - 1]!.sentence === sentence) {
        clauses[clauses.length - 1]!.tokenEnd = i + 1;
        start = i + 1;
      } else close(i + 1, 'comma');
      continue;
    }
    const connective = connectiveAt(tokens, i);
    if (connective !== undefined) close(i + 1, connective);
  }
  close(tokens.length, 'text');
  if (sentenceFirstClause < clauses.length) closeSentence(false);
  return clauses;
}

/** 「3,980円」: after NFKC the comma between digits is a token of its own, not a clause break. */
function isDigitGroupSeparator(tokens: readonly Token[], i: number): boolean {
  return tokens[i]!.surface === ',' && tokens[i - 1]?.posDetail === '数' && tokens[i + 1]?.posDetail === '数';
}

function endsWithKa(tokens: readonly Token[], clause: Clause): boolean {
  for (let i = clause.tokenEnd - 1; i >= clause.tokenStart; i--) {
    const t = tokens[i]!;
    if (isPunctuation(t)) continue;
    return t.pos === '助詞' && t.lemma === 'か' && t.posDetail.includes('終助詞');
  }
  return false;
}

/** For each token, the index of its clause in `clauses` (one pass). */
export function clauseOfToken(clauses: readonly Clause[], tokenCount: number): Int32Array {
  const index = new Int32Array(tokenCount).fill(-1);
  clauses.forEach((c, n) => index.fill(n, c.tokenStart, c.tokenEnd));
  return index;
}

/** Opening bracket → its closer. A Map, not an object: a token 「constructor」 is no bracket. */
const QUOTE_PAIRS: ReadonlyMap<string, string> = new Map([
  ['「', '」'],
  ['『', '』'],
  ['“', '”'],
  ['"', '"'],
]);

/**
 * Marks tokens inside 「」『』 (someone else's words, a title, a system message). An unclosed
 * bracket quotes nothing: a stray 「 must not silence the rest of a mail. (Quoted history, 「> 」
 * lines and the like, is set aside before this: see quoted-history.ts.)
 */
export function quotedTokens(tokens: readonly Token[]): Uint8Array {
  const quoted = new Uint8Array(tokens.length);
  let open = -1;
  let closer = '';
  for (let i = 0; i < tokens.length; i++) {
    const s = tokens[i]!.surface;
    // Brackets are one character: longer tokens skip the lookup (this runs on every token), except
    // that kuromoji joins a closer to the punctuation before it (「ふざけるな！」 → !」), which still closes.
    if (s.length !== 1) {
      if (open >= 0 && s.length <= 3 && s.endsWith(closer)) {
        quoted.fill(1, open + 1, i);
        open = -1;
      }
      continue;
    }
    if (open < 0) {
      const c = QUOTE_PAIRS.get(s);
      if (c !== undefined) {
        open = i;
        closer = c;
      }
    } else if (s === closer) {
      quoted.fill(1, open + 1, i);
      open = -1;
    } else if (s === '\n') open = -1; // a quotation does not run over a line break
  }
  return quoted;
}
