/**
 * Inbound webhooks from helpdesks and inbound-mail providers. Every route reads its body as raw
 * bytes (content-type parsers of this plugin only), verifies them in preValidation before
 * anything is parsed or trusted, then parses, validates against the TypeBox schema, queues triage
 * and the note delivery, and answers 202 within milliseconds. Bad or stale signatures are 401.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import type { MailText } from '../../analysis/analyze.js';
import { FreshdeskWebhookPayload, freshdeskMessage, verifyFreshdesk } from '../../integrations/freshdesk/webhook.js';
import { GenericWebhookPayload, genericMessage, StandardWebhookHeaders, verifyGeneric } from '../../integrations/generic/webhook.js';
import { parseForm } from '../../integrations/form.js';
import { WebhookAuthError, WebhookPayloadError, type InboundMessage, type SignedRequest } from '../../integrations/inbound.js';
import { verifyPathToken } from '../../integrations/path-token.js';
import { MailgunInboundPayload, mailgunMessage, verifyMailgun } from '../../integrations/mailgun/webhook.js';
import { PostmarkInboundPayload, postmarkMessage, verifyPostmark } from '../../integrations/postmark/webhook.js';
import { SendGridInboundPayload, sendGridMessage, verifySendGrid } from '../../integrations/sendgrid/webhook.js';
import type { Integration, IntegrationOf, Provider } from '../../config/integrations.js';
import { verifyZendesk, ZendeskWebhookHeaders, ZendeskWebhookPayload, zendeskMessage } from '../../integrations/zendesk/webhook.js';
import { mailLimitsOf, type MailLimits } from '../mail-input.js';
import type { SecurityRequirement } from '../openapi.js';
import { ProblemError, problemResponses } from '../problem.js';

interface Receiver<P extends Provider> {
  provider: P;
  operationId: string;
  summary: string;
  /** How the provider proves the request is its own, for the OpenAPI document (the verify function is the truth). */
  security: SecurityRequirement[];
  description: string;
  consumes: string[];
  body: TSchema;
  headers?: TSchema;
  /** Providers whose signature covers the raw body verify before parsing; Mailgun signs fields inside the form. */
  verify: (integration: IntegrationOf<P>, request: SignedRequest, parsed: unknown) => void;
  verifiesParsedFields?: boolean;
  /**
   * The status that makes the provider stop retrying, for a payload ondo can never triage (too
   * large, undecodable, too deeply nested): Postmark retries every other answer for hours.
   */
  permanentFailureStatus?: number;
  parse: (raw: Buffer, contentType: string) => Promise<unknown>;
  message: (integration: IntegrationOf<P>, body: never, request: SignedRequest) => InboundMessage | 'ignored';
}

const json = async (raw: Buffer) => {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw)) as unknown;
  } catch (err) {
    throw new ProblemError('invalid-json', `The body is not valid UTF-8 JSON: ${(err as Error).message}`);
  }
};
const form = (keepBytes: boolean) => async (raw: Buffer, contentType: string) =>
  Object.fromEntries((await parseForm(raw, contentType, { keepBytes })).fields);

const RECEIVERS = [
  {
    provider: 'zendesk',
    operationId: 'receiveZendeskWebhook',
    security: [{ zendeskSignature: [] }],
    summary: "Zendesk trigger webhook: queue the ticket's latest comment for a draft posted back as an internal note",
    description:
      'Signed by Zendesk: base64 HMAC-SHA256 of x-zendesk-webhook-signature-timestamp + the raw body; deliveries are accepted once per x-zendesk-webhook-invocation-id.',
    consumes: ['application/json'],
    body: ZendeskWebhookPayload,
    headers: ZendeskWebhookHeaders,
    verify: verifyZendesk,
    parse: json,
    message: zendeskMessage,
  } satisfies Receiver<'zendesk'>,
  {
    provider: 'freshdesk',
    operationId: 'receiveFreshdeskWebhook',
    security: [{ freshdeskToken: [] }],
    summary: 'Freshdesk automation-rule webhook: queue the ticket for a draft posted back as a private note',
    description:
      'Freshdesk signs nothing: the rule sends the configured secret in the token header (default X-Ondo-Token), compared in constant time.',
    consumes: ['application/json'],
    body: FreshdeskWebhookPayload,
    verify: verifyFreshdesk,
    parse: json,
    message: freshdeskMessage,
  } satisfies Receiver<'freshdesk'>,
  {
    provider: 'generic',
    operationId: 'receiveGenericWebhook',
    security: [{ standardWebhookSignature: [] }],
    summary: "ondo's signed webhook for in-house tools (Standard Webhooks): the draft comes back as a signed callback",
    description:
      'Headers webhook-id, webhook-timestamp (unix seconds, ±5 min) and webhook-signature (v1,<base64 HMAC-SHA256 of "id.timestamp.body">).',
    consumes: ['application/json'],
    body: GenericWebhookPayload,
    headers: StandardWebhookHeaders,
    verify: verifyGeneric,
    parse: json,
    message: genericMessage,
  } satisfies Receiver<'generic'>,
  {
    provider: 'postmark',
    operationId: 'receivePostmarkInbound',
    security: [{ webhookBasic: [] }],
    summary: 'Postmark inbound webhook (JSON): the draft comes back as a signed callback',
    description: 'Authenticated by the Basic credentials in the webhook URL configured in Postmark.',
    consumes: ['application/json'],
    body: PostmarkInboundPayload,
    verify: verifyPostmark,
    permanentFailureStatus: 403, // "A 403 stops retries" (Postmark's inbound retry documentation)
    parse: json,
    message: (i, body) => postmarkMessage(i, body),
  } satisfies Receiver<'postmark'>,
  {
    provider: 'sendgrid',
    operationId: 'receiveSendGridInbound',
    security: [{ webhookBasic: [] }, { sendgridSignature: [] }],
    summary: 'SendGrid Inbound Parse (multipart, parsed or raw mode): the draft comes back as a signed callback',
    description:
      'Authenticated by Basic credentials in the Parse URL and/or the ECDSA signature of a Parse security policy. Parsed-mode fields are decoded ' +
      'with the charsets the `charsets` field names (Shift_JIS, ISO-2022-JP …); raw mode reads the MIME mail in `email`.',
    consumes: ['multipart/form-data'],
    body: SendGridInboundPayload,
    verify: verifySendGrid,
    parse: form(true),
    message: sendGridMessage,
  } satisfies Receiver<'sendgrid'>,
  {
    provider: 'mailgun',
    operationId: 'receiveMailgunInbound',
    security: [{}, { webhookBasic: [] }],
    summary: 'Mailgun route forward() (form fields): the draft comes back as a signed callback',
    description:
      'Signed by Mailgun: hex HMAC-SHA256 of timestamp + token with the webhook signing key; each token is accepted once. ' +
      'The signature does not cover the mail: give the integration a second factor, `basicAuth` (credentials in the forward() URL) or ' +
      '`pathTokens` (forward() to /webhooks/mailgun/<id>/<token>).',
    consumes: ['application/x-www-form-urlencoded', 'multipart/form-data'],
    body: MailgunInboundPayload,
    verify: (i, request, parsed) => verifyMailgun(i, parsed as Partial<MailgunInboundPayload>, request),
    verifiesParsedFields: true,
    parse: form(false),
    message: (i, body) => mailgunMessage(i, body),
  } satisfies Receiver<'mailgun'>,
] as Receiver<Provider>[];

const WebhookAccepted = Type.Object(
  {
    status: Type.Union([Type.Literal('accepted'), Type.Literal('duplicate'), Type.Literal('ignored')], {
      description:
        "accepted: queued; duplicate: this delivery (or message) was accepted before; ignored: ondo's own note fired the trigger",
    }),
    jobId: Type.Optional(
      Type.String({ description: 'The triage job (GET /v1/triage/jobs/{id}); the delivery job when the worker reads the comment itself' }),
    ),
    deliveryId: Type.Optional(Type.String({ description: 'The note delivery job (GET /v1/deliveries/{id})' })),
  },
  { title: 'WebhookAccepted', additionalProperties: false },
);

const IntegrationId = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$', description: 'The integration id from INTEGRATIONS_FILE' });
const IntegrationParams = Type.Object({ integration: IntegrationId });
const PathTokenParams = Type.Object({
  integration: IntegrationId,
  pathToken: Type.String({ maxLength: 200, description: "One of the integration's pathTokens (a secret: the URL is the credential)" }),
});

interface Verified {
  integration: Integration;
  signed: SignedRequest;
}

export interface WebhookRouteOptions extends MailLimits {
  /** Mail providers may post up to 30 MB (SendGrid); JSON helpdesk webhooks are small. */
  mailBodyLimit: number;
  jsonBodyLimit: number;
}

const webhookRoutes: FastifyPluginAsyncTypebox<WebhookRouteOptions> = async (app, options) => {
  const limits = mailLimitsOf(options);
  // Raw bytes for these routes only: the app's parsers stay as they are outside this plugin.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
    { parseAs: 'buffer' },
    (_request, body, done) => {
      done(null, body);
    },
  );
  const verified = new WeakMap<FastifyRequest, Verified>();

  const preValidation = (receiver: Receiver<Provider>) => async (request: FastifyRequest) => {
    const params = request.params as { integration?: string; pathToken?: string };
    const integration = app.integrations.find(receiver.provider, params.integration);
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const signed: SignedRequest = {
      headers: request.headers,
      raw,
      nowMs: app.integrations.nowMs(),
      toleranceSeconds: app.integrations.toleranceSeconds,
    };
    try {
      verifyPathToken(integration, params.pathToken);
      if (!receiver.verifiesParsedFields) receiver.verify(integration as never, signed, undefined);
      const parsed = await receiver.parse(raw, request.headers['content-type'] ?? '');
      if (receiver.verifiesParsedFields) receiver.verify(integration as never, signed, parsed);
      request.body = parsed;
    } catch (err) {
      throw webhookProblem(err);
    }
    verified.set(request, { integration, signed });
  };

  for (const receiver of RECEIVERS) {
    const schema = {
      operationId: receiver.operationId,
      tags: ['integrations'],
      summary: receiver.summary,
      security: receiver.security,
      description:
        `${receiver.description} Also served at /webhooks/${receiver.provider} when only one ${receiver.provider} integration is configured, ` +
        `and at /webhooks/${receiver.provider}/{integration}/{pathToken} for an integration with pathTokens (then only there).`,
      consumes: receiver.consumes,
      body: receiver.body,
      ...(receiver.headers ? { headers: receiver.headers } : {}),
      response: {
        202: { ...WebhookAccepted, description: 'Verified and queued' },
        200: { ...WebhookAccepted, description: "Verified; already accepted before (or ondo's own note): nothing new was queued" },
        ...problemResponses(
          400,
          401,
          404,
          413,
          415,
          422,
          503,
          ...(receiver.permanentFailureStatus ? [receiver.permanentFailureStatus] : []),
        ),
      },
    };
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      const { integration, signed } = verified.get(request)!;
      let message: InboundMessage | 'ignored';
      try {
        message = receiver.message(integration as never, request.body as never, signed);
      } catch (err) {
        throw webhookProblem(err);
      }
      if (message === 'ignored') return reply.code(200).send({ status: 'ignored' });
      const mail = await mailText(app, message, limits).catch((err: unknown) => {
        throw permanentFailure(receiver, err);
      });
      const accepted = await app.integrations.use(() => app.integrations.intake.accept(integration, message, mail));
      request.log.info(
        {
          integration: `${integration.provider}/${integration.id}`,
          ticketId: message.ticketId,
          jobId: accepted.jobId,
          deliveryId: accepted.deliveryJobId,
          duplicate: accepted.duplicate,
        },
        accepted.duplicate ? 'webhook replayed' : 'webhook accepted',
      );
      return reply
        .code(accepted.duplicate ? 200 : 202)
        .header('location', `/v1/deliveries/${accepted.deliveryJobId}`)
        .send({ status: accepted.duplicate ? 'duplicate' : 'accepted', jobId: accepted.jobId, deliveryId: accepted.deliveryJobId });
    };
    const bodyLimit =
      receiver.consumes.includes('application/json') && receiver.provider !== 'postmark' ? options.jsonBodyLimit : options.mailBodyLimit;
    app.post(
      `/webhooks/${receiver.provider}/:integration`,
      { schema: { ...schema, params: IntegrationParams }, bodyLimit, preValidation: preValidation(receiver) },
      handler,
    );
    app.post(
      `/webhooks/${receiver.provider}/:integration/:pathToken`,
      // The secret stays out of the published document; the named route's description tells of it.
      { schema: { ...schema, params: PathTokenParams, hide: true }, bodyLimit, preValidation: preValidation(receiver) },
      handler,
    );
    app.post(
      `/webhooks/${receiver.provider}`,
      // The same route without the id, for the common single-tenant setup; documented on the named route.
      { schema: { ...schema, hide: true }, bodyLimit, preValidation: preValidation(receiver) },
      handler,
    );
  }
};

/**
 * The text to triage, read in the analysis pool (size-checked, converted, cleaned) from what the
 * provider sent; nothing for a message the worker reads from the helpdesk.
 */
async function mailText(app: FastifyInstance, message: InboundMessage, limits: MailLimits): Promise<MailText | undefined> {
  switch (message.mail.kind) {
    case 'fetch':
      return undefined;
    case 'raw': {
      const read = await app.analysis.read({ source: { kind: 'raw', bytes: message.mail.bytes, subject: message.mail.subject }, limits });
      if (!message.messageId && read.info?.messageId) message.messageId = read.info.messageId;
      return read.text;
    }
    case 'text': {
      const { text, html } = message.mail;
      const source = html
        ? ({ kind: 'html', subject: text.subject, html: text.body } as const)
        : ({ kind: 'text', subject: text.subject, body: text.body, clean: true } as const);
      const read = await app.analysis.read({ source, limits });
      return { ...read.text, ...(text.thread ? { thread: text.thread } : {}) };
    }
  }
}

/** A mail ondo can never read, answered with the status that stops the provider's retries (same problem type). */
function permanentFailure(receiver: Receiver<Provider>, err: unknown): unknown {
  if (!receiver.permanentFailureStatus || !(err instanceof ProblemError) || (err.status !== 413 && err.status !== 422)) return err;
  return new ProblemError(
    err.kind,
    `${err.message} (answered ${receiver.permanentFailureStatus} so that ${receiver.provider} stops retrying)`,
    {
      ...err.extra,
      status: receiver.permanentFailureStatus,
    },
  );
}

function webhookProblem(err: unknown): unknown {
  if (err instanceof WebhookAuthError) return new ProblemError('invalid-signature', err.message, { reason: err.reason });
  if (err instanceof WebhookPayloadError) return new ProblemError('invalid-webhook', err.message);
  return err;
}

export default webhookRoutes;
