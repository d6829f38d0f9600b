/**
 * npm run calibrate [-- --write]: fits the anger weight of every scoring category and the level
 * thresholds on every labelled set (the blind held-out 22 is not one of them), and reports the fit in-sample
 * and under 5-fold cross-validation next to the current dictionaries/scoring.yaml.
 *
 * The model is a proportional-odds (ordinal logistic) regression over the points each category
 * contributes to a text (calibration.ts fitOrdinal). Mails (calm/concerned · angry · furious, with
 * 5★ reviews as texts that must not read angry), reviews (stars) and posts (reader anger) share the
 * weights and keep cut points of their own. The mails' first cut becomes the angry threshold (the
 * weights are scaled so that it lands on levels.angry.anger) and their second the furious
 * threshold; the concerned thresholds and minComplaint are then chosen by macro-F1 on the same
 * training folds, since urgency and complaint lifts are not part of the linear model. Matching
 * runs once per text; only scoring is repeated. --write puts the fitted values into scoring.yaml,
 * keeping its comments.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { loadAnalysisEngine } from '../src/analysis/analyze.js';
import { matchMail, type FieldMatches } from '../src/analysis/mail-matches.js';
import { scoreTone } from '../src/analysis/score.js';
import type { ScoringConfig } from '../src/analysis/scoring-config.js';
import type { ToneLevel, ToneResult } from '../src/analysis/tone-schema.js';
import { fitOrdinal, macroF1, stratifiedFolds, type OrdinalFit, type OrdinalSample } from './calibration.js';
import { EMAIL_FIXTURES, HELD_OUT_SETS, readJsonLines, type LabelledMail } from './evaluation.js';
import { rocAuc, spearman } from './rank-metrics.js';
import type { LabelledPost, LabelledReview } from './text-evaluation.js';

const FOLDS = 5;
const engine = await loadAnalysisEngine();
const { dictionaries } = engine;
const current = dictionaries.config;

type Item = { set: string; fields: FieldMatches[] } & (
  { kind: 'mail'; level: ToneLevel } | { kind: 'review'; stars: number } | { kind: 'post'; readerAnger: number }
);
const items: Item[] = [];
const prepare = (subject: string | undefined, body: string) => matchMail(engine.prepare({ subject, body }), dictionaries);
for (const set of [{ name: 'development', mails: EMAIL_FIXTURES }, ...HELD_OUT_SETS]) {
  for (const m of readJsonLines<LabelledMail>(set.mails))
    items.push({ set: set.name, kind: 'mail', level: m.level, fields: prepare(m.subject, m.body) });
}
for (const set of HELD_OUT_SETS) {
  if (set.reviews)
    for (const r of readJsonLines<LabelledReview>(set.reviews))
      items.push({ set: set.name, kind: 'review', stars: r.stars, fields: prepare(undefined, r.text) });
  if (set.posts)
    for (const p of readJsonLines<LabelledPost>(set.posts))
      items.push({ set: set.name, kind: 'post', readerAnger: p.readerAnger, fields: prepare(undefined, p.text) });
}

// Features: each scoring category's points in the text (contributions do not depend on the
// category weights being fitted), in units of the anger scale.
const categories = Object.entries(current.categories)
  .filter(([, c]) => (c.role ?? 'score') === 'score')
  .map(([name]) => name);
const features = items.map((item) => {
  const x = categories.map(() => 0);
  for (const e of scoreTone(item.fields, dictionaries).evidence) {
    const c = categories.indexOf(e.category);
    if (c >= 0) x[c]! += e.contribution / current.scale.anger;
  }
  return x;
});

const MAIL_CLASS: Record<ToneLevel, number> = { calm: 0, concerned: 0, angry: 1, furious: 2 };
function samplesOf(indices: readonly number[]): OrdinalSample[] {
  const samples: OrdinalSample[] = [];
  for (const i of indices) {
    const item = items[i]!;
    const x = features[i]!;
    if (item.kind === 'mail') samples.push({ x, y: MAIL_CLASS[item.level], group: 0 });
    else if (item.kind === 'review') {
      samples.push({ x, y: 5 - item.stars, group: 1 });
      if (item.stars === 5) samples.push({ x, y: 0, group: 0 });
    } else samples.push({ x, y: Math.max(0, Math.min(3, Math.round(item.readerAnger))), group: 2 });
  }
  return samples;
}

/** Raw anger sum at which the anger score reaches `score` (the inverse of the scorer's saturation). */
const rawAt = (score: number) => -current.scale.anger * Math.log(1 - score / 100);
const round2 = (n: number) => Math.round(n * 100) / 100;

/** The fit as scoring settings: weights scaled so the mails' first cut lands on the angry threshold. */
function weightsFrom(fit: OrdinalFit): ScoringConfig {
  const [angryCut, furiousCut] = fit.cuts[0]!;
  const perUnit = rawAt(current.levels.angry.anger) / (angryCut! * current.scale.anger);
  const categoriesOut = { ...current.categories };
  categories.forEach((name, c) => {
    const weight = Math.min(5, round2(fit.weights[c]! * perUnit));
    const was = current.categories[name]!;
    if (weight > 0 || was.anger !== undefined) categoriesOut[name] = { ...was, anger: weight };
  });
  const furiousRaw = (furiousCut! / angryCut!) * rawAt(current.levels.angry.anger);
  const furious = Math.min(99, Math.round(100 * (1 - Math.exp(-furiousRaw / current.scale.anger))));
  return { ...current, categories: categoriesOut, levels: { ...current.levels, furious: { anger: furious } } };
}

/** Candidate concerned thresholds and complaint minimum; the current values first, so ties keep them. */
const grid: Array<{ concernedAnger: number; concernedUrgency: number; minComplaint: number }> = [
  {
    concernedAnger: current.levels.concerned.anger,
    concernedUrgency: current.levels.concerned.urgency,
    minComplaint: current.politeButAnnoyed.minComplaint,
  },
];
for (const concernedAnger of [10, 15, 20, 25])
  for (const concernedUrgency of [25, 30, 36, 42])
    for (const minComplaint of [12, 15, 20]) grid.push({ concernedAnger, concernedUrgency, minComplaint });

const withGrid = (config: ScoringConfig, g: (typeof grid)[number]): ScoringConfig => ({
  ...config,
  levels: { ...config.levels, concerned: { anger: g.concernedAnger, urgency: g.concernedUrgency } },
  politeButAnnoyed: { ...config.politeButAnnoyed, minComplaint: g.minComplaint },
});

const score = (i: number, config: ScoringConfig): ToneResult => scoreTone(items[i]!.fields, { ...dictionaries, config });
const mailIndices = (indices: readonly number[]) => indices.filter((i) => items[i]!.kind === 'mail');
const expected = items.map((item) => (item.kind === 'mail' ? item.level : 'calm'));

/** Fits weights and thresholds on the items at `train`. */
function calibrate(train: readonly number[]): ScoringConfig {
  const fit = fitOrdinal(samplesOf(train), { classes: [3, 5, 4], l2: 1e-3, maxWeight: 20 });
  const weighted = weightsFrom(fit);
  const mails = mailIndices(train);
  let best = weighted;
  let bestF1 = -1;
  for (const g of grid) {
    const config = withGrid(weighted, g);
    const got: ToneLevel[] = [];
    for (const i of mails) got[i] = score(i, config).level;
    const f1 = macroF1(expected, got, mails);
    if (f1 > bestF1) {
      best = config;
      bestF1 = f1;
    }
  }
  return best;
}

interface Figures {
  mailF1: number;
  calmReadAngry: number;
  perSetF1: Record<string, number>;
  reviewAuc: number;
  fiveStarAngry: number;
  postAuc: number;
  postSpearman: number;
}

const ANGRY = new Set<ToneLevel>(['angry', 'furious']);
/** Figures over every item, each scored with the settings `configOf(i)` gives it. */
function figures(configOf: (i: number) => ScoringConfig): Figures {
  const results = items.map((_, i) => score(i, configOf(i)));
  const all = items.map((_, i) => i);
  const mails = mailIndices(all);
  const got = results.map((r) => r.level);
  const sets = [...new Set(mails.map((i) => items[i]!.set))];
  const perSetF1 = Object.fromEntries(
    sets.map((s) => [
      s,
      macroF1(
        expected,
        got,
        mails.filter((i) => items[i]!.set === s),
      ),
    ]),
  );
  const calm = mails.filter((i) => !ANGRY.has(expected[i]!));
  const reviews = all.filter((i) => items[i]!.kind === 'review') as number[];
  const ranked = reviews.filter((i) => {
    const item = items[i]!;
    return item.kind === 'review' && (item.stars === 1 || item.stars >= 4);
  });
  const fiveStar = reviews.filter((i) => {
    const item = items[i]!;
    return item.kind === 'review' && item.stars === 5;
  });
  const posts = all.filter((i) => items[i]!.kind === 'post');
  const readerAnger = (i: number) => {
    const item = items[i]!;
    return item.kind === 'post' ? item.readerAnger : 0;
  };
  return {
    mailF1: macroF1(expected, got, mails),
    calmReadAngry: calm.filter((i) => ANGRY.has(got[i]!)).length / calm.length,
    perSetF1,
    reviewAuc: rocAuc(
      ranked.map((i) => results[i]!.anger),
      ranked.map((i) => {
        const item = items[i]!;
        return item.kind === 'review' && item.stars === 1;
      }),
    ),
    fiveStarAngry: fiveStar.filter((i) => ANGRY.has(got[i]!)).length / fiveStar.length,
    postAuc: rocAuc(
      posts.map((i) => results[i]!.anger),
      posts.map((i) => readerAnger(i) >= 2),
    ),
    postSpearman: spearman(
      posts.map((i) => results[i]!.anger),
      posts.map(readerAnger),
    ),
  };
}

const all = items.map((_, i) => i);
const folds = stratifiedFolds(
  items.map((item) => `${item.set}/${item.kind}`),
  FOLDS,
);
const perFold = Array.from({ length: FOLDS }, (_, f) => calibrate(all.filter((i) => folds[i] !== f)));
const fitted = calibrate(all);

const rows: Array<[string, Figures]> = [
  ['current scoring.yaml (in-sample)', figures(() => current)],
  ['fitted (in-sample)', figures(() => fitted)],
  [`fitted (${FOLDS}-fold cross-validated)`, figures((i) => perFold[folds[i]!]!)],
];
const f3 = (x: number) => x.toFixed(3);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const counts = (kind: Item['kind']) => items.filter((i) => i.kind === kind).length;
console.log(
  `${counts('mail')} mails, ${counts('review')} reviews, ${counts('post')} posts (every labelled set; the blind held-out 22 is not one); ${categories.length} category weights, ${grid.length} threshold settings\n`,
);
const setNames = Object.keys(rows[0]![1].perSetF1);
console.log(
  `| settings | mail macro-F1 | calm/concerned read angry | reviews AUC | 5★ read angry | posts AUC | posts ρ | ${setNames.join(' | ')} |`,
);
console.log(`|---|---|---|---|---|---|---|${setNames.map(() => '---').join('|')}|`);
for (const [name, f] of rows)
  console.log(
    `| ${name} | ${f3(f.mailF1)} | ${pct(f.calmReadAngry)} | ${f3(f.reviewAuc)} | ${pct(f.fiveStarAngry)} | ${f3(f.postAuc)} | ${f3(f.postSpearman)} | ${setNames.map((s) => f3(f.perSetF1[s]!)).join(' | ')} |`,
  );
console.log('\n| category | current anger weight | fitted |\n|---|---|---|');
for (const name of categories)
  console.log(`| ${name} | ${current.categories[name]!.anger ?? '—'} | ${fitted.categories[name]!.anger ?? '—'} |`);
console.log(
  `\nthresholds: furious ${current.levels.furious.anger} → ${fitted.levels.furious.anger}, concerned anger ${current.levels.concerned.anger} → ${fitted.levels.concerned.anger}, ` +
    `concerned urgency ${current.levels.concerned.urgency} → ${fitted.levels.concerned.urgency}, minComplaint ${current.politeButAnnoyed.minComplaint} → ${fitted.politeButAnnoyed.minComplaint} (angry stays ${current.levels.angry.anger}, scale ${current.scale.anger})`,
);

if (process.argv.includes('--write')) {
  const path = fileURLToPath(new URL('../dictionaries/scoring.yaml', import.meta.url));
  const doc = parseDocument(readFileSync(path, 'utf8'));
  for (const name of categories) {
    const weight = fitted.categories[name]!.anger;
    if (weight !== undefined) doc.setIn(['categories', name, 'anger'], weight);
  }
  doc.setIn(['levels', 'furious', 'anger'], fitted.levels.furious.anger);
  doc.setIn(['levels', 'concerned', 'anger'], fitted.levels.concerned.anger);
  doc.setIn(['levels', 'concerned', 'urgency'], fitted.levels.concerned.urgency);
  doc.setIn(['politeButAnnoyed', 'minComplaint'], fitted.politeButAnnoyed.minComplaint);
  // The file writes maps as { a: b } and lists as [a, b] (prettier's style); yaml pads both alike.
  writeFileSync(path, doc.toString({ lineWidth: 0 }).replace(/\[ ([^\n]*?) \]/g, '[$1]'));
  console.log(`\nwrote the fitted values into ${path}`);
}
