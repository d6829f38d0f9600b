/**
 * vitest globalSetup of the `redis-cluster` project: starts a local Redis Cluster (three masters)
 * for the queue tests that run a second time against it, and removes it afterwards.
 */
import type { TestProject } from 'vitest/node';
import { startRedisCluster } from './redis-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The cluster's nodes as REDIS_URL takes them; absent outside the `redis-cluster` project. */
    redisCluster?: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startRedisCluster();
  project.provide('redisCluster', cluster.url);
  return () => cluster.stop();
}
