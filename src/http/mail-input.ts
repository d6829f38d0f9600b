/**
 * Turns a request's mail (plain `body`, a pasted one with `clean`, or a raw RFC 822 mail in `raw` or as message/rfc822)
 * into the text ondo scores, enforcing the size limits and answering undecodable mail clearly.
 */
import { HTML_MARKUP_FACTOR, MailDecodeError, MailTooLargeError, readMailSource, type MailSizeLimit, type MailSizeLimits, type MailSource, type ReadMailSource } from '../mail/index.js';
import { ProblemError } from './problem.js';
import type { MailInput } from './schemas/common.js';

export type MailLimits = MailSizeLimits;
export type ReadMail = ReadMailSource;

/** The request's mail as a source to read; a malformed request is a validation problem. */
export function mailSourceOf(input: MailInput): MailSource {
  if ((input.body === undefined) === (input.raw === undefined)) {
    throw new ProblemError('validation', 'Give exactly one of body (plain text) or raw (the whole RFC 822 mail).', {
      errors: [{ path: '/body', message: 'exactly one of body or raw is required' }],
    });
  }
  if (input.body !== undefined) return { kind: 'text', subject: input.subject, body: input.body, clean: input.clean === true };
  const bytes = input.rawEncoding === 'utf8' ? Buffer.from(input.raw!, 'utf8') : decodeBase64(input.raw!);
  return { kind: 'raw', bytes, subject: input.subject };
}

export async function readMailInput(input: MailInput, limits: MailLimits): Promise<ReadMail> {
  return readMail(mailSourceOf(input), limits);
}

/** Reads any mail source, answering a size or decoding failure as problem+json. */
export async function readMail(source: MailSource, limits: MailLimits): Promise<ReadMail> {
  try {
    return await readMailSource(source, limits);
  } catch (err) {
    throw mailProblem(err);
  }
}

const SIZE_LIMITS: Record<MailSizeLimit, { what: string; setting: string }> = {
  raw: { what: 'raw mail', setting: 'MAX_RAW_MAIL_BYTES' },
  html: { what: 'HTML body', setting: `${HTML_MARKUP_FACTOR} × MAX_BODY_BYTES` },
  body: { what: 'mail body (UTF-8)', setting: 'MAX_BODY_BYTES' },
};

/** The problem for a mail-reading failure; anything else is passed through unchanged. */
export function mailProblem(err: unknown): unknown {
  if (err instanceof MailTooLargeError) {
    const { what, setting } = SIZE_LIMITS[err.limit];
    return new ProblemError('payload-too-large', `The ${what} is ${err.bytes} bytes; the limit is ${err.maxBytes} bytes (${setting}).`);
  }
  if (err instanceof MailDecodeError) {
    return new ProblemError('undecodable-mail', `The mail could not be read (${err.code}): ${err.message}`, { reason: err.code });
  }
  return err;
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
