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

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/u;

export function findEmail(line: string): string | undefined {
  return EMAIL.exec(line)?.[0];
}

/** "From:" / "差出人:" and the other field names of Outlook, Gmail and Japanese header blocks. */
export const FROM_FIELD = /^[ \t]*\*{0,2}(?:From|差出人|送信者|送信元)\*{0,2}[ \t]*[:：]/iu;
export const OTHER_HEADER_FIELD =
  /^[ \t]*\*{0,2}(?:Sent|Date|To|Cc|Bcc|Subject|Importance|送信日時|送信日|日時|日付|宛先|件名|CC|BCC|重要度)\*{0,2}[ \t]*[:：]/iu;
