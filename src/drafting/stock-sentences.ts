/**
 * Every stock sentence of the manual has a condition: an apology for waiting only when the customer
 * waited, 「貴重なご意見」 only for feedback, no request for a fact the mail gave, nothing that repeats
 * the explanation the customer rejected. The conditions are read from the mail here, and a draft's
 * sentences are kept or dropped against them.
 */
import { withoutQuotedHistory } from '../analysis/quoted-history.js';
import type { FactKind, MailFacts } from './mail-facts.js';

export interface SentenceConditions {
  /** The customer says they waited or wrote before. */
  waited: boolean;
  /** The mail is an opinion about the service (praise, complaint, suggestion), not an urgent request. */
  feedback: boolean;
  /** Key words of explanations the customer quoted and rejected (「ご利用方法をご確認ください」と言われ → 利用方法). */
  rejected: readonly string[];
  facts: MailFacts;
  /** The mail raises sending the goods back (返品, 返送, 交換…); without it no sentence offers a return. Unknown: kept. */
  returnRaised?: boolean;
  /** The mail is about goods sent or ordered (注文, 発送, お届け, 荷物…); without it no sentence talks of shipping. Unknown: kept. */
  shipmentRaised?: boolean;
  /** The mail is about money or goods bought (料金, 円, 購入, 商品, 壊れ…); without it no sentence offers a refund. Unknown: kept. */
  moneyRaised?: boolean;
  /** The mail's own text (subject and body), for what a draft may name: never a topic the mail does not mention. */
  mailText?: string;
  /**
   * The customer asks for the goods again (送り直し, 再送, 交換) and never raises a refund: the draft offers
   * that remedy alone, not 「交換またはご返金」. Unknown: both kept.
   */
  replacementOnly?: boolean;
}

const MAX_BODY = 20_000;
/**
 * The customer waited: no answer yet (「まだ返事がありません」「ご連絡をいただけておりません」), waiting
 * (「待っています」「音沙汰なし」), or an earlier contact of theirs, told as one (「先週問い合わせましたが」
 * 「3回目の問い合わせです」). Not a wait: an answer they received (「先日の回答で」「前回はご回答でしたが」),
 * writing again now (「再度連絡します」), asking again for a fix (「3回目のお願い」), a service ordered (「引越しをお願いした」), a notice the company
 * never sent (「完成日の連絡もありません」), or their own delay (「ご連絡が遅くなり」).
 */
const NO_ANSWER = new RegExp(
  [
    // No answer yet. 連絡 only with が/は or まだ: 「連絡もない」 is a notice never sent, not a wait for a reply.
    // Not a condition set for the future (「期限までにご回答がない場合」「返事がないようなら」).
    '(返信|回答|返事)(が|は|も)?(まだ|いまだに|未だに|一向に)?(ない|ありません|無い|来ない|来ません|いただけて|もらえて|頂けて)(?!\\s*(場合|よう|なら|とき|時))',
    'ご?連絡(が|は|を)?(まだ|いまだに|未だに|一向に)(ない|ありません|無い|来ない|来ません|いただけて|もらえて|頂けて|いただいて)',
    '(ご?連絡|ご?返信|ご?回答|お?返事)を?(いただけて|もらえて|頂けて|いただいて|頂いて|もらって)(い|お)(ない|ません|らず|りません)',
    '音沙汰',
  ].join('|'),
  'u',
);
/**
 * Waiting, told: a wait for an answer only when the sentence names the answer (「1時間20分も待たされて」 is
 * a late delivery) and how long it has lasted (「まともな回答を待っています」 awaits the answer to this mail).
 */
const WAITING = /待って(いる|います|おり)|待たされ/u;
const AN_ANSWER = /返事|返信|回答|連絡|折り返し/u;
const SO_LONG = /ずっと|まだ|いまだ|未だ|もう|何日|何週|\d+\s*(日|週間|か月|ヶ月|カ月)|から|以来/u;
/**
 * Someone else who has not answered (「購入者の方が…取引メッセージにも返信がありません」「出品者さんから連絡が
 * ありません」), in a sentence that does not name us.
 */
const OTHERS =
  /(購入者|出品者|落札者|取引相手|相手方|相手の方|先方|買い手|売り手|配達員|ドライバー|大家)(様|さん|の方)?(から|が|は|に|も)/u;
const US = /御社|貴社|そちら|お宅|おたく|サポート|窓口|カスタマー|運営|事務局/u;

/** A sentence of the mail that says no answer came from us, or that they have waited for one so long. */
function noAnswer(text: string): boolean {
  return text.split(/(?<=[。！？!?\n])/u).some((sentence) => {
    if (OTHERS.test(sentence) && !US.test(sentence)) return false;
    return NO_ANSWER.test(sentence) || (WAITING.test(sentence) && AN_ANSWER.test(sentence) && SO_LONG.test(sentence));
  });
}
/** An earlier contact of theirs, told in the past or as still standing (〜しましたが, 〜しております). */
const EARLIER_CONTACT = new RegExp(
  [
    '(先日|先週|先月|以前|前回|前にも|何度も|何回も|度々|たびたび|[0-9０-９一二三]+(回|度)|[0-9０-９一二三]+日(前|経|た)|日も経|週間(前|経|た)|[0-9]+月[0-9]+日)[^。\n]{0,30}' +
      '(問い合わせ|問合せ|ご?連絡|メール|電話)(を)?(し|いた)(た(?!い)|まし|て(い|お))',
    '(先日|先週|先月|以前|前回|[0-9]+月[0-9]+日)[^。\n]{0,30}(送りました|送った|お送りして|送信しました|送信した)',
    '[0-9０-９一二三]+(回|度)目の(ご?連絡|問い合わせ|問合せ|メール|お電話|電話)',
  ].join('|'),
  'u',
);
/**
 * 「注文をキャンセルする旨をフォームから送りました」: notice of an act, given; what the mail is about is whether
 * it was acted on, not a reply it waits for (a reply missing too is said: 「返事がありません」, read above).
 */
const NOTICE_GIVEN = /旨(?:を|の)/u;
/** Calls that never went through (「何度も電話していますが、ずっと話し中です」): nobody here had anything to answer. */
const NOT_CONNECTED = /つなが(ら|りませ)|繋が(ら|りませ)|話し中|話中|混み合って|込み合って|切れてしま/u;
/**
 * The shop's answer to that contact, quoted (「…」とのご回答でした, 「…」とおっしゃいました): the contact was
 * answered, so what is late is the matter itself, not a reply.
 */
const ANSWER_QUOTED = /」\s*(?:と|との)\s*(?:ご?回答|ご?返答|ご?返事|お返事|ご?説明|ご?案内|言われ|いわれ|言い|言った|言って|おっしゃ|仰)/u;

/** The answer to their earlier contact, received: 「返ってきた回答が」「いただいたご回答では」. */
const ANSWER_RECEIVED = /(返ってきた|返ってきました|いただいた|頂いた|もらった)(ご)?(回答|返信|返事|お返事)/u;

function answered(text: string): boolean {
  return ANSWER_QUOTED.test(text) || ANSWER_RECEIVED.test(text);
}

/** An opinion about the service. Not 二度と or 不快 alone: they end furious demands and defect claims as often. */
const FEEDBACK =
  /ご意見|ご要望|要望|改善(?!され(て|ず|な|ませ))|感想|提案|残念|がっかり|態度|言葉遣い|言葉づかい|対応(が|の|に|は)(悪|ひど|酷|不満|雑|冷た)|お礼を|感謝/u;
/** Disappointment only, no opinion offered: 「正直残念です」 beside 「どうすればよいのか教えてください」 is a request. */
const DISAPPOINTED_ONLY = /^(?:残念|がっかり)$/u;
/**
 * The customer asks what happens now or what to do (「どうすればよいのか」「いつ届くのか」「代わりの対応を
 * 教えてください」「使えるようにしていただく」): the matter is to be put right, not an opinion to be heard.
 */
const PUT_RIGHT_ASKED =
  /どうすれば|どうしたら|いつ(?:頃|ごろ)?[^。！？!?\n]{0,12}(?:届く|届け|なる|なり|できる|でき|いただけ|もらえ)|代わりの(?:対応|品|商品)|ように(?:して|し直して)(?:いただ|ください|下さい|ほしい|欲しい|もらえ)/u;

/**
 * An opinion about the service in the customer's own words: not a word inside 「」 (「年末感謝クーポン」 is a
 * name, 「ご意見をお寄せください」 a notice quoted), and not disappointment alone in a mail that asks for the
 * matter to be put right.
 */
function opinionOf(own: string): boolean {
  const unquoted = own.replace(/「[^「」\n]*」|『[^『』\n]*』/gu, '「」');
  const words = [...unquoted.matchAll(new RegExp(FEEDBACK.source, 'gu'))].map((m) => m[0]);
  if (words.length === 0) return false;
  return !(words.every((w) => DISAPPOINTED_ONLY.test(w)) && PUT_RIGHT_ASKED.test(unquoted));
}

/** Sending the goods back, in any of its words: a return, a send-back, an exchange. */
const RETURN_RAISED = /返品|返送|返却|送り返|返し(たい|ます|て)|交換/u;
/** Goods sent or ordered, in the customer's words. Not 送 alone: 「書類を送ってください」 asks us to send. */
const SHIPMENT_RAISED = /注文|発送|配送|出荷|荷物|配達|宅配|届|購入|商品|定期便|送料|返送|返品|交換|着払/u;
/** Money, goods bought, or something paid for being ended (キャンセル, 解約): what a refund would be for. */
const MONEY_RAISED =
  /返金|返して|お金|代金|料金|費用|[0-9０-９,]+円|払|請求|引き落|課金|購入|買|注文|商品|補償|弁償|賠償|交換|返品|壊|破損|割れ|不良|欠け|傷|キャンセル(?!待ち)|解約|退会/u;
/** The goods asked for again: a resend, a replacement, an exchange. */
const REPLACEMENT_ASKED =
  /(?:送り直|再送|再発送|交換|取り替え|取り換え|取替|代わりの(?:品|商品)|代替品|新しい(?:もの|物|商品|品))[^。！？!?\n]{0,16}?(?:お願い|ください|下さい|ほしい|欲しい|もらえ|いただけ|頂け|いただきた|できますか|可能でしょうか|希望)/u;
/** Money back in any of its words. */
const REFUND_RAISED = /返金|払い戻|払戻|お金|代金|返して|全額|キャンセル|取り消|取消/u;
const URGENT = /至急|急ぎ|早急|今日中|本日中|すぐに|大至急|今すぐ/u;
/**
 * A remedy asked for (「返金をお願いできますか」「刷り直していただけますか」「返金か交換、どちらかでお願いできますか」
 * 「正しい商品を送ってもらえますか」「解約させていただきたく」): a request to act, however disappointed its
 * words (がっかり, 残念), so no 「貴重なご意見」.
 */
const REMEDY_ASKED =
  /(返金|払い戻|補償|弁償|賠償|交換|返品|再送|再発送|キャンセル|解約|退会|修理|修正|刷り直|作り直|送り直|送って|止めて|停止)[^。！？!?\n]{0,24}?(お願い|ください|下さい|ほしい|欲しい|もらえ|いただけ|頂け|できますか|させて)/u;
const REJECTED_QUOTE =
  /「([^「」\n]{3,60})」\s*(?:と|っと|との)(?:の)?\s*(?:言われ|いわれ|回答|説明|案内|返答|返信|ご案内|ご回答|ご説明|こと|書かれ|記載|指摘)/gu;
const BLAMED = /([一-龥ァ-ヶー]{2,8})のせいに(され|する|して)/gu;
/** Words too common in any reply to count as repeating an explanation. */
const GENERIC = new Set(['確認', '対応', '連絡', '商品', '弊社', '当社', '担当', '回答', '案内', '問題', '場合', '以上', '内容', '説明']);

export function readSentenceConditions(
  body: string,
  facts: MailFacts,
  signals: {
    followUp: boolean;
    thanks: boolean;
    deadline: boolean;
    /** The customer waits on someone else (their own buyer or client gone silent), so earlier contacts were not to us. */
    othersSilent?: boolean;
  },
): SentenceConditions {
  const text = body.slice(0, MAX_BODY).normalize('NFKC');
  const rejected = new Set<string>();
  for (const m of text.matchAll(REJECTED_QUOTE)) for (const word of keyWords(m[1]!)) rejected.add(word);
  for (const m of text.matchAll(BLAMED)) for (const word of keyWords(m[1]!)) rejected.add(word);
  // 「「期限切れのクーポンは復元できません」とのことですが…クーポンが消えてました」: a word the customer
  // also uses in their own sentences is the topic itself, not the explanation they rejected.
  const unquoted = text.replace(/「[^「」\n]{0,80}」/gu, '');
  for (const word of rejected) if (unquoted.includes(word)) rejected.delete(word);
  const own = withoutQuotedHistory(text);
  return {
    // A follow-up whose earlier contact the mail says was answered (「返ってきた回答が「…」だけでした」) waited for nothing.
    waited: (signals.followUp && (noAnswer(text) || !answered(text))) || (!signals.othersSilent && waitedForUs(text)),
    // The customer's own lines: 「いつも楽しみにしていたので残念ですが」 in their earlier mail, forwarded, is no opinion of this one.
    feedback: signals.thanks || (opinionOf(own) && !URGENT.test(own) && !REMEDY_ASKED.test(own) && !signals.deadline),
    rejected: [...rejected],
    facts,
    returnRaised: RETURN_RAISED.test(text),
    shipmentRaised: SHIPMENT_RAISED.test(text),
    moneyRaised: MONEY_RAISED.test(text),
    mailText: text,
    replacementOnly: REPLACEMENT_ASKED.test(own) && !REFUND_RAISED.test(own),
  };
}

/**
 * The customer waited: no answer yet, or an earlier contact that got none. Not a wait: calls that
 * never connected, or a contact whose answer the mail quotes (unless it also says no answer came).
 */
function waitedForUs(text: string): boolean {
  if (noAnswer(text)) return true;
  if (ANSWER_QUOTED.test(text)) return false;
  const sentences = text.split(/(?<=[。！？!?\n])/u);
  return sentences.some(
    (sentence, i) =>
      EARLIER_CONTACT.test(sentence.replace(WRITING_NOW, '')) &&
      !NOT_CONNECTED.test(sentence) &&
      !NOTICE_GIVEN.test(sentence) &&
      !HELPED.test(`${sentence}${sentences[i + 1] ?? ''}`) &&
      !ANOTHER_TIME.test(sentence),
  );
}

/**
 * The earlier contact was answered or helped, in its sentence or the next (「先日お電話した際に丁寧に
 * 対応していただき」「以前メールした時は、すぐに教えてもらえました」): nothing is owed.
 */
const HELPED =
  /(ご?対応|ご?回答|ご?返信|お?返事|ご?案内|ご?説明|教えて|折り返し)[^。\n]{0,6}?(いただき|いただいた|いただいて|いただけました|頂き|頂いた|くださ(?:り|った|いました)|もらった|もらい|もらえ(?:た|まし)|くれた|くれまし)/u;
/** 「前回も納期の件でご連絡しましたが、今回は困っています」: an earlier matter set against this one, not a wait. */
const ANOTHER_TIME = /(?:前回|以前|先月|前)も[^。\n]*今回/u;

/**
 * 「まだ届かなくて連絡しました」「気になったので連絡しました」: the reason for this very mail, not an earlier
 * contact — a date before it (「12月8日に注文したんですけど」) belongs to the errand.
 */
const WRITING_NOW = /(?:て|ので|から|ため)ご?連絡(?:を)?(?:し|いた)(?:まし)?た/gu;

/** Runs of kanji or katakana of two or more characters, minus generic support words. */
function keyWords(phrase: string): string[] {
  return (phrase.match(/[一-龥々]{2,}|[ァ-ヶー]{3,}/gu) ?? []).filter((w) => !GENERIC.has(w));
}

/** Words that name a kind of fact when the draft asks the customer for it. */
const FACT_REQUESTED: Record<FactKind, RegExp> = {
  'order-number': /注文番号/u,
  'contract-number': /契約番号|お客様番号/u,
  date: /日付|日時/u,
  amount: /金額/u,
  'product-name': /商品の名称|商品名/u,
  photo: /写真|画像/u,
  'account-id': /メールアドレス|ログインID|お客様番号/u,
  address: /住所|お届け先/u,
  phone: /電話番号/u,
};
const ASKS = /(お知らせ|お送り|ご確認|ご教示|お聞かせ|ご連絡)(いただけ|ください|くださいませ|願え)/u;

export interface StockRule {
  id: string;
  /** Why a sentence matching this rule is dropped. */
  why: string;
  applies(sentence: string, c: SentenceConditions): boolean;
  /** Draft sections the rule reads; every conditional section when absent. */
  sections?: readonly string[];
}

export const STOCK_RULES: readonly StockRule[] = [
  {
    id: 'wait-apology',
    why: 'apologises for a wait the customer did not mention',
    applies: (s, c) => !c.waited && /お待たせ|遅くなり/u.test(s),
  },
  {
    id: 'valued-feedback',
    why: '「貴重なご意見」 for a mail that is not feedback',
    applies: (s, c) => !c.feedback && /貴重なご意見/u.test(s),
  },
  {
    id: 'asks-given-fact',
    why: 'asks for a fact the mail gave',
    applies: (s, c) => ASKS.test(s) && [...c.facts.given].some((kind) => FACT_REQUESTED[kind].test(s)),
  },
  // 「商品到着後のご返品として承る」 to a hotel booking or a service cancelled: a remedy nobody raised.
  {
    id: 'unraised-return',
    why: 'offers a return of goods the mail never mentions',
    applies: (s, c) => c.returnRaised === false && /返品|返送/u.test(s),
    sections: ['facts', 'alsoMention'],
  },
  // 「ご注文の出荷状況を確認し」 to a name and address change on an insurance policy: no goods were sent.
  {
    id: 'unraised-shipment',
    why: 'talks of shipping goods the mail never mentions',
    applies: (s, c) => c.shipmentRaised === false && /出荷|発送|配送/u.test(s),
    sections: ['facts', 'alsoMention'],
  },
  // 「ご返金のいずれかで対応」 to thanks for a repair, or to a complaint about an app's new screens: nothing was paid for.
  {
    id: 'unraised-refund',
    why: 'offers a refund when the mail mentions no money and no goods',
    applies: (s, c) => c.moneyRaised === false && /返金/u.test(s),
    sections: ['facts', 'alsoMention'],
  },
  // Not in the dated next step: it names the topic, which the rejected explanation often shares
  // (「日程変更はキャンセル扱い」 in a mail about that very change), and a draft needs its promise.
  {
    id: 'rejected-explanation',
    why: 'repeats the explanation the customer rejected',
    applies: (s, c) => c.rejected.some((w) => s.includes(w)),
    sections: ['empathy', 'facts', 'alsoMention'],
  },
];

/** The paragraph without the sentences whose condition fails; empty when none is left. */
export function keepTrueSentences(paragraph: string, conditions: SentenceConditions, section?: string): string {
  const rules = STOCK_RULES.filter((rule) => !section || !rule.sections || rule.sections.includes(section));
  return sentencesOf(narrowRemedies(paragraph, conditions))
    .filter((sentence) => !rules.some((rule) => rule.applies(sentence, conditions)))
    .join('')
    .trim();
}

export function sentencesOf(paragraph: string): string[] {
  return paragraph.split(/(?<=[。！？])/u).filter((s) => s.trim() !== '');
}

/** Two remedies named together where the mail raised only the refund: 「ご返品・ご返金」 → 「ご返金」. */
const RETURN_AND_REFUND: ReadonlyArray<[RegExp, string]> = [
  [/ご返品・ご返金/gu, 'ご返金'],
  [/返品・返金/gu, '返金'],
  [/ご購入の商品を返品し、/gu, ''],
];

/**
 * A replacement offered with a refund where the customer asked for the goods again and never for their
 * money: 「交換、またはご返金のいずれかで」 → 「交換で」; a sentence that only offers the refund goes.
 */
const REPLACEMENT_NOT_REFUND: ReadonlyArray<[RegExp, string]> = [
  [/、?または(?:ご)?返金のいずれかで対応させていただきますので、ご希望の方法を[^。]*。/gu, 'で対応させていただきます。'],
  [/、?または(?:ご)?返金のいずれか(?:で|、ご希望に沿って)/gu, 'で'],
  [/(交換|再発送|再送)(品の発送日)?(?:、|または|・)(?:ご)?返金(日)?/gu, '$1$2'],
  [/[^。]*(?:ご)?返金をご希望の場合[^。]*。/gu, ''],
];

export function narrowRemedies(paragraph: string, conditions: SentenceConditions): string {
  let text = paragraph;
  if (conditions.replacementOnly) text = REPLACEMENT_NOT_REFUND.reduce((t, [pattern, narrowed]) => t.replace(pattern, narrowed), text);
  if (conditions.returnRaised !== false) return text;
  return RETURN_AND_REFUND.reduce((t, [pattern, narrowed]) => t.replace(pattern, narrowed), text);
}
