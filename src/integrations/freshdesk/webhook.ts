/**
 * Freshdesk automation-rule webhooks. Freshdesk signs nothing, so the rule sends a random secret
 * in a custom header, compared in constant time against every configured token. Both payload
 * shapes are read: "Simple" ({ freshdesk_webhook: { ticket_id, … } }) and ondo's "Advanced" template.
 */
import { Type, type Static } from 'typebox';
import {
  BODY_MAX_LENGTH,
  SUBJECT_MAX_LENGTH,
  header,
  providerText,
  numericTicketId,
  ticketNumber,
  sha256Hex,
  type InboundMessage,
  type SignedRequest,
} from '../inbound.js';
import { correctionMessage } from '../correction.js';
import { NOTE_MARKER_LABEL } from '../note.js';
import type { FreshdeskIntegration } from '../../config/integrations.js';
import { matchesAny } from '../signature.js';
import { defineReceiver, parseJson } from '../receiver.js';
import { WebhookAuthError, WebhookPayloadError } from '../errors.js';

export const DEFAULT_FRESHDESK_TOKEN_HEADER = 'x-ondo-token';

const TicketNumber = ticketNumber({ examples: ['4242'] });
const Text = (description: string) => Type.Optional(Type.String({ maxLength: BODY_MAX_LENGTH, description }));

const SimpleFields = Type.Object(
  {
    ticket_id: TicketNumber,
    ticket_subject: Type.Optional(Type.String({ maxLength: SUBJECT_MAX_LENGTH })),
    ticket_description: Text('Ticket description (HTML or text)'),
    ticket_latest_public_comment: Text('Latest public comment, when picked'),
    requester_email: Type.Optional(Type.String({ maxLength: 320 })),
    requester_name: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: true },
);

export const FreshdeskWebhookPayload = Type.Union(
  [
    Type.Object(
      { freshdesk_webhook: SimpleFields },
      { additionalProperties: true, description: 'Simple content: the fields picked in the rule' },
    ),
    Type.Object(
      {
        ticket_id: TicketNumber,
        subject: Type.Optional(Type.String({ maxLength: SUBJECT_MAX_LENGTH, description: '{{ticket.subject}}' })),
        description: Text('{{ticket.description}}'),
        latest_comment: Text('{{ticket.latest_public_comment}}'),
        ondo_correction: Type.Optional(
          Type.String({
            maxLength: 4_000,
            description:
              "{{ticket.tags}}, only in the correction rule: an agent's tag ondo-level:calm (…) is stored as a correction of ondo's reading (FEEDBACK=on); nothing is triaged",
          }),
        ),
        requester_email: Type.Optional(Type.String({ maxLength: 320, description: '{{ticket.contact.email}}' })),
      },
      { additionalProperties: true, description: "Advanced content: ondo's template (README → Integrations → Freshdesk)" },
    ),
  ],
  { title: 'FreshdeskWebhookPayload', description: 'Freshdesk automation rule "Trigger webhook" body, JSON encoding' },
);
export type FreshdeskWebhookPayload = Static<typeof FreshdeskWebhookPayload>;

export function verifyFreshdesk(integration: FreshdeskIntegration, request: SignedRequest): void {
  const name = integration.tokenHeader ?? DEFAULT_FRESHDESK_TOKEN_HEADER;
  const token = header(request.headers, name);
  if (!token) throw new WebhookAuthError('missing-credentials', `the ${name} header is required`);
  if (!matchesAny(token, integration.tokens)) throw new WebhookAuthError('invalid-credentials', `the ${name} header does not match`);
}

const HTML = /<\/?(p|div|br|span|a|b|i|ul|li|table)\b/i;

export function freshdeskMessage(
  _integration: FreshdeskIntegration,
  payload: FreshdeskWebhookPayload,
  request: SignedRequest,
): InboundMessage | 'ignored' {
  const fields =
    'freshdesk_webhook' in payload
      ? {
          ticketId: payload.freshdesk_webhook.ticket_id,
          subject: payload.freshdesk_webhook.ticket_subject,
          latest: payload.freshdesk_webhook.ticket_latest_public_comment,
          description: payload.freshdesk_webhook.ticket_description,
          requester: payload.freshdesk_webhook.requester_email,
        }
      : {
          ticketId: payload.ticket_id,
          subject: payload.subject,
          latest: payload.latest_comment,
          description: payload.description,
          requester: payload.requester_email,
        };
  const ticketId = numericTicketId(fields.ticketId, 'ticket_id');
  const deliveryId = `body:${sha256Hex(request.raw)}`;
  if ('ondo_correction' in payload && payload.ondo_correction !== undefined) {
    const text = fields.description;
    const html = text !== undefined && HTML.test(text);
    return correctionMessage({ tags: payload.ondo_correction, subject: fields.subject, text, html }, ticketId, deliveryId);
  }
  const raw = [fields.latest, fields.description].find((t) => t !== undefined && t.trim() !== '');
  if (raw === undefined) throw new WebhookPayloadError('the payload has neither a latest comment nor a description');
  if (raw.includes(NOTE_MARKER_LABEL)) return 'ignored';
  const html = HTML.test(raw);
  const mail = providerText(fields.subject, html ? undefined : raw, html ? raw : undefined);
  // Freshdesk sends no delivery id: the body hash and ticket identify a retried delivery.
  return {
    ticketId,
    messageKey: `text-${sha256Hex(raw).slice(0, 24)}`,
    deliveryId,
    mail,
    requester: fields.requester,
  };
}

export const freshdeskReceiver = defineReceiver({
  provider: 'freshdesk',
  operationId: 'receiveFreshdeskWebhook',
  security: [{ freshdeskToken: [] }],
  summary: 'Freshdesk automation-rule webhook: queue the ticket for a draft posted back as a private note',
  description:
    'Freshdesk signs nothing: the rule sends the configured secret in the token header (default X-Ondo-Token), compared in constant time.',
  consumes: ['application/json'],
  carries: 'event',
  body: FreshdeskWebhookPayload,
  examples: {
    advanced: {
      summary: "Advanced content: ondo's template with the ticket's placeholders filled in",
      value: {
        ticket_id: '4242',
        subject: 'クーポンが使えません',
        latest_comment:
          '<div>昨日届いたクーポンを入力しても「対象外です」と表示されます。<br>期限内のはずですが、どうすれば使えますか。</div>',
        requester_email: 'taro.suzuki@example.jp',
      },
    },
    simple: {
      summary: 'Simple content: the fields picked in the rule, under freshdesk_webhook',
      value: {
        freshdesk_webhook: {
          ticket_id: '4243',
          ticket_subject: '請求金額について',
          ticket_latest_public_comment: '今月の請求が二重になっているようです。確認をお願いできますでしょうか。',
          requester_email: 'keiko.sato@example.jp',
          requester_name: '佐藤 恵子',
        },
      },
    },
  },
  verify: verifyFreshdesk,
  parse: parseJson,
  message: freshdeskMessage,
});
