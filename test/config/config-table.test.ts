import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, ConfigSchema, loadConfig } from '../../src/config.js';
import { SETTINGS } from '../../src/config/settings.js';
import { envExample, withDocsReference } from '../../scripts/config-reference.js';

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const keyHash = (digit: string): string => digit.repeat(64);

describe('the configuration table', () => {
  it('is what docs/configuration.md and .env.example say (run `npm run config:docs` after changing it)', () => {
    const docs = read('docs/configuration.md');
    expect(docs).toBe(withDocsReference(docs));
    expect(read('.env.example')).toBe(envExample());
  });

  it('documents every setting once, and the schema has exactly the table’s settings', () => {
    const names = Object.values(SETTINGS).map((entry) => entry.env);
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(ConfigSchema.properties)).toEqual(Object.keys(SETTINGS));
    const docs = read('docs/configuration.md');
    const example = read('.env.example');
    for (const name of names) {
      expect(docs).toContain(`| \`${name}\` |`);
      expect(example).toContain(`\n# ${name}=`);
    }
  });

  it('loads the defaults it documents', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      logLevel: 'info',
      maxBodyBytes: 102_400,
      maxRawMailBytes: 5_242_880,
      analysisThreads: Math.min(availableParallelism(), 64),
      analysisMaxBacklog: 64,
      mailReadBudgetMs: 2000,
      analysisTaskBudgetMs: 15_000,
      analysisThreadYoungGenMb: 24,
      analysisThreadOldGenMb: 512,
      dictionaryCacheDir: fileURLToPath(new URL('../../.cache', import.meta.url)),
      redisUrl: 'redis://127.0.0.1:6379',
      redisCluster: false,
      queuePrefix: '{ondo}',
      queueTimeScale: 1,
      jobAttempts: 5,
      jobBackoffMs: 2000,
      jobRetentionSeconds: 604_800,
      workerConcurrency: 2,
      workerLockMs: 30_000,
      workerStalledIntervalMs: 30_000,
      workerPort: 3001,
      shutdownTimeoutMs: 25_000,
      reviewLeaseSeconds: 900,
      playground: true,
      docs: true,
      apiKeys: [],
      allowOpenApi: false,
      rateLimitPerKey: 600,
      rateLimitPerIp: 300,
      trustProxy: false,
      requestTimeoutMs: 60_000,
      headersTimeoutMs: 10_000,
      connectionTimeoutMs: 120_000,
      maxConnections: 2000,
      maxRequestsPerSocket: 1000,
      corsOrigins: [],
      integrations: [],
      webhookToleranceSeconds: 300,
      webhookDedupeSeconds: 345_600,
      noteLedgerSeconds: 7_776_000,
      deliveryAttempts: 8,
      deliveryBackoffMs: 2000,
      deliveryPollMs: 500,
      deliveryTimeoutMs: 10_000,
      feedback: false,
      feedbackRetentionDays: 90,
    });
  });

  it('reads every setting from its variable', () => {
    const env = {
      PORT: '8080',
      HOST: '0.0.0.0',
      LOG_LEVEL: 'debug',
      MAX_BODY_BYTES: '200000',
      MAX_RAW_MAIL_BYTES: '6000000',
      ONDO_DICTIONARIES_DIR: '/srv/manual',
      DICTIONARY_CACHE_DIR: '/var/cache/ondo',
      ANALYSIS_THREADS: '3',
      ANALYSIS_MAX_BACKLOG: '10',
      MAIL_READ_BUDGET_MS: '1000',
      ANALYSIS_TASK_BUDGET_MS: '9000',
      ANALYSIS_THREAD_YOUNG_GEN_MB: '0',
      ANALYSIS_THREAD_OLD_GEN_MB: '0',
      REDIS_URL: 'redis://a:1,redis://b:2',
      REDIS_CLUSTER: 'off',
      QUEUE_PREFIX: 'x1',
      QUEUE_TIME_SCALE: '0.001',
      JOB_ATTEMPTS: '3',
      JOB_BACKOFF_MS: '100',
      JOB_RETENTION_SECONDS: '600',
      WORKER_CONCURRENCY: '4',
      WORKER_LOCK_MS: '1000',
      WORKER_STALLED_INTERVAL_MS: '900',
      WORKER_PORT: '0',
      SHUTDOWN_TIMEOUT_MS: '100',
      REVIEW_LEASE_SECONDS: '60',
      ADMIN_USER: 'admin',
      ADMIN_PASSWORD: 'passwordpassword',
      PLAYGROUND: 'off',
      DOCS: 'OFF',
      API_KEYS: `a:sha256:${keyHash('0')}, b@t:sha256:${keyHash('1')}`,
      ALLOW_OPEN_API: '1',
      ID_SECRET: '0123456789abcdef0',
      RATE_LIMIT_PER_KEY: '5',
      RATE_LIMIT_PER_IP: '6',
      TRUST_PROXY: '10.0.0.0/8, 127.0.0.1',
      METRICS_TOKEN: 'tokentokentokent',
      REQUEST_TIMEOUT_MS: '5000',
      HEADERS_TIMEOUT_MS: '4000',
      CONNECTION_TIMEOUT_MS: '7000',
      MAX_CONNECTIONS: '10',
      MAX_REQUESTS_PER_SOCKET: '11',
      CORS_ORIGINS: 'https://a.example,http://b.example:8080',
      INTEGRATIONS: '[]',
      WEBHOOK_TOLERANCE_SECONDS: '60',
      WEBHOOK_DEDUPE_SECONDS: '600',
      NOTE_LEDGER_SECONDS: '7200',
      DELIVERY_ATTEMPTS: '2',
      DELIVERY_BACKOFF_MS: '10',
      DELIVERY_POLL_MS: '20',
      DELIVERY_TIMEOUT_MS: '300',
      FEEDBACK: 'on',
      FEEDBACK_RETENTION_DAYS: '9',
    };
    expect(loadConfig(env)).toEqual({
      port: 8080,
      host: '0.0.0.0',
      logLevel: 'debug',
      maxBodyBytes: 200_000,
      maxRawMailBytes: 6_000_000,
      dictionariesDir: '/srv/manual',
      dictionaryCacheDir: '/var/cache/ondo',
      analysisThreads: 3,
      analysisMaxBacklog: 10,
      mailReadBudgetMs: 1000,
      analysisTaskBudgetMs: 9000,
      analysisThreadYoungGenMb: 0,
      analysisThreadOldGenMb: 0,
      redisUrl: 'redis://a:1,redis://b:2',
      redisCluster: true,
      queuePrefix: '{x1}',
      queueTimeScale: 0.001,
      jobAttempts: 3,
      jobBackoffMs: 100,
      jobRetentionSeconds: 600,
      workerConcurrency: 4,
      workerLockMs: 1000,
      workerStalledIntervalMs: 900,
      workerPort: 0,
      shutdownTimeoutMs: 100,
      reviewLeaseSeconds: 60,
      adminUser: 'admin',
      adminPassword: 'passwordpassword',
      playground: false,
      docs: false,
      apiKeys: [`a:sha256:${keyHash('0')}`, `b@t:sha256:${keyHash('1')}`],
      allowOpenApi: true,
      idSecret: '0123456789abcdef0',
      rateLimitPerKey: 5,
      rateLimitPerIp: 6,
      trustProxy: ['10.0.0.0/8', '127.0.0.1'],
      metricsToken: 'tokentokentokent',
      requestTimeoutMs: 5000,
      headersTimeoutMs: 4000,
      connectionTimeoutMs: 7000,
      maxConnections: 10,
      maxRequestsPerSocket: 11,
      corsOrigins: ['https://a.example', 'http://b.example:8080'],
      integrations: [],
      webhookToleranceSeconds: 60,
      webhookDedupeSeconds: 600,
      noteLedgerSeconds: 7200,
      deliveryAttempts: 2,
      deliveryBackoffMs: 10,
      deliveryPollMs: 20,
      deliveryTimeoutMs: 300,
      feedback: true,
      feedbackRetentionDays: 9,
    });
    // Every setting is set (INTEGRATIONS standing for INTEGRATIONS_FILE, which reads a file).
    expect(Object.keys(env)).toHaveLength(Object.keys(SETTINGS).length);
  });

  it.each([
    [{ TRUST_PROXY: '2' }, { trustProxy: 2 }],
    [{ TRUST_PROXY: 'on' }, { trustProxy: true }],
    [{ REDIS_CLUSTER: 'on' }, { redisCluster: true }],
    [{ QUEUE_PREFIX: '{p}' }, { queuePrefix: '{p}' }],
    [{ ALLOW_OPEN_API: '' }, { allowOpenApi: false }],
  ])('reads %o', (env, expected) => {
    expect(loadConfig(env)).toMatchObject(expected);
  });

  it('keeps no dictionary cache with DICTIONARY_CACHE_DIR=off', () => {
    expect(loadConfig({ DICTIONARY_CACHE_DIR: 'off' }).dictionaryCacheDir).toBeUndefined();
  });

  it('leaves out an optional setting set to the empty string', () => {
    const config = loadConfig({ ADMIN_USER: '', ADMIN_PASSWORD: '', ID_SECRET: '', METRICS_TOKEN: '', ONDO_DICTIONARIES_DIR: '' });
    for (const key of ['adminUser', 'adminPassword', 'idSecret', 'metricsToken', 'dictionariesDir']) expect(config).not.toHaveProperty(key);
  });

  it.each([
    [{ PORT: 'x' }, 'invalid configuration: PORT="x": must be a whole number'],
    [{ PORT: '-1', JOB_ATTEMPTS: '0' }, 'invalid configuration: PORT="-1": must be a whole number'],
    [{ PORT: '70000' }, 'invalid configuration: PORT=70000: must be <= 65535'],
    [{ LOG_LEVEL: 'loud' }, 'invalid configuration: LOG_LEVEL="loud": must be equal to one of the allowed values'],
    [{ DOCS: 'yes' }, 'invalid configuration: DOCS="yes": must be on or off'],
    [{ ALLOW_OPEN_API: 'maybe' }, 'invalid configuration: ALLOW_OPEN_API="maybe": must be 1 or 0'],
    [{ QUEUE_TIME_SCALE: 'abc' }, 'invalid configuration: QUEUE_TIME_SCALE="abc": must be a number'],
    [{ HOST: '' }, 'invalid configuration: HOST="": must not have fewer than 1 characters'],
    [
      { JOB_ATTEMPTS: '0', WORKER_LOCK_MS: '1', FEEDBACK_RETENTION_DAYS: '0' },
      'invalid configuration: JOB_ATTEMPTS=0: must be >= 1; WORKER_LOCK_MS=1: must be >= 500; FEEDBACK_RETENTION_DAYS=0: must be >= 1',
    ],
    [
      { PORT: '99999', ID_SECRET: 'short', METRICS_TOKEN: 'x' },
      'invalid configuration: PORT=99999: must be <= 65535; ID_SECRET=(hidden): must not have fewer than 16 characters; METRICS_TOKEN=(hidden): must not have fewer than 16 characters',
    ],
    [{ ADMIN_USER: 'a' }, 'invalid configuration: set both ADMIN_USER and ADMIN_PASSWORD (or neither, to turn the queue dashboard off)'],
    [
      { HEADERS_TIMEOUT_MS: '70000' },
      'invalid configuration: HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS (the headers are part of the request)',
    ],
    [{ INTEGRATIONS: '{' }, 'invalid configuration: INTEGRATIONS is not valid JSON'],
  ])('refuses %o with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never echoes a secret in an error', () => {
    const secret = 'http://user:hunter2-password@redis';
    expect(() => loadConfig({ REDIS_URL: secret })).toThrow(/^invalid configuration: REDIS_URL=\(hidden\): must match pattern/);
    expect(() => loadConfig({ API_KEYS: 'hunter2' })).not.toThrow(/hunter2/);
  });
});
