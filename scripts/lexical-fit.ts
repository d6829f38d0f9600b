/**
 * Fits the learned layer (dictionaries/learned/lexical.yaml) on the labelled tuning sets: which lemmas
 * and lemma bigrams, counted as the analysis counts them, mark a dissatisfied text. Used by
 * scripts/fit-lexical.ts (write the file, measure with sets left out) and its tests.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { AnalysisEngine } from '../src/analysis/analyze.js';
import {
  compileLearned,
  forEachFeature,
  LEARNED_CATEGORY,
  MAX_LEARNED_WEIGHT,
  NEGATED_SUFFIX,
  RESPECT_LEMMAS,
  type LearnedFile,
} from '../src/analysis/lexicon/learned.js';
import type { Dictionaries } from '../src/analysis/lexicon/load.js';
import { matchMail } from '../src/analysis/mail-matches.js';
import { EMAIL_FIXTURES, HELD_OUT_SETS, readJsonLines, type LabelledMail } from './evaluation.js';
import { fitLogistic } from './logistic-regression.js';
import type { LabelledPost, LabelledReview } from './text-evaluation.js';

export type TextKind = 'mail' | 'review' | 'post';

/** One labelled text; `dissatisfied` is undefined for texts only measured, never fitted (2–3★ reviews). */
export interface LabelledText {
  set: string;
  kind: TextKind;
  subject?: string;
  body: string;
  dissatisfied?: boolean;
  /** The labelled scenario, for the scenario fit (scripts/scenario-fit.ts). */
  scenario?: string;
  /** Labelled before the finer scenarios were split off (its file names none of them): `other` may be an outage. */
  coarseScenario?: boolean;
}

export interface LabelledSet {
  name: string;
  mails: LabelledMail[];
  reviews: LabelledReview[];
  posts: LabelledPost[];
}

/** The tuning sets: the development mails and every held-out set in HELD_OUT_SETS (never the blind set, which HELD_OUT_SETS does not list). */
export function tuningSets(): LabelledSet[] {
  return [
    { name: 'development', mails: readJsonLines<LabelledMail>(EMAIL_FIXTURES), reviews: [], posts: [] },
    ...HELD_OUT_SETS.map((set) => ({
      name: set.name,
      mails: readJsonLines<LabelledMail>(set.mails),
      reviews: set.reviews ? readJsonLines<LabelledReview>(set.reviews) : [],
      posts: set.posts ? readJsonLines<LabelledPost>(set.posts) : [],
    })),
  ];
}

/**
 * Dissatisfied: an angry or furious mail, a 1★ review, a post readers found angry (≥ 2). Calm or
 * concerned mails, 4–5★ reviews and calmer posts are the rest; 2–3★ reviews are left out of the fit.
 */
export function labelledTexts(sets: readonly LabelledSet[]): LabelledText[] {
  return sets.flatMap(({ name, mails, reviews, posts }) => [
    ...mails.map((m): LabelledText => ({
      set: name,
      kind: 'mail',
      subject: m.subject,
      body: m.body,
      dissatisfied: m.level === 'angry' || m.level === 'furious',
    })),
    ...reviews.map((r): LabelledText => ({
      set: name,
      kind: 'review',
      body: r.text,
      dissatisfied: r.stars === 1 ? true : r.stars >= 4 ? false : undefined,
    })),
    ...posts.map((p): LabelledText => ({ set: name, kind: 'post', body: p.text, dissatisfied: p.readerAnger >= 2 })),
  ]);
}

/** A text as the fit sees it: the features the analysis would count in it, as indices into `features`. */
export interface FeatureRow {
  text: LabelledText;
  features: number[];
  /** Those that may move a level: not where the manual speaks over the word. */
  levelFeatures?: number[];
}

export interface FeatureTable {
  features: string[];
  /** Per feature, the sign its weight may take: 1 only ≥ 0 (words of respect), -1 only ≤ 0 (praise), 0 either. */
  signs: Array<-1 | 0 | 1>;
  rows: FeatureRow[];
}

/**
 * The features each text holds *as the analysis counts them*: every candidate (a feature of at least
 * `minSets` sets) is looked up by the real matcher with weight 1, so negation, quotation, the
 * hypothetical and resolved frames and the manual's priority mask it exactly as they will mask the
 * fitted weight. Whether a learned match survives depends on no other learned match, so the same
 * table serves every fit.
 */
export function featureTable(
  engine: AnalysisEngine,
  texts: readonly LabelledText[],
  minSets: number,
  exclude: ReadonlySet<string>,
): FeatureTable {
  const setsOf = new Map<string, Set<string>>();
  const prepared = texts.map((text) => engine.prepare({ subject: text.subject, body: text.body }));
  prepared.forEach((mail, i) => {
    for (const field of [mail.subject, mail.body]) {
      if (!field) continue;
      forEachFeature(field.tokens, (key) => {
        let sets = setsOf.get(key);
        if (!sets) setsOf.set(key, (sets = new Set()));
        sets.add(texts[i]!.set);
      });
    }
  });
  const signOf = signRule(engine.dictionaries);
  const candidates = [...setsOf].filter(([key, sets]) => sets.size >= minSets && !exclude.has(key)).map(([key]) => key);
  // Words that may only lower (praise) stand in with weight -1: the matcher drops them inside a written
  // complaint (「前の方が良かった」), as it will drop the fitted weight.
  const dictionaries = withLearnedEntries(
    engine.dictionaries,
    Object.fromEntries(candidates.map((key) => [key, { weight: signOf(key) < 0 ? -1 : 1 }])),
  );
  const index = new Map<string, number>();
  const features: string[] = [];
  const rows = prepared.map((mail, i): FeatureRow => {
    const present = new Set<number>();
    const toLevel = new Set<number>();
    for (const field of matchMail(mail, dictionaries)) {
      for (const m of field.matches) {
        if (m.entry.category !== LEARNED_CATEGORY) continue;
        let at = index.get(m.entry.pattern);
        if (at === undefined) index.set(m.entry.pattern, (at = features.push(m.entry.pattern) - 1));
        present.add(at);
        if (!m.rankOnly) toLevel.add(at);
      }
    }
    const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);
    return { text: texts[i]!, features: sorted(present), levelFeatures: sorted(toLevel) };
  });
  const signs = features.map(signOf);
  return { features, signs, rows };
}

/**
 * The sign a feature's weight may take: 1 only ≥ 0 (words of respect: politeness never lowers), -1 only
 * ≤ 0 (praise), 0 either. A negated word (「良い（否定）」) may say the opposite of the word: negated praise
 * may raise, a negated 後悔 or 文句 is praise; respect stays ≥ 0 either way.
 */
function signRule(dictionaries: Dictionaries): (key: string) => -1 | 0 | 1 {
  const praise = praiseLemmas(dictionaries);
  const praiseWhenNegated = new Set(dictionaries.config.frames.resolved.praiseWhenNegated);
  return (key) => {
    if (key.endsWith(NEGATED_SUFFIX)) {
      const lemma = key.slice(0, -NEGATED_SUFFIX.length);
      if (RESPECT_LEMMAS.has(lemma)) return 1;
      return praiseWhenNegated.has(lemma) ? -1 : 0;
    }
    const lemmas = key.split(' ');
    if (lemmas.some((lemma) => RESPECT_LEMMAS.has(lemma))) return 1;
    return lemmas.some((lemma) => praise.has(lemma)) ? -1 : 0;
  };
}

/**
 * Praise and relief as the frames know them (scoring.yaml): evidence of satisfaction or nothing, never
 * of dissatisfaction, though the fixtures' writers used 「素晴らしい」 mostly for sarcasm — their style,
 * which the manual reads where it is sarcasm (素晴らしい対応ですね). (後悔, 文句: praise only when negated.)
 */
function praiseLemmas({ config }: Dictionaries): Set<string> {
  const { resolved, degree } = config.frames;
  return new Set([...resolved.praise, ...resolved.relief, ...degree.excessPraise]);
}

/** The dictionaries with another learned layer (and, optionally, other settings of its category). */
export function withLearnedEntries(
  base: Dictionaries,
  entries: Readonly<Record<string, { weight: number; level?: number }>>,
  category?: { maxContribution?: number; anger?: number; levelPoints?: number; satisfactionPoints?: number },
): Dictionaries {
  const config = category
    ? {
        ...base.config,
        categories: { ...base.config.categories, [LEARNED_CATEGORY]: { ...base.config.categories[LEARNED_CATEGORY]!, ...category } },
      }
    : base.config;
  return { ...base, config, lexicon: { ...base.lexicon, learned: compileLearned(entries, 'learned/lexical.yaml') } };
}

export interface FitOptions {
  /** A feature must occur in at least this many labelled sets (of those fitted on): not one writer's habit or topic. */
  minSets: number;
  /** …and in at least this many texts. */
  minTexts: number;
  l1: number;
  l2: number;
  iterations: number;
  /** Logistic coefficients are clipped here before scaling… */
  maxCoefficient: number;
  /** …and one unit of log-odds is this many points of an entry's weight. */
  pointsPerLogOdds: number;
  /** Entries below this weight are dropped (noise), and at most maxEntries are kept. */
  minWeight: number;
  maxEntries: number;
  /** The mails' share against a review's or a post's (1: each kind weighs the same; 0: mails only measured). */
  mailWeight: number;
  /** Weights ≥ 0 only, praise left out: the sparse fit whose words may move a level. */
  nonNegative?: boolean;
}

export const FIT_OPTIONS: FitOptions = {
  minSets: 3,
  minTexts: 4,
  l1: 0.00003,
  l2: 0.001,
  iterations: 1500,
  maxCoefficient: 1.25,
  pointsPerLogOdds: 16,
  minWeight: 2,
  maxEntries: 3000,
  mailWeight: 0.3,
};

/**
 * The level column (`level` in the file): the same model fitted sparse and non-negative, as the layer
 * was before it ranked — few words, each a robust sign of dissatisfaction; up to scoring.yaml
 * levelPoints of them may move a mail's level (calm → concerned), as they always did.
 */
export const LEVEL_FIT_OPTIONS: FitOptions = {
  ...FIT_OPTIONS,
  l1: 0.0004,
  l2: 0.002,
  maxCoefficient: 2,
  pointsPerLogOdds: 5,
  minWeight: 1.5,
  nonNegative: true,
};

export interface FittedEntry {
  key: string;
  weight: number;
  level?: number;
  dissatisfied: number;
  other: number;
  sets: number;
}

/**
 * Logistic regression with an elastic-net penalty, by the shared solver (scripts/logistic-regression.ts:
 * FISTA for a fixed number of steps from zero — deterministic: same rows, same file).
 *
 * Why this model: a positive weight is a word of dissatisfaction, a negative one a word of
 * satisfaction (美味しい, 助かる), which in use only lowers the learned words' own points in its text
 * (scoring.yaml: the learned category is signed and never below zero), never the manual's. Words of
 * respect may not lower (politeness never lowers a score), praise may not raise (the fixtures' sarcasm
 * is the manual's to read). L1 drops words that add nothing beyond others; L2 spreads weight over a
 * word and the bigrams that contain it instead of betting on one. Unlike a per-word smoothed log-odds,
 * the joint fit does not count 「最低」 and 「最低 商品」 twice. Each text kind (mail, review, post) and
 * each class within it weighs the same, so 600 calm mails do not decide what a review's 1★ means.
 */
export function fitLexical(
  rows: readonly FeatureRow[],
  { features, signs }: Pick<FeatureTable, 'features' | 'signs'>,
  options: FitOptions = FIT_OPTIONS,
  keep: ReadonlySet<string> = new Set(),
): FittedEntry[] {
  const fitted = rows.filter((r) => r.text.dissatisfied !== undefined);
  // Per feature: the sets and texts holding it (in the rows fitted on).
  const sets = features.map(() => new Set<string>());
  const dissatisfied = new Int32Array(features.length);
  const other = new Int32Array(features.length);
  for (const { text, features: present } of fitted) {
    for (const f of present) {
      sets[f]!.add(text.set);
      if (text.dissatisfied) dissatisfied[f]!++;
      else other[f]!++;
    }
  }
  const usable = features.map(
    (_, f) =>
      sets[f]!.size >= options.minSets && dissatisfied[f]! + other[f]! >= options.minTexts && !(options.nonNegative && signs[f]! < 0),
  );
  const weights = sampleWeights(
    fitted.map((r) => r.text),
    options.mailWeight,
  );
  const { weights: w } = fitLogistic(
    fitted.map((r, i) => ({ features: r.features.filter((f) => usable[f]), label: r.text.dissatisfied ? 1 : 0, weight: weights[i]! })),
    features.length,
    {
      classes: 1,
      l1: options.l1,
      l2: options.l2,
      iterations: options.iterations,
      signs: options.nonNegative ? features.map(() => 1) : signs,
    },
  );

  const entries: FittedEntry[] = [];
  for (let f = 0; f < features.length; f++) {
    const clipped = Math.max(-options.maxCoefficient, Math.min(w[f]!, options.maxCoefficient));
    let weight = round2(clipped * options.pointsPerLogOdds);
    if (keep.has(features[f]!)) weight ||= w[f]! < 0 ? -0.01 : 0.01;
    else if (Math.abs(weight) < options.minWeight) continue;
    entries.push({
      key: features[f]!,
      weight: Math.max(-MAX_LEARNED_WEIGHT, Math.min(weight, MAX_LEARNED_WEIGHT)),
      dissatisfied: dissatisfied[f]!,
      other: other[f]!,
      sets: sets[f]!.size,
    });
  }
  entries.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || b.weight - a.weight || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return entries.slice(0, options.maxEntries);
}

/** Both columns of the file: the broad signed fit that ranks, and the sparse one (`level`) that may move a level. */
export function fitLearnedLayer(
  rows: readonly FeatureRow[],
  table: Pick<FeatureTable, 'features' | 'signs'>,
  rank: FitOptions = FIT_OPTIONS,
  level: FitOptions = LEVEL_FIT_OPTIONS,
): FittedEntry[] {
  const levelRows = rows.map((r) => ({ ...r, features: r.levelFeatures ?? r.features }));
  const levels = new Map(fitLexical(levelRows, table, level).map((e) => [e.key, e.weight]));
  return fitLexical(rows, table, rank, new Set(levels.keys())).map((e) => (levels.has(e.key) ? { ...e, level: levels.get(e.key)! } : e));
}

/** Each (kind, class) cell weighs the same in total (mails' cells mailWeight times that); the weights sum to 1. */
function sampleWeights(texts: readonly LabelledText[], mailWeight: number): number[] {
  const cell = (t: LabelledText) => `${t.kind}:${t.dissatisfied}`;
  const sizes = new Map<string, number>();
  for (const t of texts) sizes.set(cell(t), (sizes.get(cell(t)) ?? 0) + 1);
  const raw = texts.map((t) => (t.kind === 'mail' ? mailWeight : 1) / sizes.get(cell(t))!);
  const total = raw.reduce((sum, w) => sum + w, 0);
  return raw.map((w) => w / total);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** A fingerprint of the texts a file was fitted from: the test checks the shipped file still matches them. */
export function fixturesHash(texts: readonly LabelledText[]): string {
  const hash = createHash('sha256');
  for (const t of texts) {
    const label = t.scenario === undefined ? String(t.dissatisfied) : `${String(t.dissatisfied)}\0${t.scenario}`;
    hash.update(`${t.set}\0${t.kind}\0${t.subject ?? ''}\0${t.body}\0${label}\n`);
  }
  return `sha256:${hash.digest('hex').slice(0, 16)}`;
}

/** A fingerprint of the entries as the script wrote them: a weight edited by hand no longer matches. */
export function entriesHash(entries: LearnedFile['entries']): string {
  const hash = createHash('sha256');
  for (const [key, e] of Object.entries(entries))
    hash.update(`${key}\0${e.weight}\0${e.level ?? ''}\0${e.dissatisfied}\0${e.other}\0${e.sets}\n`);
  return `sha256:${hash.digest('hex').slice(0, 16)}`;
}

const PLAIN_KEY = /^[\p{L}\p{N}ー々〆ヶ・ ]+$/u;

/** The YAML file: a header saying how it was fitted and from what, then one line per entry, heaviest first. */
export function renderLearnedFile(
  entries: readonly FittedEntry[],
  fitted: Record<string, string | number | string[]>,
  exclude: readonly string[],
): string {
  const record = Object.fromEntries(entries.map(({ key, ...e }) => [key, e]));
  const lines = [
    '# 学習した語の重み（ondo の学習層）。scripts/fit-lexical.ts（npm run fit:lexical）が書いたファイルです。手で重みを直さないでください。',
    '# 数えたくない語は exclude に足してください（読み込み時にすぐ外れ、次の npm run fit:lexical でその語なしに当てはめ直します）。',
    '# weight: 1 回の出現で足す点（負なら下げる点: 不満のない文面に多い語は、同じ文面の学習した語の点だけを下げます）。scoring.yaml の learned カテゴリの anger 倍、',
    '#   1 通あたり 0〜maxContribution で、レベルは変えず、そのレベルの中での順位だけを決めます。',
    '# level: 少数の確かな語だけの当てはめ（重み ≥ 0）。1 通あたり levelPoints まで、平常 → 心配 のようにレベルを動かせます（怒りの線は越えません）。',
    '#   マニュアルの語と重なる箇所の語は weight（順位）にだけ数え、level には数えません（丁寧表現・クッション言葉の中の語は数えません）。',
    '# dissatisfied / other: その語を（否定・引用・仮定・解決済みの過去の箇所を除いて）含む、',
    '#   不満のラベル（怒り・激怒のメール、1★ レビュー、読み手の怒り 2 以上の投稿）の文面の数と、それ以外の文面の数。sets: 出てくるラベル付きセットの数。',
    '# 出典: このプロジェクトのラベル付きフィクスチャ（開発用と held-out 1〜21。held-out 22 は使いません）。ライセンスはプロジェクトと同じ MIT。',
    'fitted:',
    ...Object.entries({ ...fitted, entries: entriesHash(record) }).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`),
    `exclude: ${JSON.stringify([...exclude].sort())}`,
    entries.length === 0 ? 'entries: {}' : 'entries:',
    ...entries.map(
      ({ key, weight, level, dissatisfied, other, sets }) =>
        `  ${PLAIN_KEY.test(key) ? key : JSON.stringify(key)}: { weight: ${weight},${level === undefined ? '' : ` level: ${level},`} dissatisfied: ${dissatisfied}, other: ${other}, sets: ${sets} }`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * Writes a fitted file, or with `check` only compares it with the shipped one (a failed comparison
 * sets a failing exit code): one routine for every `npm run fit:*`.
 */
export function writeFittedFile(path: string, name: string, text: string, command: string, check: boolean, wrote: string): void {
  if (check) {
    const shipped = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (shipped !== text) {
      console.error(`${name} is not what the fit writes: run ${command}`);
      process.exitCode = 1;
    } else console.error(`${name} is what the fit writes`);
    return;
  }
  writeFileSync(path, text);
  console.error(`wrote ${wrote} to ${name}`);
}
