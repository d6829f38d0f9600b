/**
 * Redis connections for the queues. The API's producer fails fast while Redis is away (so a
 * request gets a 503 at once instead of hanging); workers wait for Redis and carry on. Both
 * reconnect by themselves, forever, and never let a connection error crash the process.
 */
import type { RedisOptions as BullRedisOptions } from 'bullmq';
import { Cluster, Redis, type Command, type RedisOptions } from 'ioredis';
import type { BaseLogger } from 'pino';
import type { Config } from '../config.js';

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

/** Where Redis is: one URL, or Redis Cluster nodes (config: REDIS_URL, REDIS_CLUSTER). */
export type RedisTarget = Pick<Config, 'redisUrl' | 'redisCluster'> | string;

/** A single Redis or a Redis Cluster: ioredis gives both the same commands. */
export type RedisClient = Redis | Cluster;

const urlsOf = (target: RedisTarget): string[] =>
  (typeof target === 'string' ? target : target.redisUrl).split(',').map((url) => url.trim());
const isCluster = (target: RedisTarget): boolean => (typeof target === 'string' ? target.includes(',') : target.redisCluster);

/**
 * One client for the target: ioredis Redis, or ioredis Cluster seeded with every URL given (the
 * first URL's credentials and TLS apply to every node, as managed clusters expect).
 */
export function createRedisClient(target: RedisTarget, { commandTimeout, ...options }: RedisOptions): RedisClient {
  const client = newRedisClient(target, options);
  if (commandTimeout !== undefined) timeOutCommandsAfterReading(client, commandTimeout);
  return client;
}

/**
 * ioredis's own commandTimeout counts the time the event loop was busy: a reply that arrived while
 * a long task ran on the loop is still unread when the timer fires (timers run before I/O), so a
 * healthy Redis reads as one that timed out, and the API answered 503 under load. This timeout counts
 * loop time only: a timer that fires late (the loop was busy, not Redis) is armed again for `ms`, at
 * most RE_ARMS times, and on expiry the loop first reads what has arrived (setImmediate runs after
 * the I/O phase). A Redis that does not answer still fails, after at most (RE_ARMS + 1) × `ms` of
 * loop time.
 */
function timeOutCommandsAfterReading(client: RedisClient, ms: number): void {
  const send = client.sendCommand.bind(client) as (command: Command, ...rest: unknown[]) => unknown;
  const armed = new WeakSet<Command>();
  (client as { sendCommand: typeof send }).sendCommand = (command, ...rest) => {
    if (!armed.has(command)) {
      armed.add(command); // a command sent again (a cluster redirection, a retry) keeps its first deadline
      let timer: NodeJS.Timeout;
      let reArms = 0;
      const arm = () => {
        const due = Date.now() + ms;
        timer = setTimeout(() => {
          setImmediate(() => {
            if (command.isSettled) return;
            if (Date.now() - due > ms && reArms < RE_ARMS) {
              reArms += 1;
              arm();
            } else command.reject(new Error('Command timed out'));
          });
        }, ms);
      };
      arm();
      const clear = () => clearTimeout(timer);
      command.promise.then(clear, clear);
    }
    return send(command, ...rest);
  };
}

/** How often a command's timeout starts again because the event loop, not Redis, was late. */
const RE_ARMS = 3;

function newRedisClient(target: RedisTarget, options: RedisOptions): RedisClient {
  const urls = urlsOf(target);
  if (!isCluster(target)) return new Redis(urls[0]!, options);
  const first = new URL(urls[0]!);
  const nodes = urls.map((url) => {
    const { hostname, port } = new URL(url);
    return { host: hostname, port: Number(port || 6379) };
  });
  const { retryStrategy, lazyConnect, ...perNode } = options;
  const tls = first.protocol === 'rediss:';
  return new Cluster(nodes, {
    lazyConnect,
    // Managed clusters with TLS (ElastiCache, MemoryDB) announce nodes by host name, and the
    // certificate names the host: connect by that name instead of a resolved address (ioredis's advice).
    ...(tls ? { dnsLookup: (address: string, callback: (err: null, address: string) => void) => callback(null, address) } : {}),
    clusterRetryStrategy: retryStrategy ?? undefined,
    // Commands wait while the client learns the slots (BullMQ sends its first commands at once);
    // the producer still fails fast: routes check up() first, and commandTimeout bounds the wait.
    enableOfflineQueue: true,
    // While no master holds a slot ioredis retries every 100 ms, 16 times by default (with the
    // connection attempts, 2–5 s a command); a producer (no offline queue) gives up after a few, so
    // the request gets its 503 at once. One redirection is all a MOVED after a failover needs.
    ...(options.enableOfflineQueue === false ? { maxRedirections: 3 } : {}),
    redisOptions: {
      ...perNode,
      ...(first.username ? { username: decodeURIComponent(first.username) } : {}),
      ...(first.password ? { password: decodeURIComponent(first.password) } : {}),
      ...(tls ? { tls: {} } : {}),
    },
  });
}

/** What a BullMQ Worker connects with, and what closes it once the worker is closed. */
export interface BullConnection {
  connection: BullRedisOptions | Cluster;
  close(): Promise<void>;
}

/**
 * On a single Redis, options BullMQ turns into its own ioredis clients (a worker needs two of
 * them) and closes itself; on Redis Cluster a Cluster client (BullMQ duplicates it for blocking
 * reads) that close() ends after the worker.
 */
export function bullConnection(target: RedisTarget, role: RedisRole, connectionName: string): BullConnection {
  if (isCluster(target)) {
    const client = createRedisClient(target, redisOptions(role, connectionName)) as Cluster;
    client.on('error', () => {}); // the worker reports connection trouble; this must not crash the process
    return {
      connection: client,
      async close() {
        await client.quit().catch(() => client.disconnect());
      },
    };
  }
  const { retryStrategy, maxRetriesPerRequest, enableOfflineQueue } = redisOptions(role, connectionName);
  const connection = {
    url: urlsOf(target)[0],
    connectionName,
    retryStrategy: retryStrategy ?? undefined,
    maxRetriesPerRequest,
    enableOfflineQueue,
  };
  return { connection, close: async () => {} };
}

export interface WatchedRedis {
  readonly client: RedisClient;
  /** True while the connection is ready for commands. */
  up(): boolean;
  /** Resolves once the first attempt to connect has settled: true connected, false refused or failed (it keeps retrying). */
  firstAttempt: Promise<boolean>;
  /** Closes the connection, politely if Redis is there. */
  close(): Promise<void>;
}

/**
 * Opens a connection and logs its ups and downs once per change (not once per reconnect attempt);
 * the error listener is what keeps a refused connection from becoming an uncaught exception.
 */
export function connectRedis(target: RedisTarget, role: RedisRole, log: QueueLog, connectionName = `ondo-${role}`): WatchedRedis {
  const url = urlsOf(target).join(',');
  const client = createRedisClient(target, redisOptions(role, connectionName));
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
  const firstAttempt = new Promise<boolean>((resolve) => {
    client.once('ready', () => resolve(true));
    client.once('error', () => resolve(false));
    client.once('close', () => resolve(false));
  });
  return {
    client,
    up: () => client.status === 'ready',
    firstAttempt,
    async close() {
      closing = true;
      if (client.status === 'end') return;
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    },
  };
}

/** redis://user:secret@host:6379/0 → redis://host:6379/0 for logs (each of a comma-separated list). */
export function redactUrl(url: string): string {
  if (url.includes(','))
    return url
      .split(',')
      .map((one) => redactUrl(one.trim()))
      .join(',');
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(unparsable REDIS_URL)';
  }
}

const CONNECTION_ERROR =
  /connection is closed|cluster isn't ready|failed to refresh slots cache|stream isn't writeable|max retries per request|command timed out|too many cluster redirections|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND/i;
// Redis's own replies for a passing state, as error codes (upper case): on a cluster, while no master
// holds a slot (a crashed master before its replica takes over), the other nodes answer CLUSTERDOWN,
// which ioredis retries and then wraps in "Too many Cluster redirections. Last error: …".
const PASSING_STATE_REPLY = /\b(?:CLUSTERDOWN|TRYAGAIN|MASTERDOWN|LOADING)\b/;

/** Errors that mean "Redis is not there right now", as opposed to a bug or a bad request. */
export function isRedisUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: string }).code ?? '';
  return (
    CONNECTION_ERROR.test(err.message) ||
    CONNECTION_ERROR.test(code) ||
    PASSING_STATE_REPLY.test(err.message) ||
    err.name === 'MaxRetriesPerRequestError'
  );
}
