/**
 * vitest globalSetup of the `redis-cluster` project: starts a local Redis Cluster (three masters)
 * for the test files that run a second time against it, and removes it afterwards. The cluster is
 * the project's own, so every key still on it at the end was written outside a test file's prefix
 * (or not deleted): the teardown fails the run then, naming the keys.
 */
import type { TestProject } from 'vitest/node';
import { createRedisClient } from '../../src/queue/connection.js';
import { startRedisCluster } from './redis-cluster.js';
import { listRedisKeys } from './redis-prefix.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The cluster's nodes as REDIS_URL takes them; absent outside the `redis-cluster` project. */
    redisCluster?: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startRedisCluster();
  project.provide('redisCluster', cluster.url);
  return async () => {
    try {
      const redis = createRedisClient(cluster.url, { maxRetriesPerRequest: 1 });
      const left = await listRedisKeys(redis, '*').finally(() => redis.disconnect());
      if (left.length > 0) {
        process.exitCode = 1; // vitest reports an error thrown here but would still exit 0
        throw new Error(
          `${left.length} keys were left on the test Redis Cluster; every key must start with the file's prefix, which the file deletes: ${left.slice(0, 10).join(', ')}`,
        );
      }
    } finally {
      await cluster.stop();
    }
  };
}
