/**
 * Blame read from how a sentence's clauses hang together: a reason clause (〜ので／〜から／〜ため)
 * whose agent is the customer — their act in respectful or receiving form (ご確認いただいたうえで,
 * ご返送いただけなかった), or their omission (ご返送がなかった) — followed by a bad outcome for
 * them (判断しかねます, 完了しておりません, キャンセル扱いとなりました). The same reason clause with a
 * good outcome (ご注文いただいたため、本日発送いたしました) is a thank-you, not blame; an act that
 * only modifies a noun (ご注文いただいた商品は在庫切れのため) is not the reason.
 */
import { isNegator } from '../../analysis/negation.js';
import type { Token } from '../../analysis/tokenizer/index.js';
import type { TokenBlame } from './blame-tokens.js';
import { FACT, type Sentence, type SentenceClause } from './sentences.js';

/** Verbs whose subject is the customer when the shop writes them: the shop receives the act (ご確認いただく). */
const RECEIVING = new Set(['いただく', '頂く', 'いただける', '頂ける']);
/** After the act, what may follow it and still leave it the clause's predicate. */
const TRAILING_NOUNS = new Set(['ため', 'はず', 'こと', 'の', 'うえ', '上', 'もの', '結果', '以上']);
/** Outcome words that are bad for the customer even without a negation (キャンセル扱い, 対象外, 失効). */
const BAD_OUTCOMES = new Set(['扱い', '対象外', '失効', '無効', '処分', '破棄', '終了', '発生', 'キャンセル', '取り消し', '取消', '自動']);
/** Explicit customer subjects: お客様にも／お客様ご自身で. */
const CUSTOMER = new Set(['お客様', 'お客さま', 'ご本人', '本人']);
/** Words before 〜のお客様 that make them other customers, not the addressee (ほかのお客様にも生じていた; 多数のお客様 may include them). */
const OTHER = new Set(['他', 'ほか', '別']);

/** Token indexes of a clause (its tokens' offsets are relative to the sentence, like the clause's). */
function clauseTokens(sentence: Sentence, clause: SentenceClause): number[] {
  const out: number[] = [];
  sentence.tokens.forEach((t, i) => {
    if (t.start >= clause.start && t.end <= clause.end) out.push(i);
  });
  return out;
}

/** The clause gives a reason: it ends in ので／から, or in ため／により／ことで before its comma. */
function isReason(sentence: Sentence, clause: SentenceClause, tokens: readonly number[]): boolean {
  if (clause.ends === 'ので' || clause.ends === 'から') return true;
  const words = tokens.map((i) => sentence.tokens[i]!).filter((t) => t.pos !== '記号');
  const last = words[words.length - 1];
  const before = words[words.length - 2];
  if (!last) return false;
  if (last.lemma === 'ため') return true;
  // 〜により／〜によって／〜ことで
  return (last.lemma === 'よる' && before?.lemma === 'に') || (last.surface === 'で' && before?.lemma === 'こと');
}

/**
 * Where the customer's act starts in the clause, when the clause's predicate is theirs: a receiving
 * verb (いただく) or a respectful passive (ご返送された) with nothing but auxiliaries, て-forms and
 * ため／はず／うえ after it, an honorific noun with ない (ご返送がなかった), or お客様にも／お客様が.
 */
export function customerAgent(sentence: Sentence, tokens: readonly number[]): { at: number; omission: boolean } | undefined {
  const t = (i: number) => sentence.tokens[i]!;
  const others = (i: number) => OTHER.has(t(i - 1)?.lemma ?? '') || (t(i - 1)?.lemma === 'の' && OTHER.has(t(i - 2)?.lemma ?? ''));
  for (const i of tokens) {
    if (others(i)) continue;
    if (CUSTOMER.has(t(i).lemma) && ['が', 'も'].includes(t(i + 1)?.lemma === 'に' ? (t(i + 2)?.lemma ?? '') : (t(i + 1)?.lemma ?? '')))
      return { at: i, omission: false };
    // お客様のご到着が…: the customer's own act (an honorific verbal noun) as the clause's subject,
    // not something of theirs (お客様のお荷物が).
    if (CUSTOMER.has(t(i).lemma) && t(i + 1)?.lemma === 'の' && isHonorificAct(t(i + 2), t(i + 3)) && t(i + 4)?.lemma === 'が')
      return { at: i, omission: false };
  }
  for (let k = tokens.length - 1; k >= 0; k--) {
    const i = tokens[k]!;
    const token = t(i);
    // ご返送された (respectful); 返送された alone is a plain passive (商品が返送された).
    const respectful =
      token.lemma === 'れる' &&
      token.posDetail === '接尾' &&
      t(i - 1)?.lemma === 'する' &&
      t(i - 3)?.pos === '接頭詞' &&
      t(i - 2)?.pos === '名詞';
    if (RECEIVING.has(token.lemma) || respectful) {
      if (!predicateFinal(sentence, tokens.slice(k + 1))) return undefined;
      const omission = tokens.slice(k + 1).some((j) => isNegator(t(j)));
      return { at: actStart(sentence, respectful ? i - 2 : i - 1), omission };
    }
    // ご返送がなかった／ご連絡がございませんでした
    if (token.pos === '接頭詞' && /^[ごお御]$/.test(token.surface) && t(i + 1)?.posDetail === 'サ変接続' && t(i + 2)?.lemma === 'が') {
      const after = tokens.slice(k + 3).map(t);
      const absent = after[0] && (after[0].lemma === 'ない' || (after[0].lemma === 'ござる' && after.some(isNegator)));
      if (absent) return { at: i, omission: true };
    }
  }
  return undefined;
}

function isHonorificAct(prefix: Token | undefined, noun: Token | undefined): boolean {
  return prefix?.pos === '接頭詞' && /^[ごお御]$/u.test(prefix.surface) && noun?.posDetail === 'サ変接続';
}

/** Nothing but auxiliaries, て／ている／おる, particles and ため／はず follow the act in its clause. */
function predicateFinal(sentence: Sentence, after: readonly number[]): boolean {
  return after.every((i) => {
    const t = sentence.tokens[i]!;
    return (
      t.pos === '助動詞' ||
      t.pos === '助詞' ||
      t.pos === '記号' ||
      (t.pos === '動詞' && t.posDetail === '非自立') ||
      (t.pos === '動詞' && t.posDetail === '接尾') ||
      (t.pos === '名詞' && TRAILING_NOUNS.has(t.lemma)) ||
      (t.pos === '形容詞' && t.lemma === 'ない')
    );
  });
}

/** Back from the verb over its object noun and honorific prefix (ご確認いただいた → ご確認). */
function actStart(sentence: Sentence, verb: number): number {
  let at = Math.max(0, verb);
  while (at > 0 && ['名詞', '接頭詞'].includes(sentence.tokens[at - 1]!.pos) && sentence.tokens[at]!.pos !== '接頭詞') at--;
  return at;
}

/** The rest of the sentence is bad news for the customer: a negation, かねる, a word like 扱い／対象外, or their act named the cause. */
function badOutcome(sentence: Sentence, from: number, omission: boolean): boolean {
  return sentence.tokens.some(
    (t, i) =>
      t.start >= from &&
      (isNegator(t) ||
        t.lemma === 'かねる' ||
        BAD_OUTCOMES.has(t.lemma) ||
        namesCause(sentence.tokens, i) ||
        (omission && t.lemma === 'なる' && t.pos === '動詞')),
  );
}

/** 原因 as the predicate (〜が原因でございます, 〜が原因となり), not 原因の特定 or 原因を調べる. */
function namesCause(tokens: readonly Token[], i: number): boolean {
  const next = tokens[i + 1];
  return tokens[i]!.lemma === '原因' && (next?.pos === '助動詞' || (next?.lemma === 'と' && tokens[i + 2]?.lemma === 'なる'));
}

/**
 * The customer's act or omission as the reason for a bad outcome. The rewrite keeps every fact and
 * puts the refusal's cushion before the outcome.
 */
export function blamesCustomerAct(sentence: Sentence, cushion: string): TokenBlame | undefined {
  const clauses = sentence.clauses;
  for (let c = 0; c < clauses.length - 1; c++) {
    const clause = clauses[c]!;
    const tokens = clauseTokens(sentence, clause);
    if (!isReason(sentence, clause, tokens)) continue;
    const agent = customerAgent(sentence, tokens);
    if (!agent || !badOutcome(sentence, clause.end, agent.omission)) continue;
    const next = clauses[c + 1]!;
    const words = tokens.filter((i) => sentence.tokens[i]!.pos !== '記号');
    // Their act named as the cause (〜を繰り返されたことで、…が原因でございます): the rewrite gives the
    // cause without it (今回の障害は、想定を超える負荷がかかったことが原因でございます).
    const named = sentence.tokens.some((t, i) => t.start >= clause.end && namesCause(sentence.tokens, i));
    const drop = named && !FACT.test(sentence.text.slice(clause.start, next.start));
    return {
      id: 'lecture.customer-reason',
      start: sentence.tokens[agent.at]!.start,
      end: sentence.tokens[words[words.length - 1]!]!.end,
      edits: [drop ? { start: clause.start, end: next.start, text: '' } : { start: next.start, end: next.start, text: cushion }],
    };
  }
  return undefined;
}
