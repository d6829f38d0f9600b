import { describe, expect, it } from 'vitest';
import { crossValidate, foldsOf, macroF1 } from '../../scripts/calibration.js';
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

describe('crossValidate', () => {
  it('deals mails round-robin into k folds', () => {
    expect(foldsOf(5, 2)).toEqual([0, 1, 0, 1, 0]);
  });

  it('chooses the setting that levels best, keeps the first on a tie, and measures it out of sample', () => {
    const allCalm = expected.map((): ToneLevel => 'calm');
    const result = crossValidate([allCalm, [...expected], [...expected]], expected, 5);
    expect(result.best).toBe(1);
    expect(result.inSampleMacroF1).toBe(1);
    expect(result.cvMacroF1).toBeLessThanOrEqual(1);
    expect(crossValidate([allCalm, allCalm], expected, 5).best).toBe(0);
  });
});
