/**
 * Postmark inbound webhooks (JSON). Postmark signs nothing; its documented protection is Basic
 * auth credentials in the webhook URL (https://user:pass@host/…), checked here in constant time.
 */
import { Type, type Static } from 'typebox';
import {
  BODY_MAX_LENGTH,
  SUBJECT_MAX_LENGTH,
  header,
  providerText,
  sha256Hex,
  type InboundMessage,
  type SignedRequest,
} from '../inbound.js';
import type { PostmarkIntegration } from '../../config/integrations.js';
import { isDateInRange } from '../../drafting/date-range.js';
import { basicCredentials, matchesAny } from '../signature.js';
import { defineReceiver, parseJson } from '../receiver.js';
import { WebhookAuthError } from '../errors.js';

export const PostmarkInboundPayload = Type.Object(
  {
    MessageID: Type.String({ minLength: 1, maxLength: 200, description: "Postmark's id of the inbound message" }),
    Subject: Type.Optional(Type.String({ maxLength: SUBJECT_MAX_LENGTH })),
    From: Type.Optional(Type.String({ maxLength: 1000 })),
    TextBody: Type.Optional(Type.String({ maxLength: BODY_MAX_LENGTH })),
    HtmlBody: Type.Optional(Type.String({ maxLength: BODY_MAX_LENGTH })),
    Date: Type.Optional(Type.String({ maxLength: 100 })),
    Headers: Type.Optional(
      Type.Array(Type.Object({ Name: Type.String({ maxLength: 200 }), Value: Type.String({ maxLength: 10_000 }) }), { maxItems: 500 }),
    ),
  },
  {
    title: 'PostmarkInboundPayload',
    additionalProperties: true,
    description: 'Postmark inbound webhook JSON (postmarkapp.com/developer/webhooks/inbound-webhook)',
  },
);
export type PostmarkInboundPayload = Static<typeof PostmarkInboundPayload>;

export function verifyBasicAuth(accepted: readonly string[], request: SignedRequest): void {
  const credentials = basicCredentials(header(request.headers, 'authorization'));
  if (credentials === undefined)
    throw new WebhookAuthError('missing-credentials', 'Basic credentials are required (put them in the webhook URL)');
  if (!matchesAny(credentials, accepted)) throw new WebhookAuthError('invalid-credentials', 'the Basic credentials do not match');
}

export function verifyPostmark(integration: PostmarkIntegration, request: SignedRequest): void {
  verifyBasicAuth(integration.basicAuth, request);
}

export function postmarkMessage(
  _integration: PostmarkIntegration,
  payload: PostmarkInboundPayload,
  request: SignedRequest,
): InboundMessage {
  const messageId = payload.Headers?.find((h) => h.Name.toLowerCase() === 'message-id')?.Value;
  const key = `pm-${sha256Hex(payload.MessageID).slice(0, 24)}`;
  // The mail's own Date header is the sender's clock: out of range (9999, 0001), the mail counts as received now.
  const received = payload.Date ? new Date(payload.Date) : undefined;
  return {
    ticketId: key,
    messageKey: key,
    deliveryId: `message:${payload.MessageID}`,
    mail: providerText(payload.Subject, payload.TextBody, payload.HtmlBody),
    ...(messageId ? { messageId } : {}),
    requester: payload.From,
    ...(received && isDateInRange(received, new Date(request.nowMs)) ? { receivedAt: received.toISOString() } : {}),
  };
}

export const postmarkReceiver = defineReceiver({
  provider: 'postmark',
  operationId: 'receivePostmarkInbound',
  security: [{ webhookBasic: [] }],
  summary: 'Postmark inbound webhook (JSON): the draft comes back as a signed callback',
  description: 'Authenticated by the Basic credentials in the webhook URL configured in Postmark.',
  consumes: ['application/json'],
  carries: 'mail',
  body: PostmarkInboundPayload,
  examples: {
    inbound: {
      summary: "Postmark's inbound JSON for a customer's mail (the fields ondo reads)",
      value: {
        MessageID: '22c74902-a0c1-4511-804f-341342852c90',
        Subject: '注文した商品が届きません',
        From: 'hanako.yamada@example.jp',
        TextBody:
          'いつもお世話になっております。\n11月18日に注文したマグカップがまだ届きません。\n12月1日までに必要なので、至急確認していただけますでしょうか。',
        Date: 'Thu, 26 Nov 2026 10:15:00 +0900',
        Headers: [{ Name: 'Message-ID', Value: '<20261126101500.4242@mail.example.jp>' }],
      },
    },
  },
  verify: verifyPostmark,
  permanentFailureStatus: 403, // "A 403 stops retries" (Postmark's inbound retry documentation)
  parse: parseJson,
  message: postmarkMessage,
});
