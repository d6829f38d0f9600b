/**
 * SendGrid Inbound Parse (multipart/form-data), parsed mode and raw mode ("Send Raw": the whole
 * MIME mail in `email`). In parsed mode text, html and subject arrive as bytes in the charset
 * that the `charsets` JSON names (Shift_JIS, ISO-2022-JP …): they are kept as bytes and decoded
 * with iconv-lite, never as UTF-8.
 *
 * Authentication: Basic credentials in the Parse URL and/or the ECDSA signature of a Parse
 * security policy. The ECDSA header names for Inbound Parse are not confirmed by the docs we could
 * read ("Securing your Inbound Parse Webhooks" names the scheme, not the headers); the Event
 * Webhook's X-Twilio-Email-Event-Webhook-Signature / -Timestamp (timestamp + raw body) are assumed.
 */
import iconv from 'iconv-lite';
import { Type, type Static } from 'typebox';
import { header, providerText, sha256Hex, type InboundMessage, type SignedRequest } from '../inbound.js';
import type { SendGridIntegration } from '../../config/integrations.js';
import { verifyEcdsa, withinWindow } from '../signature.js';
import { verifyBasicAuth } from '../postmark/webhook.js';
import { defineReceiver, parseFormFields } from '../receiver.js';
import { WebhookAuthError, WebhookPayloadError } from '../errors.js';

export const SENDGRID_SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature';
export const SENDGRID_TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp';

/** The signature headers of a Parse security policy, documented on the route (verifySendGrid reads them). */
export const SendGridWebhookHeaders = Type.Object({
  [SENDGRID_SIGNATURE_HEADER]: Type.Optional(
    Type.String({ maxLength: 1000, description: 'base64 ECDSA signature of the timestamp + the raw body (with a Parse security policy)' }),
  ),
  [SENDGRID_TIMESTAMP_HEADER]: Type.Optional(Type.String({ maxLength: 20, description: 'Unix seconds, signed with the body; ±5 min' })),
});

/** The form fields ondo reads (as documented for Inbound Parse); others are ignored. */
export const SendGridInboundPayload = Type.Object(
  {
    headers: Type.Optional(Type.String({ description: "The mail's header block" })),
    text: Type.Optional(Type.String({ description: 'Plain text body, in the charset charsets.text names' })),
    html: Type.Optional(Type.String({ description: 'HTML body, in the charset charsets.html names' })),
    subject: Type.Optional(Type.String()),
    from: Type.Optional(Type.String()),
    to: Type.Optional(Type.String()),
    charsets: Type.Optional(Type.String({ description: 'JSON: the charset of each field, e.g. {"text":"Shift_JIS","subject":"UTF-8"}' })),
    email: Type.Optional(Type.String({ description: 'Raw mode: the whole MIME mail' })),
    envelope: Type.Optional(Type.String()),
  },
  { title: 'SendGridInboundPayload', additionalProperties: true, description: 'SendGrid Inbound Parse form (multipart/form-data)' },
);
export type SendGridInboundPayload = Static<typeof SendGridInboundPayload>;

export function verifySendGrid(integration: SendGridIntegration, request: SignedRequest): void {
  if (integration.basicAuth) verifyBasicAuth(integration.basicAuth, request);
  if (integration.publicKeys) {
    const signature = header(request.headers, SENDGRID_SIGNATURE_HEADER);
    const timestamp = header(request.headers, SENDGRID_TIMESTAMP_HEADER);
    if (!signature || !timestamp)
      throw new WebhookAuthError('missing-signature', `${SENDGRID_SIGNATURE_HEADER} and ${SENDGRID_TIMESTAMP_HEADER} are required`);
    if (!verifyEcdsa(integration.publicKeys, timestamp, request.raw, signature))
      throw new WebhookAuthError('invalid-signature', 'the ECDSA signature does not match the body');
    if (!/^\d{1,12}$/.test(timestamp) || !withinWindow(Number(timestamp), request.nowMs, request.toleranceSeconds)) {
      throw new WebhookAuthError('stale-timestamp', `the signature timestamp ${timestamp} is outside ±${request.toleranceSeconds} s`);
    }
  }
}

/** Field bytes (read as latin1) → text in the charset SendGrid named; unknown charsets are read as UTF-8. */
export function decodeSendGridField(latin1: string | undefined, charset: string | undefined): string | undefined {
  if (latin1 === undefined) return undefined;
  const bytes = Buffer.from(latin1, 'latin1');
  const name = charset && iconv.encodingExists(charset) ? charset : 'utf-8';
  return iconv.decode(bytes, name);
}

/** Fields as read by parseForm with keepBytes (latin1). */
export function sendGridMessage(_integration: SendGridIntegration, fields: SendGridInboundPayload, request: SignedRequest): InboundMessage {
  if (fields.email !== undefined) {
    const bytes = Buffer.from(fields.email, 'latin1');
    const messageId = readMessageId(bytes.toString('latin1'));
    const key = `sg-${sha256Hex(messageId ?? bytes.toString('latin1')).slice(0, 24)}`;
    return {
      ticketId: key,
      messageKey: key,
      deliveryId: messageId ? `message:${messageId}` : `body:${sha256Hex(request.raw)}`,
      mail: { kind: 'raw', bytes },
      ...(messageId ? { messageId } : {}),
    };
  }
  let charsets: Record<string, string>;
  try {
    charsets = fields.charsets ? (JSON.parse(fields.charsets) as Record<string, string>) : {};
  } catch {
    throw new WebhookPayloadError('charsets is not JSON');
  }
  const subject = decodeSendGridField(fields.subject, charsets.subject);
  const text = decodeSendGridField(fields.text, charsets.text);
  const html = decodeSendGridField(fields.html, charsets.html);
  const from = decodeSendGridField(fields.from, charsets.from);
  const messageId = readMessageId(fields.headers ?? '');
  const key = `sg-${sha256Hex(messageId ?? `${subject}\0${text ?? html}`).slice(0, 24)}`;
  return {
    ticketId: key,
    messageKey: key,
    deliveryId: messageId ? `message:${messageId}` : `body:${sha256Hex(request.raw)}`,
    mail: providerText(subject, text, html),
    ...(messageId ? { messageId } : {}),
    ...(from ? { requester: from } : {}),
  };
}

function readMessageId(headers: string): string | undefined {
  const match = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(headers);
  return match?.[1];
}

export const sendGridReceiver = defineReceiver({
  provider: 'sendgrid',
  operationId: 'receiveSendGridInbound',
  security: [{ webhookBasic: [] }, { sendgridSignature: [] }],
  summary: 'SendGrid Inbound Parse (multipart, parsed or raw mode): the draft comes back as a signed callback',
  description:
    'Authenticated by Basic credentials in the Parse URL and/or the ECDSA signature of a Parse security policy. Parsed-mode fields are decoded ' +
    'with the charsets the `charsets` field names (Shift_JIS, ISO-2022-JP …); raw mode reads the MIME mail in `email`.',
  consumes: ['multipart/form-data'],
  carries: 'mail',
  body: SendGridInboundPayload,
  headers: SendGridWebhookHeaders,
  examples: {
    parsed: {
      summary: 'Inbound Parse, default mode: the mail in form fields, charsets naming their encodings',
      value: {
        from: '山田 花子 <hanako.yamada@example.jp>',
        to: 'support@example.co.jp',
        subject: 'アプリにログインできません',
        text: '昨日からアプリにログインできません。\nパスワードを再設定しても同じエラーが出ます。仕事で使うので困っています。',
        charsets: '{"to":"UTF-8","subject":"UTF-8","from":"UTF-8","text":"UTF-8"}',
      },
    },
  },
  verify: verifySendGrid,
  parse: parseFormFields(true),
  message: sendGridMessage,
});
