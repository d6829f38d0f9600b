/**
 * What npm run calibrate fits with: macro-F1 over the levels, an ordinal logistic model over the
 * categories' points, and folds for cross-validation.
 */
import { TONE_LEVELS, type ToneLevel } from '../src/analysis/tone-schema.js';
import { classScores } from './evaluation.js';

/** Macro-F1 over the four levels of the mails at `indices`. */
export function macroF1(expected: readonly ToneLevel[], got: readonly ToneLevel[], indices: readonly number[]): number {
  let total = 0;
  for (const level of TONE_LEVELS) {
    let tp = 0;
    let predicted = 0;
    let actual = 0;
    for (const i of indices) {
      if (got[i] === level) predicted++;
      if (expected[i] === level) actual++;
      if (got[i] === level && expected[i] === level) tp++;
    }
    total += classScores(tp, predicted, actual).f1;
  }
  return total / TONE_LEVELS.length;
}

/**
 * One labelled text for the ordinal model: its features (points per category), its class (0 is the
 * mildest) and the group whose cut points it uses. Groups share the weights, so mails, reviews and
 * posts all say which signals matter, while each keeps its own scale of classes.
 */
export interface OrdinalSample {
  x: readonly number[];
  y: number;
  group: number;
}

export interface OrdinalFit {
  /** Non-negative: a signal of dissatisfaction never makes a text read calmer. */
  weights: number[];
  /** cuts[g][k-1]: the linear score from which group g's texts are of class k or above (increasing). */
  cuts: number[][];
}

export interface OrdinalOptions {
  /** Number of classes of each group. */
  classes: readonly number[];
  /** L2 penalty on the weights, per sample: keeps rare categories from taking extreme weights. */
  l2?: number;
  iterations?: number;
  /** Weights never exceed this (the scoring schema's bound, in the fit's units). */
  maxWeight?: number;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Proportional-odds (ordinal logistic) regression, P(class ≥ k) = σ(w·x − cut_k), fitted by Adam on
 * the mean negative log-likelihood with projected non-negative weights and increasing cuts. Full
 * batch and deterministic: the same samples always give the same fit.
 */
export function fitOrdinal(samples: readonly OrdinalSample[], options: OrdinalOptions): OrdinalFit {
  const dims = samples[0]?.x.length ?? 0;
  const l2 = options.l2 ?? 1e-3;
  const iterations = options.iterations ?? 3000;
  const maxWeight = options.maxWeight ?? Number.POSITIVE_INFINITY;
  // Parameters in one vector: weights, then each group's cuts.
  const offsets: number[] = [];
  let size = dims;
  for (const k of options.classes) {
    offsets.push(size);
    size += k - 1;
  }
  const theta = new Float64Array(size);
  theta.fill(0.5, 0, dims);
  options.classes.forEach((k, g) => {
    for (let j = 0; j < k - 1; j++) theta[offsets[g]! + j] = 1 + j;
  });
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  const grad = new Float64Array(size);
  const rate = 0.05;
  const n = Math.max(1, samples.length);
  for (let t = 1; t <= iterations; t++) {
    grad.fill(0);
    for (const s of samples) {
      let eta = 0;
      for (let d = 0; d < dims; d++) eta += theta[d]! * s.x[d]!;
      const k = options.classes[s.group]!;
      const base = offsets[s.group]!;
      // F(j) = P(class ≥ j): 1 below the first cut, 0 above the last class.
      const upper = s.y === 0 ? 1 : sigmoid(eta - theta[base + s.y - 1]!);
      const lower = s.y === k - 1 ? 0 : sigmoid(eta - theta[base + s.y]!);
      const p = Math.max(upper - lower, 1e-12);
      const dUpper = s.y === 0 ? 0 : upper * (1 - upper);
      const dLower = s.y === k - 1 ? 0 : lower * (1 - lower);
      const dEta = -(dUpper - dLower) / p;
      for (let d = 0; d < dims; d++) grad[d]! += (dEta * s.x[d]!) / n;
      if (s.y > 0) grad[base + s.y - 1]! += dUpper / p / n;
      if (s.y < k - 1) grad[base + s.y]! -= dLower / p / n;
    }
    for (let d = 0; d < dims; d++) grad[d]! += 2 * l2 * theta[d]!;
    for (let i = 0; i < size; i++) {
      m[i] = 0.9 * m[i]! + 0.1 * grad[i]!;
      v[i] = 0.999 * v[i]! + 0.001 * grad[i]! ** 2;
      const mHat = m[i]! / (1 - 0.9 ** t);
      const vHat = v[i]! / (1 - 0.999 ** t);
      theta[i]! -= (rate * mHat) / (Math.sqrt(vHat) + 1e-8);
    }
    for (let d = 0; d < dims; d++) theta[d] = Math.min(maxWeight, Math.max(0, theta[d]!));
    options.classes.forEach((k, g) => {
      for (let j = 1; j < k - 1; j++) {
        const i = offsets[g]! + j;
        theta[i] = Math.max(theta[i]!, theta[i - 1]! + 1e-3);
      }
    });
  }
  return {
    weights: Array.from(theta.subarray(0, dims)),
    cuts: options.classes.map((k, g) => Array.from(theta.subarray(offsets[g]!, offsets[g]! + k - 1))),
  };
}

/** Fold of each item: round-robin within each stratum (a set), so every fold holds a share of every set. */
export function stratifiedFolds(strata: readonly string[], k: number): number[] {
  const seen = new Map<string, number>();
  return strata.map((s) => {
    const i = seen.get(s) ?? 0;
    seen.set(s, i + 1);
    return i % k;
  });
}
