/** Negation after a matched word: which negators follow it and whether they cancel out. */
import { compiledScoring } from './compiled-config.js';
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
