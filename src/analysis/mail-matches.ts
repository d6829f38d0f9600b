/** Matches every dictionary (tone, scenarios) against a mail's subject and body in one pass each. */
import type { Dictionaries } from './lexicon/load.js';
import { findMatches, type CancelledMatch, type Match, type PreparedText } from './match.js';

export type MailFieldName = 'subject' | 'body';

/** A mail tokenized once; tone scoring and scenario detection both read it. */
export interface PreparedMail {
  subject?: PreparedText;
  body: PreparedText;
}

export interface FieldMatches {
  field: MailFieldName;
  text: PreparedText;
  matches: Match[];
  cancelled: CancelledMatch[];
}

export function matchMail(mail: PreparedMail, { lexicon, config }: Dictionaries): FieldMatches[] {
  const fields: FieldMatches[] = [];
  for (const [field, text] of [
    ['subject', mail.subject],
    ['body', mail.body],
  ] as const) {
    if (text) fields.push({ field, text, ...findMatches(text, lexicon, config) });
  }
  return fields;
}

/** The span of a match as reported in results: entry, category, field and original offsets. */
export function spanOf(m: Match, field: FieldMatches) {
  return {
    entryId: m.entry.id,
    category: m.entry.category,
    field: field.field,
    text: field.text.original.slice(m.start, m.end),
    start: m.start,
    end: m.end,
  };
}
