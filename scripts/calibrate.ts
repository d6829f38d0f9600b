/**
 * npm run calibrate: fits the level thresholds and the score scale on every labelled mail set but
 * held-out 6 (the final blind measure), with 5-fold cross-validation, and prints the values to
 * write into dictionaries/scoring.yaml next to the current ones. Matching runs once per mail;
 * only scoring is repeated per candidate setting.
 */
import { loadAnalysisEngine } from '../src/analysis/analyze.js';
import { matchMail } from '../src/analysis/mail-matches.js';
import { scoreTone } from '../src/analysis/score.js';
import type { ScoringConfig } from '../src/analysis/scoring-config.js';
import type { ToneLevel } from '../src/analysis/tone-schema.js';
import { crossValidate, macroF1 } from './calibration.js';
import { EMAIL_FIXTURES, HELD_OUT_SETS, readJsonLines, type LabelledMail } from './evaluation.js';

const engine = await loadAnalysisEngine();
const { dictionaries } = engine;
const mails = [EMAIL_FIXTURES, ...HELD_OUT_SETS.map((s) => s.mails)].flatMap((url) => readJsonLines<LabelledMail>(url));
const fields = mails.map((m) => matchMail(engine.prepare(m), dictionaries));
const expected = mails.map((m) => m.level);

interface Setting {
  scaleAnger: number;
  furious: number;
  concernedAnger: number;
  concernedUrgency: number;
  minComplaint: number;
}

const current = dictionaries.config;
const settings: Setting[] = [
  {
    scaleAnger: current.scale.anger,
    furious: current.levels.furious.anger,
    concernedAnger: current.levels.concerned.anger,
    concernedUrgency: current.levels.concerned.urgency,
    minComplaint: current.politeButAnnoyed.minComplaint,
  },
];
for (const scaleAnger of [45, 60, 75])
  for (const furious of [75, 82, 90])
    for (const concernedAnger of [10, 15, 20])
      for (const concernedUrgency of [25, 30, 36, 42])
        for (const minComplaint of [12, 15, 20]) settings.push({ scaleAnger, furious, concernedAnger, concernedUrgency, minComplaint });

const withSetting = (s: Setting): ScoringConfig => ({
  ...current,
  scale: { ...current.scale, anger: s.scaleAnger },
  levels: {
    ...current.levels,
    furious: { anger: s.furious },
    concerned: { anger: s.concernedAnger, urgency: s.concernedUrgency },
  },
  politeButAnnoyed: { ...current.politeButAnnoyed, minComplaint: s.minComplaint },
});

const predictions: ToneLevel[][] = settings.map((s) => {
  const config = withSetting(s);
  return fields.map((f) => scoreTone(f, { ...dictionaries, config }).level);
});
const result = crossValidate(predictions, expected, 5);
const all = expected.map((_, i) => i);
console.log(`${mails.length} labelled mails (development and held-out 1–5), ${settings.length} settings, 5-fold cross-validation`);
console.log(`current setting: macro-F1 ${macroF1(expected, predictions[0]!, all).toFixed(3)} (in-sample)`);
console.log(`fitted setting:  macro-F1 ${result.inSampleMacroF1.toFixed(3)} in-sample, ${result.cvMacroF1.toFixed(3)} cross-validated`);
console.log('fitted values:', JSON.stringify(settings[result.best]));
