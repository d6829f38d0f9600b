/**
 * Every way a mail reaches ondo (a plain or pasted body, a provider's HTML, a raw RFC 822 mail)
 * → the text to score, with each size limit checked before the step it protects: the raw bytes
 * before MIME parsing, the decoded text before quote and signature stripping.
 */
import type { MailText } from '../analysis/analyze.js';
import { MailDecodeError } from './errors.js';
import { htmlBodyToText } from './html-body.js';
import type { MailInfo } from './mail-info.js';
import { assertMailSize, type MailSizeLimits } from './mail-size.js';
import { readPastedMail, readRawMail } from './read-mail.js';

export type { MailSizeLimits } from './mail-size.js';

export type MailSource =
  /** A body as the API got it; `clean` strips quoted history and signature (a pasted mail). */
  | { kind: 'text'; subject?: string; body: string; clean: boolean }
  /** HTML a provider decoded for us (Postmark, SendGrid …): converted to text, then cleaned. */
  | { kind: 'html'; subject?: string; html: string }
  /** A whole RFC 822 mail. */
  | { kind: 'raw'; bytes: Uint8Array; subject?: string };

export interface ReadMailSource {
  text: MailText;
  /** Present for a raw mail and for any cleaned body. */
  info?: MailInfo;
  /** A raw mail's Date header (ISO 8601), when it has a valid one. */
  date?: string;
}

/**
 * The first size check of a source, as it came (a MailTooLargeError over its limit): the caller may
 * run it before the source crosses to a thread; readMailSource runs it again where it reads.
 */
export function assertSourceSize(source: MailSource, limits: MailSizeLimits): void {
  if (source.kind === 'text') assertMailSize(source.body, 'body', limits);
  else if (source.kind === 'html') assertMailSize(source.html, 'html', limits);
  else assertMailSize(source.bytes, 'raw', limits);
}

/** Throws MailTooLargeError or MailDecodeError; never cleans more than the limits allow. */
export async function readMailSource(source: MailSource, limits: MailSizeLimits): Promise<ReadMailSource> {
  assertSourceSize(source, limits);
  switch (source.kind) {
    case 'text':
      return source.clean ? readPastedMail(source.body, source.subject) : { text: { subject: source.subject, body: source.body } };
    case 'html': {
      const body = htmlBodyToText(source.html);
      if (body.trim() === '') throw new MailDecodeError('empty-body', 'the text/html body has no visible text');
      assertMailSize(body, 'body', limits);
      const read = readPastedMail(body, source.subject);
      return { ...read, info: { ...read.info, bodySource: 'text/html' } };
    }
    case 'raw': {
      const mail = await readRawMail(source.bytes, limits);
      return source.subject === undefined ? mail : { ...mail, text: { ...mail.text, subject: source.subject } };
    }
  }
}
