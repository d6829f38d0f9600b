/**
 * Linear cost of every text-processing step: each worst-case input (test/security) timed at n
 * and 4n characters. A linear step's ratio is about 4; a quadratic one's is 16.
 */
import type { Tokenizer } from '../src/analysis/tokenizer/index.js';
import { TEXT_WORST_CASES, runTextStep, type TextStep } from '../test/security/text-worst-cases.js';

export interface LinearityRow {
  step: string;
  name: string;
  smallMs: number;
  largeMs: number;
  ratio: number;
}

// Above the sizes where V8 changes how it holds a string or an array (between 25,000 and 100,000
// characters one long line costs 10× for 4×, then 3.5–3.9× for every further 4×): a ratio across
// that step would read a one-off jump as growth.
const N = 100_000;
const FACTOR = 4;
/** Above this, a step grows faster than linearly (noise on a busy machine stays well below). */
export const MAX_LINEAR_RATIO = 8;

/** A timed batch repeats a run until it lasts this long: one run of a few milliseconds is mostly timer and GC noise. */
const MIN_BATCH_MS = 25;

/**
 * CPU milliseconds of `reps` runs, from a collected heap (run under --expose-gc), so no batch pays
 * for another's garbage. CPU time, not the wall clock: on a shared machine a batch is preempted
 * for tens of milliseconds at random, which the wall clock would count as the step's own cost.
 */
function batch(step: TextStep, text: string, tokenizer: Tokenizer, reps: number): number {
  globalThis.gc?.();
  const started = process.cpuUsage();
  for (let rep = 0; rep < reps; rep++) runTextStep(step, text, tokenizer);
  const { user, system } = process.cpuUsage(started);
  return (user + system) / 1000;
}

/**
 * Milliseconds one run takes: the best of five batches after two warm-up runs (the first runs of a
 * shape pay for JIT). "clean: rule lines between blank lines" once read 9.5× from single runs of
 * 2 ms and 19 ms; counting its operations (regex executions, trims, array elements visited) gives
 * exactly 4.00× per 4× input up to 400,000 characters, so the step is linear and the ratio was noise.
 */
function perRun(step: TextStep, text: string, tokenizer: Tokenizer): number {
  batch(step, text, tokenizer, 1);
  const once = batch(step, text, tokenizer, 1);
  const reps = Math.max(1, Math.ceil(MIN_BATCH_MS / Math.max(once, 0.01)));
  return Math.min(...[0, 1, 2, 3, 4].map(() => batch(step, text, tokenizer, reps) / reps));
}

export function measureTextLinearity(tokenizer: Tokenizer): LinearityRow[] {
  return TEXT_WORST_CASES.map(({ step, name, make, reads }) => {
    // A step that cuts its input off is measured below its cut, where a quadratic still shows; with
    // room to spare, since a shape's few extra characters at 4n would cross the cut and change what is read.
    const n = reads ? Math.floor((0.9 * reads) / FACTOR) : N;
    const smallMs = perRun(step, make(n), tokenizer);
    const largeMs = perRun(step, make(n * FACTOR), tokenizer);
    // Below a few microseconds a run is the call itself, not the input: read the ratio as linear.
    const ratio = smallMs < 0.005 ? Math.min(largeMs / Math.max(smallMs, 0.001), FACTOR) : largeMs / smallMs;
    const sizes = reads ? ` (${n.toLocaleString('en')} → ${(n * FACTOR).toLocaleString('en')} chars)` : '';
    return { step, name: name + sizes, smallMs, largeMs, ratio };
  });
}

export function linearityTable(rows: readonly LinearityRow[]): string[][] {
  // Sub-millisecond runs keep three decimals, so the ratio can be checked against the figures.
  const ms = (value: number) => value.toFixed(value < 1 ? 3 : 1);
  return rows.map((r) => [r.step, r.name, ms(r.smallMs), ms(r.largeMs), `${r.ratio.toFixed(1)}×`]);
}

export const LINEARITY_HEADER = [
  'step',
  'worst case',
  `CPU ms per run at n (${N.toLocaleString('en')} chars unless said)`,
  `at ${FACTOR}n`,
  `ratio (linear ≈ ${FACTOR})`,
];
