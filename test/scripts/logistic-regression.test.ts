import { describe, expect, it } from 'vitest';
import { fitLogistic, logits, type LogisticRow } from '../../scripts/logistic-regression.js';

describe('fitLogistic', () => {
  // Feature 0 marks class 1, feature 1 is everywhere, feature 2 marks class 0.
  const binary: LogisticRow[] = [
    { features: [0, 1], label: 1 },
    { features: [0, 1], label: 1 },
    { features: [1, 2], label: 0 },
    { features: [1], label: 0 },
  ];

  it('weighs a feature of the positive class up and one of the other class down (one column: binary)', () => {
    const { weights } = fitLogistic(binary, 3, { classes: 1, l2: 0.01, iterations: 300 });
    expect(weights[0]).toBeGreaterThan(0);
    expect(weights[2]).toBeLessThan(0);
  });

  it('is deterministic: the same rows give the same weights', () => {
    const fit = () => [...fitLogistic(binary, 3, { classes: 1, l1: 0.001, l2: 0.01, iterations: 100 }).weights];
    expect(fit()).toEqual(fit());
  });

  it('holds a sign where it is told to, and drops what L1 finds useless', () => {
    const held = fitLogistic(binary, 3, { classes: 1, l2: 0.01, iterations: 300, signs: [0, 0, 1] });
    expect(held.weights[2]).toBe(0);
    const sparse = fitLogistic(binary, 3, { classes: 1, l1: 0.05, l2: 0.001, iterations: 300 });
    expect(sparse.weights[1]).toBe(0);
  });

  it('fits without a bias when asked (a model read against a fixed threshold)', () => {
    expect([...fitLogistic(binary, 3, { classes: 1, l2: 0.01, iterations: 50, intercept: false }).bias]).toEqual([0]);
  });

  it('ranks the labelled class first with several columns (softmax), values and sample weights included', () => {
    const rows: LogisticRow[] = [
      { features: [0], values: [2], label: 0 },
      { features: [1], label: 1, weight: 2 },
      { features: [2], values: [0.5], label: 2 },
      { features: [0, 1], label: 0 },
    ];
    const model = fitLogistic(rows, 3, { classes: 3, l2: 0.001, iterations: 400 });
    for (const [features, label] of [
      [[0], 0],
      [[1], 1],
      [[2], 2],
    ] as const) {
      const z = [...logits(model, features)];
      expect(z.indexOf(Math.max(...z))).toBe(label);
    }
  });
});
