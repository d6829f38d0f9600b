/**
 * Integration settings: one entry per tenant and provider, read from a JSON or YAML file (or JSON
 * in an environment variable) by config.ts. Secrets are lists so a rotation accepts the old and
 * the new one at once; `${NAME}` in any string is replaced by that environment variable, so the
 * file itself can be committed without secrets.
 */
import { readFileSync } from 'node:fs';
import { Type, type Static, type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { parse as parseYaml } from 'yaml';

/** The tenant of a server without API keys, and of integrations that name none. */
export const DEFAULT_TENANT = 'default';

export const PROVIDERS = ['zendesk', 'freshdesk', 'generic', 'postmark', 'sendgrid', 'mailgun'] as const;
export type Provider = (typeof PROVIDERS)[number];

const Secrets = (description: string) =>
  Type.Array(Type.String({ minLength: 8, maxLength: 1000 }), { minItems: 1, maxItems: 5, description });
const HttpsUrl = (description: string) => Type.String({ pattern: '^https?://', maxLength: 2000, description });

const NoteOptions = Type.Object(
  {
    setPriority: Type.Optional(Type.Boolean({ description: 'Also set the ticket priority from the routing priority (default false)' })),
    setTags: Type.Optional(Type.Boolean({ description: 'Also add tags ondo-angry / ondo-furious / ondo-escalate (default false)' })),
  },
  { additionalProperties: false },
);

const Callback = Type.Object(
  {
    url: HttpsUrl('Where the signed draft is POSTed (https; http only for a loopback host)'),
    secrets: Secrets('Standard-Webhooks secrets (whsec_…); the first signs'),
  },
  { additionalProperties: false },
);

const common = {
  id: Type.String({
    pattern: '^[a-z0-9][a-z0-9-]{0,62}$',
    description: 'Names the integration in the webhook URL: /webhooks/<provider>/<id>',
  }),
  tenant: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      description:
        "The tenant this integration belongs to (API_KEYS names tenants): its jobs and deliveries are that tenant's (default: the tenant 'default')",
    }),
  ),
  note: Type.Optional(NoteOptions),
  pathTokens: Type.Optional(
    Type.Array(Type.String({ pattern: '^[A-Za-z0-9_-]{32,200}$' }), {
      minItems: 1,
      maxItems: 5,
      description:
        'Secret token(s) in the webhook URL, /webhooks/<provider>/<id>/<token> (32+ URL-safe characters, e.g. `openssl rand -hex 24`): ' +
        'when set, only that URL is accepted. A second factor for providers whose signature does not cover the mail (Mailgun)',
    }),
  ),
};

export const ZendeskIntegration = Type.Object(
  {
    ...common,
    provider: Type.Literal('zendesk'),
    signingSecrets: Secrets("The webhook's signing secret(s) (Admin Center → Webhooks → Reveal secret)"),
    baseUrl: HttpsUrl('https://<subdomain>.zendesk.com'),
    email: Type.String({ minLength: 3, maxLength: 320, description: 'Agent email of the API token' }),
    apiToken: Type.String({ minLength: 8, maxLength: 200 }),
    fetchComment: Type.Optional(
      Type.Boolean({ description: 'Read the latest comment through the API instead of the trigger placeholder text' }),
    ),
  },
  { additionalProperties: false },
);

export const FreshdeskIntegration = Type.Object(
  {
    ...common,
    provider: Type.Literal('freshdesk'),
    tokens: Secrets('Shared secret(s) sent by the automation rule in the token header'),
    tokenHeader: Type.Optional(
      Type.String({ pattern: '^[a-z0-9-]{1,64}$', description: 'Header carrying the token (default x-ondo-token)' }),
    ),
    baseUrl: HttpsUrl('https://<domain>.freshdesk.com'),
    apiKey: Type.String({ minLength: 8, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const GenericIntegration = Type.Object(
  {
    ...common,
    provider: Type.Literal('generic'),
    secrets: Secrets('Standard-Webhooks secret(s) (whsec_…) of inbound calls'),
    callback: Callback,
  },
  { additionalProperties: false },
);

export const PostmarkIntegration = Type.Object(
  {
    ...common,
    provider: Type.Literal('postmark'),
    basicAuth: Secrets('"user:password" pairs put in the inbound webhook URL'),
    callback: Callback,
  },
  { additionalProperties: false },
);

export const SendGridIntegration = Type.Object(
  {
    ...common,
    provider: Type.Literal('sendgrid'),
    basicAuth: Type.Optional(Secrets('"user:password" pairs put in the Inbound Parse URL')),
    publicKeys: Type.Optional(Secrets('ECDSA verification key(s) of a Parse webhook security policy (base64 DER or PEM)')),
    callback: Callback,
  },
  { additionalProperties: false },
);

export const MailgunIntegration = Type.Object(
  {
    ...common,
    provider: Type.Literal('mailgun'),
    signingKeys: Secrets('HTTP webhook signing key(s)'),
    // Mailgun signs timestamp + token, not the mail: anyone holding one fresh signed triple could post any body with it.
    basicAuth: Type.Optional(
      Secrets('"user:password" pairs put in the forward() URL: a second factor that the signature alone does not give'),
    ),
    callback: Callback,
  },
  { additionalProperties: false },
);

export type ZendeskIntegration = Static<typeof ZendeskIntegration>;
export type FreshdeskIntegration = Static<typeof FreshdeskIntegration>;
export type GenericIntegration = Static<typeof GenericIntegration>;
export type PostmarkIntegration = Static<typeof PostmarkIntegration>;
export type SendGridIntegration = Static<typeof SendGridIntegration>;
export type MailgunIntegration = Static<typeof MailgunIntegration>;
export type Integration =
  ZendeskIntegration | FreshdeskIntegration | GenericIntegration | PostmarkIntegration | SendGridIntegration | MailgunIntegration;
export type IntegrationOf<P extends Provider> = Extract<Integration, { provider: P }>;

const SCHEMAS: Record<Provider, TSchema> = {
  zendesk: ZendeskIntegration,
  freshdesk: FreshdeskIntegration,
  generic: GenericIntegration,
  postmark: PostmarkIntegration,
  sendgrid: SendGridIntegration,
  mailgun: MailgunIntegration,
};
const CHECKS = Object.fromEntries(Object.entries(SCHEMAS).map(([p, s]) => [p, Compile(s)])) as Record<Provider, ReturnType<typeof Compile>>;

/** The tenant whose jobs and deliveries an integration's webhooks make. */
export function integrationTenant(integration: Integration): string {
  return integration.tenant ?? DEFAULT_TENANT;
}

export class IntegrationSettingsError extends Error {
  override name = 'IntegrationSettingsError';
}

/** Reads INTEGRATIONS_FILE (JSON or YAML: a list, or `{ integrations: [...] }`) or INTEGRATIONS (JSON). */
export function loadIntegrationSettings(env: NodeJS.ProcessEnv): Integration[] {
  const file = env.INTEGRATIONS_FILE;
  let raw: unknown = [];
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new IntegrationSettingsError(`INTEGRATIONS_FILE=${file}: ${(err as Error).message}`);
    }
    raw = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text);
  } else if (env.INTEGRATIONS) {
    try {
      raw = JSON.parse(env.INTEGRATIONS);
    } catch (err) {
      throw new IntegrationSettingsError(`INTEGRATIONS is not valid JSON: ${(err as Error).message}`);
    }
  }
  return parseIntegrationSettings(raw, env, file ? `INTEGRATIONS_FILE=${file}` : 'INTEGRATIONS');
}

export function parseIntegrationSettings(raw: unknown, env: NodeJS.ProcessEnv, source = 'integrations'): Integration[] {
  const list = Array.isArray(raw) ? raw : ((raw as { integrations?: unknown } | null)?.integrations ?? []);
  if (!Array.isArray(list)) throw new IntegrationSettingsError(`${source}: expected a list of integrations`);
  const seen = new Set<string>();
  return list.map((entry, index) => {
    const resolved = resolveEnvRefs(entry, env, `${source}[${index}]`);
    const provider = (resolved as { provider?: string } | null)?.provider as Provider;
    const check = CHECKS[provider];
    if (!check) throw new IntegrationSettingsError(`${source}[${index}].provider must be one of ${PROVIDERS.join(', ')}`);
    if (!check.Check(resolved)) {
      const problems = check.Errors(resolved).map((e) => `${e.instancePath || '/'} ${e.message}`);
      throw new IntegrationSettingsError(`${source}[${index}] (${provider}): ${[...new Set(problems)].join('; ')}`);
    }
    const integration = resolved as Integration;
    const key = `${integration.provider}/${integration.id}`;
    if (seen.has(key)) throw new IntegrationSettingsError(`${source}[${index}]: duplicate integration ${key}`);
    seen.add(key);
    for (const url of outboundUrls(integration)) assertOutboundUrl(url, `${source}[${index}]`);
    if (integration.provider === 'sendgrid' && !integration.basicAuth && !integration.publicKeys) {
      throw new IntegrationSettingsError(
        `${source}[${index}] (sendgrid): set basicAuth, publicKeys or both; an unauthenticated receiver is not accepted`,
      );
    }
    return integration;
  });
}

/** The URLs ondo may call for an integration: its helpdesk API or its callback, nothing else. */
export function outboundUrls(integration: Integration): string[] {
  return 'baseUrl' in integration ? [integration.baseUrl] : [integration.callback.url];
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/** https only; plain http is allowed for a loopback host (local fakes and tests). */
export function assertOutboundUrl(url: string, where: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new IntegrationSettingsError(`${where}: ${url} is not a URL`);
  }
  const loopback = LOOPBACK.test(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    throw new IntegrationSettingsError(`${where}: ${parsed.origin} must use https`);
  }
  if (parsed.username || parsed.password)
    throw new IntegrationSettingsError(`${where}: put credentials in their own fields, not in the URL`);
}

function resolveEnvRefs(value: unknown, env: NodeJS.ProcessEnv, where: string): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Z0-9_]+)\}/g, (_, name: string) => {
      const found = env[name];
      if (found === undefined) throw new IntegrationSettingsError(`${where}: environment variable ${name} is not set`);
      return found;
    });
  }
  if (Array.isArray(value)) return value.map((v) => resolveEnvRefs(v, env, where));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveEnvRefs(v, env, where)]));
  }
  return value;
}
