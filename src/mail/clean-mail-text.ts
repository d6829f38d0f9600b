/**
 * Mail body → the customer's new text that ondo scores, plus what was removed and the thread
 * signals found on the way. The result is the body's own lines, unchanged and in order, so
 * offsets into it point at what the customer wrote.
 */
import { stripQuotedReply } from './quoted-reply.js';
import { stripSignature } from './signature.js';
import { readThreadSignals, type MailSender, type ThreadSignals } from './thread-signals.js';

export interface CleanMailContext {
  subject?: string;
  /** The mail's sender, to recognise the customer's own earlier messages in the quotes. */
  from?: MailSender;
}

export interface CleanMailText {
  text: string;
  stripped: { quotedLines: number; signatureLines: number };
  thread: ThreadSignals;
}

export function cleanMailText(body: string, context: CleanMailContext = {}): CleanMailText {
  const reply = stripQuotedReply(body);
  const signature = stripSignature(reply.text);
  return {
    text: signature.text,
    stripped: { quotedLines: reply.quotedLines, signatureLines: signature.signatureLines },
    thread: readThreadSignals(context.subject ?? '', reply.history, context.from),
  };
}
