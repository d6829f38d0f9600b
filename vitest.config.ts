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

/**
 * Files that change what the process shares, so they get a fresh process each (project 'isolated'):
 * a module mock (vi.mock), fake timers, the process's time zone.
 */
const ISOLATED = ['test/analysis/preparsed-yaml.test.ts', 'test/cli/batch-progress.test.ts', 'test/drafting/calendar.test.ts'];

export default defineConfig({
  test: {
    // Two workers match the two cores of our machines. Loading kuromoji and the manual costs
    // ~1.5–3 s of CPU per process: every other file shares its worker process with the files before
    // it (isolate: false), so the tokenizer, the engine and the modules load once per worker, not
    // once per file. A file that mocks a module or changes process-wide state goes in ISOLATED.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'redis', include: ['test/**/*.test.ts'], exclude: [...OWN_REDIS_CLUSTER, ...ISOLATED], isolate: false },
      },
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
      {
        extends: true,
        test: {
          name: 'redis-cluster',
          include: [...ON_REDIS_CLUSTER, ...OWN_REDIS_CLUSTER],
          globalSetup: ['test/support/redis-cluster-setup.ts'],
          isolate: false,
        },
      },
    ],
  },
});
