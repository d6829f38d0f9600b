/** Why a mail could not be read: undecodable (parseRawMail) or over a size limit (readMailSource). */

/**
 * Why a mail could not be decoded. Stable strings: the HTTP layer maps each to a problem+json
 * `type`, so renaming one is a breaking change.
 */
export const MAIL_DECODE_ERROR_CODES = [
  'not-a-mail', // the input has no RFC 5322 header block at all
  'malformed-mime', // headers without a body separator, multipart without a usable boundary
  'unsupported-charset', // a charset label we cannot decode, and the bytes do not reveal the real one
  'undecodable-body', // the body bytes do not fit the declared (or any Japanese) charset
  'undecodable-header', // the subject or sender name is raw 8-bit text in no recognisable charset
  'empty-body', // no text/plain or text/html content with any visible text
  'html-too-deep', // an HTML body nesting elements deeper than MAX_HTML_DEPTH (html-to-text would overflow the stack)
  'read-budget-exceeded', // reading (parsing, HTML conversion, cleaning) outlasted the analysis pool's per-mail budget
] as const;
export type MailDecodeErrorCode = (typeof MAIL_DECODE_ERROR_CODES)[number];

export class MailDecodeError extends Error {
  override name = 'MailDecodeError';

  /** `detail` names what failed, e.g. "text/plain part declared charset=utf-8 ...". */
  constructor(
    readonly code: MailDecodeErrorCode,
    detail: string,
  ) {
    super(detail);
  }
}

/** Which limit a mail broke: the raw mail, its HTML body before conversion, or the text to clean. */
export type MailSizeLimit = 'raw' | 'html' | 'body';

/** A mail over a size limit, found before any conversion or cleaning ran on it. */
export class MailTooLargeError extends Error {
  override name = 'MailTooLargeError';

  constructor(
    readonly limit: MailSizeLimit,
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(
      `${{ raw: 'the raw mail', html: 'the HTML body', body: 'the mail body' }[limit]} is ${bytes} bytes; the limit is ${maxBytes} bytes`,
    );
  }
}
