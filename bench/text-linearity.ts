/**
 * Linear cost of every text-processing step: each worst-case input (test/security) timed at n
 * and 4n characters, best of five. A linear step's ratio is about 4; a quadratic one's is 16.
 */
import type { Tokenizer } from '../src/analysis/tokenizer/index.js';
import { TEXT_WORST_CASES, timeTextStep } from '../test/security/text-worst-cases.js';

export interface LinearityRow {
  step: string;
  name: string;
  smallMs: number;
  largeMs: number;
  ratio: number;
}

const N = 25_000;
const FACTOR = 4;
/** Above this, a step grows faster than linearly (noise on a busy machine stays well below). */
export const MAX_LINEAR_RATIO = 8;

/** Best of five after a warm-up run: the first runs of a shape pay for JIT and GC. */
function best(step: Parameters<typeof timeTextStep>[0], text: string, tokenizer: Tokenizer): number {
  timeTextStep(step, text, tokenizer);
  return Math.min(...[0, 1, 2, 3, 4].map(() => timeTextStep(step, text, tokenizer)));
}

export function measureTextLinearity(tokenizer: Tokenizer): LinearityRow[] {
  return TEXT_WORST_CASES.map(({ step, name, make, reads }) => {
    // A step that cuts its input off is measured below its cut, where a quadratic still shows.
    const n = reads ? Math.floor(reads / FACTOR) : N;
    const smallMs = best(step, make(n), tokenizer);
    const largeMs = best(step, make(n * FACTOR), tokenizer);
    // Runs under 2 ms are timer and GC noise: report them, but read the ratio as linear.
    const ratio = smallMs < 2 ? Math.min(largeMs / Math.max(smallMs, 0.001), FACTOR) : largeMs / smallMs;
    const sizes = reads ? ` (${n.toLocaleString('en')} → ${(n * FACTOR).toLocaleString('en')} chars)` : '';
    return { step, name: name + sizes, smallMs, largeMs, ratio };
  });
}

export function linearityTable(rows: readonly LinearityRow[]): string[][] {
  return rows.map((r) => [r.step, r.name, r.smallMs.toFixed(1), r.largeMs.toFixed(1), `${r.ratio.toFixed(1)}×`]);
}

export const LINEARITY_HEADER = [
  'step',
  'worst case',
  `ms at n (${N.toLocaleString('en')} chars unless said)`,
  `ms at ${FACTOR}n`,
  `ratio (linear ≈ ${FACTOR})`,
];
