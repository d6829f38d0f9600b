/**
 * The customer's own text in a mail body, as the draft reads it: not the earlier mail quoted under
 * it (「>」 lines, -----Original Message-----), not a mail forwarded with it, and not the legal
 * disclaimer a company's mail system adds under the signature. A date, an errand or a name there is
 * someone else's, and a reply that answered it would answer a mail the customer did not write.
 */
import { quotedHistoryRanges } from '../analysis/quoted-history.js';

/**
 * A body read once for the customer's own words (triage reads it in plan() and passes it on): the
 * ranges that are not theirs, the text without them, and the disclaimers alone for customerTextSigned.
 */
export interface CustomerText {
  body: string;
  /** The [start, end) ranges of the body that are not the customer's own words, in order. */
  notOwn: ReadonlyArray<readonly [number, number]>;
  /** The body without them; the body itself when nothing is. */
  text: string;
  /** The disclaimer paragraphs alone (a quote's signed lines are read around them). */
  disclaimers: ReadonlyArray<readonly [number, number]>;
}

export function readCustomerText(body: string): CustomerText {
  const disclaimers = disclaimerRanges(body);
  const notOwn = mergeRanges([...quotedHistoryRanges(body), ...disclaimers]);
  return { body, notOwn, text: withoutRanges(body, notOwn), disclaimers };
}

/** The body without what is not the customer's own (see CustomerText); the body itself when nothing is. */
export function customerText(body: string): string {
  return readCustomerText(body).text;
}

function withoutRanges(text: string, ranges: ReadonlyArray<readonly [number, number]>): string {
  let kept = '';
  let from = 0;
  for (const [start, end] of ranges) {
    kept += text.slice(from, start);
    from = end;
  }
  return kept + text.slice(from);
}

/** Whether [start, end) lies inside one of the ranges. */
export function insideRanges(ranges: ReadonlyArray<readonly [number, number]>, start: number): boolean {
  return ranges.some(([from, to]) => from <= start && start < to);
}

/**
 * What a disclaimer says, one cue a clause: the mail is confidential, meant for its addressee only,
 * to be deleted if received in error, not to be copied or forwarded. A customer's own sentence may
 * hold one (「誤って削除してしまいました」); a disclaimer holds two or more.
 */
const DISCLAIMER_CUES: readonly RegExp[] = [
  /機密|秘密情報|守秘|confidential|privileged/iu,
  /誤って(?:受信|送信|配信|届|本メール|このメール)|誤送信|お心当たりのない|in error|by mistake/iu,
  /(?:削除|破棄)(?:の上|のうえ|して(?:いただ|頂|くださ|下さ)|(?:を)?(?:お願い|願い))|delete|destroy/iu,
  /(?:転送|複製|転載|開示|配布|使用|利用)(?:を|は|すること)?(?:禁|固く|お断り|ご遠慮)|prohibited|strictly/iu,
  /(?:宛先|名宛)(?:人|の方)?(?:以外|のみ)|intended (?:only )?for|intended recipient|addressee/iu,
  /免責|disclaimer|送信専用|返信(?:いただいても|されても)(?:お答え|回答|対応)でき/iu,
];

/** A paragraph (lines between blank lines) holding two or more disclaimer cues, never the mail's first paragraph. */
function disclaimerRanges(body: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let first = true;
  for (const m of body.matchAll(/[^\n]+(?:\n[ \t]*[^\s][^\n]*)*/gu)) {
    const paragraph = m[0];
    if (paragraph.trim() === '') continue;
    if (!first && paragraph.length <= 1_500 && DISCLAIMER_CUES.filter((cue) => cue.test(paragraph)).length >= 2) {
      ranges.push([m.index, m.index + paragraph.length]);
    }
    first = false;
  }
  return ranges;
}

function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const merged: Array<[number, number]> = [];
  for (const range of ranges.sort((a, b) => a[0] - b[0])) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/**
 * The customer's own text with the lines they signed under a quote or a forward (「> …」 then
 * 「有限会社アオバ設計　総務　工藤」): the lines after the last quoted line, or a last paragraph of
 * one or two short lines, are theirs again.
 */
export function customerTextSigned({ body, text: own, disclaimers }: CustomerText): string {
  if (own.length === body.length) return own;
  const lines = withoutRanges(body, disclaimers).trimEnd().split('\n');
  const lastQuoted = lines.findLastIndex((line) => /^[ \t]*[>＞]/u.test(line));
  const lastBlank = lines.findLastIndex((line) => line.trim() === '');
  const afterQuote = lines.slice(lastQuoted + 1).filter((line) => line.trim() !== '');
  const signed = afterQuote.filter((line) => !SIGNATURE_DETAIL.test(line.normalize('NFKC')));
  const lastParagraph = lines.slice(lastBlank + 1);
  const tail =
    lastQuoted >= 0 && signed.length <= SIGNED_LINES
      ? afterQuote
      : lastParagraph.length <= 2 && lastParagraph.every((line) => line.trim().length <= 30 && !/[:：]/u.test(line))
        ? lastParagraph
        : [];
  return tail.length > 0 && !own.trimEnd().endsWith(tail.join('\n').trimEnd()) ? `${own.trimEnd()}\n\n${tail.join('\n')}` : own;
}
/** How many lines under the last quoted line may be the writer's signature. */
const SIGNED_LINES = 4;

/** A line of a signature's frame or contact block, never a name: a rule, a postcode, an address, a phone, a mail address, a URL. */
export const SIGNATURE_DETAIL =
  /^(?=.{0,60}$)(?:[━─═=＝*＊\-－―_~～・■□◆◇●○☆★※]{4,}.{0,30}|.*〒\s?\d{3}-?\d{4}.*|(?:TEL|Tel|tel|FAX|Fax|fax|Phone|Mobile|携帯|電話|直通|代表)\s*[:：.]?\s*[+(]?\d.*|(?:E-?mail|e-?mail|MAIL|Mail|メール)\s*[:：].*|(?:URL\s*[:：]\s*)?(?:https?:\/\/|www\.)\S+|.{0,12}[都道府県].{0,20}[市区町村郡].*\d.*)$/u;

/** The quoted or forwarded mail is the customer's own earlier one: its From: line names them (「From: 長野 恵」). */
export function fromLineNames(body: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  return new RegExp(`^[ \\t>＞]*(?:From|差出人|送信者)[ \\t]*[:：][ \\t]*"?${escaped}`, 'mu').test(body);
}
