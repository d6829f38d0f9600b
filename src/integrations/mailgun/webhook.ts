/**
 * Mailgun routes forward(): urlencoded (multipart when the mail has attachments) with timestamp,
 * token and signature = hex(HMAC-SHA256(signing key, timestamp + token)). The signature covers
 * only timestamp and token, not the mail, so the token is also a one-time delivery id: a replay
 * of a captured request is answered from Redis and never queued twice. Because a fresh signed
 * triple admits any body, an integration can also require Basic credentials in the forward() URL.
 */
import { Type, type Static } from 'typebox';
import { providerText, sha256Hex, type InboundMessage, type SignedRequest } from '../inbound.js';
import { verifyBasicAuth } from '../postmark/webhook.js';
import type { MailgunIntegration } from '../../config/integrations.js';
import { hmacSha256, safeEqual, withinWindow } from '../signature.js';
import { defineReceiver, parseFormFields } from '../receiver.js';
import { WebhookAuthError } from '../errors.js';

export const MailgunInboundPayload = Type.Object(
  {
    timestamp: Type.String({ maxLength: 20, description: 'Unix seconds' }),
    token: Type.String({ minLength: 1, maxLength: 200, description: 'Random token, never reused' }),
    signature: Type.String({ maxLength: 200, description: 'hex HMAC-SHA256(signing key, timestamp + token)' }),
    subject: Type.Optional(Type.String()),
    sender: Type.Optional(Type.String()),
    from: Type.Optional(Type.String()),
    'body-plain': Type.Optional(Type.String()),
    'body-html': Type.Optional(Type.String()),
    'Message-Id': Type.Optional(Type.String()),
    'message-headers': Type.Optional(Type.String({ description: 'JSON [[name, value], …]' })),
  },
  { title: 'MailgunInboundPayload', additionalProperties: true, description: 'Mailgun route forward() fields' },
);
export type MailgunInboundPayload = Static<typeof MailgunInboundPayload>;

export function verifyMailgun(integration: MailgunIntegration, fields: Partial<MailgunInboundPayload>, request: SignedRequest): void {
  if (integration.basicAuth) verifyBasicAuth(integration.basicAuth, request);
  const { timestamp, token, signature } = fields;
  if (!timestamp || !token || !signature) throw new WebhookAuthError('missing-signature', 'timestamp, token and signature are required');
  const given = Buffer.from(/^[0-9a-f]*$/i.test(signature) ? signature : '', 'hex');
  let valid = false;
  for (const key of integration.signingKeys) valid = safeEqual(given, hmacSha256(key, timestamp, token)) || valid;
  if (!valid) throw new WebhookAuthError('invalid-signature', 'the Mailgun signature does not match timestamp + token');
  if (!/^\d{1,12}$/.test(timestamp) || !withinWindow(Number(timestamp), request.nowMs, request.toleranceSeconds)) {
    throw new WebhookAuthError('stale-timestamp', `timestamp ${timestamp} is outside ±${request.toleranceSeconds} s`);
  }
}

export function mailgunMessage(_integration: MailgunIntegration, fields: MailgunInboundPayload): InboundMessage {
  const messageId = fields['Message-Id'] ?? headerFromList(fields['message-headers'], 'message-id');
  const key = `mg-${sha256Hex(messageId ?? fields.token).slice(0, 24)}`;
  return {
    ticketId: key,
    messageKey: key,
    deliveryId: `token:${fields.token}`,
    mail: providerText(fields.subject, fields['body-plain'], fields['body-html']),
    ...(messageId ? { messageId } : {}),
    requester: fields.from ?? fields.sender,
  };
}

function headerFromList(json: string | undefined, name: string): string | undefined {
  try {
    const list = JSON.parse(json ?? '[]') as [string, string][];
    return list.find(([n]) => n.toLowerCase() === name)?.[1];
  } catch {
    return undefined;
  }
}

export const mailgunReceiver = defineReceiver({
  provider: 'mailgun',
  operationId: 'receiveMailgunInbound',
  security: [{}, { webhookBasic: [] }],
  summary: 'Mailgun route forward() (form fields): the draft comes back as a signed callback',
  description:
    'Signed by Mailgun: hex HMAC-SHA256 of timestamp + token with the webhook signing key; each token is accepted once. ' +
    'The signature does not cover the mail: give the integration a second factor, `basicAuth` (credentials in the forward() URL) or ' +
    '`pathTokens` (forward() to /webhooks/mailgun/<id>/<token>).',
  consumes: ['application/x-www-form-urlencoded', 'multipart/form-data'],
  carries: 'mail',
  body: MailgunInboundPayload,
  examples: {
    forwarded: {
      summary: "A route's forward(): the signing triple and the mail's fields",
      value: {
        timestamp: '1795659300',
        token: 'e7f5c1d0b2a94c3f8a6d5e4b3c2a1f0e9d8c7b6a5f4e3d2c1b',
        signature: '3b8e5a0f2c6d4e1a9b7c5d3e1f0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a',
        from: '山田 花子 <hanako.yamada@example.jp>',
        subject: '配送先の変更をお願いします',
        'body-plain': '先週注文した商品の配送先を変更したいです。\nまだ発送前でしたら、勤務先の住所に送っていただけますか。',
        'Message-Id': '<20261126101500.4244@mail.example.jp>',
      },
    },
  },
  verifyFields: (integration, request, fields) => verifyMailgun(integration, fields, request),
  parse: parseFormFields(false),
  message: mailgunMessage,
});
