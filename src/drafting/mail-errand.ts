/**
 * What the mail is about in the customer's own words, read from its subject and body: the noun phrase of the
 * errand (「用件は、給湯器の修理の日程調整です」「在籍証明書の発行について」「車検の予約を変更したくて」)
 * and, for a follow-up, the day they first wrote. The draft names the errand so that a reply about a
 * phone line or a late answer still answers what the customer actually needs.
 */
import { ownSentences } from '../analysis/asks-of-us.js';
import { ASKING, QUESTION, readAskedClause, REPORTED, RHETORICAL, type AskedClause } from './asked-clause.js';
import { withHonorific } from './customer-deadline.js';
import { insideRanges, readCustomerText, type CustomerText } from './customer-text.js';
import { UNQUOTABLE } from './mail-subject.js';
import { OKURIGANA_NOUNS } from './okurigana-nouns.js';

export interface MailErrand {
  /** 「車検の予約の変更」「駐輪場の契約」: a noun phrase safe to quote back. */
  about?: string;
  /** 「11月27日」: the day the customer says they first wrote, for a follow-up. */
  askedOn?: string;
  /**
   * 「配送方法」「ユーザーの追加」: what the sentence that asks is about (〜を教えてください, 〜は…でしょうか,
   * 〜を追加したい), for a draft to say it answers that and not only what the scenario is about.
   */
  asked?: { about: string; question: boolean };
  /**
   * 「日割り」 after 「名義の変更」: what the mail's later asking sentences are about, each a different errand the
   * customer carries, in order (at most two), for a draft to name them all and not only the first.
   */
  alsoAsked?: string[];
  /** 「更衣室のドライヤー」「館内の案内表示」: what a suggestion in the mail is about (「ひとつ提案なのですが…」). */
  suggested?: string;
  /** 「2セット分だけキャンセルできますか」: the clause of the first asking sentence, in the customer's own characters (asked-clause.ts). */
  askedClause?: AskedClause;
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
const ACTION = '変更|解約|キャンセル|交換|返品|発行|再発行|修理|予約|申請|登録|解除|停止|再開|返金|延長|振替|発送|出荷|納品|入金';

/** In order of how surely they name the errand. */
const ERRAND_PATTERNS: ReadonlyArray<{ pattern: RegExp; action?: boolean; bodyOnly?: boolean }> = [
  { pattern: new RegExp(`用件は[、,]?\\s*${PHRASE}(?=です|の件|について|で|。)`, 'u') },
  { pattern: new RegExp(`${PHRASE}(?=について|に関して|に関する|の件)`, 'gu') },
  // 「報酬（取引ID：T-77310）が、振込日を過ぎても入金されていない件」: the 件 is named by its subject.
  { pattern: new RegExp(`${PHRASE}(?:[（(][^）)\\n]{0,30}[）)])?が[、,]?[^。\\n]{0,30}?(?:ない|ません|ず)件`, 'gu') },
  {
    pattern: new RegExp(`${PHRASE}(?:を|の)(${ACTION})(?=を?(?:したい|したく|して(?:ほしい|いただきたい|ください)|お願い|希望))`, 'gu'),
    action: true,
  },
  // 「住所変更したいんですが」「機種変更したくて」: the act's own compound, without a particle.
  { pattern: new RegExp(`${PHRASE}(?<=${PART}(?:${ACTION}))(?=したい|したく|して(?:ほしい|いただきたい)|を?希望)`, 'gu') },
  // 「卓上ガスコンロ2台（注文番号 A-58820193）がまだ届いていません」「マフラーまだ届かない」: the goods that have not come.
  {
    pattern: new RegExp(
      `${PHRASE}(?:[（(][^）)\\n]{0,30}[）)])?(?:[がは][、,]?(?:まだ|いまだに|一向に)?|(?:まだ|いまだに|一向に))(?:届いて(?:い|お)|届か|届きませ|到着して(?:い|お)|到着せ)`,
      'gu',
    ),
  },
  // 「結婚式の引き出物、明日の式に間に合わないって」: the goods named first, then that they will not come.
  {
    pattern: new RegExp(
      `(?:^|[\\n。])\\s*${PHRASE}[、,]\\s*[^。\\n]{0,15}?(?:間に合わ|届か|届いて(?:い|お)|来な|来ませ|到着して(?:い|お))`,
      'gu',
    ),
  },
  { pattern: new RegExp(`${PHRASE}(?=が|は)[^。、\\n]{0,12}かどうか`, 'gu') },
  // 「掃除機の交換はどうなっていますか」「返金はいつになりますか」: what they ask after.
  { pattern: new RegExp(`${PHRASE}は(?:どうなって|いつ|まだ)`, 'gu') },
  // 「機種変したらデータ引き継ぎできなくなりました」「決済ができません」: the act that fails.
  // Not in a subject: 「ログインできません」 there is the concern itself, quoted as such.
  { pattern: new RegExp(`${PHRASE}(?=が?(?:でき|出来)(?:な|ませ))`, 'gu'), bodyOnly: true },
];

/** Words before the errand that say when or whose, not what: 「先日の」「御社の」. */
const LEADING =
  /^(?:\d{1,2}月\d{1,2}日|\d{1,2}月|先日|前回|以前|先月|先週|昨日|今回|今月|御社|貴社|そちら|こちら|弊社|当方|私|件|(?:以下|下記|上記)(?:の点)?)の/u;
/** A phrase that names no errand of its own (「先日の問い合わせ」 is only a reference back, 「注文の品」 any goods). */
const GENERIC =
  /^(?:ご?問い合わせ|お問い合わせ|件|本件|ご?連絡|返信|ご?返事|ご?質問|ご?相談|内容|こと|メール|対応|ご?依頼|お願い|再送|状況|用件|ご用件|電話|お電話|確認|説明|ご説明|手続き|お手続き|以上|上記|下記|これ|それ|ご?注文の?(?:品|商品|品物)|ご?注文品|商品|荷物|品物|お品物|注文|先日|前回|以前|昨日|先週|先月|今回)$/u;

/** 「11月27日に…お問い合わせしました」「12月2日、12月10日にもお送りしております」: the first day they wrote. */
const ASKED_ON =
  /(\d{1,2}月\d{1,2}日)(?:頃)?(?:に|、)[^。\n]{0,50}?(?:問い合わせ|問合せ|お送り|送信|送り|ご連絡し|連絡し|メールし|質問し|お願いし)/u;

/**
 * The subject is read first (「掃除機の交換はどうなっていますか」), unless the body says the same more
 * precisely (subject 「解約について」, body 「母の電子版購読の解約について」). `own`: the body as triage
 * has read it for the customer's own words (customer-text.ts), so it is not read again.
 */
export function readErrand(
  subject: string | undefined,
  body: string,
  evidence: ReadonlyArray<{ category?: string; text?: string }>,
  scenarioEvidence: readonly EvidenceSpan[] = [],
  own: CustomerText = readCustomerText(body),
): MailErrand {
  // The customer's own lines: 「> ご返金の件で…」 in the shop's quoted reply is not what they ask now.
  const text = own.text.slice(0, MAX_BODY).normalize('NFKC');
  const unquotable = evidence.filter((e) => e.text && (e.category === undefined || UNQUOTABLE.has(e.category)));
  const subjectText = (subject ?? '').normalize('NFKC');
  const fromSubject = errandIn(subjectText, unquotable, true) ?? bracketed(subjectText, unquotable);
  const fromBody = errandIn(text, unquotable);
  const about =
    (fromSubject && !fromBody?.includes(fromSubject) ? fromSubject : fromBody) ?? evidencedThing(own, scenarioEvidence, unquotable);
  const askedOn = ASKED_ON.exec(text)?.[1];
  const [asked, ...others] = askedIn(text, unquotable);
  const suggested = suggestedIn(text, unquotable);
  const askedClause = readAskedClause(own.text.slice(0, MAX_BODY), unquotable);
  return {
    ...(about && { about: withHonorific(about) }),
    ...(askedOn && { askedOn }),
    ...(asked && { asked: { ...asked, about: withHonorific(asked.about) } }),
    ...(others.length > 0 && { alsoAsked: others.map((o) => withHonorific(o.about)) }),
    ...(suggested && { suggested }),
    ...(askedClause && { askedClause }),
  };
}

/** A span of the body that is evidence for the mail's scenario, with its weight (analysis/scenarios.ts). */
export interface EvidenceSpan {
  field: 'subject' | 'body';
  start: number;
  end: number;
  weight: number;
}

/**
 * What the customer's most evidenced sentence is about, when no errand pattern names it: a name in 「」
 * the sentence treats as a thing (「ホリデーガチャ 石3000個パック」買ったら), not words someone said
 * (「…」と言われ), or else the noun phrase the sentence says something of, nearest before its heaviest
 * evidence (「回線が切れる」「納期を過ぎても」). Read from the customer's own characters (ｻｲｽﾞ stays ｻｲｽﾞ).
 */
export function evidencedThing(
  { body, notOwn }: CustomerText,
  spans: readonly EvidenceSpan[],
  unquotable: ReadonlyArray<{ text?: string }>,
): string | undefined {
  const own = spans.filter(
    (e) => e.field === 'body' && e.end <= Math.min(body.length, MAX_BODY) && e.weight > 0 && !insideRanges(notOwn, e.start),
  );
  if (own.length === 0) return undefined;
  const sentences = [...body.slice(0, MAX_BODY).matchAll(/[^。！？!?\n]+[。！？!?]?/gu)]
    .filter((m) => !/^\s*[>＞]/u.test(m[0]))
    .map((m) => ({ text: m[0], start: m.index, weight: 0, heaviest: undefined as EvidenceSpan | undefined }));
  for (const e of own) {
    const sentence = sentences.find((s) => s.start <= e.start && e.start < s.start + s.text.length);
    if (!sentence) continue;
    sentence.weight += e.weight;
    if (!sentence.heaviest || e.weight > sentence.heaviest.weight) sentence.heaviest = e;
  }
  const best = sentences.reduce((a, b) => (b.weight > a.weight ? b : a), sentences[0]!);
  if (!best || best.weight === 0) return undefined;
  const fits = fitsWith(unquotable);
  for (const m of best.text.matchAll(THING_QUOTED)) {
    if (fits(m[1]!) && NAMES_A_THING.test(m[1]!) && !NOT_A_THING.test(m[1]!)) return m[1]!;
  }
  // The phrase the evidence says something of: its particle at most a few characters before the evidence, or inside it.
  const from = best.heaviest!.start - best.start;
  const to = from + best.heaviest!.end - best.heaviest!.start;
  let nearest: string | undefined;
  for (const m of best.text.matchAll(THING_SAID_OF)) {
    const end = m.index + m[0].length;
    if (end > to) break;
    if (end < from - ARGUMENT_REACH) continue;
    let phrase = m[1]!;
    while (LEADING.test(phrase) || DEPENDENT.test(phrase) || HOW_MUCH.test(phrase))
      phrase = phrase.replace(LEADING, '').replace(DEPENDENT, '').replace(HOW_MUCH, '');
    // A word of two kanji is a thing here (回線, 納期, 課金): the evidence is about it.
    const named = !NOT_ASKED.test(phrase) || /^[一-龥々]{2}$/u.test(phrase);
    if (fits(phrase) && named && !NOT_A_THING.test(phrase)) nearest = phrase;
  }
  return nearest;
}
/** An adverb of degree read into the phrase: 「一切メッセージが」. */
const HOW_MUCH = /^(?:一切|全部|全然|全く|すべて|全て)/u;
/** How far before the evidence the phrase's particle may be: 「回線が切れる」, 「納期を過ぎても」. */
const ARGUMENT_REACH = 4;
/** People and organisations, not the thing the mail is about: 「子どもが」「合同会社ミナトで」. */
const NOT_A_THING =
  /^(?:子ども|子供|家族|息子|娘|母|父|夫|妻|主人|長男|長女|次男|次女|祖母|祖父|両親|友人|上司|私|自分|本人|皆|みんな|今日|本日|明日|昨日|今朝|毎日|毎晩)$|(?:会社|企画|事務所|商店|商事|工業|様|さん|先生|御中)$|^(?:株式会社|合同会社|有限会社)/u;
/** A name in 「」 not followed by the words that make it speech: 「…」と, って, て, という, との. */
const THING_QUOTED = /「([^「」\n]{2,24})」(?!\s*(?:と|って|っ|て|という|との|など|です|でした))/gu;
/** A thing's name: a kanji or katakana word in it, and no sentence ending (「届きません」 is a message). */
const NAMES_A_THING = /^(?=.*(?:[一-龥々]{2}|[ァ-ヶーｦ-ﾟ]{2}))(?!.*(?:ます|ません|でした|です|ない|ました)$)/u;
/** A noun phrase the sentence says something of (が, を, は, も), in full- or half-width katakana too. */
const THING_SAID_OF = new RegExp(
  `${PHRASE.replace(/ァ-ヶー/gu, 'ァ-ヶーｦ-ﾟ').replace('A-Za-z0-9-', 'A-Za-z0-9-０-９Ａ-Ｚａ-ｚ')}(?=が|を|は|も)`,
  'gu',
);

/** A sentence that offers a suggestion (「ひとつ提案なのですが」「ひとつだけお願いがあるとすれば」「One small suggestion:」). */
const SUGGESTION = /提案|要望|お願い(?:が|を)?(?:ある|あり)|(?:ひとつ|一つ|1つ|一点|1点)だけ|suggestion/iu;
/** What the suggestion is about: the first noun phrase it says something of (「個室の暖房が少し強め」). */
const SUGGESTED_ABOUT = new RegExp(`${PHRASE}(?=が|を|は)`, 'gu');

/** The suggestion's subject, in its sentence or the one after (「ひとつ お願いが あります。」 then what it is). */
function suggestedIn(text: string, unquotable: ReadonlyArray<{ text?: string }>): string | undefined {
  const fits = fitsWith(unquotable);
  const sentences = text.split(/(?<=[。！？!?\n])/u);
  const at = sentences.findIndex((sentence) => SUGGESTION.test(sentence));
  if (at < 0) return undefined;
  for (const sentence of sentences.slice(at, at + 2)) {
    for (const m of sentence.matchAll(SUGGESTED_ABOUT)) {
      let phrase = m[1]!;
      while (LEADING.test(phrase) || DEPENDENT.test(phrase)) phrase = phrase.replace(LEADING, '').replace(DEPENDENT, '');
      if (!NOT_ASKED.test(phrase) && !SUGGESTION.test(phrase) && fits(phrase)) return withHonorific(phrase);
    }
  }
  return undefined;
}

/**
 * The tail of a clause before the phrase (「解約した場合の」「つながらなかった期間の」「使った分の」) or an
 * adverb read into it (「普段スニーカー」「現在スタンダードプラン」): what is asked about comes after.
 */
const DEPENDENT =
  /^(?:(?:場合|期間|分|以降|以前|以外|際|時|とき|ため|ほう|方)の|(?:普段|現在|本当|一度|今後|最近|至急|早急|毎月|毎回)の?)/u;
/**
 * What the asking sentence is about: a noun phrase and its particle, or a verbal noun asked for (発行していただけ…),
 * or what they ask to be told if there is one (「補修の方法などあれば教えていただけますか」).
 */
const ASKED_ABOUT = new RegExp(
  `${PHRASE}(?:[（(]([^）)\\n]{0,30})[）)])?(?:くらい|ぐらい|だけ|など)?(?:(を)([一-龥]{2})(?=し|させ)|を|(は|って)|について|に関して|して(?=いただ|くだ|ほし|もらえ|くれ)|が?(?=あれば))`,
  'gu',
);
/**
 * A phrase too short or too general to say what was asked (「長男が」「今は」「至急対応」「写真の添付」):
 * a two-character word alone, or one ending in an act every mail asks of us.
 */
const NOT_ASKED =
  /^(?:[^ァ-ヶー]{1,2}|[A-Za-z0-9-]*\d[A-Za-z0-9-]*|.*\d+[日月年時]|.*(?:確認|対応|回答|返信|連絡|説明|検討|処理|添付|相談|感謝|前|後|方|返事|手数|見解)|\d+.*)$/u;
/** 「いつ発送されるのか教えてください」「いつ頃返金していただけますか」: the act whose day is asked. */
const ASKED_WHEN = new RegExp(`いつ(?:頃|ごろ)?(?:に)?(${ACTION})(?=され|して|でき|になり|になる|いただけ)`, 'u');
/** Another name in brackets: words, not a number or a code. */
const ALIAS = /^[一-龥々ァ-ヶー]{2,12}$/u;
/** An act asked for by its two-character name (交換, 返金, 解約) says what is asked all the same. */
const ASKED_ACT = new RegExp(`^(?:${ACTION})$`, 'u');
/** A verb's stem read as a noun before して (「全部消して」「全額返して」): no errand's name. */
const VERB_STEM = /(?<!取)(?:消|返|直|戻)$/u;

/** How many asking sentences a draft names: the first and two more. */
const MAX_ASKED = 3;

/**
 * Each asking sentence's noun phrase, in order, from the customer's own lines (not a 「>」 quote, not the
 * history under them): one a sentence, none twice, at most MAX_ASKED.
 */
function askedIn(text: string, unquotable: ReadonlyArray<{ text?: string }>): Array<NonNullable<MailErrand['asked']>> {
  const found: Array<NonNullable<MailErrand['asked']>> = [];
  for (const sentence of ownSentences(text)) {
    const asked = askedInSentence(sentence, unquotable);
    // A later ask named by its act alone (「変更」) says nothing the first did not.
    if (asked && found.length > 0 && ASKED_ACT.test(asked.about)) continue;
    if (asked && !found.some((f) => f.about.includes(asked.about) || asked.about.includes(f.about))) found.push(asked);
    if (found.length >= MAX_ASKED) break;
  }
  return found;
}

/** What one sentence asks about, if it asks something of us. */
function askedInSentence(sentence: string, unquotable: ReadonlyArray<{ text?: string }>): MailErrand['asked'] {
  const fits = fitsWith(unquotable);
  if (!ASKING.test(sentence) || RHETORICAL.test(sentence) || REPORTED.test(sentence)) return undefined;
  for (const m of sentence.matchAll(ASKED_ABOUT)) {
    let phrase = m[1]!;
    while (LEADING.test(phrase) || DEPENDENT.test(phrase)) phrase = phrase.replace(LEADING, '').replace(DEPENDENT, '');
    const question = QUESTION.test(sentence);
    // 「〜は」 (and its casual 「〜って」: 「パッチテストってどうやればいいですか」) names what a question asks
    // about; before a request it is only the topic of the sentence.
    if (m[5] && !question) continue;
    // 「ユーザーを追加したい」 asks for an act on the noun: ユーザーの追加.
    const act = m[3] && m[4] ? `${phrase}の${m[4]}` : phrase;
    // 「子どもの座席（チャイルドシート）」: another name for it in brackets is the customer's too (not a number).
    const about = m[2] && ALIAS.test(m[2]) && `${act}（${m[2]}）`.length <= MAX_ABOUT ? `${act}（${m[2]}）` : act;
    if ((NOT_ASKED.test(act) && !ASKED_ACT.test(act)) || !fits(about) || VERB_STEM.test(act)) continue;
    return { about, question };
  }
  const when = ASKED_WHEN.exec(sentence)?.[1];
  return when ? { about: when, question: true } : undefined;
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

function errandIn(text: string, unquotable: ReadonlyArray<{ text?: string }>, subject = false): string | undefined {
  const fits = fitsWith(unquotable);
  for (const { pattern, action, bodyOnly } of ERRAND_PATTERNS) {
    if (subject && bodyOnly) continue;
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
