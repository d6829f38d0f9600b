/** HTML body → plain text that keeps the mail's paragraphs and line breaks, for HTML-only mail. */
import { convert, type HtmlToTextOptions } from 'html-to-text';

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
};

// A source line break between two Japanese characters is layout, not a space: html-to-text would
// turn "商品が\n届きません" into "商品が 届きません" (CSS Text 3 drops such breaks too).
const CJK = '\\u3000-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff01-\\uffef';
const BREAK_BETWEEN_CJK = new RegExp(`([${CJK}])[ \\t]*\\r?\\n[ \\t]*(?=[${CJK}])`, 'gu');

export function htmlBodyToText(html: string): string {
  return convert(html.replace(BREAK_BETWEEN_CJK, '$1'), OPTIONS);
}
