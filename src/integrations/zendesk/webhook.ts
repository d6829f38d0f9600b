/**
 * Zendesk trigger webhooks: x-zendesk-webhook-signature = base64(HMAC-SHA256(secret, timestamp +
 * raw body)), as developer.zendesk.com/documentation/webhooks/verifying says (the older
 * event-connectors page writes body + timestamp; its own vector only verifies that way, but the
 * current page, Zendesk's Node sample and the test-secret vector agree on timestamp + body).
 */
import { Type, type Static } from 'typebox';
import {
  BODY_MAX_LENGTH,
  SUBJECT_MAX_LENGTH,
  header,
  numericTicketId,
  ticketNumber,
  providerText,
  sha256Hex,
  type InboundMessage,
  type SignedRequest,
} from '../inbound.js';
import { correctionMessage } from '../correction.js';
import { NOTE_MARKER_LABEL } from '../note.js';
import { hmacSha256, safeEqual } from '../signature.js';
import type { ZendeskIntegration } from '../../config/integrations.js';
import { defineReceiver, parseJson } from '../receiver.js';
import { WebhookAuthError, WebhookPayloadError } from '../errors.js';

/** Zendesk's static secret for a webhook tested before it is saved (in Zendesk's Node sample). */
export const ZENDESK_TEST_SECRET = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==';

const TicketNumber = ticketNumber({ description: '{{ticket.id}}', examples: ['123'] });

export const ZendeskWebhookPayload = Type.Object(
  {
    ticket_id: TicketNumber,
    subject: Type.Optional(Type.String({ maxLength: SUBJECT_MAX_LENGTH, description: '{{ticket.title}}' })),
    latest_comment: Type.Optional(
      Type.String({
        maxLength: BODY_MAX_LENGTH,
        description: '{{ticket.latest_public_comment}} (or {{ticket.latest_comment}}); left out with fetchComment',
      }),
    ),
    comment: Type.Optional(Type.String({ maxLength: BODY_MAX_LENGTH, description: 'Same as latest_comment (either name works)' })),
    comment_id: Type.Optional(
      Type.Union([Type.String({ maxLength: 40 }), Type.Integer()], { description: 'Optional: the comment id, if the trigger can send it' }),
    ),
    requester: Type.Optional(Type.String({ maxLength: 320, description: '{{ticket.requester.email}}' })),
    requester_name: Type.Optional(Type.String({ maxLength: 200, description: '{{ticket.requester.name}}' })),
    ondo_correction: Type.Optional(
      Type.String({
        maxLength: 4_000,
        description:
          "{{ticket.tags}}, only in the correction trigger: an agent's tag ondo-level:calm (…:concerned, …:angry, …:furious; optional ondo-scenario:<kind>, ondo-polite-annoyed) is stored as a correction of ondo's reading (FEEDBACK=on); nothing is triaged",
      }),
    ),
    description: Type.Optional(
      Type.String({
        maxLength: BODY_MAX_LENGTH,
        description: "{{ticket.description}}: the ticket's first message, the mail a correction is about",
      }),
    ),
  },
  { title: 'ZendeskWebhookPayload', additionalProperties: true, description: "The trigger's JSON body (README → Integrations → Zendesk)" },
);
export type ZendeskWebhookPayload = Static<typeof ZendeskWebhookPayload>;

export const ZendeskWebhookHeaders = Type.Object({
  'x-zendesk-webhook-signature': Type.Optional(Type.String({ maxLength: 200, description: 'base64 HMAC-SHA256 of timestamp + raw body' })),
  'x-zendesk-webhook-signature-timestamp': Type.Optional(
    Type.String({ maxLength: 40, description: 'ISO 8601, e.g. 2024-01-01T01:00:00Z; ±5 min' }),
  ),
  'x-zendesk-webhook-invocation-id': Type.Optional(
    Type.String({ maxLength: 100, description: 'Deliveries with the same id are accepted once' }),
  ),
});

export function verifyZendesk(integration: ZendeskIntegration, request: SignedRequest): void {
  const signature = header(request.headers, 'x-zendesk-webhook-signature');
  const timestamp = header(request.headers, 'x-zendesk-webhook-signature-timestamp');
  if (!signature || !timestamp)
    throw new WebhookAuthError('missing-signature', 'x-zendesk-webhook-signature and x-zendesk-webhook-signature-timestamp are required');
  const given = Buffer.from(signature, 'base64');
  let valid = false;
  for (const secret of integration.signingSecrets) valid = safeEqual(given, hmacSha256(secret, timestamp, request.raw)) || valid;
  if (!valid) throw new WebhookAuthError('invalid-signature', 'the Zendesk signature does not match the body');
  // Checked after the HMAC so a forged timestamp cannot be told apart from a forged body.
  const sentMs = Date.parse(timestamp);
  if (!Number.isFinite(sentMs) || Math.abs(request.nowMs - sentMs) > request.toleranceSeconds * 1000) {
    throw new WebhookAuthError('stale-timestamp', `the signature timestamp ${timestamp} is outside ±${request.toleranceSeconds} s`);
  }
}

export function zendeskMessage(
  integration: ZendeskIntegration,
  payload: ZendeskWebhookPayload,
  request: SignedRequest,
): InboundMessage | 'ignored' {
  const ticketId = numericTicketId(payload.ticket_id, 'ticket_id');
  const invocation = header(request.headers, 'x-zendesk-webhook-invocation-id');
  const deliveryId = invocation ? `invocation:${invocation}` : `body:${sha256Hex(request.raw)}`;
  const comment = payload.latest_comment ?? payload.comment;
  if (payload.ondo_correction !== undefined) {
    const text = payload.description ?? comment;
    return correctionMessage({ tags: payload.ondo_correction, subject: payload.subject, text }, ticketId, deliveryId);
  }
  if (integration.fetchComment) {
    return {
      ticketId,
      messageKey: `invocation-${sha256Hex(deliveryId).slice(0, 24)}`,
      deliveryId,
      mail: { kind: 'fetch', subject: payload.subject },
      requester: payload.requester,
    };
  }
  if (comment === undefined || comment.trim() === '')
    throw new WebhookPayloadError('latest_comment is empty; send {{ticket.latest_public_comment}} or turn on fetchComment');
  // ondo's own note firing the trigger again must not start another round.
  if (comment.includes(NOTE_MARKER_LABEL)) return 'ignored';
  const messageKey = payload.comment_id !== undefined ? `comment-${payload.comment_id}` : `text-${sha256Hex(comment).slice(0, 24)}`;
  return { ticketId, messageKey, deliveryId, mail: providerText(payload.subject, comment, undefined), requester: payload.requester };
}

export const zendeskReceiver = defineReceiver({
  provider: 'zendesk',
  operationId: 'receiveZendeskWebhook',
  security: [{ zendeskSignature: [] }],
  summary: "Zendesk trigger webhook: queue the ticket's latest comment for a draft posted back as an internal note",
  description:
    'Signed by Zendesk: base64 HMAC-SHA256 of x-zendesk-webhook-signature-timestamp + the raw body; deliveries are accepted once per x-zendesk-webhook-invocation-id.',
  consumes: ['application/json'],
  carries: 'event',
  body: ZendeskWebhookPayload,
  examples: {
    comment: {
      summary: "A customer's second message on a late order (the trigger's JSON)",
      value: {
        ticket_id: '4242',
        subject: '注文した商品が届きません',
        latest_comment:
          'お世話になっております。11月18日に注文したマグカップがまだ届いておりません。\n先日もお問い合わせしましたが、ご回答をいただけておりません。',
        requester: 'hanako.yamada@example.jp',
        requester_name: '山田 花子',
      },
    },
    correction: {
      summary: 'The correction trigger: an agent tagged the ticket ondo-level:angry',
      value: {
        ticket_id: '4242',
        ondo_correction: 'ondo-level:angry vip',
        description: '11月18日に注文したマグカップがまだ届きません。いつになったら届くのでしょうか。',
      },
    },
  },
  headers: ZendeskWebhookHeaders,
  verify: verifyZendesk,
  parse: parseJson,
  message: zendeskMessage,
});
