/** Lists and deletes the keys a test left under a Redis key prefix (queues, reviews, rate-limit counters); `url` may list cluster nodes. */
import { Cluster } from 'ioredis';
import { createRedisClient, type RedisClient } from '../../src/queue/connection.js';

export async function deleteRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = createRedisClient(url, { maxRetriesPerRequest: 1, connectTimeout: 1_000 });
  redis.on('error', () => {}); // the command below rejects instead
  try {
    await deleteQueuePrefix(redis, prefix);
  } finally {
    redis.disconnect();
  }
}

/**
 * Every key matching the pattern. SCAN and KEYS see one node: on Redis Cluster every master is
 * scanned (a KEYS sent through the Cluster client goes to one node and may answer [] for keys that
 * exist elsewhere).
 */
export async function listRedisKeys(redis: RedisClient, pattern: string): Promise<string[]> {
  const cluster = redis instanceof Cluster;
  if (cluster) await redis.ping(); // answered once the client knows the cluster's nodes
  const found: string[] = [];
  for (const node of cluster ? redis.nodes('master') : [redis]) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      found.push(...keys);
      cursor = next;
    } while (cursor !== '0');
  }
  return found;
}

/** Deletes every key under the prefix (queues, reviews, follow-up plans): for tests and benchmarks, never production code. */
export async function deleteQueuePrefix(redis: RedisClient, prefix: string): Promise<number> {
  const keys = await listRedisKeys(redis, `${prefix}:*`);
  // One UNLINK per key on a cluster: a prefix without a hash tag spreads its keys over slots, which
  // one UNLINK cannot span.
  if (!(redis instanceof Cluster)) return keys.length > 0 ? redis.unlink(...keys) : 0;
  return (await Promise.all(keys.map((key) => redis.unlink(key)))).reduce((a, b) => a + b, 0);
}
