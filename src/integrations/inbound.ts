/**
 * What every receiver turns a verified webhook into: the ticket it belongs to, a key for the
 * customer message, a key for this HTTP delivery, and the mail (text, raw bytes, or "read it from
 * the helpdesk"). Keys are hashed here so ids stay short and free of ':' (BullMQ job ids).
 */
import { createHash } from 'node:crypto';
import { Type } from 'typebox';
import type { MailText } from '../analysis/analyze.js';
import type { Integration } from '../config/integrations.js';
import type { TicketCorrection } from './correction.js';
import { WebhookPayloadError } from './errors.js';

/** Schema ceilings of webhook text fields; MAX_BODY_BYTES still applies to the text ondo scores. */
export { BODY_MAX_LENGTH, SUBJECT_MAX_LENGTH } from '../mail/mail-size.js';

export type InboundMail =
  /** Text the provider decoded, not yet cleaned: read after the size limits are checked. */
  | { kind: 'text'; text: MailText; html?: boolean }
  | { kind: 'raw'; bytes: Buffer; subject?: string }
  /** Zendesk with fetchComment: the worker reads the ticket's latest public comment. */
  | { kind: 'fetch'; subject?: string };

export interface InboundMessage {
  /** The helpdesk ticket (Zendesk, Freshdesk), the caller's ticket (generic), or the mail's own key (mail providers). */
  ticketId: string;
  /** One customer message: a provider retry or a re-fired trigger for the same message has the same key. */
  messageKey: string;
  /** One HTTP delivery (invocation id, webhook id, token …): the same delivery twice is answered from Redis. */
  deliveryId: string;
  mail: InboundMail;
  messageId?: string;
  requester?: string;
  receivedAt?: string;
  /** An agent's correction of ondo's reading of this mail (ticket tags): stored for `ondo learn`, nothing is triaged. */
  correction?: TicketCorrection;
}

export type Headers = Record<string, string | string[] | undefined>;

/** What a receiver's verify step sees: the raw bytes, exactly as they arrived, and the clock. */
export interface SignedRequest {
  headers: Headers;
  raw: Buffer;
  nowMs: number;
  toleranceSeconds: number;
}

export function header(headers: Headers, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function sha256Hex(...parts: (string | Buffer)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

/** Idempotency key of one customer message of one integration (the triage job's Idempotency-Key). */
export function messageIdempotencyKey(integration: Integration, ticketId: string, messageKey: string): string {
  return `ondo-integration/${integration.provider}/${integration.id}/${ticketId}/${messageKey}`;
}

/**
 * Text from a provider that already decoded the mail, plain text preferred over HTML. It is only
 * picked here: size checks, HTML conversion and cleaning come later, where the limits are known.
 */
export function providerText(subject: string | undefined, text: string | undefined, html: string | undefined): InboundMail {
  if (text !== undefined && text.trim() !== '') return { kind: 'text', text: { subject, body: text } };
  if (html !== undefined && html.trim() !== '') return { kind: 'text', text: { subject, body: html }, html: true };
  throw new WebhookPayloadError('the message has no text to triage');
}

/** A helpdesk's ticket number as its trigger sends it ("4242", "#4242" or 4242); numericTicketId reads it. */
export const ticketNumber = (options: { description?: string; examples: string[] }) =>
  Type.Union([Type.String({ maxLength: 24, pattern: '^#?\\d+$' }), Type.Integer({ minimum: 1 })], options);

/** A ticket id that is safe in an API path: digits only (Zendesk and Freshdesk ids are integers). */
export function numericTicketId(value: unknown, field: string): string {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim().replace(/^#/, '') : '';
  if (!/^\d{1,20}$/.test(text))
    throw new WebhookPayloadError(`${field} must be a ticket number, got ${JSON.stringify(value)?.slice(0, 40)}`);
  return text;
}
