/** A mail-reading error as plain data, so it crosses a thread boundary and comes back as its own class. */
import { MailDecodeError, MailTooLargeError, type MailDecodeErrorCode, type MailSizeLimit } from '../mail/index.js';

export type MailErrorValue =
  | { kind: 'decode'; code: MailDecodeErrorCode; message: string }
  | { kind: 'too-large'; limit: MailSizeLimit; bytes: number; maxBytes: number };

export function mailErrorValue(err: unknown): MailErrorValue | undefined {
  if (err instanceof MailDecodeError) return { kind: 'decode', code: err.code, message: err.message };
  if (err instanceof MailTooLargeError) return { kind: 'too-large', limit: err.limit, bytes: err.bytes, maxBytes: err.maxBytes };
  return undefined;
}

export function mailErrorOf(value: MailErrorValue): MailDecodeError | MailTooLargeError {
  return value.kind === 'decode'
    ? new MailDecodeError(value.code, value.message)
    : new MailTooLargeError(value.limit, value.bytes, value.maxBytes);
}
