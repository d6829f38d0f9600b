/**
 * The line-level vocabulary quote and signature stripping share: splitting, quote levels, and
 * the header blocks mail clients write above quoted or forwarded messages.
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

/** For each index i: how many non-blank lines there are from i to the end (one pass, read in O(1)). */
export function nonBlankCountsFrom(lines: readonly string[]): Int32Array {
  const counts = new Int32Array(lines.length + 1);
  for (let index = lines.length - 1; index >= 0; index--) counts[index] = counts[index + 1]! + (isBlank(lines[index]!) ? 0 : 1);
  return counts;
}

/** The kept lines, joined, with runs of blank lines left by removals collapsed and ends trimmed. */
export function joinKeptLines(lines: readonly string[], removed: readonly boolean[]): string {
  const kept: string[] = [];
  for (const [index, line] of lines.entries()) {
    if (removed[index]) continue;
    if (isBlank(line) && (kept.length === 0 || isBlank(kept.at(-1)!))) continue;
    kept.push(line);
  }
  while (kept.length > 0 && isBlank(kept.at(-1)!)) kept.pop();
  return kept.join('\n');
}

/** Non-blank lines marked removed: what `stripped` counts report. */
export function countRemoved(lines: readonly string[], removed: readonly boolean[]): number {
  return lines.filter((line, index) => removed[index] && !isBlank(line)).length;
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
