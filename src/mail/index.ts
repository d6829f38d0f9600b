/** Raw mail in, clean customer text out: the public face of src/mail. */
export {
  parseRawMail,
  type ParsedMail,
  type MailAddress,
  type MailAttachment,
  type MailBodySource,
  type RawMail,
} from './parse-raw-mail.js';
export { cleanMailText, type CleanMailText, type CleanMailContext } from './clean-mail-text.js';
export { stripQuotedReply, type QuotedReplyResult, type QuotedMessage } from './quoted-reply.js';
export { stripSignature, type SignatureResult } from './signature.js';
export { readThreadSignals, readSubjectPrefixes, countPriorContacts, type ThreadSignals, type MailSender } from './thread-signals.js';
export { MailDecodeError, MailTooLargeError, MAIL_DECODE_ERROR_CODES, type MailDecodeErrorCode, type MailSizeLimit } from './errors.js';
export { readPastedMail, readRawMail, type ReadMail } from './read-mail.js';
export { MailInfo } from './mail-info.js';
export { assertSourceSize, readMailSource, type MailSource, type ReadMailSource } from './read-mail-source.js';
export { assertMailSize, HTML_MARKUP_FACTOR, type MailSizeLimits } from './mail-size.js';
