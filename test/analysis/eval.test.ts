import { describe, expect, it } from 'vitest';
import { EMAIL_FIXTURES, evaluateTone, HOLDOUT_FIXTURES, readJsonLines, type LabelledMail } from '../../scripts/evaluation.js';
import { TONE_LEVELS } from '../../src/analysis/tone-schema.js';
import { sharedEngine } from '../support/engine.js';

const mails = readJsonLines<LabelledMail>(EMAIL_FIXTURES);

describe('labelled fixture mails', () => {
  it('cover all four levels, with at least 20 polite-but-annoyed angry mails', () => {
    expect(mails.length).toBeGreaterThanOrEqual(80);
    for (const level of TONE_LEVELS) expect(mails.filter((m) => m.level === level).length).toBeGreaterThanOrEqual(10);
    expect(mails.filter((m) => m.level === 'angry' && m.politeButAnnoyed).length).toBeGreaterThanOrEqual(20);
  });

  it('are levelled by ondo with macro-F1 ≥ 0.85', async () => {
    const evaluation = evaluateTone(await sharedEngine(), mails);
    expect(evaluation.macroF1, JSON.stringify(evaluation.misses)).toBeGreaterThanOrEqual(0.85);
  });

  it('never put a polite-but-annoyed mail below angry', async () => {
    const engine = await sharedEngine();
    const lowered = mails
      .filter((m) => m.politeButAnnoyed)
      .filter((m) => ['calm', 'concerned'].includes(engine.analyze(m).level))
      .map((m) => m.id);
    expect(lowered.length / mails.filter((m) => m.politeButAnnoyed).length).toBeLessThanOrEqual(0.1);
  });
});

describe('held-out mails (never used for tuning)', () => {
  it('keep macro-F1 ≥ 0.75, a guard against dictionary edits that only fit the development set', async () => {
    const evaluation = evaluateTone(await sharedEngine(), readJsonLines<LabelledMail>(HOLDOUT_FIXTURES));
    expect(evaluation.macroF1, JSON.stringify(evaluation.misses)).toBeGreaterThanOrEqual(0.75);
  });
});
