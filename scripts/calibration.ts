/**
 * Chooses scoring thresholds by cross-validation: every candidate setting levels every mail once,
 * then each fold picks the setting that scores best on the other folds and is measured on itself.
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

/** Fold of each mail: round-robin over a fixed order, so folds are reproducible and balanced. */
export function foldsOf(count: number, k: number): number[] {
  return Array.from({ length: count }, (_, i) => i % k);
}

export interface CrossValidation {
  /** Mean over folds of the held-out fold's macro-F1 under the setting chosen on the others. */
  cvMacroF1: number;
  /** The setting chosen on all mails, and its (in-sample) macro-F1. */
  best: number;
  inSampleMacroF1: number;
}

/**
 * predictions[s][i]: the level setting s gives mail i. Ties go to the earlier setting, so list the
 * current configuration first and it is kept unless another is strictly better.
 */
export function crossValidate(predictions: readonly ToneLevel[][], expected: readonly ToneLevel[], k: number): CrossValidation {
  const folds = foldsOf(expected.length, k);
  const all = expected.map((_, i) => i);
  const bestOn = (indices: readonly number[]) => {
    let best = 0;
    let bestScore = -1;
    predictions.forEach((got, s) => {
      const score = macroF1(expected, got, indices);
      if (score > bestScore) {
        best = s;
        bestScore = score;
      }
    });
    return best;
  };
  let cv = 0;
  for (let f = 0; f < k; f++) {
    const train = all.filter((i) => folds[i] !== f);
    const test = all.filter((i) => folds[i] === f);
    cv += macroF1(expected, predictions[bestOn(train)]!, test);
  }
  const best = bestOn(all);
  return { cvMacroF1: cv / k, best, inSampleMacroF1: macroF1(expected, predictions[best]!, all) };
}
