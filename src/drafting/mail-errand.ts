/**
 * What the mail is about in the customer's own words, read from its subject and body: the noun phrase of the
 * errand (「用件は、給湯器の修理の日程調整です」「在籍証明書の発行について」「車検の予約を変更したくて」)
 * and, for a follow-up, the day they first wrote. The draft names the errand so that a reply about a
 * phone line or a late answer still answers what the customer actually needs.
 */
import { withHonorific } from './customer-deadline.js';
import { UNQUOTABLE } from './mail-subject.js';
import { OKURIGANA_NOUNS } from './okurigana-nouns.js';

export interface MailErrand {
  /** 「車検の予約の変更」「駐輪場の契約」: a noun phrase safe to quote back. */
  about?: string;
  /** 「11月27日」: the day the customer says they first wrote, for a follow-up. */
  askedOn?: string;
}

const MAX_BODY = 20_000;
const MAX_ABOUT = 24;

const PART = `(?:${OKURIGANA_NOUNS}|[一-龥々ァ-ヶーA-Za-z0-9-])`;
/**
 * Up to three nouns joined by 「の」「への」「と」 (「研修会場の収容人数と設備」「10ギガプランへの変更」),
 * starting at a word boundary, perhaps with the polite prefix (「お年玉クーポン」).
 */
const PHRASE = `(?<![一-龥々ァ-ヶーA-Za-z0-9-])((?:[おご](?=[一-龥]))?(?:${PART}+(?:へ|で|と)?の|${PART}+と){0,2}${PART}+)`;
/** Action nouns that make an errand of the noun before them: 「予約を変更したい」 → 予約の変更. */
const ACTION = '変更|解約|キャンセル|交換|返品|発行|再発行|修理|予約|申請|登録|解除|停止|再開|返金|延長|振替';

/** In order of how surely they name the errand. */
const ERRAND_PATTERNS: ReadonlyArray<{ pattern: RegExp; action?: boolean }> = [
  { pattern: new RegExp(`用件は[、,]?\\s*${PHRASE}(?=です|の件|について|で|。)`, 'u') },
  { pattern: new RegExp(`${PHRASE}(?=について|に関して|に関する|の件)`, 'gu') },
  // 「報酬（取引ID：T-77310）が、振込日を過ぎても入金されていない件」: the 件 is named by its subject.
  { pattern: new RegExp(`${PHRASE}(?:[（(][^）)\\n]{0,30}[）)])?が[、,]?[^。\\n]{0,30}?(?:ない|ません|ず)件`, 'gu') },
  {
    pattern: new RegExp(`${PHRASE}(?:を|の)(${ACTION})(?=を?(?:したい|したく|して(?:ほしい|いただきたい|ください)|お願い|希望))`, 'gu'),
    action: true,
  },
  // 「卓上ガスコンロ2台（注文番号 A-58820193）がまだ届いていません」: the goods that have not come.
  {
    pattern: new RegExp(
      `${PHRASE}(?:[（(][^）)\\n]{0,30}[）)])?[がは][、,]?(?:まだ|いまだに|一向に)?(?:届いて(?:い|お)|届か|届きませ|到着して(?:い|お)|到着せ)`,
      'gu',
    ),
  },
  { pattern: new RegExp(`${PHRASE}(?=が|は)[^。、\\n]{0,12}かどうか`, 'gu') },
  // 「掃除機の交換はどうなっていますか」「返金はいつになりますか」: what they ask after.
  { pattern: new RegExp(`${PHRASE}は(?:どうなって|いつ|まだ)`, 'gu') },
];

/** Words before the errand that say when or whose, not what: 「先日の」「御社の」. */
const LEADING = /^(?:\d{1,2}月\d{1,2}日|\d{1,2}月|先日|前回|以前|先月|先週|昨日|今回|今月|御社|貴社|そちら|こちら|弊社|当方|私|件)の/u;
/** A phrase that names no errand of its own (「先日の問い合わせ」 is only a reference back, 「注文の品」 any goods). */
const GENERIC =
  /^(?:ご?問い合わせ|お問い合わせ|件|本件|ご?連絡|返信|ご?返事|ご?質問|ご?相談|内容|こと|メール|対応|ご?依頼|お願い|再送|状況|用件|ご用件|電話|お電話|確認|説明|ご説明|手続き|お手続き|以上|上記|下記|これ|それ|ご?注文の?(?:品|商品|品物)|ご?注文品|商品|荷物|品物|お品物|注文|先日|前回|以前|昨日|先週|先月|今回)$/u;

/** 「11月27日に…お問い合わせしました」「12月2日、12月10日にもお送りしております」: the first day they wrote. */
const ASKED_ON =
  /(\d{1,2}月\d{1,2}日)(?:頃)?(?:に|、)[^。\n]{0,50}?(?:問い合わせ|問合せ|お送り|送信|送り|ご連絡し|連絡し|メールし|質問し|お願いし)/u;

/**
 * The subject is read first (「掃除機の交換はどうなっていますか」), unless the body says the same more
 * precisely (subject 「解約について」, body 「母の電子版購読の解約について」).
 */
export function readErrand(
  subject: string | undefined,
  body: string,
  evidence: ReadonlyArray<{ category?: string; text?: string }>,
): MailErrand {
  const text = body.slice(0, MAX_BODY).normalize('NFKC');
  const unquotable = evidence.filter((e) => e.text && (e.category === undefined || UNQUOTABLE.has(e.category)));
  const subjectText = (subject ?? '').normalize('NFKC');
  const fromSubject = errandIn(subjectText, unquotable) ?? bracketed(subjectText, unquotable);
  const fromBody = errandIn(text, unquotable);
  const about = fromSubject && !fromBody?.includes(fromSubject) ? fromSubject : fromBody;
  const askedOn = ASKED_ON.exec(text)?.[1];
  return { ...(about && { about: withHonorific(about) }), ...(askedOn && { askedOn }) };
}

const fitsWith =
  (unquotable: ReadonlyArray<{ text?: string }>) =>
  (phrase: string): boolean =>
    phrase.length >= 2 && phrase.length <= MAX_ABOUT && !GENERIC.test(phrase) && !unquotable.some((e) => phrase.includes(e.text!));

/**
 * 「電話がつながりません（予約変更）」: a subject's bracketed noun phrase names the errand, unless it
 * counts or dates the mail (（2回目）（3週間経過）) or says how things stand (（導入検討中）).
 */
const BRACKETED = new RegExp(`[（(]${PHRASE}[）)]`, 'gu');

function bracketed(subject: string, unquotable: ReadonlyArray<{ text?: string }>): string | undefined {
  const fits = fitsWith(unquotable);
  return [...subject.matchAll(BRACKETED)].map((m) => m[1]!).find((phrase) => fits(phrase) && !/\d|中$|宛$/u.test(phrase));
}

function errandIn(text: string, unquotable: ReadonlyArray<{ text?: string }>): string | undefined {
  const fits = fitsWith(unquotable);
  for (const { pattern, action } of ERRAND_PATTERNS) {
    for (const m of pattern.global ? text.matchAll(pattern) : [pattern.exec(text)]) {
      if (!m) continue;
      let phrase = m[1]!;
      while (LEADING.test(phrase)) phrase = phrase.replace(LEADING, '');
      if (action && m[2] && !phrase.endsWith(m[2])) phrase = `${phrase}の${m[2]}`;
      if (fits(phrase)) return phrase;
    }
  }
  return undefined;
}

/** A subject or errand that only refers back to earlier mail (「先日の問い合わせ」), which names nothing. */
export function namesNothing(phrase: string): boolean {
  let rest = phrase;
  while (LEADING.test(rest)) rest = rest.replace(LEADING, '');
  return GENERIC.test(rest);
}
