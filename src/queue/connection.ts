/**
 * Redis connections for the queues. The API's producer fails fast while Redis is away (so a
 * request gets a 503 at once instead of hanging); workers wait for Redis and carry on. Both
 * reconnect by themselves, forever, and never let a connection error crash the process.
 */
import type { RedisOptions as BullRedisOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import type { BaseLogger } from 'pino';

/** The logger calls the queue layer makes: pino's, and so fastify's app.log. */
export type QueueLog = Pick<BaseLogger, 'info' | 'warn' | 'error'>;

/** producer: the API (fail fast); worker: queue workers and their review writes (wait for Redis). */
export type RedisRole = 'producer' | 'worker';

/** 100 ms doubling to 2 s, then every 2 s: a restarted Redis is found again within 2 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(100 * 2 ** Math.min(attempt, 5), 2_000);
}

export function redisOptions(role: RedisRole, connectionName: string): RedisOptions {
  const common: RedisOptions = { connectionName, retryStrategy: reconnectDelay };
  return role === 'producer'
    ? { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 5_000, connectTimeout: 2_000 }
    : // BullMQ's blocking commands need maxRetriesPerRequest null: commands wait for the reconnect.
      { ...common, maxRetriesPerRequest: null };
}

/** Connection options BullMQ turns into its own ioredis clients (a worker needs two of them). */
export function bullConnection(url: string, role: RedisRole, connectionName: string): BullRedisOptions {
  const { retryStrategy, maxRetriesPerRequest, enableOfflineQueue } = redisOptions(role, connectionName);
  return { url, connectionName, retryStrategy: retryStrategy ?? undefined, maxRetriesPerRequest, enableOfflineQueue };
}

export interface WatchedRedis {
  readonly client: Redis;
  /** True while the connection is ready for commands. */
  up(): boolean;
  /** Closes the connection, politely if Redis is there. */
  close(): Promise<void>;
}

/**
 * Opens a connection and logs its ups and downs once per change (not once per reconnect attempt);
 * the error listener is what keeps a refused connection from becoming an uncaught exception.
 */
export function connectRedis(url: string, role: RedisRole, log: QueueLog, connectionName = `ondo-${role}`): WatchedRedis {
  const client = new Redis(url, redisOptions(role, connectionName));
  let wasUp: boolean | undefined;
  let closing = false;
  const report = (up: boolean, err?: Error) => {
    if (wasUp === up || closing) return;
    wasUp = up;
    if (up) log.info({ redis: redactUrl(url), role }, 'redis connected');
    else log.warn({ redis: redactUrl(url), role, err: err?.message }, 'redis unavailable; reconnecting in the background');
  };
  client.on('ready', () => report(true));
  client.on('error', (err: Error) => report(false, err));
  client.on('close', () => report(false));
  return {
    client,
    up: () => client.status === 'ready',
    async close() {
      closing = true;
      if (client.status === 'end') return;
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    },
  };
}

/** redis://user:secret@host:6379/0 → redis://host:6379/0 for logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(unparsable REDIS_URL)';
  }
}

const CONNECTION_ERROR = /connection is closed|stream isn't writeable|max retries per request|command timed out|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND/i;

/** Errors that mean "Redis is not there right now", as opposed to a bug or a bad request. */
export function isRedisUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: string }).code ?? '';
  return CONNECTION_ERROR.test(err.message) || CONNECTION_ERROR.test(code) || err.name === 'MaxRetriesPerRequestError';
}
