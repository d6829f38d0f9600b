import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

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

/**
 * The slowest files, slowest first (session 18's whole run): started first, so the two workers do not
 * end with one of them alone on a long file. Without a results cache (a clean clone, CI) vitest orders
 * by file size, which put phrase-matching (4 KB, ~100 s quiet) 90th of 161 and eval 96th.
 */
const SLOWEST = [
  'test/feedback/learn-loop.test.ts',
  'test/drafting/lint/phrase-matching.test.ts',
  'test/scale/scale-out.test.ts',
  'test/deploy/image-layout.test.ts',
  'test/analysis/tokenizer/sentence-memo.test.ts',
  'test/queue/crash.test.ts',
  'test/analysis/eval.test.ts',
  'test/security/access-exposure.test.ts',
  'test/analysis-pool/analysis-pool.test.ts',
  'test/queue/outage.test.ts',
  'test/reliability/faults.test.ts',
  'test/drafting/lint/rewrites.test.ts',
  'test/http/analysis-early-pool.test.ts',
  'test/reliability/random-input.test.ts',
  'test/cli/dict.test.ts',
  'test/cli/batch.test.ts',
];

/** vitest's order (projects one after another; within one, cached durations or else file size), with SLOWEST first in each project. */
class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const at = SLOWEST.indexOf(relative(file.project.config.root, file.moduleId).replaceAll('\\', '/'));
      return at < 0 ? SLOWEST.length : at;
    };
    const position = new Map(sorted.map((file, i) => [file, i]));
    const project = new Map(sorted.map((file) => [file.project.name, position.get(file)!]));
    return sorted.sort(
      (a, b) => project.get(a.project.name)! - project.get(b.project.name)! || rank(a) - rank(b) || position.get(a)! - position.get(b)!,
    );
  }
}

export default defineConfig({
  test: {
    sequence: { sequencer: SlowestFirst },
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
