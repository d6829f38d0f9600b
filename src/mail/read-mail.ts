/** A raw mail → the customer's new text, ready to score, and a report of what was read and removed. */
import type { MailText } from '../analysis/analyze.js';
import { cleanMailText } from './clean-mail-text.js';
import { MailDecodeError } from './errors.js';
import type { MailInfo } from './mail-info.js';
import { parseRawMail, type RawMail } from './parse-raw-mail.js';

export interface ReadMail {
  text: MailText;
  info: MailInfo;
}

export async function readRawMail(raw: RawMail): Promise<ReadMail> {
  const parsed = await parseRawMail(raw);
  const clean = cleanMailText(parsed.text, parsed);
  if (clean.text.trim() === '') {
    throw new MailDecodeError('empty-body', 'the mail has no new text of the customer once quoted history and signature are removed');
  }
  return {
    text: { subject: parsed.subject || undefined, body: clean.text, thread: { priorContacts: clean.thread.priorContacts } },
    info: {
      text: clean.text,
      subject: parsed.subject,
      ...(parsed.from ? { from: parsed.from } : {}),
      ...(parsed.messageId ? { messageId: parsed.messageId } : {}),
      ...(parsed.charset ? { charset: parsed.charset } : {}),
      bodySource: parsed.bodySource,
      stripped: clean.stripped,
      thread: { replyDepth: clean.thread.replyDepth, priorContacts: clean.thread.priorContacts, forwarded: clean.thread.forwarded },
      attachments: parsed.attachments,
    },
  };
}
