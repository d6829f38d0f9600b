/**
 * `npm run bench:http`: autocannon against the real API in a child process, POST /v1/triage with
 * generated mixed mails; requests/s, latency, non-2xx, the server's memory sampled through the run
 * (RSS and main-thread heap, with the trend over the second half) and its event-loop delay, beside
 * in-process triage measured in the same run: on one thread, and through an analysis pool with as
 * many threads as the server's (the API's path without HTTP). On a 2-core machine the API's event
 * loop, its analysis threads and autocannon share the cores, so the run also gives the CPU each
 * request took in each of them, and the ratio to one thread that the cores allow at that cost.
 * Run: npm run bench:http [-- --duration 30 --connections 64 --mails 1000 --built]
 *      npm run bench:http -- --amount 100000   (a soak: stop after that many requests instead)
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadAnalysisEngine } from '../src/analysis/analyze.js';
import { loadDrafting } from '../src/drafting/drafting.js';
import { triage } from '../src/drafting/triage.js';
import { startAnalysisPool } from '../src/analysis-pool/analysis-pool.js';
import { startApi } from '../test/support/api-process.js';
import { imageEnvironment } from './image-env.js';
import { processRssMb } from './api-memory.js';
import { buildCorpus, type BenchMail } from './corpus.js';
import { ownCpuMs, processCpuMs, ratioTheCoresAllow, threadCpuMs } from './cpu-time.js';
import { markdownTable } from './tokenizer.bench.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '30' },
    amount: { type: 'string' },
    connections: { type: 'string', default: '64' },
    mails: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '20240601' },
    built: { type: 'boolean', default: false },
  },
});
const duration = Number(values.duration);
const amount = values.amount === undefined ? undefined : Number(values.amount);
const connections = Number(values.connections);
const corpus = buildCorpus(Number(values.mails), Number(values.seed));

const SAMPLE_MS = 2_000;

const rssMb = processRssMb;

/** One sample of a Prometheus text exposition, by exact name (no labels). */
const sample = (metrics: string, name: string): number => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1] ?? NaN);

/**
 * The server's memory while the load runs: RSS (all threads) from /proc and the main thread's heap
 * from /metrics. A leak shows as a slope that stays positive once the heap has warmed up, so the
 * trend is fitted over the second half of the run only.
 */
class MemorySampler {
  answered = 0;
  private readonly samples: { requests: number; rss: number; heap: number; lagP50: number; lagP99: number; lagMax: number }[] = [];
  private timer?: NodeJS.Timeout;
  private pending = Promise.resolve();

  constructor(
    private readonly pid: number,
    private readonly metrics: () => Promise<string>,
  ) {}

  start(): void {
    this.timer = setInterval(() => (this.pending = this.take()), SAMPLE_MS);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.pending;
    await this.take();
  }

  /** Each scrape also resets the server's event-loop histogram, so each sample holds the delay of its own interval. */
  private async take(): Promise<void> {
    const text = await this.metrics();
    const lag = (name: string) => sample(text, `ondo_api_nodejs_eventloop_lag_${name}_seconds`) * 1000;
    const heap = sample(text, 'ondo_api_nodejs_heap_size_used_bytes') / 2 ** 20;
    this.samples.push({ requests: this.answered, rss: rssMb(this.pid), heap, lagP50: lag('p50'), lagP99: lag('p99'), lagMax: lag('max') });
  }

  /** Event-loop delay over the run: the median interval's p50, the worst interval's p99, the largest delay seen. */
  eventLoop(): string {
    const p50s = this.samples.map((s) => s.lagP50).sort((a, b) => a - b);
    const worst = (values: number[]) => Math.max(...values);
    return `${(p50s[Math.floor(p50s.length / 2)] ?? NaN).toFixed(1)} / ${worst(this.samples.map((s) => s.lagP99)).toFixed(1)} / ${worst(this.samples.map((s) => s.lagMax)).toFixed(1)}`;
  }

  /** Least-squares slope of RSS and heap against requests answered, over the second half of the samples. */
  trend(): string {
    const half = this.samples.slice(Math.floor(this.samples.length / 2));
    if (half.length < 3) return 'too few samples';
    const slope = (value: (s: (typeof half)[number]) => number) => {
      const n = half.length;
      const mx = half.reduce((a, s) => a + s.requests, 0) / n;
      const my = half.reduce((a, s) => a + value(s), 0) / n;
      const sxy = half.reduce((a, s) => a + (s.requests - mx) * (value(s) - my), 0);
      const sxx = half.reduce((a, s) => a + (s.requests - mx) ** 2, 0);
      return ((sxy / sxx) * 10_000).toFixed(2);
    };
    return `RSS ${slope((s) => s.rss)}, heap ${slope((s) => s.heap)} (${half.length} samples)`;
  }

  rows(count: number): string[][] {
    const step = Math.max(1, Math.ceil(this.samples.length / count));
    const picked = this.samples.filter(
      (s, i) => (i % step === step - 1 || i === this.samples.length - 1) && s.requests !== this.samples[i + 1]?.requests,
    );
    return picked.map((s) => [s.requests.toLocaleString('en'), s.rss.toFixed(0), s.heap.toFixed(1)]);
  }
}

interface InProcess {
  perSecond: number;
  /** CPU ms per mail, all threads of this process. */
  cpuMs: number;
  /** CPU ms per mail of this process's main thread (the pool's event loop). */
  mainCpuMs: number;
}

/** Triage mail after mail on this thread for about `seconds` (after a warm-up), as the API's inline path does. */
async function inProcessTriage(mails: readonly BenchMail[], seconds: number): Promise<InProcess> {
  const engine = await loadAnalysisEngine();
  const drafting = loadDrafting(engine.dictionaries);
  for (const mail of mails.slice(0, 100)) triage(engine, drafting, mail);
  let done = 0;
  const cpu = ownCpuMs();
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) triage(engine, drafting, mails[done++ % mails.length]!);
  const perSecond = done / ((performance.now() - started) / 1000);
  const cpuMs = (ownCpuMs() - cpu) / done;
  return { perSecond, cpuMs, mainCpuMs: cpuMs };
}

/**
 * Triage through an analysis pool of `threads` in this process for about `seconds`, two mails in
 * flight per thread, each answered as the API's JSON (the API's path without HTTP).
 */
async function pooledTriage(mails: readonly BenchMail[], seconds: number, threads: number): Promise<InProcess> {
  const pool = await startAnalysisPool({ threads });
  try {
    let next = 0;
    let until = performance.now() + 3_000; // warm-up: every thread compiles its hot code
    const lane = async () => {
      let done = 0;
      while (performance.now() < until) {
        await pool.run({ kind: 'json', task: { kind: 'triage', mail: mails[next++ % mails.length]! } });
        done++;
      }
      return done;
    };
    await Promise.all(Array.from({ length: 2 * threads }, lane));
    const cpu = ownCpuMs();
    const mainCpu = threadCpuMs(process.pid);
    const started = performance.now();
    until = started + seconds * 1000;
    const done = (await Promise.all(Array.from({ length: 2 * threads }, lane))).reduce((a, b) => a + b, 0);
    return {
      perSecond: done / ((performance.now() - started) / 1000),
      cpuMs: (ownCpuMs() - cpu) / done,
      mainCpuMs: (threadCpuMs(process.pid) - mainCpu) / done,
    };
  } finally {
    await pool.close();
  }
}

const api = await startApi({ built: values.built, env: imageEnvironment() });
try {
  const pid = api.child.pid!;
  const metrics = () => fetch(`${api.url}/metrics`).then((r) => r.text());
  const loadAtStart = loadavg()[0]!;
  // Measured first, while the server idles, so they do not share the cores with it.
  const inProcessSeconds = Math.min(10, Math.max(3, duration / 3));
  const oneThread = await inProcessTriage(corpus, inProcessSeconds);
  const inProcessPerSecond = oneThread.perSecond;
  const serverThreads = availableParallelism();
  const pooled = await pooledTriage(corpus, inProcessSeconds, serverThreads);

  // Warm the server (JIT, pool threads) off the record, then reset the event-loop histogram with a scrape.
  await autocannon({ ...loadOptions(Math.min(5, duration)), connections: 8 });
  const rssStart = rssMb(pid);
  await metrics();
  const memory = new MemorySampler(pid, metrics);
  const cpuAtStart = { server: processCpuMs(pid), serverMain: threadCpuMs(pid), generator: ownCpuMs() };
  const run = autocannon({ ...loadOptions(duration), ...(amount ? { amount } : {}) });
  run.on('response', () => memory.answered++);
  memory.start();
  const result = await run;
  const served = result.requests.total;
  // CPU per request: the API's event loop, the rest of the API (its analysis threads, GC), and this
  // process (autocannon and the sampler), which shares the cores with the API.
  const serverMainMs = (threadCpuMs(pid) - cpuAtStart.serverMain) / served;
  const serverRestMs = (processCpuMs(pid) - cpuAtStart.server) / served - serverMainMs;
  const generatorMs = (ownCpuMs() - cpuAtStart.generator) / served;
  await memory.stop();
  const rssEnd = rssMb(pid);

  const span = amount ? `${amount.toLocaleString('en')} requests (${result.duration.toFixed(0)} s)` : `${duration} s`;
  console.log(
    `## HTTP load: POST /v1/triage, ${connections} connections for ${span}, ${corpus.length} generated mails in rotation\n\n` +
      `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ` +
      `ANALYSIS_THREADS default (${availableParallelism()}); load average ${loadAtStart.toFixed(1)} at the start, ` +
      `${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} (1 / 5 / 15 min) at the end\n`,
  );
  console.log(
    markdownTable(
      ['measure', 'value'],
      [
        ['requests/s (mean)', result.requests.average.toFixed(0)],
        [
          'in-process triage, one thread, mails/s',
          `${inProcessPerSecond.toFixed(0)} (HTTP = ${(result.requests.average / inProcessPerSecond).toFixed(2)}×); ${oneThread.cpuMs.toFixed(2)} ms CPU a mail`,
        ],
        [
          `in-process triage through a pool of ${serverThreads} threads, mails/s`,
          `${pooled.perSecond.toFixed(0)} (${(pooled.perSecond / inProcessPerSecond).toFixed(2)}× one thread; HTTP = ${(result.requests.average / pooled.perSecond).toFixed(2)}× the pool); ` +
            `${pooled.cpuMs.toFixed(2)} ms CPU a mail, ${pooled.mainCpuMs.toFixed(2)} of it on the event loop`,
        ],
        [
          'CPU per request, ms: API event loop / API analysis threads and the rest / autocannon',
          `${serverMainMs.toFixed(2)} / ${serverRestMs.toFixed(2)} / ${generatorMs.toFixed(2)}`,
        ],
        [
          `HTTP ÷ one thread that ${availableParallelism()} cores allow at that CPU per request`,
          `${ratioTheCoresAllow(availableParallelism(), serverMainMs + serverRestMs + generatorMs, oneThread.cpuMs).toFixed(2)}× ` +
            `(${ratioTheCoresAllow(availableParallelism(), serverMainMs + serverRestMs, oneThread.cpuMs).toFixed(2)}× with the load generated on another machine)`,
        ],
        ['requests answered', served.toLocaleString('en')],
        [
          'latency p50 / p99 / p99.9 / max, ms',
          `${result.latency.p50} / ${result.latency.p99} / ${result.latency.p99_9} / ${result.latency.max}`,
        ],
        ['non-2xx / errors / timeouts', `${result.non2xx} / ${result.errors} / ${result.timeouts}`],
        ['server RSS at start → end, MB', `${rssStart.toFixed(0)} → ${rssEnd.toFixed(0)}`],
        ['memory trend over the second half, MB per 10,000 requests', memory.trend()],
        ['event-loop delay p50 / p99 (worst 2 s interval) / max, ms', memory.eventLoop()],
      ],
    ),
  );
  if (result.non2xx > 0) console.log(`\nstatus codes: ${JSON.stringify(result.statusCodeStats)}`);
  console.log(`\n### Server memory through the run (every ${SAMPLE_MS / 1000} s; about ten of the samples shown)\n`);
  console.log(markdownTable(['requests answered', 'RSS, MB', 'main-thread heap used, MB'], memory.rows(10)));
} finally {
  await api.stop();
}

/** autocannon options: each request takes the next mail of the corpus. */
function loadOptions(seconds: number) {
  let next = 0;
  return {
    url: `${api.url}/v1/triage`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request: object) => ({ ...request, body: JSON.stringify(corpus[next++ % corpus.length]) }),
      },
    ],
  };
}
