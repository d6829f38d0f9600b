/**
 * Removes the signature at the end of a customer's text: a "-- " separator, a rule line of
 * box-drawing or symbol characters above a contact block, a phone client's "sent from" line, or
 * a trailing block of company, address, TEL/FAX, URL and mail lines. The customer's first
 * paragraph is never touched.
 */
import { EMAIL_SOURCE, isBlank, isShortLine, splitLines } from '../analysis/text-lines.js';
import { countRemoved, joinKeptLines, nonBlankCountsFrom } from './mail-lines.js';

export interface SignatureResult {
  /** The text without its signature: the original lines, unchanged. */
  text: string;
  /** Non-blank lines removed as signature. */
  signatureLines: number;
}

const DASH_DASH = /^--[ \t]?$/u;
const SENT_FROM =
  /^\s*(?:(?:iPhone|iPad|Android|Galaxy|Xperia|AQUOS|Pixel|スマートフォン|スマホ|携帯)\s*(?:から|より|で)送信|Sent from my \S+|Sent from (?:Mail|Outlook) for \S+|Get Outlook for (?:iOS|Android)|Outlook for (?:iOS|Android)\s*を入手)\s*$/iu;
// ━━━━ ──── ＝＝＝＝ **** ---- ==== ____ ～～～～, optionally with a short title inside
const RULE_CHAR = '[━─═＝=＊*\\-－―_＿~～〜・#＃+＋■□◆◇●○☆★※]';
const RULE_LINE = new RegExp(`^\\s*(?:${RULE_CHAR}\\s?){4,}(?:.{0,30}?(?:${RULE_CHAR}\\s?){3,})?\\s*$`, 'u');

const CONTACT_PATTERNS = [
  /〒\s?\d{3}[-ー－]?\d{4}/u,
  /(?:TEL|Tel|tel|FAX|Fax|fax|Phone|PHONE|Mobile|携帯|電話|直通|代表|内線)\s*(?:番号)?\s*[:：.．]?\s*[+(（]?\d/u,
  /^\s*[(（]?0\d{1,4}[)）-]\d{1,4}-\d{3,4}\s*$/u,
  /https?:\/\/|www\./iu,
  new RegExp(EMAIL_SOURCE, 'u'),
  /株式会社|有限会社|合同会社|合資会社|社団法人|財団法人|㈱|㈲|\(株\)|（株）|Inc\.|Co\.,?\s?Ltd|Corporation|Corp\.|LLC/iu,
  /(?:北海道|東京都|大阪府|京都府|[\u4e00-\u9fff]{2,3}県).{0,20}(?:市|区|町|村|郡)|(?<!\d)\d+丁目|(?<!\d)\d+-\d+-\d+/u,
];

export function isContactLine(line: string): boolean {
  return isShortLine(line) && CONTACT_PATTERNS.some((pattern) => pattern.test(line));
}

function isRuleLine(line: string): boolean {
  return isShortLine(line) && RULE_LINE.test(line);
}

// A polite closing ("よろしくお願いします") is the customer's voice, not a signature
const SENTENCE = /[。．！？!?、]|ます|です|ません|ください|下さい|お願い|ました|でした|よろしく|宜しく/u;

/** A line that could sit in a signature: contact data, or a short name/department line. */
function isSignatureLike(line: string): boolean {
  if (isContactLine(line) || isRuleLine(line)) return true;
  return line.trim().length <= 40 && !SENTENCE.test(line);
}

interface Range {
  start: number;
  end: number;
}

/** Indexes of the first paragraph: the first run of non-blank lines. */
function firstParagraph(lines: readonly string[]): Range | undefined {
  const start = lines.findIndex((line) => !isBlank(line));
  if (start < 0) return undefined;
  let end = start;
  while (end < lines.length && !isBlank(lines[end]!)) end++;
  return { start, end };
}

/** The non-blank lines after `index`, when there are at most `limit` of them (else undefined, in O(1)). */
function fewLinesAfter(lines: readonly string[], nonBlankFrom: Int32Array, index: number, limit: number): string[] | undefined {
  if (nonBlankFrom[index + 1]! > limit) return undefined;
  return lines.slice(index + 1).filter((line) => !isBlank(line));
}

/**
 * A rule line opens a signature only if what follows it is a short, signature-like block. Only
 * the last few rule lines of a mail get past the count check, so the slice runs a bounded number
 * of times and the whole search stays linear.
 */
function ruleOpensSignature(lines: readonly string[], nonBlankFrom: Int32Array, index: number): boolean {
  const rest = fewLinesAfter(lines, nonBlankFrom, index, 12);
  if (rest === undefined) return false;
  if (rest.length === 0) return true;
  if (!rest.every(isSignatureLike)) return false;
  return rest.some(isContactLine) || rest.slice(1).some(isRuleLine);
}

/** Start of a trailing run of signature-like lines holding at least two contact lines. */
function contactBlockStart(lines: readonly string[]): number | undefined {
  let start = lines.length;
  let contacts = 0;
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = lines[index]!;
    if (isBlank(line)) continue;
    if (!isSignatureLike(line)) break;
    if (isContactLine(line)) contacts++;
    start = index;
  }
  return contacts >= 2 ? start : undefined;
}

function signatureStart(lines: readonly string[], paragraph: Range): number | undefined {
  const nonBlankFrom = nonBlankCountsFrom(lines);
  // a marker may sit inside the first paragraph (no blank line before it), never on its first line
  for (let index = paragraph.start + 1; index < lines.length; index++) {
    const line = lines[index]!;
    if (DASH_DASH.test(line) && nonBlankFrom[index + 1]! <= 20) return index;
    if (!isShortLine(line)) continue;
    if (SENT_FROM.test(line)) return index;
    if (RULE_LINE.test(line) && ruleOpensSignature(lines, nonBlankFrom, index)) return index;
  }
  const block = contactBlockStart(lines);
  return block !== undefined && block >= paragraph.end ? block : undefined;
}

export function stripSignature(text: string): SignatureResult {
  const lines = splitLines(text);
  const paragraph = firstParagraph(lines);
  const start = paragraph && signatureStart(lines, paragraph);
  const removed = lines.map((_, index) => start !== undefined && index >= start);
  return { text: joinKeptLines(lines, removed), signatureLines: countRemoved(lines, removed) };
}
