import { describe, expect, it } from 'vitest';
import { fitOrdinal, macroF1, stratifiedFolds, type OrdinalSample } from '../../scripts/calibration.js';
import type { ToneLevel } from '../../src/analysis/tone-schema.js';

const expected: ToneLevel[] = ['calm', 'calm', 'concerned', 'concerned', 'angry', 'angry', 'furious', 'furious', 'calm', 'angry'];

describe('macroF1', () => {
  it('is 1 for a perfect levelling and averages the four levels otherwise', () => {
    const all = expected.map((_, i) => i);
    expect(macroF1(expected, expected, all)).toBe(1);
    // Everything read calm: calm F1 = 2·(3/10·1)/(3/10+1) = 0.4615…, the other levels 0.
    expect(
      macroF1(
        expected,
        expected.map(() => 'calm'),
        all,
      ),
    ).toBeCloseTo(0.4615 / 4, 3);
  });
});

describe('fitOrdinal', () => {
  // Two signals: the first separates the classes, the second is noise shared by every class.
  const samples: OrdinalSample[] = [];
  for (let i = 0; i < 60; i++) {
    const y = i % 3;
    samples.push({ x: [y + (i % 5) * 0.1, (i % 7) * 0.2], y, group: 0 });
  }
  // A second group with its own scale of two classes, on the same signals.
  for (let i = 0; i < 20; i++) samples.push({ x: [i % 2 === 0 ? 0 : 2, (i % 7) * 0.2], y: i % 2, group: 1 });
  const fit = fitOrdinal(samples, { classes: [3, 2], iterations: 1500 });

  it('weighs the signal that separates the classes above the noise, never below zero', () => {
    expect(fit.weights[0]!).toBeGreaterThan(1);
    expect(fit.weights[0]!).toBeGreaterThan(5 * fit.weights[1]!);
    expect(fit.weights.every((w) => w >= 0)).toBe(true);
  });

  it('puts increasing cut points between the classes of each group', () => {
    const [low, high] = fit.cuts[0]!;
    const score = (x: readonly number[]) => fit.weights[0]! * x[0]! + fit.weights[1]! * x[1]!;
    expect(high!).toBeGreaterThan(low!);
    expect(fit.cuts[1]).toHaveLength(1);
    // Each class of group 0 mostly falls between its own cuts.
    const correct = samples.filter((s) => s.group === 0).filter((s) => (score(s.x) < low! ? 0 : score(s.x) < high! ? 1 : 2) === s.y);
    expect(correct.length).toBeGreaterThanOrEqual(54);
  });

  it('is deterministic', () => {
    expect(fitOrdinal(samples, { classes: [3, 2], iterations: 1500 })).toEqual(fit);
  });
});

describe('stratifiedFolds', () => {
  it('deals each stratum round-robin on its own', () => {
    expect(stratifiedFolds(['a', 'a', 'b', 'a', 'b'], 2)).toEqual([0, 1, 0, 0, 1]);
  });
});
