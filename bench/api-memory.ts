/**
 * The API's memory and start per analysis-thread count: for each count, the real API in a child
 * process (the built dist/server.js, as `npm start` and the Docker image run it, unless fromSource),
 * started `starts` times: time and CPU from spawn to /readyz 200, then RSS (all threads, from /proc)
 * once warm, i.e. after a few hundred triage requests. RSS and CPU do not depend much on how loaded
 * the machine is; the wall time to ready does, so it is taken several times. The API gets the Docker
 * image's environment (bench/image-env.ts), so it is measured as shipped.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startApi } from '../test/support/api-process.js';
import { imageEnvironment } from './image-env.js';
import type { BenchMail } from './corpus.js';
import { markdownTable } from './tokenizer.bench.js';

/** VmRSS of a process in MB, from /proc (Linux). */
export const processRssMb = (pid: number): number =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

/** CPU seconds a process has used, all its threads (utime + stime from /proc/<pid>/stat; 100 ticks a second). */
const processCpuSeconds = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

export interface ApiMemory {
  threads: number;
  /** Spawn → /readyz 200 of each start, ms. */
  readyMs: number[];
  /** CPU seconds used by then, each start. */
  readyCpuS: number[];
  /** 1-minute load average at each start. */
  load: number[];
  rssReadyMb: number;
  rssWarmMb: number;
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length % 2 ? sorted[sorted.length >> 1]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
};

/** Builds dist/ as `npm run build` does, so the API measured is the one deployed. */
function buildDist(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: fileURLToPath(new URL('../', import.meta.url)), stdio: 'inherit' });
}

/** Starts the API `starts` times per thread count (one at a time, so they do not share the cores). */
export async function measureApiMemory(
  threadCounts: readonly number[],
  corpus: readonly BenchMail[],
  { warmRequests = 300, fromSource = false, starts = 3 } = {},
): Promise<ApiMemory[]> {
  if (!fromSource) buildDist();
  const rows: ApiMemory[] = [];
  for (const threads of threadCounts) {
    const row: ApiMemory = { threads, readyMs: [], readyCpuS: [], load: [], rssReadyMb: NaN, rssWarmMb: NaN };
    for (let start = 0; start < starts; start++) {
      row.load.push(loadavg()[0]!);
      const started = performance.now();
      const api = await startApi({
        env: { ...imageEnvironment(), ANALYSIS_THREADS: String(threads) },
        built: !fromSource,
        readyTimeoutMs: 120_000,
      });
      try {
        row.readyMs.push(performance.now() - started);
        const pid = api.child.pid!;
        row.readyCpuS.push(processCpuSeconds(pid));
        if (start < starts - 1) continue;
        row.rssReadyMb = processRssMb(pid);
        // Eight in flight, so every thread of the pool takes mails and warms up.
        let next = 0;
        const lane = async () => {
          while (next < warmRequests) {
            const mail = corpus[next++ % corpus.length]!;
            const response = await fetch(`${api.url}/v1/triage`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(mail),
            });
            await response.arrayBuffer();
            if (!response.ok) throw new Error(`POST /v1/triage answered ${response.status} while warming the API`);
          }
        };
        await Promise.all(Array.from({ length: 8 }, lane));
        row.rssWarmMb = processRssMb(pid);
      } finally {
        await api.stop();
      }
    }
    rows.push(row);
  }
  return rows;
}

/** The rows as a markdown table, with each further thread's cost. */
export function apiMemoryTable(rows: readonly ApiMemory[]): string {
  const seconds = (values: readonly number[]) => values.map((v) => v.toFixed(1)).join(' / ');
  return markdownTable(
    [
      'analysis threads',
      'spawn → /readyz 200, s (median)',
      'each start, s',
      'CPU s to ready, each start',
      'load average at each start',
      'RSS at ready, MB',
      'RSS once warm, MB',
      'per further thread, MB',
    ],
    rows.map((row, i) => {
      const previous = rows[i - 1];
      const perThread = previous ? ((row.rssWarmMb - previous.rssWarmMb) / (row.threads - previous.threads)).toFixed(0) : '';
      return [
        String(row.threads),
        (median(row.readyMs) / 1000).toFixed(1),
        seconds(row.readyMs.map((ms) => ms / 1000)),
        seconds(row.readyCpuS),
        seconds(row.load),
        row.rssReadyMb.toFixed(0),
        row.rssWarmMb.toFixed(0),
        perThread,
      ];
    }),
  );
}
