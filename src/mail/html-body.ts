/** HTML body → plain text that keeps the mail's paragraphs and line breaks, for HTML-only mail. */
import { convert, type HtmlToTextOptions } from 'html-to-text';
import { Parser } from 'htmlparser2';
import { MailDecodeError } from './errors.js';

/**
 * Deepest element nesting converted. html-to-text walks the tree recursively and overflows the
 * stack somewhere in the thousands; real mail (Outlook's nested tables included) stays far below.
 */
export const MAX_HTML_DEPTH = 256;

const OPTIONS: HtmlToTextOptions = {
  // Japanese has no spaces to wrap at, and wrapping would invent line breaks the writer never typed
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    // quoted history stays recognisable as "> " lines for stripQuotedReply
    { selector: 'blockquote', options: { trimEmptyLines: true } },
    { selector: 'table', format: 'dataTable' },
  ],
  // a backstop only: deeper HTML is refused before conversion
  limits: { maxDepth: MAX_HTML_DEPTH + 1 },
};

// A source line break between two Japanese characters is layout, not a space: html-to-text would
// turn "商品が\n届きません" into "商品が 届きません" (CSS Text 3 drops such breaks too).
const CJK = '\\u3000-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff01-\\uffef';
const BREAK_BETWEEN_CJK = new RegExp(`([${CJK}])[ \\t]*\\r?\\n[ \\t]*(?=[${CJK}])`, 'gu');

/**
 * Whether the document's elements nest deeper than `limit`, as html-to-text's parser (htmlparser2:
 * the same tokenizer and implied end tags) would build the tree. htmlparser2 keeps its open
 * elements in an array it unshifts, so parsing costs O(length × depth): the scan stops at the
 * first element past the limit, which keeps it linear, and only shallow HTML is ever converted.
 */
export function nestsDeeperThan(html: string, limit: number): boolean {
  let depth = 0;
  let tooDeep = false;
  const parser = new Parser({
    onopentag() {
      depth++;
      if (depth > limit && !tooDeep) {
        tooDeep = true;
        parser.pause();
      }
    },
    onclosetag() {
      depth--;
    },
  });
  parser.write(html);
  return tooDeep;
}

export function htmlBodyToText(html: string): string {
  if (nestsDeeperThan(html, MAX_HTML_DEPTH)) {
    throw new MailDecodeError('html-too-deep', `the HTML nests elements more than ${MAX_HTML_DEPTH} deep, the most ondo reads`);
  }
  return convert(html.replace(BREAK_BETWEEN_CJK, '$1'), OPTIONS);
}
