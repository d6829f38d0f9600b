/** Environment → typed, validated configuration. The only module that reads process.env. */
import { availableParallelism } from 'node:os';
import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { API_KEY_ENTRY } from './config/api-keys.js';
import { IntegrationSettingsError, loadIntegrationSettings, type Integration } from './config/integrations.js';

export const ConfigSchema = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65535 }),
  host: Type.String({ minLength: 1 }),
  logLevel: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  /** Largest mail body accepted, in UTF-8 bytes. */
  maxBodyBytes: Type.Integer({ minimum: 1024, maximum: 10 * 1024 * 1024 }),
  /** Largest raw RFC 822 mail accepted (attachments included), in bytes. */
  maxRawMailBytes: Type.Integer({ minimum: 1024, maximum: 50 * 1024 * 1024 }),
  /** Folder of the support manual (dictionaries, templates); default: the one shipped with ondo. */
  dictionariesDir: Type.Optional(Type.String({ minLength: 1 })),
  /** Worker threads for analyze, triage and lint (each loads its own tokenizer); 0 runs them on the event loop. */
  analysisThreads: Type.Integer({ minimum: 0, maximum: 64 }),
  /** Tasks waiting for an analysis thread beyond which the API answers 503 with Retry-After instead of queueing more. */
  analysisMaxBacklog: Type.Integer({ minimum: 1, maximum: 100_000 }),
  /** Longest an analysis thread may spend reading one mail (MIME, HTML → text, quotes, signature): past it the thread is replaced and the mail answered 422. */
  mailReadBudgetMs: Type.Integer({ minimum: 10, maximum: 600_000 }),
  /** Longest one mail's task (reading, analysis, draft) may run in its thread: past it the thread is replaced and the mail answered 422. */
  analysisTaskBudgetMs: Type.Integer({ minimum: 10, maximum: 600_000 }),
  /** Redis for the queues; the API serves the synchronous endpoints without it. Several comma-separated URLs: Redis Cluster nodes. */
  redisUrl: Type.String({ pattern: '^rediss?://[^,]+(,\\s*rediss?://[^,]+)*$' }),
  /** Talk to Redis Cluster (ioredis Cluster) even when REDIS_URL names one node; on when it names several. */
  redisCluster: Type.Boolean(),
  /**
   * Key prefix of every queue and review key (one Redis can host several ondo installations), as a
   * Redis Cluster hash tag, `{ondo}`: every key of an installation lives in one slot, so scripts and
   * multi-key commands work on Redis Cluster (src/queue/README.md).
   */
  queuePrefix: Type.String({ pattern: '^\\{[A-Za-z0-9_.-]{1,64}\\}$|^[A-Za-z0-9_.-]{1,64}$' }),
  /** Delayed jobs wait (due time − now) × this: 1 in production, e.g. 0.000001 in tests (a day ≈ 86 ms). */
  queueTimeScale: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
  /** Attempts per job, and the first retry's delay (doubling each time) for transient failures. */
  jobAttempts: Type.Integer({ minimum: 1, maximum: 50 }),
  jobBackoffMs: Type.Integer({ minimum: 1, maximum: 3_600_000 }),
  /** How long finished triage jobs (and so their idempotency keys) are kept. */
  jobRetentionSeconds: Type.Integer({ minimum: 60, maximum: 90 * 86_400 }),
  workerConcurrency: Type.Integer({ minimum: 1, maximum: 64 }),
  /** A job whose worker stops renewing its lock for this long is stalled and handed to another worker. */
  workerLockMs: Type.Integer({ minimum: 500, maximum: 600_000 }),
  workerStalledIntervalMs: Type.Integer({ minimum: 200, maximum: 600_000 }),
  /** The worker's own /healthz and /metrics; 0 picks a free port. */
  workerPort: Type.Integer({ minimum: 0, maximum: 65535 }),
  /** On SIGTERM, in-flight jobs get this long to finish before their locks are left to expire. */
  shutdownTimeoutMs: Type.Integer({ minimum: 0, maximum: 600_000 }),
  /** How long an agent's claim on a draft lasts before it returns to the review queue. */
  reviewLeaseSeconds: Type.Integer({ minimum: 5, maximum: 86_400 }),
  /** Credentials of the queue dashboard at /admin/queues; without them the dashboard is off. */
  adminUser: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  adminPassword: Type.Optional(Type.String({ minLength: 12, maxLength: 200 })),
  /** The playground page at / (paste a mail, see its level and draft); PLAYGROUND=off leaves it out. */
  playground: Type.Boolean(),
  /** Swagger UI at /docs and the document at /openapi.json; DOCS=off leaves them out. */
  docs: Type.Boolean(),
  /** Serve the API without keys on a non-loopback HOST anyway (logged as a warning); off: the server refuses to start. */
  allowOpenApi: Type.Boolean(),
  /** API keys admitted to /v1/*, stored hashed: "name[@tenant]:sha256:<hex>" (npx ondo key new <name> [tenant]); none = open. */
  apiKeys: Type.Array(Type.String({ pattern: API_KEY_ENTRY.source }), { maxItems: 1000 }),
  /** Secret of the HMAC that derives job ids from idempotency keys; unset: one random secret kept in Redis. */
  idSecret: Type.Optional(Type.String({ minLength: 16, maxLength: 1000 })),
  /** Requests per minute to /v1/* for one API key, and for one client IP without a key. */
  rateLimitPerKey: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  rateLimitPerIp: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  /** Which proxies' X-Forwarded-For to believe (fastify trustProxy): false (default), true, a hop count, or addresses/CIDRs. */
  trustProxy: Type.Union([
    Type.Boolean(),
    Type.Integer({ minimum: 1, maximum: 20 }),
    Type.Array(Type.String({ pattern: '^[0-9A-Fa-f.:]+(/\\d{1,3})?$' }), { minItems: 1, maxItems: 100 }),
  ]),
  /** Bearer token /metrics requires; none = /metrics is open (keep it off the public network). */
  metricsToken: Type.Optional(Type.String({ minLength: 16, maxLength: 200 })),
  /** Slow clients: the whole request (headers and body), the headers alone, and socket inactivity, in ms. */
  requestTimeoutMs: Type.Integer({ minimum: 100, maximum: 3_600_000 }),
  headersTimeoutMs: Type.Integer({ minimum: 100, maximum: 600_000 }),
  connectionTimeoutMs: Type.Integer({ minimum: 100, maximum: 3_600_000 }),
  /** Open connections this process accepts, and requests one keep-alive connection may carry. */
  maxConnections: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  maxRequestsPerSocket: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  /** Origins allowed to call the API from a browser (CORS); none = CORS off. */
  corsOrigins: Type.Array(Type.String({ pattern: '^https?://[^/\\s]+$' }), { maxItems: 100 }),
  /** Helpdesk and inbound-mail integrations, one per tenant and provider (INTEGRATIONS_FILE or INTEGRATIONS; README → Integrations). */
  integrations: Type.Array(Type.Unsafe<Integration>(Type.Object({}, { additionalProperties: true }))),
  /** Signed webhooks older or newer than this are refused (replay window). */
  webhookToleranceSeconds: Type.Integer({ minimum: 1, maximum: 3_600 }),
  /** How long an accepted webhook delivery id is remembered: longer than any provider's retry window. */
  webhookDedupeSeconds: Type.Integer({ minimum: 60, maximum: 90 * 86_400 }),
  /** How long the (integration, ticket, message) → note record is kept. */
  noteLedgerSeconds: Type.Integer({ minimum: 3_600, maximum: 365 * 86_400 }),
  /** Attempts per note delivery, the first backoff (doubling, with jitter), the first look at a pending triage job, and the HTTP timeout. */
  deliveryAttempts: Type.Integer({ minimum: 1, maximum: 50 }),
  deliveryBackoffMs: Type.Integer({ minimum: 1, maximum: 3_600_000 }),
  deliveryPollMs: Type.Integer({ minimum: 1, maximum: 60_000 }),
  deliveryTimeoutMs: Type.Integer({ minimum: 100, maximum: 120_000 }),
  /** Agents' corrections (POST /v1/feedback, review decisions) are stored, masked, for `ondo learn`; FEEDBACK=on turns it on. */
  feedback: Type.Boolean(),
  /** How long a stored correction is kept. */
  feedbackRetentionDays: Type.Integer({ minimum: 1, maximum: 3_650 }),
});
export type Config = Static<typeof ConfigSchema>;

/** Reads which environment variable feeds which field, so error messages can name the variable. */
const ENV_NAMES: Record<keyof Config, string> = {
  port: 'PORT',
  host: 'HOST',
  logLevel: 'LOG_LEVEL',
  maxBodyBytes: 'MAX_BODY_BYTES',
  maxRawMailBytes: 'MAX_RAW_MAIL_BYTES',
  dictionariesDir: 'ONDO_DICTIONARIES_DIR',
  analysisThreads: 'ANALYSIS_THREADS',
  analysisMaxBacklog: 'ANALYSIS_MAX_BACKLOG',
  mailReadBudgetMs: 'MAIL_READ_BUDGET_MS',
  analysisTaskBudgetMs: 'ANALYSIS_TASK_BUDGET_MS',
  redisUrl: 'REDIS_URL',
  redisCluster: 'REDIS_CLUSTER',
  queuePrefix: 'QUEUE_PREFIX',
  queueTimeScale: 'QUEUE_TIME_SCALE',
  jobAttempts: 'JOB_ATTEMPTS',
  jobBackoffMs: 'JOB_BACKOFF_MS',
  jobRetentionSeconds: 'JOB_RETENTION_SECONDS',
  workerConcurrency: 'WORKER_CONCURRENCY',
  workerLockMs: 'WORKER_LOCK_MS',
  workerStalledIntervalMs: 'WORKER_STALLED_INTERVAL_MS',
  workerPort: 'WORKER_PORT',
  shutdownTimeoutMs: 'SHUTDOWN_TIMEOUT_MS',
  reviewLeaseSeconds: 'REVIEW_LEASE_SECONDS',
  adminUser: 'ADMIN_USER',
  adminPassword: 'ADMIN_PASSWORD',
  playground: 'PLAYGROUND',
  docs: 'DOCS',
  apiKeys: 'API_KEYS',
  allowOpenApi: 'ALLOW_OPEN_API',
  idSecret: 'ID_SECRET',
  rateLimitPerKey: 'RATE_LIMIT_PER_KEY',
  rateLimitPerIp: 'RATE_LIMIT_PER_IP',
  trustProxy: 'TRUST_PROXY',
  metricsToken: 'METRICS_TOKEN',
  requestTimeoutMs: 'REQUEST_TIMEOUT_MS',
  headersTimeoutMs: 'HEADERS_TIMEOUT_MS',
  connectionTimeoutMs: 'CONNECTION_TIMEOUT_MS',
  maxConnections: 'MAX_CONNECTIONS',
  maxRequestsPerSocket: 'MAX_REQUESTS_PER_SOCKET',
  corsOrigins: 'CORS_ORIGINS',
  integrations: 'INTEGRATIONS_FILE',
  webhookToleranceSeconds: 'WEBHOOK_TOLERANCE_SECONDS',
  webhookDedupeSeconds: 'WEBHOOK_DEDUPE_SECONDS',
  noteLedgerSeconds: 'NOTE_LEDGER_SECONDS',
  deliveryAttempts: 'DELIVERY_ATTEMPTS',
  deliveryBackoffMs: 'DELIVERY_BACKOFF_MS',
  deliveryPollMs: 'DELIVERY_POLL_MS',
  deliveryTimeoutMs: 'DELIVERY_TIMEOUT_MS',
  feedback: 'FEEDBACK',
  feedbackRetentionDays: 'FEEDBACK_RETENTION_DAYS',
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const checkConfig = Compile(ConfigSchema);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const candidate = {
    port: integer(env.PORT ?? '3000', 'PORT'),
    host: env.HOST ?? '127.0.0.1',
    logLevel: env.LOG_LEVEL ?? 'info',
    maxBodyBytes: integer(env.MAX_BODY_BYTES ?? String(100 * 1024), 'MAX_BODY_BYTES'),
    maxRawMailBytes: integer(env.MAX_RAW_MAIL_BYTES ?? String(5 * 1024 * 1024), 'MAX_RAW_MAIL_BYTES'),
    ...(env.ONDO_DICTIONARIES_DIR ? { dictionariesDir: env.ONDO_DICTIONARIES_DIR } : {}),
    analysisThreads: integer(env.ANALYSIS_THREADS ?? String(Math.min(availableParallelism(), 64)), 'ANALYSIS_THREADS'),
    analysisMaxBacklog: integer(env.ANALYSIS_MAX_BACKLOG ?? '64', 'ANALYSIS_MAX_BACKLOG'),
    mailReadBudgetMs: integer(env.MAIL_READ_BUDGET_MS ?? '2000', 'MAIL_READ_BUDGET_MS'),
    analysisTaskBudgetMs: integer(env.ANALYSIS_TASK_BUDGET_MS ?? '15000', 'ANALYSIS_TASK_BUDGET_MS'),
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    redisCluster: onOff(env.REDIS_CLUSTER ?? 'off', 'REDIS_CLUSTER') || (env.REDIS_URL ?? '').includes(','),
    queuePrefix: hashTagged(env.QUEUE_PREFIX ?? 'ondo'),
    queueTimeScale: decimal(env.QUEUE_TIME_SCALE ?? '1', 'QUEUE_TIME_SCALE'),
    jobAttempts: integer(env.JOB_ATTEMPTS ?? '5', 'JOB_ATTEMPTS'),
    jobBackoffMs: integer(env.JOB_BACKOFF_MS ?? '2000', 'JOB_BACKOFF_MS'),
    jobRetentionSeconds: integer(env.JOB_RETENTION_SECONDS ?? String(7 * 86_400), 'JOB_RETENTION_SECONDS'),
    workerConcurrency: integer(env.WORKER_CONCURRENCY ?? '2', 'WORKER_CONCURRENCY'),
    workerLockMs: integer(env.WORKER_LOCK_MS ?? '30000', 'WORKER_LOCK_MS'),
    workerStalledIntervalMs: integer(env.WORKER_STALLED_INTERVAL_MS ?? '30000', 'WORKER_STALLED_INTERVAL_MS'),
    workerPort: integer(env.WORKER_PORT ?? '3001', 'WORKER_PORT'),
    shutdownTimeoutMs: integer(env.SHUTDOWN_TIMEOUT_MS ?? '25000', 'SHUTDOWN_TIMEOUT_MS'),
    reviewLeaseSeconds: integer(env.REVIEW_LEASE_SECONDS ?? '900', 'REVIEW_LEASE_SECONDS'),
    ...(env.ADMIN_USER ? { adminUser: env.ADMIN_USER } : {}),
    ...(env.ADMIN_PASSWORD ? { adminPassword: env.ADMIN_PASSWORD } : {}),
    playground: onOff(env.PLAYGROUND ?? 'on', 'PLAYGROUND'),
    docs: onOff(env.DOCS ?? 'on', 'DOCS'),
    apiKeys: list(env.API_KEYS),
    allowOpenApi: flag(env.ALLOW_OPEN_API ?? '', 'ALLOW_OPEN_API'),
    ...(env.ID_SECRET ? { idSecret: env.ID_SECRET } : {}),
    rateLimitPerKey: integer(env.RATE_LIMIT_PER_KEY ?? '600', 'RATE_LIMIT_PER_KEY'),
    rateLimitPerIp: integer(env.RATE_LIMIT_PER_IP ?? '300', 'RATE_LIMIT_PER_IP'),
    trustProxy: trustProxy(env.TRUST_PROXY ?? ''),
    ...(env.METRICS_TOKEN ? { metricsToken: env.METRICS_TOKEN } : {}),
    requestTimeoutMs: integer(env.REQUEST_TIMEOUT_MS ?? '60000', 'REQUEST_TIMEOUT_MS'),
    headersTimeoutMs: integer(env.HEADERS_TIMEOUT_MS ?? '10000', 'HEADERS_TIMEOUT_MS'),
    connectionTimeoutMs: integer(env.CONNECTION_TIMEOUT_MS ?? '120000', 'CONNECTION_TIMEOUT_MS'),
    maxConnections: integer(env.MAX_CONNECTIONS ?? '2000', 'MAX_CONNECTIONS'),
    maxRequestsPerSocket: integer(env.MAX_REQUESTS_PER_SOCKET ?? '1000', 'MAX_REQUESTS_PER_SOCKET'),
    corsOrigins: list(env.CORS_ORIGINS),
    integrations: integrationSettings(env),
    webhookToleranceSeconds: integer(env.WEBHOOK_TOLERANCE_SECONDS ?? '300', 'WEBHOOK_TOLERANCE_SECONDS'),
    webhookDedupeSeconds: integer(env.WEBHOOK_DEDUPE_SECONDS ?? String(4 * 86_400), 'WEBHOOK_DEDUPE_SECONDS'),
    noteLedgerSeconds: integer(env.NOTE_LEDGER_SECONDS ?? String(90 * 86_400), 'NOTE_LEDGER_SECONDS'),
    deliveryAttempts: integer(env.DELIVERY_ATTEMPTS ?? '8', 'DELIVERY_ATTEMPTS'),
    deliveryBackoffMs: integer(env.DELIVERY_BACKOFF_MS ?? '2000', 'DELIVERY_BACKOFF_MS'),
    deliveryPollMs: integer(env.DELIVERY_POLL_MS ?? '500', 'DELIVERY_POLL_MS'),
    deliveryTimeoutMs: integer(env.DELIVERY_TIMEOUT_MS ?? '10000', 'DELIVERY_TIMEOUT_MS'),
    feedback: onOff(env.FEEDBACK ?? 'off', 'FEEDBACK'),
    feedbackRetentionDays: integer(env.FEEDBACK_RETENTION_DAYS ?? '90', 'FEEDBACK_RETENTION_DAYS'),
  };
  if (Boolean(candidate.adminUser) !== Boolean(candidate.adminPassword)) {
    throw new ConfigError('invalid configuration: set both ADMIN_USER and ADMIN_PASSWORD (or neither, to turn the queue dashboard off)');
  }
  if (candidate.headersTimeoutMs > candidate.requestTimeoutMs) {
    throw new ConfigError(
      'invalid configuration: HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS (the headers are part of the request)',
    );
  }
  if (checkConfig.Check(candidate)) return candidate;
  const problems = checkConfig.Errors(candidate).map((e) => {
    const key = e.instancePath.split('/')[1] as keyof Config;
    // A start-up error ends up in logs: name the variable, never echo a secret.
    const shown = SECRETS.has(key) ? '(hidden)' : JSON.stringify(candidate[key as keyof typeof candidate]);
    return `${ENV_NAMES[key] ?? key}=${shown}: ${e.message}`;
  });
  throw new ConfigError(`invalid configuration: ${[...new Set(problems)].join('; ')}`);
}

const SECRETS = new Set<keyof Config>(['adminPassword', 'apiKeys', 'idSecret', 'integrations', 'redisUrl', 'metricsToken']);

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
      throw new ConfigError(`invalid configuration: ${err.message}`);
    throw err;
  }
}

function decimal(value: string, name: string): number {
  if (!/^\d+(\.\d+)?(e-?\d+)?$/i.test(value.trim()))
    throw new ConfigError(`invalid configuration: ${name}=${JSON.stringify(value)}: must be a number`);
  return Number(value);
}

function onOff(value: string, name: string): boolean {
  const normalized = value.trim().toLowerCase();
  if (normalized === 'on') return true;
  if (normalized === 'off') return false;
  throw new ConfigError(`invalid configuration: ${name}=${JSON.stringify(value)}: must be on or off`);
}

/** off (default), on (every proxy: only when nothing else can reach the port), a hop count, or a list of proxy addresses/CIDRs. */
function trustProxy(value: string): boolean | number | string[] {
  const normalized = value.trim().toLowerCase();
  if (['', 'off', 'false', '0'].includes(normalized)) return false;
  if (['on', 'true'].includes(normalized)) return true;
  if (/^\d+$/.test(normalized)) return Number(normalized);
  return list(value);
}

/** 1/0 (also on/off, true/false); empty is off, as docker compose passes an unset variable. */
function flag(value: string, name: string): boolean {
  const normalized = value.trim().toLowerCase();
  if (['1', 'on', 'true'].includes(normalized)) return true;
  if (['', '0', 'off', 'false'].includes(normalized)) return false;
  throw new ConfigError(`invalid configuration: ${name}=${JSON.stringify(value)}: must be 1 or 0`);
}

function integer(value: string, name: string): number {
  if (!/^\d+$/.test(value.trim())) throw new ConfigError(`invalid configuration: ${name}=${JSON.stringify(value)}: must be a whole number`);
  return Number(value);
}
