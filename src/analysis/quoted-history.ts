/**
 * Where a pasted mail's quoted history is: "> " lines, the attribution line above them, and from a
 * reply separator, a mail client's header block or an attribution on, everything below. The tone
 * of a mail is the customer's new text; an earlier message quoted under it (their own complaint
 * now settled, or the shop's apology) is not what they are saying now. src/mail strips the same
 * lines from a raw mail, so one set of rules decides what history is.
 */
import { FROM_FIELD, OTHER_HEADER_FIELD, findEmail, isBlank, isShortLine, quoteLevel, splitLines } from './text-lines.js';

// 「2026年11月20日(金) 10:15 山田太郎 <taro@example.jp>:」 (Gmail, Japanese UI) and its kin
const JAPANESE_DATE_ATTRIBUTION = /^\s*\d{4}\s*[年/.-]\s*\d{1,2}\s*[月/.-]\s*\d{1,2}.{0,120}[:：]\s*$/u;
// 「山田太郎さんは書きました:」「… wrote:」「2024/01/01 10:00、山田 <x@y>のメッセージ:」
const WROTE = /(?:wrote|書きました|書き込みました|のメッセージ|からのメッセージ)\s*[:：]\s*$/iu;
const HONORIFIC_WROTE = /(?:さん|様|氏)(?:は|が)?書きました\s*[:：]\s*$/u;
const DATE_OR_TIME = /\d{1,2}:\d{2}|\d{4}[年/.-]\d{1,2}|\d{1,2}月\d{1,2}日/u;
const SEPARATOR =
  /^\s*[-－―─=＝_＿*]{2,}\s*(?:Original Message|Forwarded message|Forwarded Message|元のメッセージ|転送メッセージ|転送されたメッセージ|オリジナルメッセージ|Original)\s*[-－―─=＝_＿*]*\s*$/iu;
const FORWARD_INTRO = /^\s*(?:Begin forwarded message|転送されたメッセージ|転送メッセージ)\s*[:：]\s*$/iu;
// Outlook draws "________________________________" above its header block
const OUTLOOK_RULE = /^\s*_{10,}\s*$/u;
/** A bare rule line: the hand-drawn close of a forwarded block (「-----------------------------------」). */
const BARE_RULE = /^\s*[-－―─=＝_＿*]{10,}\s*$/u;

export type MarkerKind = 'attribution' | 'separator' | 'header-block';

export interface HistoryMarker {
  kind: MarkerKind;
  /** First line of the marker (an attribution may be wrapped onto two lines). */
  start: number;
  /** Line after the marker's own lines (for a header block: after its fields). */
  end: number;
}

function nextNonBlank(lines: readonly string[], from: number): number {
  let index = from;
  while (index < lines.length && isBlank(lines[index]!)) index++;
  return index;
}

function isAttribution(lines: readonly string[], index: number): boolean {
  const line = lines[index]!;
  if (line.length > 200) return false;
  if (JAPANESE_DATE_ATTRIBUTION.test(line) && findEmail(line) !== undefined) return true;
  if (HONORIFIC_WROTE.test(line)) return true;
  if (!WROTE.test(line)) return false;
  // "…書きました:" in a customer's own sentence must not cut the mail: ask for a mail-client shape
  const next = lines[nextNonBlank(lines, index + 1)];
  return (
    findEmail(line) !== undefined || DATE_OR_TIME.test(line) || /^\s*On\s/iu.test(line) || (next !== undefined && quoteLevel(next) > 0)
  );
}

/** Lines of an Outlook/Gmail header block starting at `index`, or 0 when there is none. */
function headerBlockLength(lines: readonly string[], index: number): number {
  if (!FROM_FIELD.test(lines[index]!)) return 0;
  let fields = 0;
  let end = index + 1;
  while (end < lines.length && end <= index + 8 && OTHER_HEADER_FIELD.test(lines[end]!)) {
    fields++;
    end++;
  }
  return fields >= 2 ? end - index : 0;
}

/** The history marker at `index` (lines already unquoted), if there is one. */
export function historyMarkerAt(lines: readonly string[], index: number): HistoryMarker | undefined {
  const line = lines[index]!;
  // markers are short lines; a long one is text, and skipping it bounds the regexes' backtracking
  if (!isShortLine(line)) return undefined;
  if (SEPARATOR.test(line) || FORWARD_INTRO.test(line)) {
    // the separator's own header block belongs to it
    const fieldsAt = nextNonBlank(lines, index + 1);
    const block = fieldsAt < lines.length ? headerBlockLength(lines, fieldsAt) : 0;
    return { kind: 'separator', start: index, end: block > 0 ? fieldsAt + block : index + 1 };
  }
  if (OUTLOOK_RULE.test(line)) {
    const fieldsAt = nextNonBlank(lines, index + 1);
    const block = fieldsAt < lines.length ? headerBlockLength(lines, fieldsAt) : 0;
    return block > 0 ? { kind: 'header-block', start: index, end: fieldsAt + block } : undefined;
  }
  const block = headerBlockLength(lines, index);
  if (block > 0) return { kind: 'header-block', start: index, end: index + block };
  if (isAttribution(lines, index)) {
    // Gmail wraps long attributions: "On Fri, … 山田太郎 <" / "taro@example.jp> wrote:"
    const previous = lines[index - 1];
    const wrapped =
      previous !== undefined &&
      !isBlank(previous) &&
      (/^\s*On\s/iu.test(previous) || DATE_OR_TIME.test(previous)) &&
      !/[。.!?！？]\s*$/u.test(previous);
    return { kind: 'attribution', start: wrapped ? index - 1 : index, end: index + 1 };
  }
  return undefined;
}

/** For each line of `lines`: whether it is quoted history. Linear: markers are tested on short lines only. */
export function quotedHistoryLines(lines: readonly string[]): boolean[] {
  const removed = lines.map((line) => quoteLevel(line) > 0);

  // an attribution right above quoted lines goes with them, wherever the new text is
  for (let index = 0; index < lines.length; index++) {
    if (removed[index] || isBlank(lines[index]!)) continue;
    const next = nextNonBlank(lines, index + 1);
    if (next < lines.length && removed[next] && isAttribution(lines, index)) {
      const marker = historyMarkerAt(lines, index);
      for (let line = marker?.start ?? index; line <= index; line++) removed[line] = true;
    }
  }

  // from the first unquoted marker after the new text's first line, everything is history
  let from = 0;
  for (;;) {
    let first = from;
    while (first < lines.length && (removed[first] || isBlank(lines[first]!))) first++;
    if (first >= lines.length) break;
    let marker: HistoryMarker | undefined;
    for (let index = first; index < lines.length && !marker; index++) {
      if (!removed[index]) marker = historyMarkerAt(lines, index);
    }
    if (!marker) break;
    if (marker.start > first) {
      // 「-------- Forwarded Message --------」 … 「-----------------------------------」 then the customer
      // writes on: a forward closed by a rule as wide as its opening ends there, and what follows is theirs.
      const close = marker.kind === 'separator' ? closingRule(lines, marker) : undefined;
      if (close === undefined) {
        removed.fill(true, marker.start);
        break;
      }
      removed.fill(true, marker.start, close + 1);
      from = close + 1;
      continue;
    }
    // The mail opens with history (a forward without a note of its own): the forwarded
    // message is the text, so drop only its header block and read on.
    removed.fill(true, marker.start, marker.end);
    from = marker.end;
  }

  return removed;
}

/**
 * The line that closes a separator's forwarded block: a bare rule within a few characters of the
 * separator's own width, with text of the writer's after it. A forward without one runs to the end.
 */
function closingRule(lines: readonly string[], marker: HistoryMarker): number | undefined {
  const opening = lines[marker.start]!.trim();
  if (!/^[-－―─=＝_＿*]{2,}/u.test(opening)) return undefined;
  for (let index = marker.end; index < lines.length; index++) {
    const line = lines[index]!;
    if (!BARE_RULE.test(line) || Math.abs(line.trim().length - opening.length) > 4) continue;
    return lines.slice(index + 1).some((rest) => !isBlank(rest) && quoteLevel(rest) === 0) ? index : undefined;
  }
  return undefined;
}

/** The [start, end) character ranges of a text's quoted history, in order; none for most mails. */
export function quotedHistoryRanges(text: string): Array<[number, number]> {
  const lines = splitLines(text);
  const history = quotedHistoryLines(lines);
  // A paste that is nothing but quotes is the message itself, as src/mail reads it: nothing is set aside.
  if (lines.every((line, index) => history[index] || isBlank(line))) return [];
  const ranges: Array<[number, number]> = [];
  let offset = 0;
  for (const [index, line] of lines.entries()) {
    const end = offset + line.length;
    if (history[index]) {
      const last = ranges.at(-1);
      if (last && last[1] >= offset - 2) last[1] = end;
      else ranges.push([offset, end]);
    }
    offset = end + (text.startsWith('\r\n', end) ? 2 : 1);
  }
  return ranges;
}

/** The text without its quoted history: the writer's own lines, for readers that need no offsets. */
export function withoutQuotedHistory(text: string): string {
  let own = '';
  let from = 0;
  for (const [start, end] of quotedHistoryRanges(text)) {
    own += text.slice(from, start);
    from = end;
  }
  return own + text.slice(from);
}
