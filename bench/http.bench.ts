/**
 * `npm run bench:http`: autocannon against the real API in a child process, POST /v1/triage with
 * generated mixed mails; requests/s, latency, non-2xx, the server's RSS before and after and its
 * event-loop delay, beside in-process triage throughput (one thread) measured in the same run.
 * Run: npm run bench:http [-- --duration 30 --connections 64 --mails 1000 --built]
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadAnalysisEngine } from '../src/analysis/analyze.js';
import { loadDrafting } from '../src/drafting/drafting.js';
import { triage } from '../src/drafting/triage.js';
import { startApi } from '../test/support/api-process.js';
import { buildCorpus, type BenchMail } from './corpus.js';
import { markdownTable } from './tokenizer.bench.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '30' },
    connections: { type: 'string', default: '64' },
    mails: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '20240601' },
    built: { type: 'boolean', default: false },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const corpus = buildCorpus(Number(values.mails), Number(values.seed));

/** VmRSS of a process in MB, from /proc (Linux). */
const rssMb = (pid: number): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

/** One sample of a Prometheus text exposition, by exact name (no labels). */
const sample = (metrics: string, name: string): number => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1] ?? NaN);

/** Triage mail after mail on this thread for about `seconds` (after a warm-up), as the API's inline path does. */
async function inProcessTriage(mails: readonly BenchMail[], seconds: number): Promise<number> {
  const engine = await loadAnalysisEngine();
  const drafting = loadDrafting(engine.dictionaries);
  for (const mail of mails.slice(0, 100)) triage(engine, drafting, mail);
  let done = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) triage(engine, drafting, mails[done++ % mails.length]!);
  return done / ((performance.now() - started) / 1000);
}

const api = await startApi({ built: values.built });
try {
  const pid = api.child.pid!;
  const metrics = () => fetch(`${api.url}/metrics`).then((r) => r.text());
  const loadAtStart = loadavg()[0]!;
  // Measured first, while the server idles, so the two do not share the cores.
  const inProcessPerSecond = await inProcessTriage(corpus, Math.min(10, Math.max(3, duration / 3)));

  // Warm the server (JIT, pool threads) off the record, then reset the event-loop histogram with a scrape.
  await autocannon({ ...loadOptions(Math.min(5, duration)), connections: 8 });
  const rssStart = rssMb(pid);
  await metrics();
  const result = await autocannon(loadOptions(duration));
  const after = await metrics();
  const rssEnd = rssMb(pid);

  const ms = (value: number) => value.toFixed(1);
  const lagMs = (name: string) => ms(sample(after, `ondo_api_nodejs_eventloop_lag_${name}_seconds`) * 1000);
  const served = result.requests.total;
  console.log(
    `## HTTP load: POST /v1/triage, ${connections} connections for ${duration} s, ${corpus.length} generated mails in rotation\n\n` +
      `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ` +
      `ANALYSIS_THREADS default (${availableParallelism()}); load average ${loadAtStart.toFixed(1)} at the start, ` +
      `${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1 / 5 / 15 min) at the end\n`,
  );
  console.log(
    markdownTable(
      ['measure', 'value'],
      [
        ['requests/s (mean)', result.requests.average.toFixed(0)],
        ['in-process triage, one thread, mails/s', `${inProcessPerSecond.toFixed(0)} (HTTP = ${(result.requests.average / inProcessPerSecond).toFixed(2)}×)`],
        ['requests answered', served.toLocaleString('en')],
        ['latency p50 / p99 / p99.9 / max, ms', `${result.latency.p50} / ${result.latency.p99} / ${result.latency.p99_9} / ${result.latency.max}`],
        ['non-2xx / errors / timeouts', `${result.non2xx} / ${result.errors} / ${result.timeouts}`],
        ['server RSS at start → end, MB', `${rssStart.toFixed(0)} → ${rssEnd.toFixed(0)}`],
        ['event-loop delay p50 / p99 / max, ms', `${lagMs('p50')} / ${lagMs('p99')} / ${lagMs('max')}`],
      ],
    ),
  );
  if (result.non2xx > 0) console.log(`\nstatus codes: ${JSON.stringify(result.statusCodeStats)}`);
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
