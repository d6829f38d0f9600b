/**
 * The customer's consent held up against them: their agreement, signature or understanding told as a
 * standing fact (ご署名・ご捺印をいただいております, ご購入時に同意いただいております) or as the basis
 * of what they did (ご理解・ご納得のうえでご購入いただいているものと認識しております). Said in reply to a
 * problem, it answers "you agreed to it"; a thank-you for the consent (ご承認いただき、ありがとうございます)
 * or a request for it (ご了承いただいたうえでお申し込みください) is not.
 */
import type { Token } from '../../analysis/tokenizer/index.js';
import type { TokenBlame } from './blame-tokens.js';
import type { Sentence } from './sentences.js';

/** Nouns of consent (lemmas): what the customer gave. */
const CONSENT = new Set(['同意', '署名', '捺印', '押印', '承認', '承諾', '了承', '納得', '理解', 'サイン']);
const RECEIVING = new Set(['いただく', '頂く']);
/** Said with thanks for the consent, or asking for it: not held up. */
const NOT_HELD_UP = /ありがと|感謝|お礼|御礼|ください|下さい|いただけ(?:ます|れば|ません)|お願い|でしょうか|ませんか/u;
/** What the rewrite adds after the statement: the shop owns that its explanation may not have been clear. */
const OWNED = 'が、ご案内がわかりにくかったかもしれず、申し訳ございません';

export function consentHeldUp(sentence: Sentence): TokenBlame | undefined {
  const tokens = sentence.tokens;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.pos !== '名詞' || !(CONSENT.has(tokens[i]!.lemma) || tickedBox(tokens, i))) continue;
    const end = heldUpFrom(tokens, i);
    if (end === undefined) continue;
    const start = tokens[i - 1]?.pos === '接頭詞' ? tokens[i - 1]!.start : tokens[i]!.start;
    if (NOT_HELD_UP.test(sentence.text.slice(start))) return undefined;
    const last = sentence.text.replace(/[。!?！？\s]+$/u, '').length;
    // Only a sentence that ends in a polite predicate takes the added clause (〜ております → 〜ておりますが、…).
    const edits = /(?:ます|です)$/u.test(sentence.text.slice(0, last)) ? [{ start: last, end: last, text: OWNED }] : [];
    return { id: 'lecture.consent-held-up', start, end: tokens[end]!.end, edits };
  }
  return undefined;
}

/**
 * The token that ends the held-up consent, read on from the consent noun at `i`: over more nouns of
 * consent (ご署名・ご捺印), then を／も and いただいております (standing), いただいている, いただいたうえで,
 * or のうえで followed by the customer's act in standing form (ご購入いただいている).
 */
function heldUpFrom(tokens: readonly Token[], i: number): number | undefined {
  let k = i + 1;
  // ご署名・ご捺印, ご理解・ご納得
  while (tokens[k]?.surface === '・' || tokens[k]?.pos === '接頭詞' || (tokens[k]?.pos === '名詞' && CONSENT.has(tokens[k]!.lemma))) k++;
  if (tokens[k]?.pos === '助詞' && ['を', 'も'].includes(tokens[k]!.lemma)) k++;
  // チェックをしていただいております: the act in a verb of its own before the receiving verb.
  if (['する', 'いたす'].includes(tokens[k]?.lemma ?? '') && tokens[k + 1]?.surface === 'て') k += 2;
  if (RECEIVING.has(tokens[k]?.lemma ?? '')) return standing(tokens, k + 1) ?? basis(tokens, k + 1);
  // 同意されたうえで／ご了承されております: the respectful form says the same of the customer.
  if (tokens[k]?.lemma === 'する' && tokens[k + 1]?.lemma === 'れる' && tokens[k + 1]?.posDetail === '接尾')
    return basis(tokens, k + 2) ?? standing(tokens, k + 2);
  // のうえで／の上で … いただいている
  if (tokens[k]?.lemma === 'の' && ['うえ', '上'].includes(tokens[k + 1]?.lemma ?? '') && tokens[k + 2]?.surface === 'で') {
    for (let j = k + 3; j < tokens.length && j < k + 10; j++) {
      if (tokens[j]!.pos === '記号') return undefined;
      if (RECEIVING.has(tokens[j]!.lemma)) return standing(tokens, j + 1);
    }
  }
  return undefined;
}

/** A box the customer ticked: 「同意する」にチェック (the consent itself is in the quoted label). */
function tickedBox(tokens: readonly Token[], i: number): boolean {
  return tokens[i]!.lemma === 'チェック' && tokens[i - 1]?.pos === '助詞' && tokens[i - 1]!.lemma === 'に';
}

/** て＋おる／いる after the receiving verb: the consent as a standing fact. */
function standing(tokens: readonly Token[], k: number): number | undefined {
  return tokens[k]?.surface === 'て' && ['おる', 'いる'].includes(tokens[k + 1]?.lemma ?? '') ? k + 1 : undefined;
}

/** た＋うえ／上: the consent as the basis of what followed. */
function basis(tokens: readonly Token[], k: number): number | undefined {
  return tokens[k]?.lemma === 'た' && ['うえ', '上'].includes(tokens[k + 1]?.lemma ?? '') ? k + 1 : undefined;
}
