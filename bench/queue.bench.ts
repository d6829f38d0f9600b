/**
 * Queue benchmark: enqueue N triage jobs through the API's intake (scoring for priority + BullMQ
 * add) and drain them with W worker processes (`src/job-runner.ts`, as `npm run worker` runs it),
 * against Redis at REDIS_URL; compare with in-process `triage` on the same mails in the same run.
 * Run: npm run bench:queue [-- --jobs 2000 --workers 2 --concurrency 2 --seed 20240601]
 *
 * Three figures: in-process triage (one thread, the baseline); end to end (workers running while
 * the jobs are enqueued: first enqueue → last completion); drain only (the queue paused while
 * filling, then timed from resume to the last completion: the workers' throughput alone).
 * Wall time depends on what else the machine runs; CPU time per job does not, so the overhead is
 * also given as CPU: this process while enqueuing, the worker processes (/proc) and Redis (INFO
 * cpu) while draining, against this process's CPU per in-process triage.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadAnalysisEngine } from '../src/analysis/analyze.js';
import { loadConfig } from '../src/config.js';
import { loadDrafting } from '../src/drafting/drafting.js';
import { measureMail, triage } from '../src/drafting/triage.js';
import { mailFingerprint } from '../src/mail/mail-fingerprint.js';
import { createQueueClock } from '../src/queue/clock.js';
import { connectRedis, createRedisClient } from '../src/queue/connection.js';
import { createQueues, queueSettings } from '../src/queue/queues.js';
import { startJobRunner } from '../test/support/job-runner-process.js';
import { deleteQueuePrefix } from '../test/support/redis-prefix.js';
import { DEFAULT_TENANT, idSecret, JobIds } from '../src/queue/tenants.js';
import { TriageIntake } from '../src/queue/triage-intake.js';
import { buildCorpus, CORPUS_DESCRIPTION } from './corpus.js';

const { values: args } = parseArgs({
  options: {
    jobs: { type: 'string', default: '2000' },
    workers: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '2' },
    seed: { type: 'string', default: '20240601' },
  },
});
const jobs = Number(args.jobs);
const workerCount = Number(args.workers);
const concurrency = Number(args.concurrency);

const config = { ...loadConfig(), queuePrefix: `bench-${process.pid}-${Date.now().toString(36)}`, logLevel: 'warn' as const };
const log = pino({ level: 'warn' });
const corpus = buildCorpus(jobs, Number(args.seed));
const engine = await loadAnalysisEngine({ dictionariesDir: config.dictionariesDir });
const drafting = loadDrafting(engine.dictionaries);
const receivedAt = '2026-11-26T10:15:00+09:00';

/** CPU milliseconds (user + system) of another process, from /proc. */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}
const CLOCK_TICKS = 100; // USER_HZ on Linux
const ownCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

// 1. In-process triage: the baseline, one thread, same mails.
for (const mail of corpus.slice(0, 50)) triage(engine, drafting, { ...mail, receivedAt });
let t0 = performance.now();
let cpu0 = ownCpuMs();
for (const mail of corpus) triage(engine, drafting, { ...mail, receivedAt });
const inProcessPerSecond = jobs / ((performance.now() - t0) / 1000);
const inProcessCpuMs = (ownCpuMs() - cpu0) / jobs;

// 2. The queue: the API's producer path in this process, W worker processes.
const redis = connectRedis(config, 'producer', log, 'ondo-bench');
await once(redis.client, 'ready');
const queues = createQueues(redis.client, queueSettings(config), () => {});
const ids = new JobIds(idSecret(redis.client, config.queuePrefix, config.idSecret));
const intake = new TriageIntake(queues.triage, {
  measure: async (mail) => measureMail(engine, mail),
  drafting,
  clock: createQueueClock(),
  ids,
});
const workers = await Promise.all(Array.from({ length: workerCount }, () => startWorker()));

async function startWorker(): Promise<ChildProcess> {
  const { child, ready } = startJobRunner({
    env: { REDIS_URL: config.redisUrl, QUEUE_PREFIX: config.queuePrefix, WORKER_CONCURRENCY: String(concurrency) },
  });
  await ready;
  return child;
}

async function enqueueAll(tag: string): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < corpus.length; i += 50) {
    await Promise.all(
      corpus.slice(i, i + 50).map((mail, j) =>
        intake.enqueue({
          tenant: DEFAULT_TENANT,
          mail,
          fingerprint: mailFingerprint(mail),
          context: { receivedAt },
          idempotencyKey: `${tag}-${i + j}`,
        }),
      ),
    );
  }
  return performance.now() - started;
}

async function redisCpuMs(): Promise<number> {
  const info = await redis.client.info('cpu');
  const value = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return (value('used_cpu_user') + value('used_cpu_sys')) * 1000;
}

async function completed(): Promise<number> {
  return (await queues.triage.getJobCounts('completed')).completed ?? 0;
}

async function untilCompleted(count: number): Promise<void> {
  while ((await completed()) < count) await new Promise((r) => setTimeout(r, 20));
}

async function latencies(): Promise<{ p50: number; p95: number }> {
  const done = await queues.triage.getJobs(['completed'], 0, -1);
  const ms = done.map((j) => (j.finishedOn ?? 0) - j.timestamp).sort((a, b) => a - b);
  return { p50: ms[Math.floor(ms.length * 0.5)]!, p95: ms[Math.floor(ms.length * 0.95)]! };
}

try {
  // 2a. End to end: workers take jobs while they are enqueued.
  t0 = performance.now();
  const enqueueMs = await enqueueAll('e2e');
  await untilCompleted(jobs);
  const endToEndMs = performance.now() - t0;
  const latency = await latencies();
  await queues.triage.obliterate({ force: true });

  // 2b. Drain only: fill a paused queue, then time the workers alone.
  await queues.triage.pause();
  cpu0 = ownCpuMs();
  await enqueueAll('drain');
  const producerCpuMs = (ownCpuMs() - cpu0) / jobs;
  const workersCpu0 = workers.reduce((sum, w) => sum + processCpuMs(w.pid!), 0);
  const redisCpu0 = await redisCpuMs();
  t0 = performance.now();
  await queues.triage.resume();
  await untilCompleted(jobs);
  const drainMs = performance.now() - t0;
  const workerCpuMs = (workers.reduce((sum, w) => sum + processCpuMs(w.pid!), 0) - workersCpu0) / jobs;
  // Redis also served this process's polling meanwhile: a slight overestimate.
  const redisDrainCpuMs = ((await redisCpuMs()) - redisCpu0) / jobs;

  const endToEndPerSecond = jobs / (endToEndMs / 1000);
  const drainPerSecond = jobs / (drainMs / 1000);
  const rows: [string, string][] = [
    ['corpus', `${jobs} mails, seed ${args.seed}: ${CORPUS_DESCRIPTION.slice(0, 60)}…`],
    ['machine', `${availableParallelism()} cores, Node ${process.version}; ${workerCount} worker process(es) × concurrency ${concurrency}`],
    ['in-process triage (1 thread)', `${inProcessPerSecond.toFixed(0)} mails/s`],
    ['enqueue (score + add)', `${(jobs / (enqueueMs / 1000)).toFixed(0)} jobs/s`],
    ['end to end', `${endToEndPerSecond.toFixed(0)} jobs/s; accepted → drafted p50 ${latency.p50} ms, p95 ${latency.p95} ms`],
    ['drain only (workers alone)', `${drainPerSecond.toFixed(0)} jobs/s (${(drainPerSecond / workerCount).toFixed(0)} per worker process)`],
    ['end to end ÷ in-process', `${(endToEndPerSecond / inProcessPerSecond).toFixed(2)}`],
    ['drain per worker ÷ in-process', `${(drainPerSecond / workerCount / inProcessPerSecond).toFixed(2)}`],
    ['CPU per mail, in-process', `${inProcessCpuMs.toFixed(2)} ms`],
    [
      'CPU per job, queued',
      `${(producerCpuMs + workerCpuMs + redisDrainCpuMs).toFixed(2)} ms: producer ${producerCpuMs.toFixed(2)} (scoring + add), workers ${workerCpuMs.toFixed(2)}, Redis ${redisDrainCpuMs.toFixed(2)}`,
    ],
    [
      'CPU queued ÷ in-process',
      `${((producerCpuMs + workerCpuMs + redisDrainCpuMs) / inProcessCpuMs).toFixed(2)} (workers alone ${(workerCpuMs / inProcessCpuMs).toFixed(2)})`,
    ],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n'));
} finally {
  for (const worker of workers) worker.kill('SIGTERM');
  await Promise.all(workers.filter((w) => w.exitCode === null).map((w) => once(w, 'exit')));
  await queues.close();
  const cleanup = createRedisClient(config, {});
  await deleteQueuePrefix(cleanup, config.queuePrefix);
  cleanup.disconnect();
  await redis.close();
}
