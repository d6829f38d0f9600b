/**
 * The OpenAPI document's frame; paths and schemas come from the route schemas, shared shapes are
 * hoisted into components (openapi-components.ts) and each operation's security is derived from
 * its route's access class (access/route-access.ts), so neither can drift from the code; the
 * success responses show the answers to the request examples (openapi-examples.ts).
 */
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import type { RouteAccess } from './access/route-access.js';
import { hoistComponents } from './openapi-components.js';
import { EXAMPLE_ANSWERS, withExampleAnswers } from './openapi-examples.js';

/** The security schemes a route of each class needs; admin and webhook routes name their own (they differ per route). */
const ACCESS_SECURITY: Record<RouteAccess, readonly Record<string, string[]>[] | 'declared by the route'> = {
  'api-key': [{ apiKey: [] }],
  public: [],
  admin: 'declared by the route',
  webhook: 'declared by the route',
};

export const SECURITY_SCHEMES = {
  apiKey: {
    type: 'http',
    scheme: 'bearer',
    description:
      'An API key from API_KEYS, sent as `Authorization: Bearer <key>`. Each key belongs to a tenant and only sees its own jobs, drafts and ' +
      'deliveries. When API_KEYS is empty (a local installation) no key is asked for.',
  },
  metricsToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'METRICS_TOKEN, sent as `Authorization: Bearer <token>` by the Prometheus scraper; /metrics is open when it is not set.',
  },
  zendeskSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'x-zendesk-webhook-signature',
    description:
      "Zendesk's webhook signature: base64 HMAC-SHA256 of x-zendesk-webhook-signature-timestamp + the raw body, keyed with the webhook's signing secret.",
  },
  freshdeskToken: {
    type: 'apiKey',
    in: 'header',
    name: 'x-ondo-token',
    description:
      "The integration's secret, sent by the Freshdesk automation rule in this header (the integration's tokenHeader can rename it).",
  },
  standardWebhookSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'webhook-signature',
    description: 'Standard Webhooks: `v1,<base64 HMAC-SHA256 of "webhook-id.webhook-timestamp.body">` keyed with the integration secret.',
  },
  sendgridSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'x-twilio-email-event-webhook-signature',
    description: "SendGrid's ECDSA signature of x-twilio-email-event-webhook-timestamp + the body, when the Parse security policy is on.",
  },
  webhookBasic: {
    type: 'http',
    scheme: 'basic',
    description: 'Basic credentials put in the webhook URL configured at the provider (Postmark, SendGrid, Mailgun).',
  },
} as const;

export type SecurityScheme = keyof typeof SECURITY_SCHEMES;
/** One way to authenticate a call: every scheme named must be satisfied; `{}` means "no credentials". */
export type SecurityRequirement = Partial<Record<SecurityScheme, string[]>>;

export const openapiOptions: FastifyDynamicSwaggerOptions = {
  openapi: {
    openapi: '3.1.0',
    info: {
      title: 'ondo API',
      version: '0.1.0',
      description: [
        'ondo (温度) reads Japanese customer-support mail, measures how hot it is — anger, urgency, and the irritation that',
        'hides behind perfectly polite business Japanese — and drafts replies that open with a cushion.',
        '',
        'All request and response bodies are UTF-8 JSON. Errors are RFC 9457 `application/problem+json` with a stable `type`',
        '(`urn:ondo:problem:<kind>`), a `detail` saying what exactly was wrong, and `instance` = the request id (also sent as',
        'the `x-request-id` response header).',
        '',
        'Compatibility: changes within `/v1` are additive (new operations, new optional request fields, new response fields);',
        'a breaking change is a new version. Deprecated fields keep working for at least one release (see CHANGELOG.md).',
      ].join('\n'),
      contact: { name: 'The team that runs this ondo installation' },
      license: { name: 'MIT', identifier: 'MIT' },
    },
    // Relative: the installation that serves this document (each team runs its own; a local one is http://localhost:3000).
    servers: [{ url: '/', description: 'This ondo installation: the host that serves this document' }],
    tags: [
      { name: 'analysis', description: 'Tone scoring: how angry and how urgent one mail is, with the evidence' },
      { name: 'triage', description: 'Tone, scenario, routing and a cushion-first reply draft for one mail, at once' },
      { name: 'drafts', description: 'Workflow drafts (reminders, closing notice, …) and the reply linter' },
      { name: 'queue', description: 'Asynchronous triage: jobs drafted by the workers, hottest first (needs Redis)' },
      { name: 'reviews', description: 'The review queue of finished drafts: claim with a lease, approve with edits, reject' },
      { name: 'followups', description: 'Reminders and a closing notice for a customer who has gone silent, as delayed jobs' },
      { name: 'integrations', description: 'Signed webhooks from helpdesks and inbound-mail providers; draft notes posted back' },
      { name: 'feedback', description: "Agents' corrections of ondo's verdicts, masked and stored for `ondo learn` (FEEDBACK=on)" },
      { name: 'operations', description: 'Metrics for Prometheus' },
      { name: 'health', description: 'Liveness and readiness for orchestrators and load balancers' },
    ],
    components: { securitySchemes: SECURITY_SCHEMES },
  },
  transform: ({ schema, url, route }) => {
    if (!schema || (schema as { hide?: boolean }).hide) return { schema, url };
    const operation = schema as { operationId?: string; security?: unknown };
    const access = route.config?.access ?? 'api-key';
    if (!operation.operationId) throw new Error(`${route.method} ${url} has no operationId: name it in the route schema`);
    const security = ACCESS_SECURITY[access];
    if (security === 'declared by the route') {
      if (!operation.security) throw new Error(`${route.method} ${url} is a ${access} route: declare its security in the route schema`);
      return { schema, url };
    }
    if (operation.security) throw new Error(`${route.method} ${url} is a ${access} route: its security comes from the access class`);
    return { schema: { ...schema, security }, url };
  },
  transformObject: (document) =>
    'openapiObject' in document
      ? withExampleAnswers(hoistComponents(document.openapiObject as Record<string, unknown>), EXAMPLE_ANSWERS)
      : document.swaggerObject,
};
