/**
 * Turns a request's mail (plain `body`, a pasted one with `clean`, or a raw RFC 822 mail in `raw` or as message/rfc822)
 * into what the analysis pool reads, and answers a mail that is too large or undecodable clearly.
 */
import type { MailText } from '../analysis/analyze.js';
import { isMailToRead, type MailRef } from '../analysis-pool/analysis-tasks.js';
import {
  assertMailSize,
  HTML_MARKUP_FACTOR,
  MailDecodeError,
  MailTooLargeError,
  type MailSizeLimit,
  type MailSizeLimits,
  type MailSource,
} from '../mail/index.js';
import { ProblemError } from './problem.js';
import type { MailInput } from './schemas/common.js';

export type MailLimits = MailSizeLimits;

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

/**
 * The request's mail as the analysis pool takes it: a plain body as text (its size checked here,
 * which costs one pass), anything to convert or clean as a source the pool reads under its budget.
 */
export function mailRefOf(input: MailInput, limits: MailLimits): MailRef {
  const source = mailSourceOf(input);
  // Only the two numbers: a route's options object may carry more than can be cloned to a thread.
  if (source.kind !== 'text' || source.clean) return { source, limits: mailLimitsOf(limits) };
  try {
    assertMailSize(source.body, 'body', limits);
  } catch (err) {
    throw mailProblem(err);
  }
  return { subject: source.subject, body: source.body };
}

export function mailLimitsOf({ maxBodyBytes, maxRawMailBytes }: MailLimits): MailLimits {
  return { maxBodyBytes, maxRawMailBytes };
}

/** The text that was scored: the mail as sent, or what the pool read from it. */
export function scoredText(mail: MailRef, read: { text: MailText } | undefined): MailText {
  if (!isMailToRead(mail)) return mail;
  if (!read) throw new Error('a mail to read came back without what was read');
  return read.text;
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
