/**
 * The line-level vocabulary of pasted and raw mail: splitting, quote levels, addresses and the
 * header fields mail clients write above quoted or forwarded messages. Analysis reads it to find a
 * mail's quoted history; src/mail reads it to strip history and signatures.
 */

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/u);
}

export function isBlank(line: string): boolean {
  return line.trim() === '';
}

/**
 * Longest line the line classifiers (markers, rules, contact data) look at. Markers and signature
 * lines are short; a longer line is the customer's text, and skipping it keeps the classifiers'
 * regular expressions linear in the mail however they backtrack within one line.
 */
export const MAX_CLASSIFIED_LINE = 300;

export function isShortLine(line: string): boolean {
  return line.length <= MAX_CLASSIFIED_LINE;
}

const QUOTE_PREFIX = /^[ \t]*[>＞](?:[ \t]?[>＞])*[ \t]?/u;

/** How deeply a line is quoted: "> > text" and ">>text" are 2, full-width ＞ counts too. */
export function quoteLevel(line: string): number {
  const prefix = QUOTE_PREFIX.exec(line)?.[0] ?? '';
  return prefix.replace(/[^>＞]/gu, '').length;
}

export function unquote(line: string): string {
  return line.replace(QUOTE_PREFIX, '');
}

/**
 * A mail address. The lookbehind lets a match start only where a run of address characters
 * starts: without it a long run with no "@" is rescanned from every position (quadratic).
 */
export const EMAIL_SOURCE = '(?<![\\w.+-])[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+';
const EMAIL = new RegExp(EMAIL_SOURCE, 'u');

export function findEmail(line: string): string | undefined {
  return EMAIL.exec(line)?.[0];
}

/** "From:" / "差出人:" and the other field names of Outlook, Gmail and Japanese header blocks. */
export const FROM_FIELD = /^[ \t]*\*{0,2}(?:From|差出人|送信者|送信元)\*{0,2}[ \t]*[:：]/iu;
export const OTHER_HEADER_FIELD =
  /^[ \t]*\*{0,2}(?:Sent|Date|To|Cc|Bcc|Subject|Importance|送信日時|送信日|日時|日付|宛先|件名|CC|BCC|重要度)\*{0,2}[ \t]*[:：]/iu;
