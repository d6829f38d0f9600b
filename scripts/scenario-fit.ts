/**
 * Fits the learned scenario signal (dictionaries/learned/scenarios.yaml) on the labelled tuning
 * mails: how many mails of each scenario hold each lemma and bigram. Used by scripts/fit-scenarios.ts
 * (write the file, measure with sets left out) and its tests. Never reads the blind set.
 */
import { createHash } from 'node:crypto';
import type { AnalysisEngine } from '../src/analysis/analyze.js';
import {
  compileLearnedScenarios,
  parseCounts,
  parseWordLines,
  scenarioFeatures,
  type LearnedScenariosFile,
} from '../src/analysis/learned-scenarios.js';
import type { Dictionaries } from '../src/analysis/lexicon/load.js';
import { isScenarioKind, SCENARIO_KINDS } from '../src/analysis/scenario-schema.js';
import { DRAFT_SETS, readDraftLabels } from './draft-evaluation.js';
import type { LabelledSet, LabelledText } from './lexical-fit.js';

/**
 * Every scenario label of the tuning sets: the mails' `scenario` and the draft sets' `topic.scenario`
 * (each draft set belongs to the tuning set of its name, so leaving a set out leaves out both).
 */
export function scenarioTexts(sets: readonly LabelledSet[]): LabelledText[] {
  const names = new Set(sets.map((s) => s.name));
  return [
    ...sets.flatMap(({ name, mails }) =>
      mails
        .filter((m) => isScenarioKind(m.scenario))
        .map((m): LabelledText => ({ set: name, kind: 'mail', subject: m.subject, body: m.body, scenario: m.scenario })),
    ),
    ...DRAFT_SETS.filter((d) => names.has(d.name)).flatMap((d) =>
      readDraftLabels(d.path)
        .filter((l) => isScenarioKind(l.topic.scenario))
        .map((l): LabelledText => ({ set: d.name, kind: 'mail', subject: l.subject, body: l.body, scenario: l.topic.scenario })),
    ),
  ];
}

/** A labelled mail as the fit sees it: its features as the analysis reads them (learned-scenarios.ts). */
export interface ScenarioRow {
  text: LabelledText;
  features: string[];
}

export function scenarioRows(engine: AnalysisEngine, texts: readonly LabelledText[]): ScenarioRow[] {
  return texts.map((text) => {
    const mail = engine.prepare({ subject: text.subject, body: text.body });
    return { text, features: [...scenarioFeatures(mail.subject?.tokens ?? [], mail.body.tokens).keys()] };
  });
}

export interface ScenarioFitOptions {
  /** A word must occur in at least this many labelled sets (not one writer's habit)… */
  minSets: number;
  /** …and in at least this many mails. */
  minMails: number;
  /** Laplace smoothing added to every count. */
  smoothing: number;
}

/**
 * Chosen left out one set at a time (npm run fit:scenarios -- --loso): smoothing 0.02–0.2 and
 * 2–3 sets gave the same accuracy within 0.5 point; at least 5 mails halves the file for nothing.
 */
export const SCENARIO_FIT_OPTIONS: ScenarioFitOptions = { minSets: 3, minMails: 5, smoothing: 0.1 };

/** The counts the file holds: mails per scenario, and per word the mails of each scenario holding it. */
export function fitScenarioCounts(
  rows: readonly ScenarioRow[],
  exclude: ReadonlySet<string>,
  options: ScenarioFitOptions = SCENARIO_FIT_OPTIONS,
): Pick<LearnedScenariosFile, 'mails' | 'words' | 'smoothing'> {
  const mails = new Map<string, number>();
  const counts = new Map<string, { sets: Set<string>; mails: number; byScenario: Map<string, number> }>();
  for (const { text, features } of rows) {
    const scenario = text.scenario!;
    mails.set(scenario, (mails.get(scenario) ?? 0) + 1);
    for (const key of features) {
      if (exclude.has(key)) continue;
      let c = counts.get(key);
      if (!c) counts.set(key, (c = { sets: new Set(), mails: 0, byScenario: new Map() }));
      c.sets.add(text.set);
      c.mails++;
      c.byScenario.set(scenario, (c.byScenario.get(scenario) ?? 0) + 1);
    }
  }
  const order = (a: string, b: string) => SCENARIO_KINDS.indexOf(a as never) - SCENARIO_KINDS.indexOf(b as never);
  const words: string[] = [];
  for (const key of [...counts.keys()].sort()) {
    const c = counts.get(key)!;
    if (c.sets.size < options.minSets || c.mails < options.minMails) continue;
    const byScenario = [...c.byScenario].sort((a, b) => b[1] - a[1] || order(a[0], b[0]));
    words.push(`${key}: ${byScenario.map(([s, n]) => `${s} ${n}`).join(', ')}`);
  }
  return {
    smoothing: options.smoothing,
    mails: Object.fromEntries([...mails].sort((a, b) => order(a[0], b[0]))),
    words: words.map((line) => `${line}\n`).join(''),
  };
}

/** A fingerprint of the counts as the script wrote them: a count edited by hand no longer matches. */
export function wordsHash(file: Pick<LearnedScenariosFile, 'mails' | 'words' | 'smoothing'>): string {
  const hash = createHash('sha256').update(`${file.smoothing}\n`);
  for (const [scenario, n] of Object.entries(file.mails)) hash.update(`${scenario}\0${n}\n`);
  hash.update(file.words);
  return `sha256:${hash.digest('hex').slice(0, 16)}`;
}

/** The words that point to each scenario most (weight × how often), for the file's header: what a lead reads first. */
function strongestWords(file: LearnedScenariosFile, perScenario: number): string[] {
  const model = compileLearnedScenarios(file);
  const total = new Map([...parseWordLines(file.words)].map(([key, counts]) => [key, new Map(parseCounts(counts))]));
  return model.scenarios.map((scenario, i) => {
    const ranked = [...model.weights]
      .filter(([, w]) => w[i]! > 0)
      .map(([key, w]) => ({ key, strength: w[i]! * Math.log1p(total.get(key)?.get(scenario) ?? 0) }))
      .sort((a, b) => b.strength - a.strength || (a.key < b.key ? -1 : 1))
      .slice(0, perScenario);
    return `#   ${scenario}: ${ranked.map((r) => r.key).join('・')}`;
  });
}

/** The YAML file: how it was fitted, the strongest words per scenario as a comment, then the counts. */
export function renderScenariosFile(
  counts: Pick<LearnedScenariosFile, 'mails' | 'words' | 'smoothing'>,
  fitted: Record<string, string | number | string[]>,
  exclude: readonly string[],
): string {
  const file: LearnedScenariosFile = { fitted: {}, exclude: [...exclude], ...counts };
  const lines = [
    '# 学習した用件の手がかり（ondo の学習した用件の読み）。scripts/fit-scenarios.ts（npm run fit:scenarios）が書いたファイルです。手で数を直さないでください。',
    '# words: 1行に1語（見出し語、または見出し語2つの並び）。その語を含むラベル付きメールの数を用件ごとに数えたものです。',
    '#   読み込み時に「その用件のメールに出る割合」と「ほかの用件のメールに出る割合」の対数オッズ（smoothing を足して）に直し、',
    '#   メールにある語のオッズを足した合計が最も大きい用件を、マニュアルの確からしさが低いとき（scoring.yaml scenarios.learned）に選びます。',
    '# 数えたくない語は exclude に足してください（読み込み時にすぐ外れ、次の npm run fit:scenarios でその語なしに数え直します）。',
    '# 出典: このプロジェクトのラベル付きフィクスチャ（開発用と held-out 1〜15 のメールと下書き用メール。held-out 16 は使いません）。ライセンスはプロジェクトと同じ MIT。',
    '# 用件ごとに最も効いている語:',
    ...strongestWords(file, 8),
    'fitted:',
    ...Object.entries({ ...fitted, counts: wordsHash(counts) }).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`),
    `exclude: ${JSON.stringify([...exclude].sort())}`,
    `smoothing: ${counts.smoothing}`,
    'mails:',
    ...Object.entries(counts.mails).map(([s, n]) => `  ${s}: ${n}`),
    'words: |',
    ...counts.words
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => `  ${line}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** The dictionaries with another learned scenario signal (or none). */
export function withScenarioModel(
  base: Dictionaries,
  counts: Pick<LearnedScenariosFile, 'mails' | 'words' | 'smoothing'> | undefined,
): Dictionaries {
  const { scenarioModel: _dropped, ...rest } = base;
  return counts ? { ...rest, scenarioModel: compileLearnedScenarios({ fitted: {}, exclude: [], ...counts }) } : rest;
}
