import { describe, expect, it } from 'vitest';
import { averageRanks, rocAuc, spearman } from '../../scripts/rank-metrics.js';

describe('averageRanks', () => {
  it('gives tied values their average rank', () => {
    expect(averageRanks([10, 30, 10, 20])).toEqual([1.5, 4, 1.5, 3]);
  });
});

describe('rocAuc', () => {
  it('is 1 when every positive outscores every negative and 0 when reversed', () => {
    expect(rocAuc([0.9, 0.8, 0.1, 0.2], [true, true, false, false])).toBe(1);
    expect(rocAuc([0.1, 0.2, 0.9, 0.8], [true, true, false, false])).toBe(0);
  });

  it('counts a tie between a positive and a negative as half', () => {
    // Pairs: (5 vs 0) win, (5 vs 5) half, (0 vs 0) half, (0 vs 5) loss → 2 / 4.
    expect(rocAuc([5, 0, 0, 5], [true, true, false, false])).toBe(0.5);
    // All scores 0 (no evidence anywhere) is chance, not perfect.
    expect(rocAuc([0, 0, 0], [true, false, false])).toBe(0.5);
  });

  it('matches a hand count on an uneven set', () => {
    // positives 3 and 1 against negatives 2 and 0: wins 3>2, 3>0, 1>0; loss 1<2 → 3/4.
    expect(rocAuc([3, 1, 2, 0], [true, true, false, false])).toBe(0.75);
  });

  it('is NaN without both classes', () => {
    expect(rocAuc([1, 2], [true, true])).toBeNaN();
  });
});

describe('spearman', () => {
  it('is 1 for any increasing relation and -1 for a decreasing one', () => {
    expect(spearman([1, 2, 3, 4], [1, 4, 9, 16])).toBeCloseTo(1);
    expect(spearman([1, 2, 3, 4], [8, 4, 2, 1])).toBeCloseTo(-1);
  });

  it('handles ties by average ranks', () => {
    // ranks a: 1.5 1.5 3 4, b: 1 2 3 4 → r = 0.9487
    expect(spearman([0, 0, 1, 2], [0, 1, 2, 3])).toBeCloseTo(0.9487, 4);
  });

  it('is NaN when one side is constant', () => {
    expect(spearman([0, 0, 0], [1, 2, 3])).toBeNaN();
  });
});
