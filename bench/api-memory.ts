/**
 * The API's memory per analysis-thread count: for each count, the real API in a child process,
 * time from spawn to /readyz 200, then RSS (all threads, from /proc) once warm, i.e. after a few
 * hundred triage requests. RSS does not depend on how loaded the machine is; the start time does.
 */
import { readFileSync } from 'node:fs';
import { startApi } from '../test/support/api-process.js';
import type { BenchMail } from './corpus.js';
import { markdownTable } from './tokenizer.bench.js';

/** VmRSS of a process in MB, from /proc (Linux). */
export const processRssMb = (pid: number): number =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

export interface ApiMemory {
  threads: number;
  readyMs: number;
  rssReadyMb: number;
  rssWarmMb: number;
}

/** Starts the API once per thread count (one at a time, so they do not share the cores). */
export async function measureApiMemory(
  threadCounts: readonly number[],
  corpus: readonly BenchMail[],
  { warmRequests = 300, built = false } = {},
): Promise<ApiMemory[]> {
  const rows: ApiMemory[] = [];
  for (const threads of threadCounts) {
    const started = performance.now();
    const api = await startApi({ env: { ANALYSIS_THREADS: String(threads) }, built, readyTimeoutMs: 120_000 });
    try {
      const readyMs = performance.now() - started;
      const pid = api.child.pid!;
      const rssReadyMb = processRssMb(pid);
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
      rows.push({ threads, readyMs, rssReadyMb, rssWarmMb: processRssMb(pid) });
    } finally {
      await api.stop();
    }
  }
  return rows;
}

/** The rows as a markdown table, with each further thread's cost. */
export function apiMemoryTable(rows: readonly ApiMemory[]): string {
  return markdownTable(
    ['analysis threads', 'spawn → /readyz 200, s', 'RSS at ready, MB', 'RSS once warm, MB', 'per further thread, MB'],
    rows.map((row, i) => {
      const previous = rows[i - 1];
      const perThread = previous ? ((row.rssWarmMb - previous.rssWarmMb) / (row.threads - previous.threads)).toFixed(0) : '';
      return [String(row.threads), (row.readyMs / 1000).toFixed(1), row.rssReadyMb.toFixed(0), row.rssWarmMb.toFixed(0), perThread];
    }),
  );
}
