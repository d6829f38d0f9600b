/**
 * ondo's own signed format for in-house tools, on the Standard Webhooks scheme: headers
 * webhook-id, webhook-timestamp (unix seconds, ±5 min) and webhook-signature (space-separated
 * `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<raw body>")>`, key = base64 after whsec_).
 */
import { Type, type Static } from 'typebox';
import { BODY_MAX_LENGTH, SUBJECT_MAX_LENGTH, header, providerText, type InboundMessage, type SignedRequest } from '../inbound.js';
import type { GenericIntegration } from '../../config/integrations.js';
import { verifyStandardWebhook, withinWindow } from '../signature.js';
import { defineReceiver, parseJson } from '../receiver.js';
import { WebhookAuthError, WebhookPayloadError } from '../errors.js';

const ExternalId = (description: string, example: string) =>
  Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9._:@#/+=-]+$', description, examples: [example] });

export const GenericWebhookPayload = Type.Object(
  {
    type: Type.Optional(Type.Literal('message.received', { description: 'The event; only message.received exists' })),
    ticket: Type.Object(
      { id: ExternalId("Your tool's case or ticket id; it comes back in the callback", 'CASE-4242') },
      { additionalProperties: false },
    ),
    message: Type.Object(
      {
        id: ExternalId('Unique id of this customer message; the same id is drafted once', 'msg-7'),
        subject: Type.Optional(Type.String({ maxLength: SUBJECT_MAX_LENGTH })),
        body: Type.Optional(
          Type.String({
            minLength: 1,
            maxLength: BODY_MAX_LENGTH,
            description: 'The message as plain text (quotes and signatures are removed)',
          }),
        ),
        raw: Type.Optional(Type.String({ minLength: 1, maxLength: 30_000_000, description: 'Or the whole RFC 822 mail, base64' })),
        from: Type.Optional(Type.String({ maxLength: 320 })),
        receivedAt: Type.Optional(Type.String({ format: 'date-time', description: 'When the message arrived; replyBy counts from it' })),
      },
      { additionalProperties: false },
    ),
  },
  { title: 'GenericWebhookPayload', additionalProperties: false, description: 'ondo generic webhook (README → Integrations → Generic)' },
);
export type GenericWebhookPayload = Static<typeof GenericWebhookPayload>;

export const StandardWebhookHeaders = Type.Object({
  'webhook-id': Type.Optional(
    Type.String({ maxLength: 200, description: 'Unique per delivery attempt group: the same id is accepted once' }),
  ),
  'webhook-timestamp': Type.Optional(Type.String({ maxLength: 20, description: 'Unix seconds; ±5 min' })),
  'webhook-signature': Type.Optional(Type.String({ maxLength: 2000, description: 'Space-separated v1,<base64> signatures' })),
});

export function verifyGeneric(integration: GenericIntegration, request: SignedRequest): void {
  const id = header(request.headers, 'webhook-id');
  const timestamp = header(request.headers, 'webhook-timestamp');
  const signature = header(request.headers, 'webhook-signature');
  if (!id || !timestamp || !signature)
    throw new WebhookAuthError('missing-signature', 'webhook-id, webhook-timestamp and webhook-signature are required');
  if (!verifyStandardWebhook(integration.secrets, id, timestamp, request.raw, signature)) {
    throw new WebhookAuthError('invalid-signature', 'no webhook-signature entry matches the body');
  }
  if (!/^\d{1,12}$/.test(timestamp) || !withinWindow(Number(timestamp), request.nowMs, request.toleranceSeconds)) {
    throw new WebhookAuthError('stale-timestamp', `webhook-timestamp ${timestamp} is outside ±${request.toleranceSeconds} s`);
  }
}

export function genericMessage(_integration: GenericIntegration, payload: GenericWebhookPayload, request: SignedRequest): InboundMessage {
  const { ticket, message } = payload;
  if ((message.body === undefined) === (message.raw === undefined))
    throw new WebhookPayloadError('give exactly one of message.body or message.raw');
  const mail =
    message.raw !== undefined
      ? ({ kind: 'raw', bytes: Buffer.from(message.raw, 'base64'), subject: message.subject } as const)
      : providerText(message.subject, message.body, undefined);
  return {
    ticketId: ticket.id,
    messageKey: `msg-${message.id}`,
    deliveryId: `webhook:${header(request.headers, 'webhook-id')}`,
    mail,
    requester: message.from,
    ...(message.receivedAt ? { receivedAt: message.receivedAt } : {}),
  };
}

export const genericReceiver = defineReceiver({
  provider: 'generic',
  operationId: 'receiveGenericWebhook',
  security: [{ standardWebhookSignature: [] }],
  summary: "ondo's signed webhook for in-house tools (Standard Webhooks): the draft comes back as a signed callback",
  description:
    'Headers webhook-id, webhook-timestamp (unix seconds, ±5 min) and webhook-signature (v1,<base64 HMAC-SHA256 of "id.timestamp.body">).',
  consumes: ['application/json'],
  carries: 'event',
  body: GenericWebhookPayload,
  dates: ['message/receivedAt'],
  examples: {
    message: {
      summary: 'One customer message from your own tool, signed as Standard Webhooks',
      value: {
        type: 'message.received',
        ticket: { id: 'CASE-4242' },
        message: {
          id: 'msg-7',
          subject: 'Re: 返品の手続きについて',
          body: '返品の手続きをしたいのですが、返送先の住所が分かりません。\n三日前にも同じ質問をしました。至急ご連絡ください。',
          from: 'hanako.yamada@example.jp',
          receivedAt: '2026-11-26T10:15:00+09:00',
        },
      },
    },
  },
  headers: StandardWebhookHeaders,
  verify: verifyGeneric,
  parse: parseJson,
  message: genericMessage,
});
