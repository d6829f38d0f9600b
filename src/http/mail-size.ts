/** Enforces MAX_BODY_BYTES on the mail text itself (UTF-8 bytes), with a 413 problem that says by how much. */
import type { MailInput } from './schemas/common.js';
import { ProblemError } from './problem.js';

export function assertMailSize(mail: MailInput, maxBytes: number): void {
  const bytes = Buffer.byteLength(mail.body, 'utf8');
  if (bytes > maxBytes) {
    throw new ProblemError('payload-too-large', `The mail body is ${bytes} bytes of UTF-8; the limit is ${maxBytes} bytes (MAX_BODY_BYTES).`);
  }
}
