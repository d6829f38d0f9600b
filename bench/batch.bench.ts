/**
 * `npm run bench:batch`: `ondo batch` (JSON Lines in, rows out, on the analysis pool) with 1 and 2
 * threads, with and without --drafts, against raw kuromoji alone in a thread of its own, in one
 * run over one corpus. The rows
 * take turns on chunks of the corpus (measureThroughput), so load from other processes falls on
 * each alike: on a shared machine the ratios mean more than the mails/s. Each batch chunk is a
 * whole run (input file read, rows written in order), on a pool started once beforehand.
 * Run: npm run bench:batch [-- --mails 1000 --seed 20240601 --chunk 250]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openAnalysis, type OpenAnalysis } from '../src/analysis-pool/open-analysis.js';
import { runBatch } from '../src/cli/batch/run.js';
import type { BenchMail } from './corpus.js';
import {
  engineThread,
  loadBenchSetup,
  measureThroughput,
  throughputTable,
  type ThroughputEngine,
  type ThroughputResult,
} from './tokenizer.bench.js';

const LIMITS = { maxBodyBytes: 100 * 1024, maxRawMailBytes: 5 * 1024 * 1024 };

/** `ondo batch` over each chunk written as a JSON Lines file; every mail of a chunk is given the chunk's mean time. */
function batchOn(name: string, analysis: OpenAnalysis, dir: string, drafts = false): ThroughputEngine {
  let runs = 0;
  return {
    name,
    async runChunk(mails: readonly BenchMail[]) {
      const input = join(dir, `chunk-${runs++}.jsonl`);
      writeFileSync(input, mails.map((m, i) => JSON.stringify({ id: String(i), subject: m.subject, body: m.body })).join('\n'));
      const started = performance.now();
      const summary = await runBatch({
        input,
        out: `${input}.out`,
        format: 'jsonl',
        threads: analysis.threads,
        analysis,
        limits: LIMITS,
        drafts,
      });
      if (summary.triaged !== mails.length) throw new Error(`batch triaged ${summary.triaged} of ${mails.length} mails`);
      return new Array<number>(mails.length).fill((performance.now() - started) / mails.length);
    },
  };
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

export async function runBatchBench({ mails = 1000, seed = 20240601, chunk = 250 } = {}) {
  const setup = await loadBenchSetup({ mails, seed });
  const dir = mkdtempSync(join(tmpdir(), 'ondo-bench-batch-'));
  const started = performance.now();
  const one = await openAnalysis({ threads: 1 });
  const oneReadyMs = performance.now() - started;
  const two = await openAnalysis({ threads: 2 });
  const twoReadyMs = performance.now() - started - oneReadyMs;
  const kuromoji = engineThread('kuromoji 0.1.2 as shipped, one thread (the reference)', 'kuromoji');
  try {
    console.log(`${setup.header('ondo batch against raw kuromoji', 'ondo batch on 1 and 2 analysis threads')}\n`);
    const results = await measureThroughput(
      [
        kuromoji,
        batchOn('ondo batch, 1 analysis thread (tone, scenario, routing)', one, dir),
        batchOn('ondo batch, 2 analysis threads', two, dir),
        batchOn('ondo batch --drafts, 1 analysis thread (and a linted draft)', one, dir, true),
        batchOn('ondo batch --drafts, 2 analysis threads', two, dir, true),
      ],
      setup.corpus,
      { warmupMails: 100, chunk },
    );
    const [ref, batchOne, batchTwo, draftsOne, draftsTwo] = results as [
      ThroughputResult,
      ThroughputResult,
      ThroughputResult,
      ThroughputResult,
      ThroughputResult,
    ];
    console.log(`## Throughput, ${mails} mails in chunks of ${chunk}, ratio to raw kuromoji (wall clock)\n`);
    console.log(throughputTable(results, setup.bytesPerMail, { what: 'engine', rss: false }));
    console.log(
      `\nondo batch: 1 thread ${(batchOne.mailsPerSecond / ref.mailsPerSecond).toFixed(2)}× raw kuromoji, ` +
        `2 threads ${(batchTwo.mailsPerSecond / ref.mailsPerSecond).toFixed(2)}× raw kuromoji ` +
        `(${(batchTwo.mailsPerSecond / batchOne.mailsPerSecond).toFixed(2)}× one thread). ` +
        `Pools ready in ${(oneReadyMs / 1000).toFixed(1)} s (1 thread) and ${(twoReadyMs / 1000).toFixed(1)} s (2 threads). ` +
        `p50/p99 of the batch rows are a chunk's mean per mail. Load average ${load()} (1 / 5 / 15 min) at the end.`,
    );
    console.log(
      `Without --drafts (no draft composed): ${(batchOne.mailsPerSecond / draftsOne.mailsPerSecond).toFixed(2)}× the mails/s of --drafts ` +
        `on 1 thread, ${(batchTwo.mailsPerSecond / draftsTwo.mailsPerSecond).toFixed(2)}× on 2 threads.`,
    );
    return results;
  } finally {
    await Promise.all([one.close(), two.close(), kuromoji.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

const { values } = parseArgs({ options: { mails: { type: 'string' }, seed: { type: 'string' }, chunk: { type: 'string' } } });
const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
await runBatchBench({ mails: number(values.mails), seed: number(values.seed), chunk: number(values.chunk) });
