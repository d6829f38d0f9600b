/**
 * Queue benchmark: enqueue N triage jobs through the API's intake (scoring for priority + BullMQ
 * add) and drain them with 1, 2 and 4 worker processes in turn (`src/job-runner.ts`, as `npm run
 * worker` runs it), against Redis at REDIS_URL; compare with in-process `triage` on the same mails.
 * Run: npm run bench:queue [-- --jobs 2000 --workers 1,2,4 --threads 1 --concurrency 2 --seed 20240601]
 *
 * Each worker process runs ANALYSIS_THREADS=1 analysis thread by default: one process then drafts
 * on about one core (its thread; its event loop only moves jobs), so jobs/s with W processes as a
 * ratio to one shows how the job runner scales out, which is what adding worker processes or
 * machines buys. (With the default of one thread per core, one process alone already fills a
 * 2-core machine and a second has nothing left to use.)
 *
 * For each worker count: end to end (workers running while the jobs are enqueued: first enqueue →
 * last completion) and drain only (the queue paused while filling, then timed from resume to the
 * last completion: the workers' throughput alone). Wall time depends on what else the machine runs;
 * CPU time per job does not, so the run also gives CPU per job — the enqueuing process, the worker
 * processes (/proc) and Redis (INFO cpu) — and the drain ratio that the cores allow at that cost.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { availableParallelism, loadavg } from 'node:os';
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
import { imageEnvironment } from './image-env.js';
import { deleteQueuePrefix } from '../test/support/redis-prefix.js';
import { DEFAULT_TENANT, idSecret, JobIds } from '../src/queue/tenants.js';
import { TriageIntake } from '../src/queue/triage-intake.js';
import { buildCorpus, CORPUS_DESCRIPTION } from './corpus.js';
import { ownCpuMs, processCpuMs, threadCpuMs } from './cpu-time.js';
import { markdownTable } from './tokenizer.bench.js';

const { values: args } = parseArgs({
  options: {
    jobs: { type: 'string', default: '2000' },
    workers: { type: 'string', default: '1,2,4' },
    threads: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '2' },
    seed: { type: 'string', default: '20240601' },
  },
});
const jobs = Number(args.jobs);
const workerCounts = args.workers.split(',').map(Number);
const threads = Number(args.threads);
const concurrency = Number(args.concurrency);

// A hash tag, as loadConfig makes of QUEUE_PREFIX in the worker processes: both sides then use the same keys.
const config = { ...loadConfig(), queuePrefix: `{bench-${process.pid}-${Date.now().toString(36)}}`, logLevel: 'warn' as const };
const log = pino({ level: 'warn' });
const corpus = buildCorpus(jobs, Number(args.seed));
const engine = await loadAnalysisEngine({ dictionariesDir: config.dictionariesDir });
const drafting = loadDrafting(engine.dictionaries);
const receivedAt = '2026-11-26T10:15:00+09:00';

// 1. In-process triage: the baseline, one thread, same mails.
for (const mail of corpus.slice(0, 50)) triage(engine, drafting, { ...mail, receivedAt });
const loadAtStart = loadavg()[0]!;
const t0 = performance.now();
const cpu0 = ownCpuMs();
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

async function startWorker(): Promise<ChildProcess> {
  const { child, ready } = startJobRunner({
    env: {
      ...imageEnvironment(),
      REDIS_URL: config.redisUrl,
      QUEUE_PREFIX: config.queuePrefix,
      WORKER_CONCURRENCY: String(concurrency),
      ANALYSIS_THREADS: String(threads),
    },
  });
  await ready;
  return child;
}

async function stopWorkers(workers: ChildProcess[]): Promise<void> {
  for (const worker of workers) worker.kill('SIGTERM');
  await Promise.all(workers.filter((w) => w.exitCode === null).map((w) => once(w, 'exit')));
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

/** Waits for `count` completed jobs; throws when none completes for a minute (workers on other keys, or dead). */
async function untilCompleted(count: number): Promise<void> {
  let last = -1;
  let since = performance.now();
  for (let done = await completed(); done < count; done = await completed()) {
    if (done !== last) [last, since] = [done, performance.now()];
    else if (performance.now() - since > 60_000) throw new Error(`no job completed for a minute (${done} of ${count})`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function latencies(): Promise<{ p50: number; p95: number }> {
  const done = await queues.triage.getJobs(['completed'], 0, -1);
  const ms = done.map((j) => (j.finishedOn ?? 0) - j.timestamp).sort((a, b) => a - b);
  return { p50: ms[Math.floor(ms.length * 0.5)]!, p95: ms[Math.floor(ms.length * 0.95)]! };
}

interface Round {
  workers: number;
  endToEndPerSecond: number;
  latency: { p50: number; p95: number };
  enqueuePerSecond: number;
  drainPerSecond: number;
  producerCpuMs: number;
  workerCpuMs: number;
  /** Of workerCpuMs, the workers' event loops (BullMQ, Redis replies, the review write). */
  workerLoopCpuMs: number;
  redisCpuMs: number;
}

/** One worker count: end to end, then drain only, on a queue emptied before each. */
async function round(count: number): Promise<Round> {
  const workers = await Promise.all(Array.from({ length: count }, () => startWorker()));
  try {
    let started = performance.now();
    const enqueueMs = await enqueueAll(`e2e-${count}`);
    await untilCompleted(jobs);
    const endToEndMs = performance.now() - started;
    const latency = await latencies();
    await queues.triage.obliterate({ force: true });

    await queues.triage.pause();
    const producerCpu = ownCpuMs();
    await enqueueAll(`drain-${count}`);
    const producerCpuMs = (ownCpuMs() - producerCpu) / jobs;
    const workersCpu0 = workers.reduce((sum, w) => sum + processCpuMs(w.pid!), 0);
    const loopsCpu0 = workers.reduce((sum, w) => sum + threadCpuMs(w.pid!), 0);
    const redisCpu0 = await redisCpuMs();
    started = performance.now();
    await queues.triage.resume();
    await untilCompleted(jobs);
    const drainMs = performance.now() - started;
    const workerCpuMs = (workers.reduce((sum, w) => sum + processCpuMs(w.pid!), 0) - workersCpu0) / jobs;
    const workerLoopCpuMs = (workers.reduce((sum, w) => sum + threadCpuMs(w.pid!), 0) - loopsCpu0) / jobs;
    // Redis also served this process's polling meanwhile: a slight overestimate.
    const redisDrainCpuMs = ((await redisCpuMs()) - redisCpu0) / jobs;
    await queues.triage.obliterate({ force: true });
    return {
      workers: count,
      endToEndPerSecond: jobs / (endToEndMs / 1000),
      latency,
      enqueuePerSecond: jobs / (enqueueMs / 1000),
      drainPerSecond: jobs / (drainMs / 1000),
      producerCpuMs,
      workerCpuMs,
      workerLoopCpuMs,
      redisCpuMs: redisDrainCpuMs,
    };
  } finally {
    await stopWorkers(workers);
  }
}

try {
  const rounds: Round[] = [];
  for (const count of workerCounts) rounds.push(await round(count));
  const one = rounds.find((r) => r.workers === 1) ?? rounds[0]!;
  const cores = availableParallelism();
  console.log(
    `## Queue: ${jobs} triage jobs, seed ${args.seed}\n\n${CORPUS_DESCRIPTION.slice(0, 80)}…\n\n` +
      `${cores} cores, Node ${process.version}; each worker process ANALYSIS_THREADS=${threads}, WORKER_CONCURRENCY=${concurrency}; ` +
      `load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} (1 / 5 / 15 min) at the end. ` +
      `In-process triage, one thread: ${inProcessPerSecond.toFixed(0)} mails/s, ${inProcessCpuMs.toFixed(2)} ms CPU a mail.\n`,
  );
  // What the machine allows W workers: their analysis threads busy all the time (W × threads ÷ the
  // CPU a job takes outside the event loops), and at most every core (cores ÷ the CPU a job takes in all).
  const allowed = (r: Round) =>
    1000 * Math.min((r.workers * threads) / (r.workerCpuMs - r.workerLoopCpuMs), cores / (r.workerCpuMs + r.redisCpuMs));
  console.log(
    markdownTable(
      [
        'worker processes',
        'drain, jobs/s',
        'drain ÷ one worker',
        'allowed by the threads and cores, jobs/s',
        'CPU per job, ms: worker event loops / analysis threads and the rest / Redis',
        'end to end, jobs/s',
        'accepted → drafted p50 / p95, ms',
      ],
      rounds.map((r) => [
        String(r.workers),
        r.drainPerSecond.toFixed(0),
        `${(r.drainPerSecond / one.drainPerSecond).toFixed(2)}×`,
        `${allowed(r).toFixed(0)} (${(allowed(r) / allowed(one)).toFixed(2)}× one worker's)`,
        `${r.workerLoopCpuMs.toFixed(2)} / ${(r.workerCpuMs - r.workerLoopCpuMs).toFixed(2)} / ${r.redisCpuMs.toFixed(2)}`,
        r.endToEndPerSecond.toFixed(0),
        `${r.latency.p50} / ${r.latency.p95}`,
      ]),
    ),
  );
  const producer = rounds[0]!;
  console.log(
    `\nEnqueueing (score for the priority + add) ran at ${producer.enqueuePerSecond.toFixed(0)} jobs/s, ${producer.producerCpuMs.toFixed(2)} ms CPU a job. ` +
      `CPU per job queued, in all: ${(producer.producerCpuMs + one.workerCpuMs + one.redisCpuMs).toFixed(2)} ms against ${inProcessCpuMs.toFixed(2)} ms in-process ` +
      `(${((producer.producerCpuMs + one.workerCpuMs + one.redisCpuMs) / inProcessCpuMs).toFixed(2)}×; the workers alone ${(one.workerCpuMs / inProcessCpuMs).toFixed(2)}×). ` +
      `A worker whose analysis threads never wait would reach the "allowed" figure; below it, they wait for jobs (Redis round trips, WORKER_CONCURRENCY).`,
  );
} finally {
  await queues.close();
  const cleanup = createRedisClient(config, {});
  await deleteQueuePrefix(cleanup, config.queuePrefix);
  cleanup.disconnect();
  await redis.close();
}
