/** Mails hold customers' personal data: logs get their length and a hash, never the text. */
import { createHash } from 'node:crypto';
import type { MailText } from '../analysis/analyze.js';

export function mailFingerprint(mail: MailText): { bodyLength: number; subjectLength: number; sha256: string } {
  const hash = createHash('sha256')
    .update(mail.subject ?? '')
    .update('\0')
    .update(mail.body)
    .digest('hex');
  return { bodyLength: mail.body.length, subjectLength: mail.subject?.length ?? 0, sha256: hash.slice(0, 16) };
}
