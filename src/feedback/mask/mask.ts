/**
 * Masks personal data before a correction is stored: contact data and reference numbers first,
 * then people's names in the text that is left, each replaced by its typed placeholder. The text
 * is NFKC-normalised first (the analysis normalises the same way, so scores do not change).
 */
import { findNames, type MailPart, type NameRange } from './names.js';
import { CONTACT_PATTERNS, PLACEHOLDERS, type PersonalDataKind } from './patterns.js';

export type { PersonalDataKind } from './patterns.js';
export type { MailPart } from './names.js';
export { PLACEHOLDERS } from './patterns.js';

export interface MaskedText {
  text: string;
  /** How many of each kind were replaced (for the stored record; never the values). */
  masked: Partial<Record<PersonalDataKind, number>>;
}

/** Dashes people type between digits (０９０ー１２３４ー５６７８): one hyphen, so one phone pattern fits. */
const DIGIT_DASH = /(?<=\d)[‐‑‒–—―−ー－ｰ](?=[\dXx])/gu;

/** Masks a mail's body, or its subject (`part: 'subject'`: names only by honorific, self-introduction or field). */
export function maskPersonalData(input: string, part: MailPart = 'body'): MaskedText {
  const masked: MaskedText['masked'] = {};
  const count = (kind: PersonalDataKind) => (masked[kind] = (masked[kind] ?? 0) + 1);
  let text = input.normalize('NFKC').replace(DIGIT_DASH, '-');
  for (const { kind, pattern, group } of CONTACT_PATTERNS) {
    text = text.replace(pattern, (...args: unknown[]) => {
      const whole = args[0] as string;
      const part = group === undefined ? whole : (args[group] as string | undefined);
      if (!part || part.includes('〔')) return whole;
      count(kind);
      const at = whole.lastIndexOf(part);
      return whole.slice(0, at) + PLACEHOLDERS[kind] + whole.slice(at + part.length);
    });
  }
  return { text: replaceRanges(text, findNames(text, part), () => count('name')), masked };
}

/** Replaces the (possibly overlapping) name ranges, merged, by one 〔氏名〕 each. */
function replaceRanges(text: string, ranges: NameRange[], onReplace: () => void): string {
  if (ranges.length === 0) return text;
  const sorted = [...ranges].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  let open: NameRange | undefined;
  const flush = () => {
    if (!open) return;
    out += text.slice(at, open.start) + PLACEHOLDERS.name;
    at = open.end;
    onReplace();
  };
  for (const range of sorted) {
    if (open && range.start <= open.end) open = { start: open.start, end: Math.max(open.end, range.end) };
    else {
      flush();
      open = { ...range };
    }
  }
  flush();
  return out + text.slice(at);
}
