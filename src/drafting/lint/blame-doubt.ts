/**
 * A concessive clause that doubts the customer: a guess (〜のかもしれませんが, 〜のではないかと存じますが)
 * about their own omission (お読みいただいていなかった, ご覧になっていない) or slip (お聞き漏らしになった,
 * 見落とされた), said before the shop's point. It tells the customer the fault is theirs however
 * softly it guesses; the rewrite drops it, or lets the shop own the unclear explanation in its place.
 */
import { isNegator } from '../../analysis/negation.js';
import type { Token } from '../../analysis/tokenizer/index.js';
import { customerAgent } from './blame-clauses.js';
import type { TokenBlame } from './blame-tokens.js';
import type { Sentence } from './sentences.js';

/** What the rewrite says in the clause's place when nothing else in the sentence owns the explanation. */
export const OWNED_EXPLANATION = 'ご案内がわかりにくかったかもしれず、申し訳ございません。';

/** Clause ends that concede before the shop's point (〜ですが、〜けれど、). */
const CONCESSIVE: ReadonlySet<string> = new Set(['が', 'けど', 'けれど', 'けれども']);
/** Slips only the customer makes in these replies (lemmas): missing, forgetting, misreading. */
const SLIPS: ReadonlySet<string> = new Set([
  '聞き漏らす',
  '聞き逃す',
  '聞き落とす',
  '見落とす',
  '見逃す',
  '読み落とす',
  '読み飛ばす',
  '忘れる',
  '失念',
  '勘違い',
  '誤解',
  '思い違い',
  '見間違える',
  '見間違う',
  '聞き間違える',
  '聞き違える',
  '読み違える',
  '間違える',
  '取り違える',
]);

const isNegation = (t: Token | undefined) => t !== undefined && isNegator(t);

/** Where the guess starts in the clause (かも|しれ, の|では…でしょう／か), or -1. */
function guessAt(tokens: readonly Token[]): number {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.lemma === 'かも' && tokens[i + 1]?.lemma === 'しれる') return i;
    // 〜のではないでしょうか／〜のではないかと存じますが
    if (t.pos === '助詞' && t.surface === 'では' && ['の', 'ん'].includes(tokens[i - 1]?.surface ?? '')) return i;
  }
  return -1;
}

/**
 * The customer did not do it (receiving or respectful form, negated), or slipped (a slip verb in
 * respectful form: お聞き漏らしになった, 見落とされた, 勘違いされた).
 */
function customerMissed(sentence: Sentence, indexes: readonly number[]): boolean {
  if (customerAgent(sentence, indexes)?.omission) return true;
  const t = (i: number) => sentence.tokens[i];
  for (const i of indexes) {
    const token = t(i)!;
    // お＋連用形＋に＋なる (お読みになっていない, お聞き漏らしになった)
    const honorific = token.pos === '動詞' && t(i - 1)?.pos === '接頭詞' && t(i + 1)?.lemma === 'に' && t(i + 2)?.lemma === 'なる';
    // 見落とされた, 勘違いされた (respectful passive)
    const passive = (t(i + 1)?.lemma === 'れる' || t(i + 1)?.lemma === 'られる') && t(i + 1)?.posDetail === '接尾' && token.pos === '動詞';
    const noun = token.pos === '名詞' && t(i + 1)?.lemma === 'する' && t(i + 2)?.lemma === 'れる';
    const slip = SLIPS.has(token.lemma) || (token.lemma === 'する' && SLIPS.has(t(i - 1)?.lemma ?? ''));
    if (slip && (honorific || passive || noun)) return true;
    if (honorific && indexes.some((j) => j > i && isNegation(t(j)))) return true;
  }
  return false;
}

export function doubtsCustomer(sentence: Sentence): TokenBlame | undefined {
  const { clauses, tokens } = sentence;
  for (let c = 0; c < clauses.length - 1; c++) {
    const clause = clauses[c]!;
    if (!CONCESSIVE.has(clause.ends)) continue;
    const indexes: number[] = [];
    tokens.forEach((t, i) => {
      if (t.start >= clause.start && t.end <= clause.end) indexes.push(i);
    });
    const guess = guessAt(indexes.map((i) => tokens[i]!));
    if (guess < 0) continue;
    // The act is what comes before the guess, without its nominaliser (〜なかった|の|かもしれません).
    const act = indexes.slice(0, guess).filter((i, k, all) => !(k === all.length - 1 && ['の', 'ん'].includes(tokens[i]!.surface)));
    if (!customerMissed(sentence, act)) continue;
    const next = clauses[c + 1]!;
    return {
      id: 'lecture.doubts-customer',
      start: clause.start,
      end: tokens[act[act.length - 1]!]!.end,
      edits: [{ start: clause.start, end: next.start, text: OWNED_EXPLANATION }],
    };
  }
  return undefined;
}
