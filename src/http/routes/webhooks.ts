/**
 * Inbound webhooks from helpdesks and inbound-mail providers. Every route reads its body as raw
 * bytes (content-type parsers of this plugin only), verifies them in preValidation before
 * anything is parsed or trusted, then parses, validates against the TypeBox schema, queues triage
 * and the note delivery, and answers 202 within milliseconds. Bad or stale signatures are 401.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';
import type { MailText } from '../../analysis/analyze.js';
import type { IntegrationOf, Provider } from '../../config/integrations.js';
import { type InboundMessage, type SignedRequest } from '../../integrations/inbound.js';
import { verifyPathToken } from '../../integrations/path-token.js';
import { verifiedBody, type WebhookReceiver } from '../../integrations/receiver.js';
import { WEBHOOK_RECEIVERS } from '../../integrations/receivers.js';
import { datesInRange } from '../date-range.js';
import { mailLimitsOf, type MailLimits } from '../mail-input.js';
import { withExamples } from '../schemas/examples.js';
import { storeTicketCorrection } from '../ticket-correction.js';
import { ProblemError, problemResponses } from '../problem.js';
import { WebhookAuthError, WebhookPayloadError, WebhookBodyError } from '../../integrations/errors.js';

const WebhookAccepted = Type.Object(
  {
    status: Type.Union(
      [
        Type.Literal('accepted'),
        Type.Literal('duplicate'),
        Type.Literal('ignored'),
        Type.Literal('correction-stored'),
        Type.Literal('correction-off'),
      ],
      {
        description:
          "accepted: queued; duplicate: this delivery (or message) was accepted before; ignored: ondo's own note fired the trigger; " +
          "correction-stored: an agent's ondo-level tag was stored as a correction (FEEDBACK=on); correction-off: FEEDBACK is off, nothing stored",
      },
    ),
    jobId: Type.Optional(
      Type.String({ description: 'The triage job (GET /v1/triage/jobs/{id}); the delivery job when the worker reads the comment itself' }),
    ),
    deliveryId: Type.Optional(Type.String({ description: 'The note delivery job (GET /v1/deliveries/{id})' })),
    feedbackId: Type.Optional(Type.String({ description: 'The stored correction (GET /v1/feedback/{id})' })),
  },
  { title: 'WebhookAccepted', additionalProperties: false },
);

const IntegrationId = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$', description: 'The integration id from INTEGRATIONS_FILE' });
const IntegrationParams = Type.Object({ integration: IntegrationId });
const PathTokenParams = Type.Object({
  integration: IntegrationId,
  pathToken: Type.String({ maxLength: 200, description: "One of the integration's pathTokens (a secret: the URL is the credential)" }),
});

export interface WebhookRouteOptions extends MailLimits {
  /** Mail providers may post up to 30 MB (SendGrid); JSON helpdesk webhooks are small. */
  mailBodyLimit: number;
  jsonBodyLimit: number;
}

const webhookRoutes: FastifyPluginAsyncTypebox<WebhookRouteOptions> = async (app, options) => {
  // Raw bytes for these routes only: the app's parsers stay as they are outside this plugin.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
    { parseAs: 'buffer' },
    (_request, body, done) => {
      done(null, body);
    },
  );
  for (const receiver of WEBHOOK_RECEIVERS) receiver.with((typed) => registerReceiver(app, typed, options));
};

/** The three routes of one receiver, typed by its provider and body schema. */
function registerReceiver<P extends Provider, B extends TSchema, F>(
  app: FastifyInstance,
  receiver: WebhookReceiver<P, B, F>,
  options: WebhookRouteOptions,
): void {
  const limits = mailLimitsOf(options);
  const verified = new WeakMap<FastifyRequest, { integration: IntegrationOf<P>; signed: SignedRequest }>();

  // Before the body is validated or trusted: the path token, the provider's own checks, then parsing.
  const preValidation = async (request: FastifyRequest) => {
    const params = request.params as { integration?: string; pathToken?: string };
    const integration = app.integrations.find(receiver.provider, params.integration);
    const signed: SignedRequest = {
      headers: request.headers,
      raw: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      nowMs: app.integrations.nowMs(),
      toleranceSeconds: app.integrations.toleranceSeconds,
    };
    try {
      verifyPathToken(integration, params.pathToken);
      request.body = await verifiedBody(receiver, integration, signed, request.headers['content-type'] ?? '');
    } catch (err) {
      throw webhookProblem(err);
    }
    verified.set(request, { integration, signed });
  };

  const schema = {
    operationId: receiver.operationId,
    tags: ['integrations'],
    summary: receiver.summary,
    security: receiver.security,
    description:
      `${receiver.description} Also served at /webhooks/${receiver.provider} when only one ${receiver.provider} integration is configured, ` +
      `and at /webhooks/${receiver.provider}/{integration}/{pathToken} for an integration with pathTokens (then only there).`,
    consumes: receiver.consumes,
    body: withExamples(receiver.body, receiver.examples),
    ...(receiver.headers ? { headers: receiver.headers } : {}),
    response: {
      202: { ...WebhookAccepted, description: 'Verified and queued (or, for a correction, stored)' },
      200: { ...WebhookAccepted, description: "Verified; already accepted before (or ondo's own note): nothing new was queued" },
      ...problemResponses(400, 401, 404, 413, 415, 422, 503, ...(receiver.permanentFailureStatus ? [receiver.permanentFailureStatus] : [])),
    },
  };
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const { integration, signed } = verified.get(request)!;
    // Fastify validated the body against receiver.body before this handler: it is that schema's type.
    const body = request.body as Static<B>;
    let message: InboundMessage | 'ignored';
    try {
      message = receiver.message(integration, body, signed);
    } catch (err) {
      throw webhookProblem(err);
    }
    if (message === 'ignored') return reply.code(200).send({ status: 'ignored' });
    const mail = await mailText(app, message, limits).catch((err: unknown) => {
      throw permanentFailure(receiver, err);
    });
    const { correction } = message;
    if (correction && mail) {
      const answer = await storeTicketCorrection(app, request, integration, { ...message, correction }, mail);
      return reply.code(answer.status === 'correction-stored' ? 202 : 200).send(answer);
    }
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
  // Mail providers may post up to 30 MB (SendGrid); helpdesk events are small JSON.
  const bodyLimit = receiver.carries === 'mail' ? options.mailBodyLimit : options.jsonBodyLimit;
  // After validation, before anything is queued: a body's dates in the range every request's are (400 otherwise).
  const route = { bodyLimit, preValidation, preHandler: datesInRange(...(receiver.dates ?? [])) };
  app.post(`/webhooks/${receiver.provider}/:integration`, { ...route, schema: { ...schema, params: IntegrationParams } }, handler);
  // The secret stays out of the published document; the named route's description tells of it.
  app.post(
    `/webhooks/${receiver.provider}/:integration/:pathToken`,
    { ...route, schema: { ...schema, params: PathTokenParams, hide: true } },
    handler,
  );
  // The same route without the id, for the common single-tenant setup; documented on the named route.
  app.post(`/webhooks/${receiver.provider}`, { ...route, schema: { ...schema, hide: true } }, handler);
}

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
function permanentFailure(receiver: { provider: Provider; permanentFailureStatus?: number }, err: unknown): unknown {
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
  if (err instanceof WebhookBodyError) return new ProblemError('invalid-json', err.message);
  return err;
}

export default webhookRoutes;
