import { defineConfig } from 'vitest/config';

/**
 * Test files that run a second time against a local Redis Cluster (test/support/redis-cluster.ts):
 * the ones that write every kind of key and run every script ondo has (docs/queue.md lists why each).
 */
const ON_REDIS_CLUSTER = [
  'test/queue/reviews.test.ts',
  'test/queue/triage-jobs.test.ts',
  'test/queue/followups.test.ts',
  'test/queue/crash.test.ts',
  'test/queue/review-corrections.test.ts',
  'test/http/feedback.test.ts',
  'test/http/rate-limits-shared.test.ts',
  'test/integrations/delivery.test.ts',
  'test/security/tenants-ids.test.ts',
  'test/security/tenants-id-secret.test.ts',
];

/** Files that start a Redis Cluster of their own (with replicas, to fail over): in the cluster project only. */
const OWN_REDIS_CLUSTER = ['test/queue/failover.test.ts'];

export default defineConfig({
  test: {
    // kuromoji takes ~1.5 s and ~360 MB per process to load; forks keep that per test file and
    // two workers match the two cores of our machines.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'redis', include: ['test/**/*.test.ts'], exclude: OWN_REDIS_CLUSTER } },
      {
        extends: true,
        test: {
          name: 'redis-cluster',
          include: [...ON_REDIS_CLUSTER, ...OWN_REDIS_CLUSTER],
          globalSetup: ['test/support/redis-cluster-setup.ts'],
        },
      },
    ],
  },
});
