/**
 * The shop's records held up against the customer: a sentence that reports what the shop's check
 * found (確認いたしましたところ, 記録では) and whose finding is the customer's own act, written in the
 * respectful passive that only the customer can be the agent of (ご注文時に選択されたサイズはM,
 * パスワードの入力を誤られたため, お客様ご自身で解除されております). Told in reply to a complaint it
 * says "you did it"; what the shop or a carrier did (商品が出荷されておりました) is a plain passive
 * and not the customer's. Their act placed outside the shop's rule (ご到着は…チェックイン時刻より前でございました)
 * is held up the same way.
 */
import type { Token } from '../../analysis/tokenizer/index.js';
import type { TokenBlame } from './blame-tokens.js';
import type { Sentence } from './sentences.js';

/** What the shop's check found: 確認（いた）しましたところ, お調べしたところ, 記録では, 履歴によると, ログ上. */
const EVIDENCE = /(?:確認|お調べ|調べ|調査)(?:いたし|し)(?:まし)?たところ、?|(?:記録|履歴|ログ)(?:では|によると|によれば|上は?)、?/u;
/** The customer's act (ご到着, ご返送) placed outside the shop's time or deadline (より前, を過ぎ, 期限後). */
const OUTSIDE_THE_RULE =
  /^[^、。!?]{0,10}?(?:ご|お)(?:到着|来店|来館|来院|連絡|返送|返品|申請|申し込み|注文|入金|振込|支払い|キャンセル|解約|予約)(?:は|が)[^。!?]{0,30}?(?:より前|より後|を過ぎ|過ぎて|期限外|期限後|時間外|締め?切り?後)/u;
/** Who the act belongs to, said outright: お客様ご自身で, ご本人が. */
const CUSTOMER = new Set(['お客様', 'お客さま', '自身', '本人']);
/** Particles that end the search back from the act for its object or its time (を, に after ご注文時). */
const ACROSS = 6;

export function recordsSayCustomer(sentence: Sentence, cushion: string): TokenBlame | undefined {
  const evidence = EVIDENCE.exec(sentence.text);
  if (!evidence) return undefined;
  const after = evidence.index + evidence[0].length;
  // ご到着は14時05分で、チェックイン時刻（15時）より前でございました: their act held against the shop's time.
  const outside = OUTSIDE_THE_RULE.exec(sentence.text.slice(after));
  if (outside) {
    const end = after + outside.index + outside[0].length;
    return { id: 'lecture.records-say-customer', start: after, end, edits: [{ start: after, end: after, text: cushion }] };
  }
  const tokens = sentence.tokens;
  for (let i = 1; i < tokens.length; i++) {
    if (tokens[i]!.start < after || !isRespectfulPassive(tokens, i)) continue;
    const clause = sentence.clauses.find((c) => c.start <= tokens[i]!.start && tokens[i]!.start < c.end);
    if (!customersAct(tokens, i, clause?.start ?? 0)) continue;
    return {
      id: 'lecture.records-say-customer',
      start: after,
      end: tokens[i]!.end,
      edits: [{ start: after, end: after, text: cushion }],
    };
  }
  return undefined;
}

/** 〜される／〜られる after a verb: 選択さ・れ, 誤ら・れ. */
function isRespectfulPassive(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  return t.pos === '動詞' && t.posDetail === '接尾' && (t.lemma === 'れる' || t.lemma === 'られる') && tokens[i - 1]?.pos === '動詞';
}

/**
 * The act has the customer as its agent: an object with を just before it (入力を誤られた: a plain
 * passive has no object), the customer named earlier in its clause (お客様ご自身で), or the time of
 * their own act (ご注文時に選択された).
 */
function customersAct(tokens: readonly Token[], verb: number, clauseStart: number): boolean {
  for (let k = verb - 1; k >= 0 && k >= verb - ACROSS; k--) {
    const t = tokens[k]!;
    if (t.pos === '記号') break;
    if (t.pos === '助詞' && t.lemma === 'を') return true;
    if (t.pos === '助詞' && (t.lemma === 'が' || t.lemma === 'は')) break;
  }
  for (let k = 0; k < verb; k++) {
    const t = tokens[k]!;
    if (t.start < clauseStart) continue;
    // お客様ご自身で／お客様が (not 一部のお客様へ: someone the act was done to).
    const next = tokens[k + 1];
    const agent = next?.pos === '接頭詞' || (next?.pos === '助詞' && ['が', 'で', 'は'].includes(next.lemma));
    if (CUSTOMER.has(t.lemma) && t.pos === '名詞' && agent) return true;
    // ご注文時に／お申し込み時に: 時 after an honorific noun names the customer's moment.
    const own = tokens[k - 2]?.pos === '接頭詞' && tokens[k + 1]?.lemma === 'に';
    if (t.lemma === '時' && t.posDetail === '接尾' && own) return true;
  }
  return false;
}
