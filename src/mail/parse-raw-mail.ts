/**
 * Raw RFC 822/MIME mail → the customer-facing parts ondo scores: headers, one body text, and a
 * list of attachments. Throws MailDecodeError rather than return text it could not decode.
 */
import { parseAddressHeader, simpleParser, type ParsedMail as MailparserResult, type StructuredHeader } from 'mailparser';
import { isReplacementHeavy, repairMisdecodedText, countReplacementChars } from './charsets.js';
import { MailDecodeError } from './errors.js';
import { htmlBodyToText } from './html-body.js';
import { assertMailShape } from './mail-shape.js';
import { assertMailSize, type MailSizeLimits } from './mail-size.js';
import { createPartCharsetDecoder, relabelUtf8Parts, type DecodedPart } from './part-charset-decoder.js';
import { decodeRawHeaderLine } from './raw-header.js';

export interface MailAddress {
  name?: string;
  address?: string;
}

export interface MailAttachment {
  filename?: string;
  contentType: string;
  /** Decoded size in bytes. */
  size: number;
}

export type MailBodySource = 'text/plain' | 'text/html';

export interface ParsedMail {
  /** Decoded Subject, '' when absent. */
  subject: string;
  from?: MailAddress;
  /** Date header as ISO 8601, absent when missing or unparseable. */
  date?: string;
  messageId?: string;
  inReplyTo?: string;
  references: string[];
  /** The body as plain text, lines separated by "\n"; HTML-only mail converted to text. */
  text: string;
  bodySource: MailBodySource;
  /** WHATWG name of the charset the body was decoded with. */
  charset?: string;
  /** The charset the mail declared for the body, only when the bytes turned out to be another. */
  declaredCharset?: string;
  attachments: MailAttachment[];
}

export type RawMail = Buffer | Uint8Array | string;

function toBytes(raw: RawMail): Uint8Array {
  // a string arrives from JSON, which is Unicode: its 8-bit content is UTF-8 by construction
  return typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
}

function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/gu, '\n');
}

function structuredHeader(mail: MailparserResult, key: string): StructuredHeader | undefined {
  const value = mail.headers.get(key);
  return value && typeof value === 'object' && 'params' in value && typeof value.value === 'string'
    ? (value as StructuredHeader)
    : undefined;
}

function assertMultipartBoundary(mail: MailparserResult, bytes: Uint8Array): void {
  const contentType = structuredHeader(mail, 'content-type');
  if (!contentType?.value.toLowerCase().startsWith('multipart/')) return;
  const boundary = contentType.params.boundary;
  if (!boundary) throw new MailDecodeError('malformed-mime', `${contentType.value} without a boundary parameter`);
  if (!Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).includes(`--${boundary}`)) {
    throw new MailDecodeError('malformed-mime', `${contentType.value} boundary "${boundary}" never occurs in the body (truncated mail?)`);
  }
}

/** Second decode of a header mailparser turned into U+FFFD; throws when that fails too. */
function recoverHeaderValue(mail: MailparserResult, key: string): string {
  const line = mail.headerLines.find((header) => header.key === key)?.line;
  const recovered = line === undefined ? undefined : decodeRawHeaderLine(line);
  if (!recovered || recovered.problem || countReplacementChars(recovered.text) > 0) {
    const reason = recovered?.problem ? `: ${recovered.problem.detail}` : '';
    throw new MailDecodeError('undecodable-header', `the ${key} header is in no recognisable charset${reason}`);
  }
  return recovered.text;
}

function readSubject(mail: MailparserResult): string {
  const subject = mail.subject ?? '';
  if (countReplacementChars(subject) > 0) return recoverHeaderValue(mail, 'subject');
  return (repairMisdecodedText(subject)?.text ?? subject).trim();
}

function readFrom(mail: MailparserResult): MailAddress | undefined {
  let first = mail.from?.value[0];
  if (!first) return undefined;
  if (countReplacementChars(first.name) > 0) first = parseAddressHeader(recoverHeaderValue(mail, 'from')).value[0];
  const name = first?.name && (repairMisdecodedText(first.name)?.text ?? first.name);
  const address = first?.address;
  return { ...(name ? { name } : {}), ...(address ? { address } : {}) };
}

function references(mail: MailparserResult): string[] {
  const value = mail.references;
  return value === undefined ? [] : Array.isArray(value) ? value : value.split(/\s+/u).filter(Boolean);
}

function describeAttachments(mail: MailparserResult): string {
  if (mail.attachments.length === 0) return 'no attachments';
  return `attachments only: ${mail.attachments.map((a) => `${a.filename ?? '(unnamed)'} (${a.contentType})`).join(', ')}`;
}

interface ChosenBody {
  /** Text as decoded, before HTML conversion: what the charset log entries can be found in. */
  decoded: string;
  source: MailBodySource;
}

// Prefer text/plain; an empty plain alternative ("please view as HTML") falls back to the HTML.
function chooseBody(mail: MailparserResult): ChosenBody | undefined {
  if (mail.text && mail.text.trim() !== '') return { decoded: mail.text, source: 'text/plain' };
  if (typeof mail.html === 'string' && mail.html.trim() !== '') return { decoded: mail.html, source: 'text/html' };
  return undefined;
}

function decodedPartOf(body: string, log: DecodedPart[]): DecodedPart | undefined {
  return log.find((part) => part.text.trim() !== '' && body.includes(normalizeNewlines(part.text).trim()));
}

/** With `limits`, a body too large to convert or clean is refused (MailTooLargeError) before either runs. */
export async function parseRawMail(raw: RawMail, limits?: MailSizeLimits): Promise<ParsedMail> {
  const bytes = assertMailShape(toBytes(raw));
  const log: DecodedPart[] = [];
  let mail: MailparserResult;
  try {
    mail = await simpleParser(relabelUtf8Parts(bytes), {
      Iconv: createPartCharsetDecoder(log),
      skipHtmlToText: true, // converted below with options that keep Japanese line structure
      skipTextToHtml: true,
      skipTextLinks: true,
      skipImageLinks: true,
      keepCidLinks: true,
      checksumAlgo: false,
    });
  } catch (error) {
    throw new MailDecodeError('malformed-mime', `MIME parser failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  assertMultipartBoundary(mail, bytes);

  const body = chooseBody(mail);
  if (!body) throw new MailDecodeError('empty-body', `no text/plain or text/html content (${describeAttachments(mail)})`);

  const part = decodedPartOf(body.decoded, log);
  const where = `${body.source} part${part ? ` (declared charset=${part.declared})` : ''}`;
  if (part?.problem) throw new MailDecodeError(part.problem.code, `${where}: ${part.problem.detail}`);

  let decoded = body.decoded;
  let charset = part?.charset;
  let declaredCharset = part?.declaredCharset;
  const repaired = repairMisdecodedText(decoded);
  if (repaired) {
    decoded = repaired.text;
    declaredCharset = part?.declared ?? rootCharsetLabel(mail) ?? '(none)';
    charset = repaired.charset;
  }
  if (isReplacementHeavy(decoded)) {
    throw new MailDecodeError(
      'undecodable-body',
      `${where}: ${countReplacementChars(decoded)} characters could not be decoded (declared charset: ${part?.declared ?? rootCharsetLabel(mail) ?? 'none, i.e. US-ASCII/UTF-8'}); the bytes look like a legacy encoding under a wrong label`,
    );
  }

  if (limits) assertMailSize(decoded, body.source === 'text/html' ? 'html' : 'body', limits);
  const text = normalizeNewlines(body.source === 'text/html' ? htmlBodyToText(decoded) : decoded);
  if (text.trim() === '') throw new MailDecodeError('empty-body', `the ${body.source} body has no visible text`);

  const from = readFrom(mail);
  const date = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : undefined;
  return {
    subject: readSubject(mail),
    ...(from ? { from } : {}),
    ...(date ? { date } : {}),
    ...(mail.messageId ? { messageId: mail.messageId } : {}),
    ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
    references: references(mail),
    text,
    bodySource: body.source,
    // parts without a log entry were labelled UTF-8/US-ASCII (or nothing) and mailparser read them as UTF-8
    charset: charset ?? 'utf-8',
    ...(declaredCharset ? { declaredCharset } : {}),
    attachments: mail.attachments.map((a) => ({
      ...(a.filename ? { filename: a.filename } : {}),
      contentType: a.contentType,
      size: a.size,
    })),
  };
}

function rootCharsetLabel(mail: MailparserResult): string | undefined {
  return structuredHeader(mail, 'content-type')?.params.charset;
}
