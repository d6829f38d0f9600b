/**
 * Cheap checks on the raw bytes before MIME parsing: mailparser accepts anything (a JSON body
 * parses as a mail with no headers), so "is this a mail at all" has to be asked first.
 */
import { MailDecodeError } from './errors.js';

const HEADER_FIELD = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/u;
const CONTINUATION = /^[ \t]/u;
const MAIL_HEADERS = /^(from|to|cc|date|subject|message-id|mime-version|content-type|received|return-path|reply-to|delivered-to)[ \t]*:/iu;
const HEAD_SCAN_LIMIT = 1024 * 1024;

function quoteLine(line: string): string {
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}…` : line);
}

/**
 * Throws MailDecodeError unless the bytes start with an RFC 5322 header block that ends in a
 * blank line. Returns the bytes to parse: without a UTF-8 BOM or an mbox "From " line.
 */
export function assertMailShape(raw: Uint8Array): Uint8Array {
  let bytes = raw;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, HEAD_SCAN_LIMIT)).toString('latin1');
  if (head.trim() === '') throw new MailDecodeError('not-a-mail', 'the input is empty');

  // mbox exports start with "From sender date" (no colon), which is not a header field
  const mboxLine = /^From [^\r\n]*\r?\n/u.exec(head);
  const lines = head.slice(mboxLine?.[0].length ?? 0).split(/\r?\n/u);
  if (mboxLine) bytes = bytes.subarray(mboxLine[0].length);

  if (!HEADER_FIELD.test(lines[0] ?? '')) {
    throw new MailDecodeError('not-a-mail', `the first line is not a header field: ${quoteLine(lines[0] ?? '')}`);
  }
  let sawMailHeader = false;
  let separatorFound = false;
  for (const [index, line] of lines.entries()) {
    if (line === '') {
      separatorFound = index < lines.length - 1;
      break;
    }
    if (MAIL_HEADERS.test(line)) sawMailHeader = true;
    if (!HEADER_FIELD.test(line) && !CONTINUATION.test(line)) {
      throw new MailDecodeError(
        'malformed-mime',
        `line ${index + 1} is neither a header field nor a continuation: ${quoteLine(line)}; the blank line between headers and body is missing`,
      );
    }
  }
  if (!sawMailHeader) {
    throw new MailDecodeError('not-a-mail', 'none of From, To, Date, Subject, Message-ID, MIME-Version or Content-Type is present');
  }
  if (!separatorFound) throw new MailDecodeError('empty-body', 'the mail has headers but no body (no blank line after the headers)');
  return bytes;
}
