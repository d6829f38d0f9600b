/**
 * Blame read from a sentence's tokens and clauses (no phrase list): pointing back at guidance the
 * shop gave before (「購入画面にも記載しております」「納車の時に言いましたよね」), questioning the
 * customer's care (「空気ちゃんと入れてます？」), and guessing at the customer's own act as the cause
 * of a complaint (「激しい使い方をされていたように見受けられます」「ご自宅で紛失された可能性」).
 * Each finding carries the edits that turn it into a considerate sentence.
 */
import type { Token } from '../../analysis/tokenizer/index.js';
import type { Sentence } from './sentences.js';

export interface TokenEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export const TOKEN_SHAPES: ReadonlySet<string> = new Set([
  'lecture.points-back',
  'lecture.questions-care',
  'lecture.suspects-customer',
  'lecture.customer-reason',
  'lecture.records-say-customer',
  'lecture.consent-held-up',
  'lecture.doubts-customer',
]);

export interface TokenBlame {
  readonly id:
    | 'lecture.points-back'
    | 'lecture.questions-care'
    | 'lecture.suspects-customer'
    | 'lecture.customer-reason'
    | 'lecture.records-say-customer'
    | 'lecture.consent-held-up'
    | 'lecture.doubts-customer';
  /** What the finding quotes, relative to the sentence. */
  readonly start: number;
  readonly end: number;
  readonly edits: readonly TokenEdit[];
}

/** Verbs and nouns of telling and writing (lemmas): what the shop points back at. */
const TELLING = new Set([
  '記載',
  '明記',
  '掲載',
  '表示',
  '案内',
  '説明',
  '伝える',
  'お伝え',
  '知らせる',
  'お知らせ',
  '言う',
  '申し上げる',
  '書く',
  '載る',
  'すすめる',
  'おすすめ',
  '告知',
  '周知',
  '注意',
  'お話し',
  '話す',
  '答える',
  'お答え',
  '回答',
  '返答',
]);
/** After the verb of telling, the customer did it, not the shop (ご説明いただいた). */
const RECEIVING = new Set(['いただく', '頂く', 'くださる', '下さる', 'もらう', '頂ける', 'いただける']);
/** Nouns before 〜にも／〜でも that are not a place the guidance was given (今後も, こちらでも). */
const NOT_A_SOURCE = new Set([
  '今後',
  '今回',
  '次回',
  'こちら',
  '当店',
  '弊社',
  '当社',
  '私ども',
  '引き続き',
  '他',
  'ほか',
  '店舗',
  '一部',
]);
/** Verbs of passing words on to someone (Nに伝える): with 〜にも they name who was told. */
const PASSED_ON = new Set(['伝える', 'お伝え', '話す', 'お話し', '申し伝える']);
/** Verbs that carry a telling verb's tense (記載しておりました, お伝えいたしました); any other verb has its own. */
const CARRIERS = new Set(['する', 'いたす', '致す', 'おる', 'いる', 'ある', 'しまう', 'させる']);
/** Nouns naming people: someone told, not a place the guidance was written. */
const PERSON = /(?:員|者|スタッフ|担当|係|長|先生|講師|様|さん|方|皆|チーム|部署|上司|社員|店員)$/u;
/** Adverbs (and そもそも) that turn a question about what the customer did into an accusation. */
const CARE_ADVERBS = new Set(['ちゃんと', 'きちんと', 'しっかり', '本当に', '本当', 'そもそも']);
/** A guess ends the sentence: 〜ように見受けられます, 〜可能性がございます, 〜かもしれません, 〜と思われます. */
const GUESS_LEMMAS = new Set(['見受ける', '可能', 'しれる', '思う', '思える', '考える', '推測', '推察', 'だろう', 'でしょう']);
/** Places that are the customer's (ご自宅で紛失された), and the customer as the agent (ご自身で変更された). */
const CUSTOMER_PLACES = new Set(['自宅', 'お家', 'お宅', '家庭', 'ご家庭', 'ご自宅', '家', '自身', 'お客様']);

const isParticle = (t: Token | undefined, lemma: string, detail?: string) =>
  t?.pos === '助詞' && t.lemma === lemma && (detail === undefined || t.posDetail === detail);
const isPast = (t: Token) => t.pos === '助動詞' && t.lemma === 'た';
const isStanding = (t: Token, next: Token | undefined) =>
  isParticle(t, 'て', '接続助詞') && next !== undefined && ['おる', 'いる', 'ある', 'る'].includes(next.lemma) && next.pos === '動詞';

/**
 * 「〜にも／〜でも」 after a noun, or 「〜時に／〜際に」 (the moment the guidance was given), followed
 * in the sentence by a verb of telling in the past or as a standing fact (記載しております, 言いました,
 * お伝えしたと思います). A verb the customer did (ご説明いただいた) or a promise (お知らせいたします) is not.
 */
export function pointsBack(sentence: Sentence): TokenBlame | undefined {
  const tokens = sentence.tokens;
  for (let i = 1; i < tokens.length; i++) {
    const anchor = anchorAt(tokens, i);
    // 「更新時には…支払う」と記載しております: words inside a quote are the document's, not the shop's pointing.
    if (!anchor || inQuotedStatement(sentence, tokens[anchor.start]!.start)) continue;
    for (let j = anchor.end; j < tokens.length; j++) {
      const t = tokens[j]!;
      if (t.pos === '記号' && /[。!?]/.test(t.surface)) break;
      if (!TELLING.has(t.lemma)) continue;
      // パティシエにも伝えました: someone the shop passed the words on to, not guidance it gave.
      if (anchor.recipient && PASSED_ON.has(t.lemma)) continue;
      const done = toldBefore(tokens, j + 1);
      if (done === undefined) continue;
      // After a connective that opens the sentence (ただ、なお、): 「ただ、念のため、…」, not 「念のため、ただ、」.
      const opening = tokens[0]?.pos === '接続詞' && /^[、,]$/u.test(tokens[1]?.surface ?? '') ? tokens[1]!.end : 0;
      const edits: TokenEdit[] = sentence.text.includes('念のため') ? [] : [{ start: opening, end: opening, text: '念のため、' }];
      if (anchor.also) edits.push({ start: anchor.also.start, end: anchor.also.end, text: '' });
      return { id: 'lecture.points-back', start: tokens[anchor.start]!.start, end: tokens[done]!.end, edits };
    }
  }
  return undefined;
}

/**
 * A match that starts inside a quoted statement (「更新時には新賃料の1か月分を支払う」と記載) reads the
 * document's words, not the shop's; a quoted label (「利用規約」にも記載) has no verb and still counts.
 */
export function inQuotedStatement(sentence: Sentence, at: number): boolean {
  const quote = sentence.quoted.find(([from, to]) => at > from && at < to);
  return quote !== undefined && sentence.tokens.some((t) => t.start >= quote[0] && t.end <= quote[1] && t.pos === '動詞');
}

/** Where an anchor starts and ends (token indexes), and its も to drop in the rewrite. */
function anchorAt(tokens: readonly Token[], i: number): { start: number; end: number; also?: Token; recipient?: boolean } | undefined {
  const t = tokens[i]!;
  const before = tokens[i - 1]!;
  // 〜にも／〜でも after a noun that names a source (画面, 確認書, 「収納のご注意」); kuromoji reads
  // 〜でも after some nouns as one token (画面上でも).
  const split =
    isParticle(t, 'も', '係助詞') && before.pos === '助詞' && before.posDetail === '格助詞' && ['に', 'で'].includes(before.lemma);
  const joined = t.pos === '助詞' && t.surface === 'でも' && before.pos === '名詞';
  if (split || joined) {
    const at = split ? i - 2 : i - 1;
    const noun = tokens[at];
    if (!noun || (noun.pos !== '名詞' && !/[」』]/.test(noun.surface)) || NOT_A_SOURCE.has(noun.lemma)) return undefined;
    if (['数', '副詞可能', '代名詞'].includes(noun.posDetail)) return undefined;
    // 一年でも, 3回にも: a counter after a number measures, it names no place the guidance was given.
    if (noun.posDetail === '接尾' && tokens[at - 1]?.posDetail === '数') return undefined;
    const start = nounStart(tokens, at);
    const to = split ? before.lemma : 'で';
    // 作業員にも伝えました: a person after に is who the shop told (passing praise on), not where it wrote.
    const words = tokens
      .slice(start, at + 1)
      .map((w) => w.surface)
      .join('');
    if (to === 'に' && PERSON.test(words)) return undefined;
    // The customer told (お客様にもお伝えしました) is pointing back; anyone else after に is who was told.
    const recipient = to === 'に' && !/(?:様|さま)$/u.test(words);
    // The rewrite drops the も (画面上でも → 画面上で).
    const also = split ? t : { ...t, start: t.end - 1 };
    return { start, end: i + 1, also, recipient };
  }
  // 〜の時に／〜する時に／〜際に (施術の時にも, お店を出る時に): the moment something was said.
  const moment = isParticle(before, 'の', '連体化') || before.pos === '動詞';
  if ((t.lemma === '時' || t.lemma === '際') && t.posDetail === '非自立' && isParticle(tokens[i + 1], 'に', '格助詞') && moment) {
    const also = isParticle(tokens[i + 2], 'も', '係助詞') ? tokens[i + 2] : undefined;
    return { start: nounStart(tokens, i - 2), end: also ? i + 3 : i + 2, ...(also && { also }) };
  }
  return undefined;
}

function nounStart(tokens: readonly Token[], i: number): number {
  let start = Math.max(0, i);
  // A quoted label (「よくあるご質問」) starts at its opening bracket, whatever words it holds.
  if (/[」』]/u.test(tokens[start]?.surface ?? '')) {
    let open = start - 1;
    while (open > 0 && open > start - 20 && !/[「『]/u.test(tokens[open]!.surface)) open--;
    if (/[「『]/u.test(tokens[open]?.surface ?? '')) start = open;
  }
  // Back over the noun's compound, not into the clause it ends (お確かめいただくよう|画面上).
  const compound = (t: Token) => (t.pos === '名詞' && t.posDetail !== '非自立') || t.pos === '接頭詞';
  while (start > 0 && compound(tokens[start - 1]!)) start--;
  return start;
}

/** The token that makes the telling done (た, or the ます of 〜ております), when the shop did it. */
function toldBefore(tokens: readonly Token[], from: number): number | undefined {
  for (let k = from; k < tokens.length && k < from + 8; k++) {
    const t = tokens[k]!;
    // ご説明いただいた (the customer told), と表示された (the screen showed): not the shop pointing back.
    if (RECEIVING.has(t.lemma) || t.pos === '記号' || (t.posDetail === '接尾' && (t.lemma === 'れる' || t.lemma === 'られる')))
      return undefined;
    // 画面にも表示するよう改めました: the past is the other verb's (the shop's fix), not the telling's.
    if (k > from && t.pos === '動詞' && t.posDetail === '自立' && !CARRIERS.has(t.lemma)) return undefined;
    if (isPast(t)) return k;
    if (t.lemma === 'てる' && t.pos === '動詞') return k; // 載ってる, 書いてる
    if (isStanding(t, tokens[k + 1])) {
      // 〜ております／〜てあります: take in the polite ending.
      let end = k + 1;
      while (tokens[end + 1]?.pos === '助動詞') end++;
      return end;
    }
    if (t.pos === '助詞' && t.posDetail !== '接続助詞') return undefined;
  }
  return undefined;
}

/** 「なぜ」「どうして」 asking why. */
const WHY = new Set(['なぜ', '何故', 'どうして']);
/** The customer's act not done, in receiving or respectful form (ご確認いただけなかった, 返送されなかった). */
const CUSTOMER_DID_NOT = /(?:いただけ|いただか|頂け|頂か|され|なさら|くださら|になら)(?:なかった|ない)/u;

/**
 * A question about what the customer did, with ちゃんと／本当に (空気ちゃんと入れてます？), or asking
 * why they did not (なぜ到着時にすぐご確認いただけなかったのでしょうか): the why-question goes, and
 * what came before it in the sentence is kept as a sentence of its own.
 */
export function questionsCare(sentence: Sentence): TokenBlame | undefined {
  if (!sentence.question) return undefined;
  const why = sentence.tokens.find((t) => t.pos === '副詞' && WHY.has(t.lemma));
  if (why && CUSTOMER_DID_NOT.test(sentence.text.slice(why.end))) {
    const end = sentence.text.replace(/[。!?！？\s]+$/u, '').length;
    return { id: 'lecture.questions-care', start: why.start, end, edits: [{ start: why.start, end, text: '' }] };
  }
  const at = sentence.tokens.findIndex((t) => (t.pos === '副詞' || t.pos === '接続詞') && CARE_ADVERBS.has(t.lemma));
  if (at < 0) return undefined;
  const adverb = sentence.tokens[at]!;
  // A sentence that already opens with its own preface (そこでお伺いしますが、…) gets no second one.
  const prefaced = /(?:ます|です)が、/u.test(sentence.text.slice(0, adverb.start));
  return {
    id: 'lecture.questions-care',
    start: adverb.start,
    end: sentence.text.length,
    edits: [
      ...(prefaced ? [] : [{ start: 0, end: 0, text: '念のためお伺いしますが、' }]),
      { start: adverb.start, end: adverb.end, text: '' },
    ],
  };
}

/**
 * A guess that ends the sentence (〜ように見受けられます, 〜可能性がございます) about an act whose
 * agent is the customer: a verb in the respectful 〜される form after を (使い方をされていた), an act at
 * the customer's place (ご自宅で紛失された), or お＋a slip (お聞き違い). The guess is rewritten as
 * the shop asking how it happened.
 */
export function suspectsCustomer(sentence: Sentence, previous: Sentence | undefined): TokenBlame | undefined {
  const tokens = sentence.tokens;
  // 「お祝いされた光景を思うと、言葉もございません」: a thought that opens a condition (思うと, 考えれば)
  // sets up the shop's own feeling about the customer's moment; it guesses at nothing.
  const guess = tokens.findIndex((t, i) => GUESS_LEMMAS.has(t.lemma) && !opensCondition(tokens[i + 1]));
  if (guess < 0) return undefined;
  const act = customerAct(tokens, guess);
  // 「ご不在で、…かかっております。その間に品質が変わったものと思われます」: その points back at the act.
  const pointsBackToAct =
    act === undefined &&
    previous &&
    ANAPHORA.has(tokens[0]?.lemma ?? '') &&
    customerAct(previous.tokens, previous.tokens.length) !== undefined;
  if (act === undefined && !pointsBackToAct) return undefined;
  // From the clause with the customer's act (or the whole sentence) to its end.
  const from =
    act === undefined ? 0 : (sentence.clauses.find((c) => c.start <= tokens[act]!.start && tokens[act]!.start < c.end)?.start ?? 0);
  const end = sentence.text.replace(/[。!?]+$/, '').length;
  // 「ボタンを押された際に、ご自身で…」: the moment before the guess becomes the one asked about
  // (ボタンを押された際のご状況を), so the rewrite does not start 「〜際に、原因を確認いたしますので」.
  const moment = /(?:際|時|とき)に、$/u.exec(sentence.text.slice(0, from));
  const edit = moment
    ? { start: from - 2, end, text: 'のご状況を確認させていただきたく、恐れ入りますが、詳しくお聞かせいただけますでしょうか' }
    : { start: from, end, text: '原因を確認いたしますので、恐れ入りますが、当時のご状況をお聞かせいただけますでしょうか' };
  return { id: 'lecture.suspects-customer', start: act === undefined ? 0 : tokens[act]!.start, end, edits: [edit] };
}

/** 〜と／〜ば／〜ても after a verb: the verb is a condition, not the sentence's assertion. */
const opensCondition = (t: Token | undefined) => t?.pos === '助詞' && t.posDetail === '接続助詞' && ['と', 'ば', 'ても'].includes(t.lemma);

/** Words that start a sentence by pointing at the one before (その間に, それにより). */
const ANAPHORA = new Set(['その', 'それ', 'そこ', 'そのため']);

/** The token where the customer's act starts, before the guess at `before`. */
function customerAct(tokens: readonly Token[], before: number): number | undefined {
  for (let i = 0; i < before; i++) {
    const t = tokens[i]!;
    // 〜を…される: a respectful passive with an object has the customer as its agent.
    if (t.lemma === 'する' && t.pos === '動詞' && tokens[i + 1]?.lemma === 'れる' && tokens[i + 1]?.pos === '動詞') {
      for (let k = i - 1; k >= 0 && k >= i - 4; k--) {
        if (isParticle(tokens[k], 'を', '格助詞')) return nounStart(tokens, k - 1);
        if (tokens[k]!.pos === '記号') break;
      }
      if (tokens[i - 1]?.posDetail === 'サ変接続' && CUSTOMER_PLACES.has(tokens[i - 3]?.lemma ?? '') && isParticle(tokens[i - 2], 'で')) {
        return i - 3 - (tokens[i - 4]?.pos === '接頭詞' ? 1 : 0);
      }
    }
    // お聞き違い／ご不在: お・ご＋a slip or an absence.
    const word = (tokens[i + 1]?.surface ?? '') + (tokens[i + 2]?.surface ?? '');
    if (t.pos === '接頭詞' && /^(?:聞き違い|聞き間違い|間違い|間違え|忘れ|見落とし|勘違い|不在|留守)/.test(word)) return i;
    if (/^お(?:聞き違い|間違い|間違え|忘れ)/.test(t.surface)) return i;
  }
  return undefined;
}
