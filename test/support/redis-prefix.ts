/** Deletes every key a test left under a Redis key prefix (queues, reviews, rate-limit counters); `url` may list cluster nodes. */
import { createRedisClient } from '../../src/queue/connection.js';
import { deleteQueuePrefix } from '../../src/queue/queues.js';

export async function deleteRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = createRedisClient(url, { maxRetriesPerRequest: 1, connectTimeout: 1_000 });
  redis.on('error', () => {}); // the command below rejects instead
  try {
    await deleteQueuePrefix(redis, prefix);
  } finally {
    redis.disconnect();
  }
}
