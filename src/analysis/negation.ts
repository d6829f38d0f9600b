/** Negation after a matched word: which negators follow it and whether they cancel out. */
import { compiledScoring } from './compiled-config.js';
import { isSentenceEnd } from './clauses.js';
import type { CompiledLexicon } from './lexicon/compile.js';
import type { PosRule, ScoringConfig } from './scoring-config.js';
import type { Token } from './tokenizer/index.js';

/** The adjective ない (「問題ない」): a negation carried by the word itself. */
export function isAdjectiveNai(token: Token): boolean {
  return token.pos === '形容詞' && (token.lemma === 'ない' || token.lemma === '無い');
}

/**
 * Reads the negators after a word ending at token `end`: 「困って は いませ ん」 is negated,
 * 「許せ ない こと は ない」 is not (two negations). 'context' when a notFollowedBy lemma comes first.
 * A prohibition (〜ないでください) does not negate: 「バカにしないでください」 is an accusation.
 */
export function scanNegation(
  tokens: readonly Token[],
  end: number,
  lexicon: Pick<CompiledLexicon, 'negatorLemmas'>,
  config: ScoringConfig,
  notFollowedBy?: readonly string[],
): { negated: boolean; end: number } | 'context' {
  let negations = end > 0 && isAdjectiveNai(tokens[end - 1]!) ? 1 : 0;
  let lastNegator = end;
  const { negatorPos, skipByPos, nounNegators } = compiledScoring(config).negation;
  const limit = Math.min(tokens.length, end + config.negation.window);
  for (let i = end; i < limit; i++) {
    const token = tokens[i]!;
    if (notFollowedBy?.includes(token.lemma)) return 'context';
    // 「届いてないじゃないですか」: the question's negation asserts, it does not cancel the one before it.
    if (negations > 0 && rhetoricalNegationAt(tokens, i)) break;
    // 「特急の意味なくないですか」: a second negation asked as a question asserts the first, it does not cancel it.
    if (negations > 0 && isNegator(token) && endsInQuestion(tokens, i + 1)) break;
    // 〜しか…ない is "only", not a negation: 「不信感しかありません」.
    if (token.lemma === 'しか' && token.pos === '助詞') break;
    if (lexicon.negatorLemmas.has(token.lemma) && negatorPos.has(token.pos)) {
      if (isProhibition(tokens, i)) break;
      negations++;
      lastNegator = i + 1;
    } else if (token.pos === '名詞' && nounNegators.has(token.lemma)) {
      // 「不満ゼロ」「欠点は皆無」: the noun denies the word as ない would.
      negations++;
      lastNegator = i + 1;
    } else if (!skipByPos.get(token.pos)?.some((rule) => fitsRule(token, rule))) break;
  }
  return { negated: negations % 2 === 1, end: lastNegator };
}

/** ない + で + ください/くれ/ほしい: a request not to do something, not a denial. */
function isProhibition(tokens: readonly Token[], negator: number): boolean {
  const te = tokens[negator + 1];
  const request = tokens[negator + 2];
  return (
    te?.lemma === 'で' &&
    te.posDetail === '接続助詞' &&
    request !== undefined &&
    ['くださる', 'くれる', 'ほしい', '下さる', '欲しい', 'いただく', '頂く'].includes(request.lemma)
  );
}

function fitsRule(token: Token, rule: PosRule): boolean {
  return (
    token.pos === rule.pos &&
    (rule.posDetail === undefined || token.posDetail === rule.posDetail) &&
    (rule.lemma === undefined || token.lemma === rule.lemma)
  );
}

/** Polite endings that may stand between a negation and the question particle (ないです か, ありませ ん でしょ う か). */
const QUESTION_TAIL = new Set(['です', 'ます', 'う', 'よ', 'ね']);

/**
 * Token i ends a sentence as a question: 「ですか」「でしょうか」「か？」 and the sentence ends, or ？.
 * 「壊れていないか心配です」 goes on after か: a clause about the writer's worry, no question.
 */
export function endsInQuestion(tokens: readonly Token[], i: number): boolean {
  let j = i;
  while (j < tokens.length && tokens[j]!.pos === '助動詞' && QUESTION_TAIL.has(tokens[j]!.lemma)) j++;
  const t = tokens[j];
  if (t === undefined) return false;
  if (/^[？?]+$/u.test(t.surface)) return true;
  if (t.pos !== '助詞' || t.lemma !== 'か') return false;
  const next = tokens[j + 1];
  return next === undefined || isSentenceEnd(next) || (next.pos === '助詞' && next.posDetail.includes('終助詞'));
}

/**
 * 「壊れてるじゃないですか」「届いてないのではないですか」「違うじゃん」: a negated question after a
 * statement asserts the statement, as an accusation. Token i is where the statement ends.
 */
export function rhetoricalNegationAt(tokens: readonly Token[], i: number): boolean {
  let j = i;
  if (tokens[j]?.surface === 'じゃん') return true;
  if (tokens[j]?.posDetail === '非自立' && (tokens[j]!.lemma === 'ん' || tokens[j]!.lemma === 'の')) j++;
  const t = tokens[j];
  if (t?.lemma === 'じゃ' || t?.surface === 'では') j++;
  else if (t?.lemma === 'だ' && t.surface === 'で' && tokens[j + 1]?.lemma === 'は') j += 2;
  else return false;
  if (tokens[j]?.lemma === 'ある' && tokens[j + 1]?.lemma === 'ます') j += 2;
  const negator = tokens[j];
  if (negator === undefined || !isNegator(negator)) return false;
  return endsInQuestion(tokens, j + 1);
}
/** Negating auxiliaries (使わない, 届きません, 知らぬ): the one list of them, for the analysis and the reply linter. */
export const NEGATING_AUXILIARIES: ReadonlySet<string> = new Set(['ない', 'ぬ', 'ん']);

/** A token that negates what comes before it: a negating auxiliary or the adjective ない (届いてない, 問題ない). */
export function isNegator(token: Token): boolean {
  return isAdjectiveNai(token) || (token.pos === '助動詞' && NEGATING_AUXILIARIES.has(token.lemma));
}
