/**
 * The configuration table: one entry per setting, naming its environment variable, its schema, its
 * default, how its text is read, a one-line description and its group. `src/config.ts` derives the
 * config schema and loading from it; `npm run config:docs` derives the reference table in
 * docs/configuration.md and `.env.example` (test/config checks both are up to date).
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Type, type TSchema } from 'typebox';
import { API_KEY_ENTRY } from './api-keys.js';
import { IntegrationSettingsError, loadIntegrationSettings, type Integration } from './integrations.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const GROUPS = [
  'HTTP server',
  'Access',
  'Mail and analysis',
  'Redis and queues',
  'Queue workers',
  'Integrations',
  'Feedback',
] as const;

export interface Setting<T extends TSchema = TSchema> {
  /** The environment variable. */
  env: string;
  schema: T;
  /**
   * The variable's value when it is unset, as it would be written; a function for a default known
   * only at start-up. No default: `read` gets undefined.
   */
  default?: string | (() => string);
  /** How the default reads in the docs, when not the value itself (a computed default, or none). */
  shown?: string;
  /** Text → value (undefined leaves an optional setting out); throws ConfigError naming the variable. */
  read: (value: string | undefined, name: string, env: NodeJS.ProcessEnv) => unknown;
  /** One line for the docs and `.env.example`. */
  description: string;
  group: (typeof GROUPS)[number];
  /** Never echoed in an error message (start-up errors end up in logs). */
  secret?: boolean;
  /** An example value written (commented out) in `.env.example` when there is no default. */
  example?: string;
}

const setting = <T extends TSchema>(entry: Setting<T>): Setting<T> => entry;

/** A whole-number setting: its range is the schema, and its text is read as digits only. */
const integerSetting = ({ range: [minimum, maximum], ...entry }: Omit<Setting, 'schema' | 'read'> & { range: [number, number] }) =>
  setting({ ...entry, schema: Type.Integer({ minimum, maximum }), read: integer });

export const SETTINGS = {
  port: integerSetting({
    env: 'PORT',
    range: [0, 65535],
    default: '3000',
    description: 'port of the API',
    group: 'HTTP server',
  }),
  host: setting({
    env: 'HOST',
    schema: Type.String({ minLength: 1 }),
    default: '127.0.0.1',
    read: text,
    description: '`0.0.0.0` in a container',
    group: 'HTTP server',
  }),
  logLevel: setting({
    env: 'LOG_LEVEL',
    schema: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    default: 'info',
    read: text,
    description: 'pino level: fatal, error, warn, info, debug, trace or silent',
    group: 'HTTP server',
  }),
  maxBodyBytes: integerSetting({
    env: 'MAX_BODY_BYTES',
    range: [1024, 10 * 1024 * 1024],
    default: String(100 * 1024),
    description:
      'largest mail body accepted, in UTF-8 bytes (413 above it); for a raw mail or a webhook’s HTML, the decoded text is checked before quotes and signature are removed',
    group: 'Mail and analysis',
  }),
  maxRawMailBytes: integerSetting({
    env: 'MAX_RAW_MAIL_BYTES',
    range: [1024, 50 * 1024 * 1024],
    default: String(5 * 1024 * 1024),
    description: 'largest raw RFC 822 mail, attachments included, in bytes',
    group: 'Mail and analysis',
  }),
  dictionariesDir: setting({
    env: 'ONDO_DICTIONARIES_DIR',
    schema: Type.Optional(Type.String({ minLength: 1 })),
    shown: '`dictionaries/`',
    read: optional,
    description: 'folder of the support manual to load (dictionaries, templates); default: the one shipped with ondo',
    group: 'Mail and analysis',
    example: './dictionaries',
  }),
  dictionaryCacheDir: setting({
    env: 'DICTIONARY_CACHE_DIR',
    schema: Type.Optional(Type.String({ minLength: 1 })),
    default: () => fileURLToPath(new URL('../../.cache', import.meta.url)),
    shown: '`.cache/` in ondo’s folder',
    read: (value) => (value === 'off' ? undefined : optional(value)),
    description:
      'folder where the dictionaries’ parsed YAML is kept between starts (a file whose text changed is parsed anew; every value is still validated): the main thread then skips most of its start-up work; `off` parses every start',
    group: 'Mail and analysis',
  }),
  analysisThreads: integerSetting({
    env: 'ANALYSIS_THREADS',
    range: [0, 64],
    default: () => String(Math.min(availableParallelism(), 64)),
    shown: 'the cores (at most 64)',
    description:
      'the analysis pool: threads that read mail (MIME, HTML, quotes, signature), analyse, triage and lint; each adds ≈ 70–120 MB; `/readyz` is 503 until all are loaded; 0 runs the analysis on the event loop (no time budgets then)',
    group: 'Mail and analysis',
    example: '4',
  }),
  analysisMaxBacklog: integerSetting({
    env: 'ANALYSIS_MAX_BACKLOG',
    range: [1, 100_000],
    default: '64',
    description:
      'tasks waiting for an analysis thread beyond which the API answers 503 `overloaded` with `Retry-After` instead of queueing more (load shedding; pool mode)',
    group: 'Mail and analysis',
  }),
  mailReadBudgetMs: integerSetting({
    env: 'MAIL_READ_BUDGET_MS',
    range: [10, 600_000],
    default: '2000',
    description:
      'longest an analysis thread may spend reading one mail (MIME, HTML → text, quotes, signature); past it the thread is replaced and the mail answered 422 `undecodable-mail` (`read-budget-exceeded`)',
    group: 'Mail and analysis',
  }),
  analysisTaskBudgetMs: integerSetting({
    env: 'ANALYSIS_TASK_BUDGET_MS',
    range: [10, 600_000],
    default: '15000',
    description:
      'longest one mail’s whole task (reading, analysis, draft) may run in its thread; past it the thread is replaced and the mail answered 422 `analysis-too-long`',
    group: 'Mail and analysis',
  }),
  analysisThreadYoungGenMb: integerSetting({
    env: 'ANALYSIS_THREAD_YOUNG_GEN_MB',
    range: [0, 1024],
    default: '24',
    description:
      'cap on each analysis thread’s young generation (V8’s nursery for short-lived objects), in MB: V8’s default lets it grow to ≈ 34 MB a thread once it triages, for ≈ 18 MB of live heap; 24 saves ≈ 25 MB a thread at the same CPU per mail; 0 leaves V8’s default',
    group: 'Mail and analysis',
  }),
  analysisThreadOldGenMb: integerSetting({
    env: 'ANALYSIS_THREAD_OLD_GEN_MB',
    range: [0, 16384],
    default: '512',
    description:
      'cap on each analysis thread’s old generation (V8’s heap of long-lived objects), in MB: under a cap below 2 GB V8 lets a heap grow to ≈ 1.3–2× what it kept at its last full collection instead of 4×, so a thread holds ≈ 65 MB for ≈ 30 MB live instead of growing past 120 MB; a thread that needs more than the cap is ended and replaced like one over its time budget (a thread needs ≈ 30 MB, and a 100 KB mail a few MB more); 0 leaves V8’s default',
    group: 'Mail and analysis',
  }),
  redisUrl: setting({
    env: 'REDIS_URL',
    schema: Type.String({ pattern: '^rediss?://[^,]+(,\\s*rediss?://[^,]+)*$' }),
    default: 'redis://127.0.0.1:6379',
    read: text,
    description:
      'Redis for the queues, the review queue, feedback and rate-limit counters (the API serves the synchronous endpoints without it); `rediss://` for TLS, user and password in the URL; several comma-separated URLs: Redis Cluster nodes (the first URL’s credentials and TLS apply to every node)',
    group: 'Redis and queues',
    secret: true,
  }),
  redisCluster: setting({
    env: 'REDIS_CLUSTER',
    schema: Type.Boolean(),
    default: 'off',
    read: (value, name, env) => onOff(value, name) || (env.REDIS_URL ?? '').includes(','),
    description:
      '`on`: talk to Redis Cluster even when `REDIS_URL` names one node (a managed cluster’s configuration endpoint); on anyway when it names several',
    group: 'Redis and queues',
  }),
  queuePrefix: setting({
    env: 'QUEUE_PREFIX',
    schema: Type.String({ pattern: '^\\{[A-Za-z0-9_.-]{1,64}\\}$|^[A-Za-z0-9_.-]{1,64}$' }),
    default: 'ondo',
    read: (value) => hashTagged(value ?? ''),
    description:
      'key prefix of every key ondo writes (queues, reviews, follow-ups, feedback, the id secret, rate-limit counters; one Redis can host several installations), used as a Redis Cluster hash tag, `{ondo}`, so every key of an installation lives in one slot; every API replica and job runner of an installation uses the same one',
    group: 'Redis and queues',
  }),
  queueTimeScale: setting({
    env: 'QUEUE_TIME_SCALE',
    schema: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
    default: '1',
    read: decimal,
    description: 'delayed jobs wait (due time − now) × this: 1 in production, e.g. 0.000001 in tests (a day ≈ 86 ms)',
    group: 'Redis and queues',
  }),
  jobAttempts: integerSetting({
    env: 'JOB_ATTEMPTS',
    range: [1, 50],
    default: '5',
    description: 'attempts per triage job before it fails for good',
    group: 'Redis and queues',
  }),
  jobBackoffMs: integerSetting({
    env: 'JOB_BACKOFF_MS',
    range: [1, 3_600_000],
    default: '2000',
    description: 'first retry’s delay for a transient failure, doubling each time',
    group: 'Redis and queues',
  }),
  jobRetentionSeconds: integerSetting({
    env: 'JOB_RETENTION_SECONDS',
    range: [60, 90 * 86_400],
    default: String(7 * 86_400),
    description: 'how long finished triage jobs (and so their idempotency keys) are kept',
    group: 'Redis and queues',
  }),
  workerConcurrency: integerSetting({
    env: 'WORKER_CONCURRENCY',
    range: [1, 64],
    default: '2',
    description: 'jobs one queue worker runs at once',
    group: 'Queue workers',
  }),
  workerLockMs: integerSetting({
    env: 'WORKER_LOCK_MS',
    range: [500, 600_000],
    default: '30000',
    description: 'a job whose worker stops renewing its lock for this long is stalled and handed to another worker',
    group: 'Queue workers',
  }),
  workerStalledIntervalMs: integerSetting({
    env: 'WORKER_STALLED_INTERVAL_MS',
    range: [200, 600_000],
    default: '30000',
    description: 'how often a worker looks for stalled jobs',
    group: 'Queue workers',
  }),
  workerPort: integerSetting({
    env: 'WORKER_PORT',
    range: [0, 65535],
    default: '3001',
    description: 'the job runner’s own `/healthz` and `/metrics`; 0 picks a free port',
    group: 'Queue workers',
  }),
  shutdownTimeoutMs: integerSetting({
    env: 'SHUTDOWN_TIMEOUT_MS',
    range: [0, 600_000],
    default: '25000',
    description: 'on SIGTERM, in-flight jobs get this long to finish before their locks are left to expire',
    group: 'Queue workers',
  }),
  reviewLeaseSeconds: integerSetting({
    env: 'REVIEW_LEASE_SECONDS',
    range: [5, 86_400],
    default: '900',
    description: 'how long an agent’s claim on a draft lasts before it returns to the review queue',
    group: 'Redis and queues',
  }),
  adminUser: setting({
    env: 'ADMIN_USER',
    schema: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    shown: '(none: dashboard off)',
    read: optional,
    description: 'user of the queue dashboard at `/admin/queues` (set with `ADMIN_PASSWORD`, or neither)',
    group: 'Access',
    example: 'admin',
  }),
  adminPassword: setting({
    env: 'ADMIN_PASSWORD',
    schema: Type.Optional(Type.String({ minLength: 12, maxLength: 200 })),
    shown: '(none: dashboard off)',
    read: optional,
    description: 'password of the queue dashboard (12+ characters)',
    group: 'Access',
    secret: true,
  }),
  playground: setting({
    env: 'PLAYGROUND',
    schema: Type.Boolean(),
    default: 'on',
    read: onOff,
    description:
      'the playground page at `/` (paste a mail, see its level and draft) and the review inbox at `/inbox`; `off` leaves both out',
    group: 'HTTP server',
  }),
  docs: setting({
    env: 'DOCS',
    schema: Type.Boolean(),
    default: 'on',
    read: onOff,
    description: 'Swagger UI at `/docs` and the document at `/openapi.json`; `off` leaves them out',
    group: 'HTTP server',
  }),
  apiKeys: setting({
    env: 'API_KEYS',
    schema: Type.Array(Type.String({ pattern: API_KEY_ENTRY.source }), { maxItems: 1000 }),
    shown: '(none: open)',
    read: list,
    description:
      'keys admitted to `/v1/*`, hashed, each with its tenant: `name[@tenant]:sha256:<hex>,…` (`npx ondo key new <name> [tenant]`)',
    group: 'Access',
    secret: true,
  }),
  allowOpenApi: setting({
    env: 'ALLOW_OPEN_API',
    schema: Type.Boolean(),
    default: '',
    shown: '0',
    read: flag,
    description:
      '`1`: serve the API without `API_KEYS` on a non-loopback `HOST` anyway (logged as a warning); otherwise the server refuses to start',
    group: 'Access',
  }),
  idSecret: setting({
    env: 'ID_SECRET',
    schema: Type.Optional(Type.String({ minLength: 16, maxLength: 1000 })),
    shown: '(one random secret kept in Redis)',
    read: optional,
    description: 'secret of the HMAC that derives job ids from idempotency keys (16+ characters; see Tenants)',
    group: 'Access',
    secret: true,
  }),
  rateLimitPerKey: integerSetting({
    env: 'RATE_LIMIT_PER_KEY',
    range: [1, 1_000_000],
    default: '600',
    description: 'requests per minute to `/v1/*` per API key',
    group: 'Access',
  }),
  rateLimitPerIp: integerSetting({
    env: 'RATE_LIMIT_PER_IP',
    range: [1, 1_000_000],
    default: '300',
    description: 'requests per minute per client IP without a key or with a wrong one (also the dashboard login and `/metrics`)',
    group: 'Access',
  }),
  trustProxy: setting({
    env: 'TRUST_PROXY',
    schema: Type.Union([
      Type.Boolean(),
      Type.Integer({ minimum: 1, maximum: 20 }),
      Type.Array(Type.String({ pattern: '^[0-9A-Fa-f.:]+(/\\d{1,3})?$' }), { minItems: 1, maxItems: 100 }),
    ]),
    default: '',
    shown: 'off',
    read: trustProxy,
    description:
      'behind a reverse proxy: `on` (any), a hop count, or the proxies’ addresses/CIDRs, comma-separated; the client IP (per-IP limit, logs) then comes from `X-Forwarded-For`',
    group: 'Access',
  }),
  metricsToken: setting({
    env: 'METRICS_TOKEN',
    schema: Type.Optional(Type.String({ minLength: 16, maxLength: 200 })),
    shown: '(none: open)',
    read: optional,
    description:
      "`/metrics` (the API's and the job runner's) then needs `Authorization: Bearer <token>` (16+ characters); without it keep `/metrics` off the public network",
    group: 'Access',
    secret: true,
  }),
  requestTimeoutMs: integerSetting({
    env: 'REQUEST_TIMEOUT_MS',
    range: [100, 3_600_000],
    default: '60000',
    description: 'a request (headers and body) not received within this is cut off',
    group: 'HTTP server',
  }),
  headersTimeoutMs: integerSetting({
    env: 'HEADERS_TIMEOUT_MS',
    range: [100, 600_000],
    default: '10000',
    description: 'a request whose headers are not received within this is cut off (at most `REQUEST_TIMEOUT_MS`)',
    group: 'HTTP server',
  }),
  connectionTimeoutMs: integerSetting({
    env: 'CONNECTION_TIMEOUT_MS',
    range: [100, 3_600_000],
    default: '120000',
    description: 'a socket silent this long is closed',
    group: 'HTTP server',
  }),
  maxConnections: integerSetting({
    env: 'MAX_CONNECTIONS',
    range: [1, 1_000_000],
    default: '2000',
    description: 'open connections per API process (more are refused)',
    group: 'HTTP server',
  }),
  maxRequestsPerSocket: integerSetting({
    env: 'MAX_REQUESTS_PER_SOCKET',
    range: [1, 1_000_000],
    default: '1000',
    description: 'requests one keep-alive connection may carry',
    group: 'HTTP server',
  }),
  corsOrigins: setting({
    env: 'CORS_ORIGINS',
    schema: Type.Array(Type.String({ pattern: '^https?://[^/\\s]+$' }), { maxItems: 100 }),
    shown: '(none: CORS off)',
    read: list,
    description: 'origins allowed to call the API from a browser, comma-separated',
    group: 'HTTP server',
    example: 'https://support.example.com',
  }),
  integrations: setting({
    env: 'INTEGRATIONS_FILE',
    schema: Type.Array(Type.Unsafe<Integration>(Type.Object({}, { additionalProperties: true }))),
    shown: '(none)',
    read: (_value, _name, env) => integrationSettings(env),
    description:
      'helpdesk and inbound-mail integrations, one per tenant and provider: a JSON or YAML file (or the JSON itself in `INTEGRATIONS`; see docs/integrations.md)',
    group: 'Integrations',
    secret: true,
    example: './integrations.yaml',
  }),
  webhookToleranceSeconds: integerSetting({
    env: 'WEBHOOK_TOLERANCE_SECONDS',
    range: [1, 3_600],
    default: '300',
    description: 'signed webhooks older or newer than this are refused (replay window)',
    group: 'Integrations',
  }),
  webhookDedupeSeconds: integerSetting({
    env: 'WEBHOOK_DEDUPE_SECONDS',
    range: [60, 90 * 86_400],
    default: String(4 * 86_400),
    description: 'how long an accepted webhook delivery id is remembered: longer than any provider’s retry window',
    group: 'Integrations',
  }),
  noteLedgerSeconds: integerSetting({
    env: 'NOTE_LEDGER_SECONDS',
    range: [3_600, 365 * 86_400],
    default: String(90 * 86_400),
    description: 'how long the (integration, ticket, message) → note record is kept',
    group: 'Integrations',
  }),
  deliveryAttempts: integerSetting({
    env: 'DELIVERY_ATTEMPTS',
    range: [1, 50],
    default: '8',
    description: 'attempts per note delivery to a helpdesk',
    group: 'Integrations',
  }),
  deliveryBackoffMs: integerSetting({
    env: 'DELIVERY_BACKOFF_MS',
    range: [1, 3_600_000],
    default: '2000',
    description: 'first backoff of a note delivery (doubling, with jitter)',
    group: 'Integrations',
  }),
  deliveryPollMs: integerSetting({
    env: 'DELIVERY_POLL_MS',
    range: [1, 60_000],
    default: '500',
    description: 'first look at a triage job a note delivery waits for',
    group: 'Integrations',
  }),
  deliveryTimeoutMs: integerSetting({
    env: 'DELIVERY_TIMEOUT_MS',
    range: [100, 120_000],
    default: '10000',
    description: 'HTTP timeout of one note delivery',
    group: 'Integrations',
  }),
  feedback: setting({
    env: 'FEEDBACK',
    schema: Type.Boolean(),
    default: 'off',
    read: onOff,
    description: '`on`: store agents’ corrections (`POST /v1/feedback`, review decisions), masked, for `ondo learn`',
    group: 'Feedback',
  }),
  feedbackRetentionDays: integerSetting({
    env: 'FEEDBACK_RETENTION_DAYS',
    range: [1, 3_650],
    default: '90',
    description: 'how many days a stored correction is kept',
    group: 'Feedback',
  }),
};

/** The text of an unset variable's default (undefined: no default). */
export function defaultText(entry: Setting): string | undefined {
  return typeof entry.default === 'function' ? entry.default() : entry.default;
}

function text(value: string | undefined): string | undefined {
  return value;
}

/** Unset or empty: left out. */
function optional(value: string | undefined): string | undefined {
  return value ? value : undefined;
}

/** `ondo` → `{ondo}` (a Redis Cluster hash tag); a prefix given as `{ondo}` stays as it is. */
function hashTagged(prefix: string): string {
  return /^\{.*\}$/.test(prefix) ? prefix : `{${prefix}}`;
}

/** A comma-separated list; empty entries are ignored. */
function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

/** Integration settings are validated entry by entry (with file and index in the message) by their own module. */
function integrationSettings(env: NodeJS.ProcessEnv): Integration[] {
  try {
    return loadIntegrationSettings(env);
  } catch (err) {
    if (err instanceof IntegrationSettingsError || err instanceof SyntaxError)
      throw new ConfigError(`invalid configuration: ${err.message}`, { cause: err });
    throw err;
  }
}

function decimal(value: string | undefined, name: string): number {
  if (!/^\d+(\.\d+)?(e-?\d+)?$/i.test((value ?? '').trim()))
    throw new ConfigError(`invalid configuration: ${name}=${JSON.stringify(value)}: must be a number`);
  return Number(value);
}

function onOff(value: string | undefined, name: string): boolean {
  const normalized = (value ?? '').trim().toLowerCase();
  if (normalized === 'on') return true;
  if (normalized === 'off') return false;
  throw new ConfigError(`invalid configuration: ${name}=${JSON.stringify(value)}: must be on or off`);
}

/** off (default), on (every proxy: only when nothing else can reach the port), a hop count, or a list of proxy addresses/CIDRs. */
function trustProxy(value: string | undefined): boolean | number | string[] {
  const normalized = (value ?? '').trim().toLowerCase();
  if (['', 'off', 'false', '0'].includes(normalized)) return false;
  if (['on', 'true'].includes(normalized)) return true;
  if (/^\d+$/.test(normalized)) return Number(normalized);
  return list(value);
}

/** 1/0 (also on/off, true/false); empty is off, as docker compose passes an unset variable. */
function flag(value: string | undefined, name: string): boolean {
  const normalized = (value ?? '').trim().toLowerCase();
  if (['1', 'on', 'true'].includes(normalized)) return true;
  if (['', '0', 'off', 'false'].includes(normalized)) return false;
  throw new ConfigError(`invalid configuration: ${name}=${JSON.stringify(value)}: must be 1 or 0`);
}

function integer(value: string | undefined, name: string): number {
  if (!/^\d+$/.test((value ?? '').trim()))
    throw new ConfigError(`invalid configuration: ${name}=${JSON.stringify(value)}: must be a whole number`);
  return Number(value);
}
