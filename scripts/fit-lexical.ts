/**
 * npm run fit:lexical: fits the learned layer on every tuning set and writes
 * dictionaries/learned/lexical.yaml. `-- --loso` measures it honestly instead: for each set, fit on
 * all the others, analyse the one left out with the real analysis, and compare with no layer at all.
 * `-- --check` fails when the shipped file is not what the fit writes. Never reads the blind set.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createAnalysisEngine, loadAnalysisEngine, type AnalysisEngine } from '../src/analysis/analyze.js';
import { LearnedFileSchema } from '../src/analysis/lexicon/learned.js';
import { DEFAULT_DICTIONARIES_DIR, LEARNED_FILE } from '../src/analysis/lexicon/load.js';
import { parseYaml } from '../src/analysis/lexicon/yaml-file.js';
import { evaluateTone } from './evaluation.js';
import {
  featureTable,
  fitLearnedLayer,
  fixturesHash,
  FIT_OPTIONS,
  LEVEL_FIT_OPTIONS,
  labelledTexts,
  renderLearnedFile,
  tuningSets,
  withLearnedEntries,
  writeFittedFile,
  type FitOptions,
  type LabelledSet,
} from './lexical-fit.js';
import { evaluatePosts, evaluateReviews } from './text-evaluation.js';

const path = `${DEFAULT_DICTIONARIES_DIR}/${LEARNED_FILE}`;
const exclude = existsSync(path) ? parseYaml({ name: LEARNED_FILE, text: readFileSync(path, 'utf8') }, LearnedFileSchema).exclude : [];

/** Figures on one set: what a left-out set is judged by. NaN where the set has no such texts. */
interface SetFigures {
  reviewsAuc: number;
  reviewsAucDissatisfaction: number;
  oneStarSilent: number;
  fiveStarAngry: number;
  postsAuc: number;
  postsAucDissatisfaction: number;
  postsRho: number;
  mailsF1: number;
  calmReadAngry: number;
  /** Polite-but-annoyed mails read angry or above. */
  pbaAngry: number;
}

function measure(engine: AnalysisEngine, set: LabelledSet, mails = true): SetFigures {
  const tone = mails ? evaluateTone(engine, set.mails) : undefined;
  const reviews = set.reviews.length ? evaluateReviews(engine, set.reviews) : undefined;
  const posts = set.posts.length ? evaluatePosts(engine, set.posts) : undefined;
  return {
    reviewsAuc: reviews?.aucAnger ?? NaN,
    reviewsAucDissatisfaction: reviews?.aucDissatisfaction ?? NaN,
    oneStarSilent: reviews?.oneStarSilent.rate ?? NaN,
    fiveStarAngry: reviews?.fiveStarAngry.rate ?? NaN,
    postsAuc: posts?.aucAnger ?? NaN,
    postsAucDissatisfaction: posts?.aucDissatisfaction ?? NaN,
    postsRho: posts?.spearmanAnger ?? NaN,
    mailsF1: tone?.macroF1 ?? NaN,
    calmReadAngry: tone?.calmReadAngry.rate ?? NaN,
    pbaAngry: tone?.politeButAnnoyedLifted.rate ?? NaN,
  };
}

export interface LayerSettings {
  fit: FitOptions;
  level: FitOptions;
  maxContribution: number;
  anger: number;
  levelPoints: number | undefined;
  satisfactionPoints: number | undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const engine = await loadAnalysisEngine();
  const sets = tuningSets();
  const texts = labelledTexts(sets);
  const started = Date.now();
  const table = featureTable(engine, texts, FIT_OPTIONS.minSets, new Set(exclude));
  console.error(`${table.features.length} candidate features in ${texts.length} texts (${Date.now() - started} ms)`);
  const category = engine.dictionaries.config.categories.learned!;
  const settings: LayerSettings = {
    fit: FIT_OPTIONS,
    level: LEVEL_FIT_OPTIONS,
    maxContribution: category.maxContribution ?? Infinity,
    anger: category.anger ?? 0,
    levelPoints: category.levelPoints,
    satisfactionPoints: category.satisfactionPoints,
  };

  // --texts-only: leave out only the sets with reviews or posts and measure only those (a quicker grid).
  const textsOnly = args.includes('--texts-only');
  const measured = textsOnly ? sets.filter((s) => s.reviews.length || s.posts.length) : sets;
  if (args.includes('--loso')) {
    loso(engine, measured, table, settings, true, !textsOnly);
    return;
  }
  if (args.includes('--grid')) {
    const grid = JSON.parse(args[args.indexOf('--grid') + 1] ?? '[]') as Array<
      Partial<Omit<LayerSettings, 'fit' | 'level'>> & { fit?: Partial<FitOptions>; level?: Partial<FitOptions> }
    >;
    for (const variant of grid) {
      const s = { ...settings, ...variant, fit: { ...FIT_OPTIONS, ...variant.fit }, level: { ...LEVEL_FIT_OPTIONS, ...variant.level } };
      const { average: avg, worse, after } = loso(engine, measured, table, s, false, !textsOnly);
      const late = average(after.filter((_, i) => Number(/\d+$/u.exec(measured[i]!.name)?.[0] ?? 0) >= 12));
      console.log(`${JSON.stringify(variant)}: ${formatFigures(avg)}; false alarms up on ${worse.join(', ') || 'no set'}`);
      console.log(`  held-out 12 on: ${formatFigures(late)}`);
      console.log(
        `  reviews AUC by set ${after.map((f) => show('reviewsAuc', f.reviewsAuc)).join(' ')}; mails F1 ${after.map((f) => show('mailsF1', f.mailsF1)).join(' ')}`,
      );
    }
    return;
  }
  const entries = fitLearnedLayer(table.rows, table);
  const text = renderLearnedFile(
    entries,
    {
      method: 'logistic regression, signed weights (praise ≤ 0, respect ≥ 0), elastic net (scripts/lexical-fit.ts fitLexical)',
      options: JSON.stringify(FIT_OPTIONS),
      level: JSON.stringify(LEVEL_FIT_OPTIONS),
      sets: sets.map((s) => s.name),
      texts: `${texts.filter((t) => t.kind === 'mail').length} mails, ${texts.filter((t) => t.kind === 'review').length} reviews, ${texts.filter((t) => t.kind === 'post').length} posts`,
      fixtures: fixturesHash(texts),
    },
    exclude,
  );
  writeFittedFile(path, LEARNED_FILE, text, 'npm run fit:lexical', args.includes('--check'), `${entries.length} entries`);
}

/** The figures with no layer, per set: the same in every variant. */
const baseline = new Map<string, SetFigures>();

/** Leave-one-set-out: per set, the figures with no layer and with a layer fitted on the other sets. */
function loso(
  engine: AnalysisEngine,
  sets: readonly LabelledSet[],
  table: ReturnType<typeof featureTable>,
  settings: LayerSettings,
  print: boolean,
  mails = true,
) {
  const before: SetFigures[] = [];
  const after: SetFigures[] = [];
  const none = createAnalysisEngine(engine.tokenizer, withLearnedEntries(engine.dictionaries, {}));
  if (print)
    console.log(
      `set | reviews AUC anger | dissatisfaction | 1★ silent | 5★ angry | posts AUC anger | dissatisfaction | posts ρ | mails macro-F1 | calm/concerned → angry | pba ≥ angry | entries`,
    );
  for (const set of sets) {
    const entries = fitLearnedLayer(
      table.rows.filter((r) => r.text.set !== set.name),
      table,
      settings.fit,
      settings.level,
    );
    const dictionaries = withLearnedEntries(engine.dictionaries, Object.fromEntries(entries.map((e) => [e.key, e])), {
      maxContribution: settings.maxContribution,
      anger: settings.anger,
      levelPoints: settings.levelPoints,
      satisfactionPoints: settings.satisfactionPoints,
    });
    const b = baseline.get(set.name) ?? measure(none, set, mails);
    baseline.set(set.name, b);
    const a = measure(createAnalysisEngine(engine.tokenizer, dictionaries), set, mails);
    before.push(b);
    after.push(a);
    if (print) console.log(`${set.name} | ${row(b, a)} | ${entries.length}`);
  }
  const avgBefore = average(before);
  const avgAfter = average(after);
  if (print) console.log(`average | ${row(avgBefore, avgAfter)} |`);
  const worse = sets.filter((_, i) => after[i]!.calmReadAngry > before[i]!.calmReadAngry).map((s) => s.name);
  return { average: avgAfter, worse, after };
}

const KEYS: Array<keyof SetFigures> = [
  'reviewsAuc',
  'reviewsAucDissatisfaction',
  'oneStarSilent',
  'fiveStarAngry',
  'postsAuc',
  'postsAucDissatisfaction',
  'postsRho',
  'mailsF1',
  'calmReadAngry',
  'pbaAngry',
];
const SHARES = new Set<keyof SetFigures>(['oneStarSilent', 'fiveStarAngry', 'calmReadAngry', 'pbaAngry']);

function show(key: keyof SetFigures, x: number): string {
  if (Number.isNaN(x)) return '—';
  return SHARES.has(key) ? `${(x * 100).toFixed(1)}%` : x.toFixed(3);
}

function row(b: SetFigures, a: SetFigures): string {
  return KEYS.map((k) => (Number.isNaN(a[k]) ? '—' : `${show(k, b[k])} → ${show(k, a[k])}`)).join(' | ');
}

function formatFigures(f: SetFigures): string {
  return KEYS.map((k) => `${k} ${show(k, f[k])}`).join(', ');
}

function average(figures: readonly SetFigures[]): SetFigures {
  const mean = (k: keyof SetFigures) => {
    const xs = figures.map((f) => f[k]).filter((x) => !Number.isNaN(x));
    return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN;
  };
  return Object.fromEntries(KEYS.map((k) => [k, mean(k)])) as unknown as SetFigures;
}

await main();
