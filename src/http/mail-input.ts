/**
 * Turns a request's mail (plain `body`, a pasted one with `clean`, or a raw RFC 822 mail in `raw` or as message/rfc822)
 * into the text ondo scores, enforcing the size limits and answering undecodable mail clearly.
 */
import type { MailText } from '../analysis/analyze.js';
import { MailDecodeError, readPastedMail, readRawMail, type MailInfo } from '../mail/index.js';
import { ProblemError } from './problem.js';
import type { MailInput } from './schemas/common.js';

export interface MailLimits {
  maxBodyBytes: number;
  maxRawMailBytes: number;
}

export interface ReadMail {
  text: MailText;
  /** Present for a raw mail and a body read with `clean`. */
  info?: MailInfo;
}

export async function readMailInput(input: MailInput, limits: MailLimits): Promise<ReadMail> {
  if ((input.body === undefined) === (input.raw === undefined)) {
    throw new ProblemError('validation', 'Give exactly one of body (plain text) or raw (the whole RFC 822 mail).', {
      errors: [{ path: '/body', message: 'exactly one of body or raw is required' }],
    });
  }
  if (input.body !== undefined) {
    assertTextSize(input.body, limits.maxBodyBytes);
    return input.clean ? readPastedMail(input.body, input.subject) : { text: { subject: input.subject, body: input.body } };
  }
  const bytes = input.rawEncoding === 'utf8' ? Buffer.from(input.raw!, 'utf8') : decodeBase64(input.raw!);
  return readRawMailInput(bytes, limits, input.subject);
}

export async function readRawMailInput(bytes: Buffer, limits: MailLimits, subjectOverride?: string): Promise<ReadMail> {
  if (bytes.length > limits.maxRawMailBytes) {
    throw new ProblemError('payload-too-large', `The raw mail is ${bytes.length} bytes; the limit is ${limits.maxRawMailBytes} bytes (MAX_RAW_MAIL_BYTES).`);
  }
  try {
    const mail = await readRawMail(bytes);
    assertTextSize(mail.text.body, limits.maxBodyBytes);
    return subjectOverride === undefined ? mail : { ...mail, text: { ...mail.text, subject: subjectOverride } };
  } catch (err) {
    if (err instanceof MailDecodeError) {
      throw new ProblemError('undecodable-mail', `The mail could not be read (${err.code}): ${err.message}`, { reason: err.code });
    }
    throw err;
  }
}

function assertTextSize(text: string, maxBytes: number): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) {
    throw new ProblemError('payload-too-large', `The mail body is ${bytes} bytes of UTF-8; the limit is ${maxBytes} bytes (MAX_BODY_BYTES).`);
  }
}

function decodeBase64(value: string): Buffer {
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
    throw new ProblemError('validation', 'raw is not valid base64; send rawEncoding "utf8" for a mail given as text.', {
      errors: [{ path: '/raw', message: 'must be base64 (or set rawEncoding to utf8)' }],
    });
  }
  return Buffer.from(compact, 'base64');
}
