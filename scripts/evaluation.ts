/** Scores labelled fixtures and summarises them: confusion matrix, per-level precision/recall/F1, macro-F1. */
import { readFileSync } from 'node:fs';
import type { AnalysisEngine } from '../src/analysis/analyze.js';
import { TONE_LEVELS, type ToneLevel } from '../src/analysis/tone-schema.js';

export interface LabelledMail {
  id: string;
  subject?: string;
  body: string;
  level: ToneLevel;
  politeButAnnoyed?: boolean;
  scenario?: string;
}

export function readJsonLines<T>(url: URL): T[] {
  return readFileSync(url, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

const fixture = (file: string) => new URL(`../test/fixtures/${file}`, import.meta.url);

export const EMAIL_FIXTURES = fixture('emails.jsonl');
/**
 * Labelled mails and agent replies, each set written by someone who never saw the dictionaries or
 * the phrase lists. A set is honest evidence only until its misses are used to tune them, so each
 * says how it has been used; the newest blind set is the figure to quote for unseen mail.
 */
export interface HeldOutSet {
  name: string;
  mails: URL;
  replies: URL;
  status: string;
}

export const HELD_OUT_SETS: readonly HeldOutSet[] = [
  {
    name: 'held-out 1',
    mails: fixture('emails-holdout.jsonl'),
    replies: fixture('replies-holdout.jsonl'),
    status: 'blind in session 1 (tone macro-F1 0.805, scenarios 62.5%, linter recall 73%); its misses tuned the dictionaries in session 2',
  },
  {
    name: 'held-out 2',
    mails: fixture('emails-holdout-2.jsonl'),
    replies: fixture('replies-holdout-2.jsonl'),
    status:
      'blind until session 2: tone macro-F1 0.732 with session 1\'s dictionaries and 0.749 after tuning on held-out 1 (scenarios 78.3% → 83.3%, linter recall 74% → 76%); then tuned on',
  },
  {
    name: 'held-out 3',
    mails: fixture('emails-holdout-3.jsonl'),
    replies: fixture('replies-holdout-3.jsonl'),
    status:
      'blind until measured in session 2 (tone macro-F1 0.738 with session 1\'s dictionaries and after tuning on held-out 1 and 2; scenarios 83.3% → 85.0%; linter recall 82.9% → 87.8%); then tuned on',
  },
  {
    name: 'held-out 4',
    mails: fixture('emails-holdout-4.jsonl'),
    replies: fixture('replies-holdout-4.jsonl'),
    status:
      'blind: written at the end of session 2 and never used for tuning — the figure to quote for unseen mail (with session 1\'s dictionaries: tone macro-F1 0.788, scenarios 80.0%, linter recall 76.9%)',
  },
];

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ToneEvaluation {
  confusion: Record<ToneLevel, Record<ToneLevel, number>>;
  perLevel: Record<ToneLevel, ClassScores>;
  macroF1: number;
  accuracy: number;
  politeButAnnoyed: ClassScores;
  misses: Array<{ id: string; expected: ToneLevel; got: ToneLevel }>;
}

export function evaluateTone(engine: AnalysisEngine, mails: readonly LabelledMail[]): ToneEvaluation {
  const confusion = Object.fromEntries(
    TONE_LEVELS.map((e) => [e, Object.fromEntries(TONE_LEVELS.map((g) => [g, 0]))]),
  ) as ToneEvaluation['confusion'];
  const misses: ToneEvaluation['misses'] = [];
  const flags: Array<[boolean, boolean]> = [];
  for (const mail of mails) {
    const result = engine.analyze({ subject: mail.subject, body: mail.body });
    confusion[mail.level][result.level]++;
    if (result.level !== mail.level) misses.push({ id: mail.id, expected: mail.level, got: result.level });
    if (mail.politeButAnnoyed !== undefined) flags.push([mail.politeButAnnoyed, result.politeButAnnoyed]);
  }
  const perLevel = Object.fromEntries(
    TONE_LEVELS.map((level) => {
      const tp = confusion[level][level];
      const predicted = TONE_LEVELS.reduce((n, e) => n + confusion[e][level], 0);
      const actual = TONE_LEVELS.reduce((n, g) => n + confusion[level][g], 0);
      return [level, classScores(tp, predicted, actual)];
    }),
  ) as ToneEvaluation['perLevel'];
  const macroF1 = TONE_LEVELS.reduce((s, l) => s + perLevel[l].f1, 0) / TONE_LEVELS.length;
  const correct = TONE_LEVELS.reduce((s, l) => s + confusion[l][l], 0);
  const tpFlag = flags.filter(([e, g]) => e && g).length;
  return {
    confusion,
    perLevel,
    macroF1,
    accuracy: correct / mails.length,
    politeButAnnoyed: classScores(tpFlag, flags.filter(([, g]) => g).length, flags.filter(([e]) => e).length),
    misses,
  };
}

export function classScores(truePositives: number, predicted: number, actual: number): ClassScores {
  const precision = predicted === 0 ? 0 : truePositives / predicted;
  const recall = actual === 0 ? 0 : truePositives / actual;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support: actual };
}

export function formatToneEvaluation(e: ToneEvaluation): string {
  const pad = (s: string | number, n = 10) => String(s).padStart(n);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = ['Tone level — confusion matrix (rows: expected, columns: ondo)', pad('') + TONE_LEVELS.map((l) => pad(l)).join('')];
  for (const e1 of TONE_LEVELS) lines.push(pad(e1) + TONE_LEVELS.map((g) => pad(e.confusion[e1][g])).join(''));
  lines.push('', `${pad('level')}${pad('precision')}${pad('recall')}${pad('F1')}${pad('n')}`);
  for (const l of TONE_LEVELS) {
    const s = e.perLevel[l];
    lines.push(`${pad(l)}${pad(pct(s.precision))}${pad(pct(s.recall))}${pad(pct(s.f1))}${pad(s.support)}`);
  }
  const f = e.politeButAnnoyed;
  lines.push(
    '',
    `macro-F1 ${e.macroF1.toFixed(3)}   accuracy ${pct(e.accuracy)}`,
    `politeButAnnoyed flag: precision ${pct(f.precision)} recall ${pct(f.recall)} (n=${f.support})`,
  );
  if (e.misses.length) lines.push(`misses: ${e.misses.map((m) => `${m.id} ${m.expected}→${m.got}`).join(', ')}`);
  return lines.join('\n');
}
