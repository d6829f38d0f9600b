/**
 * Tokenizer benchmark: kuromoji 0.1.2 as shipped (the reference) against ondo's 'fast' engine, on
 * one thread, over the generated corpus and over long runs without 、。.
 * Run: npx tsx bench/tokenizer.bench.ts [--mails 1000] [--seed 20240601] [--raw-max-chars 16000]
 * The measuring functions are exported for the combined `npm run bench`.
 *
 * Times are taken twice: wall clock, and this process's CPU time (user + system, GC threads
 * included). On a shared machine other processes inflate wall time but not CPU time, so the
 * scaling table uses CPU time, and engines take turns on the corpus so their ratios stay fair.
 */
import { cpus, loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Piscina } from 'piscina';
import { createFastTokenization } from '../src/analysis/tokenizer/fast-tokenizer.js';
import { tokenizerFor } from '../src/analysis/tokenizer/index.js';
import { buildKuromoji } from '../src/analysis/tokenizer/kuromoji.js';
import { buildCorpus, CORPUS_DESCRIPTION, type BenchMail } from './corpus.js';
import type { BenchThreadEngine, EngineThreadData } from './engine-thread.js';

/** Anything that turns text into tokens; the benchmark only times it. */
export type TokenizeFn = (text: string) => unknown;

export interface BenchEngine {
  name: string;
  tokenize: TokenizeFn;
  /** Scaling only: runs longer than this are not tested (raw kuromoji is quadratic in run length). */
  maxChars?: number;
}

export interface Elapsed {
  wallMs: number;
  cpuMs: number;
}

/** Wall and CPU time of one call. */
export function elapsed(fn: () => unknown): Elapsed {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wallMs = performance.now() - t0;
  const { user, system } = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (user + system) / 1000 };
}

export interface ThroughputResult {
  name: string;
  mails: number;
  /** Mails per wall-clock second. */
  mailsPerSecond: number;
  /** Mails per second of this process's CPU time. */
  mailsPerCpuSecond: number;
  /** Wall time per mail (subject and body, tokenized separately as the analysis does). */
  p50Ms: number;
  p99Ms: number;
  /** Highest process RSS seen during the engine's turns, MB (all engines share one dictionary load). */
  rssMb: number;
}

export const rssMb = (): number => process.memoryUsage().rss / 1e6;
const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

/** Something whose mail throughput is measured: on this thread, or through a pool of threads. */
export interface ThroughputEngine {
  name: string;
  /** Processes the mails of one turn; returns each mail's latency in ms. */
  runChunk(mails: readonly BenchMail[]): number[] | Promise<number[]>;
}

/** A synchronous per-mail call on this thread, timed mail by mail. */
export function onThisThread(name: string, processMail: (mail: BenchMail) => unknown): ThroughputEngine {
  return {
    name,
    runChunk: (mails) =>
      mails.map((mail) => {
        const t0 = performance.now();
        processMail(mail);
        return performance.now() - t0;
      }),
  };
}

/** An engine alone in a thread of its own; each chunk is sent whole and timed there, mail by mail. */
export function engineThread(name: string, engine: BenchThreadEngine): ThroughputEngine & { close(): Promise<void> } {
  const workerData: EngineThreadData = { engine };
  const thread = new Piscina<readonly BenchMail[], number[]>({
    filename: fileURLToPath(new URL('./engine-thread.ts', import.meta.url)),
    workerData,
    minThreads: 1,
    maxThreads: 1,
    idleTimeout: Infinity,
  });
  return { name, runChunk: (mails) => thread.run(mails), close: () => thread.close() };
}

/** A tokenizer over a mail: subject and body tokenized separately, as the analysis does. */
export const tokenizing = (engine: BenchEngine): ThroughputEngine =>
  onThisThread(engine.name, (mail) => {
    engine.tokenize(mail.subject);
    engine.tokenize(mail.body);
  });

/**
 * Runs every mail once through each engine, after a short warm-up. Engines take turns on chunks
 * of the corpus, so load from other processes falls on all of them alike. CPU time is this
 * process's, worker threads included. Under --expose-gc the heap is collected before each turn,
 * so no engine pays for the garbage of the one before it (raw kuromoji makes plenty).
 */
export async function measureThroughput(
  engines: readonly ThroughputEngine[],
  corpus: readonly BenchMail[],
  { warmupMails = 50, chunk = 50 } = {},
): Promise<ThroughputResult[]> {
  for (const engine of engines) await engine.runChunk(corpus.slice(0, warmupMails));
  const state = engines.map(() => ({ latencies: [] as number[], wallMs: 0, cpuMs: 0, rssMb: 0 }));
  const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => {});
  for (let from = 0; from < corpus.length; from += chunk) {
    for (const [e, engine] of engines.entries()) {
      const s = state[e]!;
      collectGarbage();
      const cpu = process.cpuUsage();
      const t0 = performance.now();
      s.latencies.push(...(await engine.runChunk(corpus.slice(from, from + chunk))));
      s.wallMs += performance.now() - t0;
      const { user, system } = process.cpuUsage(cpu);
      s.cpuMs += (user + system) / 1000;
      s.rssMb = Math.max(s.rssMb, rssMb());
    }
  }
  return engines.map((engine, e) => {
    const s = state[e]!;
    const sorted = s.latencies.sort((a, b) => a - b);
    return {
      name: engine.name,
      mails: corpus.length,
      mailsPerSecond: (corpus.length * 1000) / s.wallMs,
      mailsPerCpuSecond: (corpus.length * 1000) / s.cpuMs,
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
      rssMb: s.rssMb,
    };
  });
}

/** The fastest of repeated calls (the one least disturbed), calling until `budgetMs` of wall time is spent. */
export function bestOf(fn: () => unknown, { budgetMs = 500, minCalls = 3, maxCalls = 1000 } = {}): Elapsed {
  const best: Elapsed = { wallMs: Infinity, cpuMs: Infinity };
  const started = performance.now();
  for (let calls = 0; calls < maxCalls && (calls < minCalls || performance.now() - started < budgetMs); calls++) {
    const { wallMs, cpuMs } = elapsed(fn);
    best.wallMs = Math.min(best.wallMs, wallMs);
    best.cpuMs = Math.min(best.cpuMs, cpuMs);
  }
  return best;
}

export interface ScalingText {
  label: string;
  /** The length the row stands for (the longest run). */
  runChars: number;
  /** Tokenized one by one; the cost per character is over all of them. */
  runs: string[];
}

export const RUN_LENGTHS = [100, 400, 1600, 4000, 16_000] as const;

/**
 * One long mail flattened to a line (the corpus with 、。 and line breaks removed): its first
 * 16,000 characters cut into runs of 100 to 16,000 characters, so every length sees the same text;
 * and three 100 KB (UTF-8) mails without 、。: flattened prose, a pasted log, one character repeated.
 */
export function scalingTexts(corpus: readonly BenchMail[]): ScalingText[] {
  const flattened = corpus.map((mail) => mail.body.replace(/[、。\r\n]/g, '')).join('');
  const cut = (text: string, length: number): string[] => {
    const runs: string[] = [];
    for (let start = 0; start < text.length;) {
      let end = Math.min(text.length, start + length);
      if (/[\uD800-\uDBFF]/.test(text[end - 1]!)) end--;
      runs.push(text.slice(start, end));
      start = end;
    }
    return runs;
  };
  const utf8Prefix = (text: string, bytes: number): string => {
    let end = 0;
    for (let size = 0; end < text.length && size < bytes; end++) size += Buffer.byteLength(text[end]!);
    return text.slice(0, end).replace(/[\uD800-\uDBFF]$/, '');
  };
  const log = Array.from(
    { length: 2000 },
    (_, i) =>
      `2024-03-01T10:${String(i % 60).padStart(2, '0')}:07Z ERROR [worker-${i % 7}] upstream timeout after 30000ms request_id=${(i * 7919).toString(16)} path=/api/v1/orders/${i}`,
  ).join('\n');
  const base = flattened.slice(0, 16_000);
  const whole = (label: string, text: string): ScalingText => ({ label, runChars: text.length, runs: [text] });
  return [
    ...RUN_LENGTHS.map((length) => ({ label: `runs of ${length.toLocaleString('en')} chars`, runChars: length, runs: cut(base, length) })),
    whole('100 KB mail, flattened prose', utf8Prefix(flattened, 100 * 1024)),
    whole('100 KB pasted log (line breaks, no 、。)', utf8Prefix(log, 100 * 1024)),
    whole('100 KB of one character (あ)', 'あ'.repeat(Math.floor((100 * 1024) / 3))),
  ];
}

export interface ScalingRow {
  label: string;
  runChars: number;
  totalChars: number;
  /** By engine name; null where the engine was not run on runs this long. */
  cpuUsPerChar: Record<string, number | null>;
  wallMs: Record<string, number | null>;
}

/** CPU µs per character for each engine on each text: best of repeated passes, one pass where slow. */
export function measureScaling(engines: readonly BenchEngine[], texts: readonly ScalingText[]): ScalingRow[] {
  return texts.map(({ label, runChars, runs }) => {
    const totalChars = runs.reduce((sum, run) => sum + run.length, 0);
    const row: ScalingRow = { label, runChars, totalChars, cpuUsPerChar: {}, wallMs: {} };
    for (const engine of engines) {
      if (runChars > (engine.maxChars ?? Infinity)) {
        row.cpuUsPerChar[engine.name] = row.wallMs[engine.name] = null;
        continue;
      }
      const slow = engine.maxChars !== undefined && runChars > 1600;
      const { wallMs, cpuMs } = bestOf(() => runs.forEach((run) => engine.tokenize(run)), slow ? { minCalls: 1, maxCalls: 1 } : {});
      row.wallMs[engine.name] = wallMs;
      row.cpuUsPerChar[engine.name] = (cpuMs * 1000) / totalChars;
    }
    return row;
  });
}

/** A Markdown table, for the terminal and for the README. */
export function markdownTable(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

export const fixed = (value: number | null | undefined, digits = 2): string => (value == null ? '—' : value.toFixed(digits));

export interface BenchSetupOptions {
  mails?: number;
  seed?: number;
}

/** What every benchmark here starts from: kuromoji loaded once, and the corpus. */
export async function loadBenchSetup({ mails = 1000, seed = 20240601 }: BenchSetupOptions = {}) {
  const loadStarted = performance.now();
  const kuromoji = await buildKuromoji();
  const loadMs = performance.now() - loadStarted;
  const loadRssMb = rssMb();
  const corpus = buildCorpus(mails, seed);
  const chars = corpus.reduce((sum, m) => sum + m.subject.length + m.body.length, 0);
  const bytes = corpus.reduce((sum, m) => sum + Buffer.byteLength(m.subject) + Buffer.byteLength(m.body), 0);
  const fast = tokenizerFor('fast', kuromoji);
  return {
    kuromoji,
    corpus,
    /** UTF-8 bytes of the mean mail (subject + body). */
    bytesPerMail: bytes / mails,
    /** The reference: kuromoji 0.1.2 as shipped, not run on runs over `rawMaxChars` (quadratic). */
    reference: (rawMaxChars = 16_000): BenchEngine => ({
      name: 'kuromoji 0.1.2 as shipped',
      tokenize: (text) => kuromoji.tokenize(text),
      maxChars: rawMaxChars,
    }),
    /** ondo's tokenizer over the same kuromoji load. */
    tokenizer: fast,
    ondo: { name: `ondo '${fast.engine}' tokenizer`, tokenize: (text: string) => fast.tokenize(text) } satisfies BenchEngine,
    /** The machine, the load on it, the dictionary load and the corpus, in a few lines. */
    header(title: string, threads: string): string {
      return [
        `# ${title} (${new Date().toISOString()})`,
        `Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${threads}; load average ${loadavg()[0]!.toFixed(1)} at start.`,
        `Dictionary load ${(loadMs / 1000).toFixed(1)} s; RSS after load ${loadRssMb.toFixed(0)} MB (one load serves every engine on this thread).`,
        `Corpus: ${mails} mails (seed ${seed}), mean ${(chars / mails).toFixed(0)} chars = ${(bytes / mails / 1024).toFixed(2)} KB UTF-8 per mail. ${CORPUS_DESCRIPTION}`,
      ].join('\n');
    },
  };
}

/**
 * Throughput with the ratio to the first row (the reference) right after each engine's name.
 * `rss: false` leaves out peak RSS where engines share the process (a pool's threads included).
 */
export function throughputTable(
  results: readonly ThroughputResult[],
  bytesPerMail: number,
  { what = 'one thread', rss = true } = {},
): string {
  const ref = results[0]!;
  return markdownTable(
    [what, 'ratio', 'mails/s', 'ratio (CPU)', 'mails/CPU-s', 'MB/s', 'p50 ms/mail', 'p99 ms/mail', ...(rss ? ['peak RSS MB'] : [])],
    results.map((r) => [
      r.name,
      `${(r.mailsPerSecond / ref.mailsPerSecond).toFixed(2)}×`,
      r.mailsPerSecond.toFixed(0),
      `${(r.mailsPerCpuSecond / ref.mailsPerCpuSecond).toFixed(2)}×`,
      r.mailsPerCpuSecond.toFixed(0),
      ((r.mailsPerSecond * bytesPerMail) / 1e6).toFixed(2),
      fixed(r.p50Ms),
      fixed(r.p99Ms),
      ...(rss ? [r.rssMb.toFixed(0)] : []),
    ]),
  );
}

/** The scaling table: CPU µs per character by engine, and `wallOf`'s wall time on the whole text. */
export function scalingTable(scaling: readonly ScalingRow[], engines: readonly BenchEngine[], wallOf: BenchEngine): string {
  const reference16k = scaling.find((row) => row.runChars === 16_000);
  const cell = (row: ScalingRow, engine: BenchEngine): string => {
    const value = row.cpuUsPerChar[engine.name];
    if (value != null || !reference16k) return fixed(value);
    const estimateS = ((reference16k.wallMs[engine.name] ?? NaN) * (row.runChars / 16_000) ** 2) / 1000;
    return `not run (≈ ${estimateS.toFixed(0)} s)`;
  };
  return markdownTable(
    ['text', 'chars', ...engines.map((e) => e.name), `${wallOf.name}: wall ms, whole text`],
    scaling.map((row) => [
      row.label,
      row.totalChars.toLocaleString('en'),
      ...engines.map((e) => cell(row, e)),
      fixed(row.wallMs[wallOf.name], 1),
    ]),
  );
}

/** The linear-time targets of issue 10 for one engine: µs/char at 16,000 over 100, and the slowest 100 KB text. */
export function scalingTargets(scaling: readonly ScalingRow[], engine: BenchEngine) {
  const usAt = (length: number): number => scaling.find((row) => row.runChars === length)?.cpuUsPerChar[engine.name] ?? NaN;
  return {
    usPerCharRatio: usAt(16_000) / usAt(100),
    slowest100kMs: Math.max(...scaling.filter((row) => row.label.startsWith('100 KB')).map((row) => row.wallMs[engine.name] ?? Infinity)),
  };
}

export interface TokenizerBenchOptions extends BenchSetupOptions {
  /** Raw kuromoji is not run on runs longer than this (16,000 chars take about 5 s). */
  rawMaxChars?: number;
}

/** Loads kuromoji once, prints the throughput and scaling tables and returns the measurements. */
export async function runTokenizerBench({ rawMaxChars = 16_000, ...setupOptions }: TokenizerBenchOptions = {}) {
  const setup = await loadBenchSetup(setupOptions);
  const { corpus, ondo } = setup;
  const reference = setup.reference(rawMaxChars);
  const uncapped = createFastTokenization(setup.kuromoji, { maxSentence: Infinity });
  const noCap: BenchEngine = { name: 'fast lattice, no sentence cap', tokenize: (text) => uncapped(text) };
  console.log(`${setup.header('Tokenizer benchmark', 'one thread')}\n`);

  const [ref, fastResult] = (await measureThroughput([tokenizing(reference), tokenizing(ondo)], corpus)) as [
    ThroughputResult,
    ThroughputResult,
  ];
  console.log(throughputTable([ref, fastResult], setup.bytesPerMail, { what: 'tokenizer, one thread' }));

  const engines = [reference, ondo, noCap];
  const scaling = measureScaling(engines, scalingTexts(corpus));
  console.log(
    `\nCPU µs per character, runs without 、。 tokenized one at a time (best of repeated passes; 'ondo' cuts sentences over 2,000 chars):`,
  );
  console.log(scalingTable(scaling, engines, ondo));
  console.log(
    `kuromoji is run once on 4,000- and 16,000-char runs and not on runs over ${rawMaxChars.toLocaleString('en')} chars; "not run" cells extrapolate its 16,000-char time quadratically.`,
  );

  const { usPerCharRatio, slowest100kMs } = scalingTargets(scaling, ondo);
  console.log(`\nTargets (issue 10), load average ${loadavg()[0]!.toFixed(1)} at the end:`);
  console.log(
    `- ondo ≥ 2× kuromoji on one thread: ${(fastResult.mailsPerSecond / ref.mailsPerSecond).toFixed(2)}× wall, ${(fastResult.mailsPerCpuSecond / ref.mailsPerCpuSecond).toFixed(2)}× CPU`,
  );
  console.log(`- µs/char at 16,000 within 1.5× of that at 100: ${usPerCharRatio.toFixed(2)}×`);
  console.log(`- a 100 KB mail without 、。 in < 1 s: slowest ${slowest100kMs.toFixed(0)} ms wall`);
  return { throughput: [ref, fastResult], scaling };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { mails: { type: 'string' }, seed: { type: 'string' }, 'raw-max-chars': { type: 'string' } } });
  await runTokenizerBench({
    mails: values.mails ? Number(values.mails) : undefined,
    seed: values.seed ? Number(values.seed) : undefined,
    rawMaxChars: values['raw-max-chars'] ? Number(values['raw-max-chars']) : undefined,
  });
}
