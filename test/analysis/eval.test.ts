import { describe, expect, it } from 'vitest';
import { EMAIL_FIXTURES, evaluateTone, HELD_OUT_SETS, readJsonLines, type LabelledMail } from '../../scripts/evaluation.js';
import { evaluateScenarios } from '../../scripts/scenario-evaluation.js';
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

// Guards against dictionary edits that only fit the mail they were written for. The floors sit a
// little under what each set scores today; a blind set's floor is its own first measurement.
const FLOORS: Record<string, { toneMacroF1: number; scenarioAccuracy: number }> = {
  'held-out 1': { toneMacroF1: 0.8, scenarioAccuracy: 0.6 },
  'held-out 2': { toneMacroF1: 0.8, scenarioAccuracy: 0.8 },
  'held-out 3': { toneMacroF1: 0.85, scenarioAccuracy: 0.85 },
  'held-out 4': { toneMacroF1: 0.78, scenarioAccuracy: 0.8 },
  'held-out 5': { toneMacroF1: 0.55, scenarioAccuracy: 0.6 },
  'held-out 6': { toneMacroF1: 0.64, scenarioAccuracy: 0.65 },
  'held-out 7': { toneMacroF1: 0.82, scenarioAccuracy: 0.7 },
  'held-out 8': { toneMacroF1: 0.7, scenarioAccuracy: 0.62 },
  'held-out 9': { toneMacroF1: 0.8, scenarioAccuracy: 0.75 },
  'held-out 10': { toneMacroF1: 0.88, scenarioAccuracy: 0.78 },
  'held-out 11': { toneMacroF1: 0.82, scenarioAccuracy: 0.63 },
  'held-out 12': { toneMacroF1: 0.76, scenarioAccuracy: 0.66 },
  'held-out 13': { toneMacroF1: 0.84, scenarioAccuracy: 0.63 },
  'held-out 14': { toneMacroF1: 0.89, scenarioAccuracy: 0.65 },
  'held-out 15': { toneMacroF1: 0.84, scenarioAccuracy: 0.78 },
  'held-out 16': { toneMacroF1: 0.8, scenarioAccuracy: 0.92 },
  'held-out 17': { toneMacroF1: 0.84, scenarioAccuracy: 0.95 },
  'held-out 18': { toneMacroF1: 0.8, scenarioAccuracy: 0.97 },
  'held-out 19': { toneMacroF1: 0.77, scenarioAccuracy: 0.97 },
  // Held-out 20 was blind through sessions 16–17 (tone 0.770 → 0.782, scenarios 68.8% → 73.8%); tuned on in session 18 (tone 0.885).
  'held-out 20': { toneMacroF1: 0.87, scenarioAccuracy: 0.93 },
  // Held-out 21 was blind through sessions 17–18 (tone 0.715 → 0.718, scenarios 72.5%); tuned on in session 19 (tone 0.806).
  'held-out 21': { toneMacroF1: 0.78, scenarioAccuracy: 0.95 },
};

describe.each(HELD_OUT_SETS.map((set) => [set.name, set] as const))('%s mails', (name, set) => {
  const floor = FLOORS[name]!;
  it(`keep tone macro-F1 ≥ ${floor.toneMacroF1} and scenario accuracy ≥ ${floor.scenarioAccuracy}`, async () => {
    const engine = await sharedEngine();
    const heldOut = readJsonLines<LabelledMail>(set.mails);
    const tone = evaluateTone(engine, heldOut);
    expect(tone.macroF1, JSON.stringify(tone.misses)).toBeGreaterThanOrEqual(floor.toneMacroF1);
    expect(evaluateScenarios(engine, heldOut).accuracy).toBeGreaterThanOrEqual(floor.scenarioAccuracy);
  });
});
