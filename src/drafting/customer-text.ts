/**
 * The customer's own text in a mail body, as the draft reads it: not the earlier mail quoted under
 * it (「>」 lines, -----Original Message-----), not a mail forwarded with it, and not the legal
 * disclaimer a company's mail system adds under the signature. A date, an errand or a name there is
 * someone else's, and a reply that answered it would answer a mail the customer did not write.
 */
import { disclaimerRanges } from '../analysis/disclaimer.js';
import type { PreparedText } from '../analysis/match.js';
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

/**
 * `read`: the same body as the analysis prepared it (PreparedText), whose quoted history and disclaimers
 * are these ranges already: they are taken as found, not looked for a second time.
 */
export function readCustomerText(body: string, read?: Pick<PreparedText, 'original' | 'history' | 'disclaimer'>): CustomerText {
  const prepared = read?.original === body ? read : undefined;
  const disclaimers = prepared ? prepared.disclaimer : disclaimerRanges(body);
  const notOwn = mergeRanges([...(prepared ? prepared.history : quotedHistoryRanges(body)), ...disclaimers]);
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

function mergeRanges(ranges: Array<readonly [number, number]>): Array<[number, number]> {
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
