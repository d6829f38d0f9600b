/**
 * Removes the quoted history under (or around) a customer's new text: "> " quoting, reply
 * attribution lines, Outlook/Gmail/Japanese header blocks and forwarded-message markers. The
 * removed part is returned as a list of quoted messages, for thread signals.
 */
import { historyMarkerAt, quotedHistoryLines, type HistoryMarker } from '../analysis/quoted-history.js';
import { EMAIL_SOURCE, FROM_FIELD, findEmail, isBlank, splitLines, unquote } from '../analysis/text-lines.js';
import { countRemoved, joinKeptLines } from './mail-lines.js';

/** One earlier message found in the quoted history. */
export interface QuotedMessage {
  /** The line that introduced it (attribution, separator or From: line), quote markers removed. */
  header?: string;
  /** Sender address or name, as the attribution line or From: field gave it. */
  author?: { address?: string; name?: string };
  /** Its lines, quote markers removed. */
  lines: string[];
}

export interface QuotedReplyResult {
  /** The new text: the original lines that were not history, in order, unchanged. */
  text: string;
  /** Non-blank lines removed as quoted history. */
  quotedLines: number;
  /** Earlier messages in the removed history, newest first (as they are quoted). */
  history: QuotedMessage[];
}

// <address>, [mailto:address] and bare addresses around a sender's name in a From: field
const ADDRESS_NOISE = new RegExp(`<[^>]*>|\\[mailto:[^\\]]*\\]|${EMAIL_SOURCE}`, 'gu');

function authorOf(lines: readonly string[], marker: HistoryMarker): QuotedMessage['author'] {
  const markerLines = lines.slice(marker.start, marker.end);
  const fromLine = marker.kind === 'attribution' ? markerLines.join('') : markerLines.find((line) => FROM_FIELD.test(line));
  if (fromLine === undefined) return undefined;
  const address = findEmail(fromLine);
  const name = (marker.kind === 'attribution' ? '' : fromLine.replace(FROM_FIELD, ''))
    .replace(ADDRESS_NOISE, '')
    .replace(/["'*]/gu, '')
    .trim();
  return { ...(address ? { address: address.toLowerCase() } : {}), ...(name ? { name } : {}) };
}

/** Splits removed history lines into the messages their markers introduce. */
function splitHistory(lines: readonly string[]): QuotedMessage[] {
  const plain = lines.map(unquote);
  const messages: QuotedMessage[] = [];
  let current: QuotedMessage | undefined;
  for (let index = 0; index < plain.length; index++) {
    // a wrapped attribution is recognised on its second line but starts on this one
    const wrapped = index + 1 < plain.length ? historyMarkerAt(plain, index + 1) : undefined;
    const marker = historyMarkerAt(plain, index) ?? (wrapped?.start === index ? wrapped : undefined);
    if (marker) {
      current = { header: plain[marker.start]!.trim(), lines: [] };
      const author = authorOf(plain, marker);
      if (author) current.author = author;
      messages.push(current);
      index = marker.end - 1;
      continue;
    }
    if (isBlank(plain[index]!)) continue;
    if (!current) {
      current = { lines: [] };
      messages.push(current);
    }
    current.lines.push(plain[index]!);
  }
  return messages;
}

export function stripQuotedReply(text: string): QuotedReplyResult {
  const lines = splitLines(text);
  const removed = quotedHistoryLines(lines);
  const historyLines = lines.filter((_, index) => removed[index]);
  return {
    text: joinKeptLines(lines, removed),
    quotedLines: countRemoved(lines, removed),
    history: splitHistory(historyLines),
  };
}
