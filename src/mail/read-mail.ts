/** A raw mail → the customer's new text, ready to score, and a report of what was read and removed. */
import type { MailText } from '../analysis/analyze.js';
import { cleanMailText, type CleanMailText } from './clean-mail-text.js';
import { MailDecodeError } from './errors.js';
import type { MailInfo } from './mail-info.js';
import { assertMailSize, type MailSizeLimits } from './mail-size.js';
import { parseRawMail, type RawMail } from './parse-raw-mail.js';

export interface ReadMail {
  text: MailText;
  info: MailInfo;
  /** A raw mail's Date header (ISO 8601), when it has a valid one: when the mail was sent. */
  date?: string;
}

/** With `limits`, the decoded body is size-checked before HTML conversion and before cleaning. */
export async function readRawMail(raw: RawMail, limits?: MailSizeLimits): Promise<ReadMail> {
  const parsed = await parseRawMail(raw, limits);
  if (limits) assertMailSize(parsed.text, 'body', limits);
  const clean = cleanMailText(parsed.text, parsed);
  if (clean.text.trim() === '') {
    throw new MailDecodeError('empty-body', 'the mail has no new text of the customer once quoted history and signature are removed');
  }
  const read = fromCleanText(clean, {
    subject: parsed.subject,
    ...(parsed.from ? { from: parsed.from } : {}),
    ...(parsed.messageId ? { messageId: parsed.messageId } : {}),
    ...(parsed.charset ? { charset: parsed.charset } : {}),
    bodySource: parsed.bodySource,
    attachments: parsed.attachments,
  });
  return parsed.date ? { ...read, date: parsed.date } : read;
}

/**
 * A mail body pasted with its history (the API's `clean: true`): read as a raw mail's body is,
 * without the MIME layer. A paste that is nothing but quotes and signature is scored as given.
 */
export function readPastedMail(body: string, subject?: string): ReadMail {
  const clean = cleanMailText(body.replace(/\r\n?/g, '\n'), { subject });
  const kept = clean.text.trim() !== '' ? clean : { ...clean, text: body };
  return fromCleanText(kept, { subject: subject ?? '', bodySource: 'text/plain', attachments: [] });
}

/** The text to score and the report on it, from the cleaned body and what the headers said. */
function fromCleanText(clean: CleanMailText, headers: Omit<MailInfo, 'text' | 'stripped' | 'thread'>): ReadMail {
  return {
    text: { subject: headers.subject || undefined, body: clean.text, thread: { priorContacts: clean.thread.priorContacts } },
    info: {
      text: clean.text,
      ...headers,
      stripped: clean.stripped,
      thread: { replyDepth: clean.thread.replyDepth, priorContacts: clean.thread.priorContacts, forwarded: clean.thread.forwarded },
    },
  };
}
