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
  readLearnedScenario,
  scenarioFeatures,
  type LearnedScenariosFile,
  type ScenarioFeatureOptions,
} from '../src/analysis/learned-scenarios.js';
import type { Dictionaries } from '../src/analysis/lexicon/load.js';
import type { Token } from '../src/analysis/tokenizer/index.js';
import { hasCoarserKind, isScenarioKind, isSplitFrom, SCENARIO_KINDS, type ScenarioKind } from '../src/analysis/scenario-schema.js';
import { ownTokens } from '../src/analysis/scenarios.js';
import { DRAFT_SETS, readDraftLabels } from './draft-evaluation.js';
import type { LabelledSet, LabelledText } from './lexical-fit.js';

/**
 * Every scenario label of the tuning sets: the mails' `scenario` and the draft sets' `topic.scenario`
 * (each draft set belongs to the tuning set of its name, so leaving a set out leaves out both).
 */
export function scenarioTexts(sets: readonly LabelledSet[]): LabelledText[] {
  const names = new Set(sets.map((s) => s.name));
  return [
    ...sets.flatMap(({ name, mails }) => {
      // A file whose labels name no finer kind was labelled before they were split off (development, held-out 1–6).
      const coarseScenario = !mails.some((m) => isScenarioKind(m.scenario) && hasCoarserKind(m.scenario));
      return mails
        .filter((m) => isScenarioKind(m.scenario))
        .map((m): LabelledText => ({ set: name, kind: 'mail', subject: m.subject, body: m.body, scenario: m.scenario, coarseScenario }));
    }),
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
  /** What each feature counts for in the reading (a subject word `subjectWeight`), in `features` order. */
  values: number[];
}

export function scenarioRows(engine: AnalysisEngine, texts: readonly LabelledText[], options?: ScenarioFeatureOptions): ScenarioRow[] {
  return rowsOf(tokenizedTexts(engine, texts), options ?? featureOptions(engine.dictionaries));
}

/** The feature options the analysis reads with (scoring.yaml scenarios.learned). */
export function featureOptions(dictionaries: Dictionaries): ScenarioFeatureOptions {
  return { subjectWeight: dictionaries.config.scenarios.learned?.subjectWeight ?? 1 };
}

/** A labelled mail's tokens as the analysis reads them (the subject, and the body without quoted history). */
export interface TokenizedText {
  text: LabelledText;
  subject: readonly Token[];
  body: readonly Token[];
}

export function tokenizedTexts(engine: AnalysisEngine, texts: readonly LabelledText[]): TokenizedText[] {
  return texts.map((text) => {
    const mail = engine.prepare({ subject: text.subject, body: text.body });
    return { text, subject: mail.subject?.tokens ?? [], body: ownTokens(mail.body) };
  });
}

/** The rows of tokenized mails with one set of feature options (a variant measured left out). */
export function rowsOf(tokenized: readonly TokenizedText[], options: ScenarioFeatureOptions): ScenarioRow[] {
  return tokenized.map(({ text, subject, body }) => {
    const features = scenarioFeatures(subject, body, options);
    return { text, features: [...features.keys()], values: [...features.values()] };
  });
}

export interface ScenarioFitOptions {
  /** A word must occur in at least this many labelled sets (not one writer's habit)… */
  minSets: number;
  /** …and in at least this many mails. */
  minMails: number;
  /** Laplace smoothing added to every count. */
  smoothing: number;
  /** The discriminative fit: L2 penalty, passes over the mails, AdaGrad step, and the smallest weight written. */
  l2: number;
  epochs: number;
  step: number;
  minWeight: number;
}

/**
 * Chosen left out one set at a time (npm run fit:scenarios -- --loso): smoothing 0.02–0.2 and
 * 2–3 sets gave the same accuracy within 0.5 point; at least 5 mails halves the file for nothing.
 * The discriminative fit's options: see docs/evaluation.md, session 13.
 */
export const SCENARIO_FIT_OPTIONS: ScenarioFitOptions = {
  minSets: 3,
  minMails: 5,
  smoothing: 0.1,
  l2: 0.0002,
  epochs: 25,
  step: 0.5,
  minWeight: 0.05,
};

type FittedScenarios = Pick<LearnedScenariosFile, 'mails' | 'words' | 'smoothing' | 'bias'>;

/**
 * The discriminative fit: a multinomial logistic regression over the words the counts keep, each mail's
 * features divided by the root of how many it has (so a long mail does not outvote a short one), fitted
 * by AdaGrad in a fixed order (a seeded shuffle: the same file every run). Weights below `minWeight` are
 * left out of the file. Left out one set at a time it read 1,011 of 1,264 mails alone against naive
 * Bayes's 970, and where the manual had not been tuned (held-out 15) 68% against 66%.
 */
export function fitScenarioModel(
  rows: readonly ScenarioRow[],
  exclude: ReadonlySet<string>,
  options: ScenarioFitOptions = SCENARIO_FIT_OPTIONS,
): FittedScenarios {
  if (!rows.some((row) => row.text.coarseScenario)) return fitRows(rows, exclude, options);
  return fitRows(
    withFinerLabels(
      rows,
      fitRows(
        rows.filter((row) => !row.text.coarseScenario),
        exclude,
        options,
      ),
    ),
    exclude,
    options,
  );
}

/**
 * A mail labelled before the finer kinds were split off (an outage labelled `other`, a subscription's
 * cancellation labelled `cancellation`) taught the fit that outage words mean `other`. Read with a fit
 * on the finely labelled mails alone, it takes the finer kind that reading names when that kind was
 * split from its label, and keeps its label otherwise. Left out one set at a time, the reading alone
 * read 13 more of 1,344 mails and 13 more of 635 draft mails (docs/evaluation.md, session 14).
 */
function withFinerLabels(rows: readonly ScenarioRow[], fine: FittedScenarios): ScenarioRow[] {
  const model = compileLearnedScenarios({ fitted: {}, exclude: [], ...fine });
  return rows.map((row) => {
    const label = row.text.scenario as ScenarioKind;
    if (!row.text.coarseScenario) return row;
    const reading = readLearnedScenario(new Map(row.features.map((key, i) => [key, row.values[i]!])), model, 1);
    return reading && isSplitFrom(reading.scenario, label) ? { ...row, text: { ...row.text, scenario: reading.scenario } } : row;
  });
}

function fitRows(rows: readonly ScenarioRow[], exclude: ReadonlySet<string>, options: ScenarioFitOptions): FittedScenarios {
  const counts = fitScenarioCounts(rows, exclude, options);
  const scenarios = Object.keys(counts.mails);
  const K = scenarios.length;
  const vocabulary = new Map([...parseWordLines(counts.words).keys()].map((key, i) => [key, i]));
  const mails = rows.map((row) => {
    const known = row.features.flatMap((key, i) => {
      const f = vocabulary.get(key);
      return f === undefined ? [] : [[f, row.values[i]!] as const];
    });
    return { known, label: scenarios.indexOf(row.text.scenario!), scale: 1 / Math.sqrt(Math.max(1, known.length)) };
  });
  const W = new Float64Array(vocabulary.size * K);
  const bias = new Float64Array(K);
  const squared = new Float64Array(vocabulary.size * K).fill(1e-8);
  const squaredBias = new Float64Array(K).fill(1e-8);
  const p = new Float64Array(K);
  const order = mails.map((_, i) => i);
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const n of order) {
      const { known, label, scale } = mails[n]!;
      let max = -Infinity;
      for (let c = 0; c < K; c++) {
        let sum = bias[c]!;
        for (const [f, v] of known) sum += W[f * K + c]! * scale * v;
        p[c] = sum;
        max = Math.max(max, sum);
      }
      let z = 0;
      for (let c = 0; c < K; c++) z += p[c] = Math.exp(p[c]! - max);
      for (let c = 0; c < K; c++) {
        const g = p[c]! / z - (label === c ? 1 : 0);
        squaredBias[c]! += g * g;
        bias[c]! -= (options.step * g) / Math.sqrt(squaredBias[c]!);
        for (const [f, v] of known) {
          const at = f * K + c;
          const gi = g * scale * v + options.l2 * W[at]!;
          squared[at]! += gi * gi;
          W[at]! -= (options.step * gi) / Math.sqrt(squared[at]!);
        }
      }
    }
  }
  const round = (x: number) => Math.round(x * 100) / 100;
  const words: string[] = [];
  for (const [key, f] of vocabulary) {
    // A word's weights moved together change no reading (every scenario gains the same): centred on their
    // median, the scenarios it says nothing about are near 0 and left out of the file.
    const median = [...W.slice(f * K, f * K + K)].sort((a, b) => a - b)[Math.floor(K / 2)]!;
    const kept = scenarios
      .map((scenario, c) => [scenario, round(W[f * K + c]! - median)] as const)
      .filter(([, w]) => Math.abs(w) >= options.minWeight)
      .sort((a, b) => b[1] - a[1]);
    if (kept.length > 0) words.push(`${key}: ${kept.map(([scenario, w]) => `${scenario} ${w}`).join(', ')}`);
  }
  return {
    smoothing: counts.smoothing,
    mails: counts.mails,
    bias: Object.fromEntries(scenarios.map((scenario, c) => [scenario, round(bias[c]!)])),
    words: words.map((line) => `${line}\n`).join(''),
  };
}

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
export function wordsHash(file: FittedScenarios): string {
  const hash = createHash('sha256').update(`${file.smoothing}\n`);
  for (const [scenario, n] of Object.entries(file.mails)) hash.update(`${scenario}\0${n}\n`);
  for (const [scenario, b] of Object.entries(file.bias ?? {})) hash.update(`${scenario}\0${b}\n`);
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
      .map(([key, w]) => ({ key, strength: file.bias ? w[i]! : w[i]! * Math.log1p(total.get(key)?.get(scenario) ?? 0) }))
      .sort((a, b) => b.strength - a.strength || (a.key < b.key ? -1 : 1))
      .slice(0, perScenario);
    return `#   ${scenario}: ${ranked.map((r) => r.key).join('・')}`;
  });
}

/** The YAML file: how it was fitted, the strongest words per scenario as a comment, then the counts. */
export function renderScenariosFile(
  counts: FittedScenarios,
  fitted: Record<string, string | number | string[]>,
  exclude: readonly string[],
): string {
  const file: LearnedScenariosFile = { fitted: {}, exclude: [...exclude], ...counts };
  const lines = [
    '# 学習した用件の手がかり（ondo の学習した用件の読み）。scripts/fit-scenarios.ts（npm run fit:scenarios）が書いたファイルです。手で数を直さないでください。',
    ...(counts.bias
      ? [
          '# words: 1行に1語（見出し語、または見出し語2つの並び）。用件ごとの重み（ロジスティック回帰で学習、語ごとに中央値を0に揃え、|重み| < 0.05 は省略）です。',
          '#   メールにある語の重みの合計を語の数の平方根で割り、bias を足した値が最も大きい用件を、',
          '#   マニュアルの確からしさが低いとき（scoring.yaml scenarios.learned）に選びます。mails は学習に使ったメールの数です。',
        ]
      : [
          '# words: 1行に1語（見出し語、または見出し語2つの並び）。その語を含むラベル付きメールの数を用件ごとに数えたものです。',
          '#   読み込み時に「その用件のメールに出る割合」と「ほかの用件のメールに出る割合」の対数オッズ（smoothing を足して）に直し、',
          '#   メールにある語のオッズを足した合計が最も大きい用件を、マニュアルの確からしさが低いとき（scoring.yaml scenarios.learned）に選びます。',
        ]),
    '# 使いたくない語は exclude に足してください（読み込み時にすぐ外れ、次の npm run fit:scenarios でその語なしに学習し直します）。',
    '# 出典: このプロジェクトのラベル付きフィクスチャ（開発用と held-out 1〜21 のメールと下書き用メール。held-out 22 は使いません）。ライセンスはプロジェクトと同じ MIT。',
    '# 用件ごとに最も効いている語:',
    ...strongestWords(file, 8),
    'fitted:',
    ...Object.entries({ ...fitted, counts: wordsHash(counts) }).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`),
    `exclude: ${JSON.stringify([...exclude].sort())}`,
    `smoothing: ${counts.smoothing}`,
    'mails:',
    ...Object.entries(counts.mails).map(([s, n]) => `  ${s}: ${n}`),
    ...(counts.bias ? ['bias:', ...Object.entries(counts.bias).map(([s, b]) => `  ${s}: ${b}`)] : []),
    'words: |',
    ...counts.words
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => `  ${line}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** The dictionaries with another learned scenario signal (or none). */
export function withScenarioModel(base: Dictionaries, counts: FittedScenarios | undefined): Dictionaries {
  const { scenarioModel: _dropped, ...rest } = base;
  return counts ? { ...rest, scenarioModel: compileLearnedScenarios({ fitted: {}, exclude: [], ...counts }) } : rest;
}
