/** Deletes every key a test left under a Redis key prefix (queues, reviews, rate-limit counters); `url` may list cluster nodes. */
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

/** Deletes every key under the prefix (queues, reviews, follow-up plans): for tests and benchmarks, never production code. */
export async function deleteQueuePrefix(redis: RedisClient, prefix: string): Promise<number> {
  // SCAN sees one node: on Redis Cluster every master is scanned, and keys are deleted one by one
  // (a prefix without a hash tag spreads its keys over slots, which one UNLINK cannot span).
  const cluster = redis instanceof Cluster;
  if (cluster) await redis.ping(); // answered once the client knows the cluster's nodes
  let deleted = 0;
  for (const node of cluster ? redis.nodes('master') : [redis]) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      const unlinkEach = async () => (await Promise.all(keys.map((key) => redis.unlink(key)))).reduce((a, b) => a + b, 0);
      if (keys.length > 0) deleted += cluster ? await unlinkEach() : await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  }
  return deleted;
}
