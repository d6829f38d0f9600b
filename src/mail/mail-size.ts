/** The size limits a mail is checked against before each step that could take long on it. */
import { MailTooLargeError, type MailSizeLimit } from './errors.js';

export interface MailSizeLimits {
  /** The text that is cleaned and scored, in UTF-8 bytes. */
  maxBodyBytes: number;
  /** A raw mail, attachments included. */
  maxRawMailBytes: number;
}

/**
 * Hard schema ceilings (in characters) for a mail's fields wherever a request or webhook carries
 * them; the configured MAX_BODY_BYTES and MAX_RAW_MAIL_BYTES are enforced on bytes after that.
 */
export const SUBJECT_MAX_LENGTH = 2_000;
export const BODY_MAX_LENGTH = 2_000_000;
/** A raw mail in JSON, base64 included. */
export const RAW_MAX_LENGTH = 30_000_000;

/**
 * An HTML body may carry this many times the text limit in markup. html-to-text needs about a
 * second per 150 KB of dense markup, so the source is bounded before it is converted.
 */
export const HTML_MARKUP_FACTOR = 10;

export function maxBytesOf(limit: MailSizeLimit, limits: MailSizeLimits): number {
  switch (limit) {
    case 'raw':
      return limits.maxRawMailBytes;
    case 'html':
      return limits.maxBodyBytes * HTML_MARKUP_FACTOR;
    case 'body':
      return limits.maxBodyBytes;
  }
}

export function assertMailSize(value: string | Uint8Array, limit: MailSizeLimit, limits: MailSizeLimits): void {
  const bytes = typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : value.length;
  const maxBytes = maxBytesOf(limit, limits);
  if (bytes > maxBytes) throw new MailTooLargeError(limit, bytes, maxBytes);
}
