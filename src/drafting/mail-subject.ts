/**
 * The customer's subject line, read for what the mail is about in their own words: a sentence
 * (「ワインが割れて届きました」) becomes the concern the empathy reflects, a noun phrase
 * (「寝袋の対応温度」) names what they asked about. A subject that carries anger is never quoted.
 */

import { withHonorific } from './customer-deadline.js';

/** Tone evidence in the subject that makes it unfit to quote back (「二度と使いません！！」). */
export const UNQUOTABLE: ReadonlySet<string> = new Set([
  'anger',
  'polite-annoyance',
  'complaint-fact',
  'escalation',
  'declaration',
  'symbols',
]);
const MAX_QUOTED = 30;

/** Re:, 【至急】, （2回目）, brackets and the framing around the topic (「…について質問です」). */
function cleaned(subject: string): string {
  return (
    subject
      .normalize('NFKC')
      .replace(/^(\s*(re|fw|fwd)(\[\d+\])?\s*[:：]\s*)+/i, '')
      .replace(/[【[（(][^】\]）)]*[】\]）)]/g, '')
      .replace(/[「」『』]/g, '')
      // 「ありがとうございました 京都ツアー」「先日の内見のお礼」: the thanks frames what they thank for.
      .replace(/^(?:いつも|本当に|先日は)?(?:ありがとうございま(?:す|した)|ありがとう)[\s、。!！]*/u, '')
      .replace(/(?:の|への|に)?(?:お礼|御礼)を?(?:です|まで)?[。！!]*$/u, '')
      // 「添乗員の松井さんへ」「先日の障害対応に関する」: who it is addressed to, a dangling 「に関する」.
      .replace(/(?:さん|様)?へ$|に関する$/u, '')
      .replace(
        /(について|に関して|に関する|の件|の|を)?(の?ご?質問|お問い合わせ|問い合わせ|ご相談|相談|確認|お願い|依頼)(です|します|があります|させてください|をお願いします)?[。！!？?]*$/u,
        '',
      )
      .replace(
        /(について|に関して|に関するお問い合わせ|の件|(?<=[ぁ-ん])件|のお願い|のご相談|のお問い合わせ|をお願いします|をお願いいたします)+[。！!？?]*$/u,
        '',
      )
      .replace(/[。！!]+$/u, '')
      .trim()
  );
}

/**
 * 「Re: 【発送完了のお知らせ】ご注文番号 BK-8830215」「Re: ご契約更新のご案内」: a reply to or forward of the
 * shop's own notice. Its subject is the notice's title, not the customer's errand: the body says that.
 */
const REPLY_TO_NOTICE = /^\s*(?:re|fw|fwd)(?:\[\d+\])?\s*[:：].*(?:お知らせ|ご案内|ご通知|いたしました|致しました)\s*(?:[】\]]|$)/iu;

function quotable(subject: string | undefined, evidence: ReadonlyArray<{ field?: string; category?: string }>): string | undefined {
  if (REPLY_TO_NOTICE.test((subject ?? '').normalize('NFKC'))) return undefined;
  const text = cleaned(subject ?? '');
  const angry = evidence.some((e) => e.field === 'subject' && (e.category === undefined || UNQUOTABLE.has(e.category)));
  return text && text.length <= MAX_QUOTED && !angry ? text : undefined;
}

/** A subject that states what happened or what they want: 「…届きました」「…できません」「…させてください」. */
const STATEMENT = /(ました|ません|ました|でした|です|ます|ない|た|だ|たい|ください|下さい|ほしい|欲しい|いる|てる)$/u;

/**
 * The customer's subject, to name what the mail is about in their words: without Re:, 「について」
 * and the like; 「お問い合わせ」 when it is long or carries anger (never quote anger back).
 */
export function quotableSubject(subject: string | undefined, evidence: ReadonlyArray<{ field?: string; category?: string }>): string {
  return quotable(subject, evidence) ?? 'お問い合わせ';
}

/** 「またメンテ延長ですか」「在庫切れでしょうか」: a noun phrase alone (kanji, katakana), asked about. */
const NOUN_QUESTION = /^(?:また|まだ|もう|今日も|今回も)?([一-龥々ァ-ヶーA-Za-z0-9]{2,20})(?:です|でしょう)か[？?]?$/u;
const PREDICATE_QUESTION = /(です|ます|でしょう|ません|ましょう|ない)(か|[？?])[？?]?$/u;

/** A word of two kanji or three katakana: what a concern is about (ワイン, 注文, ログイン). */
const NAMES_SOMETHING = /[一-龥々]{2,}|[ァ-ヶー]{3,}/u;

export interface SubjectReading {
  /** The subject as a statement, quoted as the customer's concern: 「ワインが割れて届きました」. */
  concern?: string;
  /** The subject as a noun phrase, for 「「寝袋の対応温度」について」. */
  about?: string;
}

export function readSubject(subject: string | undefined, evidence: ReadonlyArray<{ field?: string; category?: string }>): SubjectReading {
  const text = quotable(subject, evidence);
  if (!text) return {};
  const question = /[か？?]$/u.test(text);
  // 「またメンテ延長ですか」: a noun phrase asked about is the topic it names.
  const asked = NOUN_QUESTION.exec(text)?.[1];
  if (asked) return { about: asked };
  // 「返信まだですか」 asks something of us; it is neither a concern to quote nor a topic to name.
  if (PREDICATE_QUESTION.test(text)) return {};
  // 「マジでありえない」 states a feeling and names nothing: the scenario's paraphrase says the concern better.
  if (STATEMENT.test(text) && !question) return NAMES_SOMETHING.test(text) ? { concern: text } : {};
  return { about: withHonorific(text.replace(/[？?]$/u, '')) };
}
