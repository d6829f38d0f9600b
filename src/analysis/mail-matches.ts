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
  const [subject, body] = fields;
  if (subject?.field === 'subject' && body) followBodyFrames(subject, body);
  return fields;
}

/**
 * Frames under which the body tells a word as not happening now. Negation is the subject's own, and a
 * quotation is not: the body quotes the system message (「ロックされています」と出ます) the subject states —
 * unless the subject is itself an earlier message's (Re: 配送遅延のお詫び), quoted like the body's history.
 */
const TOPIC_FRAMES = new Set<CancelledMatch['why']>(['hypothetical', 'resolved', 'other-party', 'self', 'joking', 'accepted']);
const REPLY_SUBJECT = /^\s*(?:re|fwd?)(?:\[\d+\])?\s*[:：]/iu;

/**
 * The subject names what the body tells: 「不正利用調査の取り下げ」 over a body where the fraud was only
 * feared (不正利用かと思い…問題ありませんでした). A subject word the body holds only inside such a frame
 * (never counted there) follows the body's frame.
 */
function followBodyFrames(subject: FieldMatches, body: FieldMatches): void {
  const counted = new Set(body.matches.map((m) => m.entry.id));
  const framed = new Map<string, CancelledMatch['why']>();
  const reply = REPLY_SUBJECT.test(subject.text.original);
  for (const c of body.cancelled)
    if ((TOPIC_FRAMES.has(c.why) || (reply && c.why === 'quoted')) && !counted.has(c.entry.id)) framed.set(c.entry.id, c.why);
  if (framed.size === 0) return;
  const kept: Match[] = [];
  for (const m of subject.matches) {
    const why = m.entry.role === 'score' ? framed.get(m.entry.id) : undefined;
    if (why) subject.cancelled.push(Object.assign({}, m, { why }));
    else kept.push(m);
  }
  subject.matches = kept;
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
