/**
 * The learned scenario signal (dictionaries/learned/scenarios.yaml): for each lemma and lemma bigram,
 * how many labelled mails of each scenario hold it, written by scripts/fit-scenarios.ts. Weights are
 * smoothed log-odds derived from those counts at load time, so the file stays what a lead can read.
 */
import { Type, type Static } from 'typebox';
import { DictionaryError } from './lexicon/errors.js';
import { forEachFeature } from './lexicon/learned.js';
import { isScenarioKind, type ScenarioKind } from './scenario-schema.js';
import type { Token } from './tokenizer/index.js';

export const LEARNED_SCENARIOS_FILE = 'learned/scenarios.yaml';
/** The tone layer's negated variant of a word (「使える（否定）」, lexicon/learned.ts), when it offers one. */
const NEGATED_VARIANT = /（否定）$/u;

const Count = Type.Integer({ minimum: 0 });

export const LearnedScenariosFileSchema = Type.Object(
  {
    /** How the file was fitted (written by the script, read by people). */
    fitted: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Array(Type.String())])),
    /** Lemmas and bigrams a lead has ruled out: never counted, and left out of the next fit. */
    exclude: Type.Array(Type.String({ minLength: 1, maxLength: 60 })),
    /** Added to every count (Laplace smoothing): a word seen in few mails moves a score little. */
    smoothing: Type.Number({ exclusiveMinimum: 0, maximum: 10 }),
    /** Labelled mails per scenario: the prior, and what each word's counts are read against. */
    mails: Type.Record(Type.String(), Count),
    /**
     * A discriminative fit (multinomial logistic regression): each scenario's bias, and in `words` each
     * word's weight per scenario instead of its counts. Without it, `words` holds counts (naive Bayes).
     */
    bias: Type.Optional(Type.Record(Type.String(), Type.Number())),
    /**
     * One line a word: 「lemma: scenario count, scenario count」 (or 「lemma lemma: …」), the labelled mails
     * of each scenario holding it. One block of text rather than a YAML map: thousands of YAML
     * entries took half a second to parse, a block of lines a few milliseconds.
     */
    words: Type.String(),
  },
  { additionalProperties: false },
);
export type LearnedScenariosFile = Static<typeof LearnedScenariosFileSchema>;

export interface LearnedScenarioModel {
  readonly scenarios: readonly ScenarioKind[];
  /** log P(scenario), per scenario in `scenarios` order. */
  readonly prior: Float64Array;
  /** Feature → its log-odds for each scenario (mails of the scenario against all the others). */
  readonly weights: ReadonlyMap<string, Float64Array>;
  /** Weights fitted on a mail's words divided by the root of how many it has (a discriminative fit): read the same way. */
  readonly perRootOfWords?: boolean;
}

/** 「語: 用件 数, …」, or with a discriminative fit 「語: 用件 重み, …」 (signed decimals). */
const WORD_LINE = /^(\S+(?: \S+)?): ([a-z-]+ -?\d+(?:\.\d+)?(?:, [a-z-]+ -?\d+(?:\.\d+)?)*)$/u;

/** Reads the `words` block: word → 「scenario count, …」; a malformed line fails the load with its number. */
export function parseWordLines(words: string, file = LEARNED_SCENARIOS_FILE): Map<string, string> {
  const parsed = new Map<string, string>();
  words.split('\n').forEach((line, i) => {
    if (line === '') return;
    const m = WORD_LINE.exec(line);
    if (!m) throw new DictionaryError(file, `words line ${i + 1} is not 「語: 用件 数, 用件 数」: ${line.slice(0, 60)}`);
    parsed.set(m[1]!, m[2]!);
  });
  return parsed;
}

/** Reads a word's counts: 「product-question 12, other 3」. */
export function parseCounts(counts: string): Array<[string, number]> {
  return counts.split(', ').map((part) => {
    const space = part.lastIndexOf(' ');
    return [part.slice(0, space), Number(part.slice(space + 1))];
  });
}

/**
 * One-vs-rest smoothed log-odds: log P(word | scenario) − log P(word | other scenarios), per mail
 * holding the word. A word never seen in a scenario's mails counts against it, so 「返金」 lowers
 * `thanks` as much as it raises `return-refund`.
 */
export function compileLearnedScenarios(file: LearnedScenariosFile): LearnedScenarioModel {
  if (file.bias) return compileWeights(file, file.bias);
  const scenarios = Object.keys(file.mails).filter(isScenarioKind);
  const index = new Map(scenarios.map((s, i) => [s as string, i]));
  const mails = scenarios.map((s) => file.mails[s]!);
  const total = mails.reduce((sum, n) => sum + n, 0);
  const a = file.smoothing;
  // log(n + a) for every count a word can have: the weights are table lookups, not a log each.
  const logCount = Float64Array.from({ length: total + 1 }, (_, n) => Math.log(n + a));
  const inScenario = Float64Array.from(mails, (n) => Math.log(n + 2 * a));
  const elsewhere = Float64Array.from(mails, (n) => Math.log(total - n + 2 * a));
  const prior = Float64Array.from(mails, (n) => Math.log(n / total));
  const excluded = new Set(file.exclude);
  const weights = new Map<string, Float64Array>();
  const held = new Int32Array(scenarios.length);
  for (const [key, counts] of parseWordLines(file.words)) {
    if (excluded.has(key)) continue;
    held.fill(0);
    let all = 0;
    for (const [scenario, n] of parseCounts(counts)) {
      const i = index.get(scenario);
      if (i === undefined) continue;
      held[i] = n;
      all += n;
    }
    const w = new Float64Array(scenarios.length);
    for (let i = 0; i < w.length; i++) {
      w[i] = logCount[held[i]!]! - inScenario[i]! - logCount[Math.min(total, all - held[i]!)]! + elsewhere[i]!;
    }
    weights.set(key, w);
  }
  return { scenarios, prior, weights };
}

/** A discriminative fit: the weights as written, read per root of the mail's known words as they were fitted. */
function compileWeights(file: LearnedScenariosFile, bias: Record<string, number>): LearnedScenarioModel {
  const scenarios = Object.keys(file.mails).filter(isScenarioKind);
  const index = new Map(scenarios.map((s, i) => [s as string, i]));
  const excluded = new Set(file.exclude);
  const weights = new Map<string, Float64Array>();
  for (const [key, values] of parseWordLines(file.words)) {
    if (excluded.has(key)) continue;
    const w = new Float64Array(scenarios.length);
    for (const [scenario, weight] of parseCounts(values)) {
      const i = index.get(scenario);
      if (i !== undefined) w[i] = weight;
    }
    weights.set(key, w);
  }
  return { scenarios, prior: Float64Array.from(scenarios, (s) => bias[s] ?? 0), weights, perRootOfWords: true };
}

/**
 * How a mail's words become features (scoring.yaml scenarios.learned; the fit reads them the same way).
 * Measured in session 18 and removed: the asking sentence's words as features of their own (「問:語」) and
 * words told only in the past counting for less (docs/evaluation.md, 'Session 18: scenarios measured left out').
 */
export interface ScenarioFeatureOptions {
  /** What a subject word counts for. */
  subjectWeight: number;
}

/**
 * The features of a mail as the fit counts them — each lemma and bigram once a mail — with what each
 * counts for in the reading: `subjectWeight` when the subject holds it (left out one set at a time,
 * a subject word counted twice read 26 more of 1,589 labelled mails; the asking sentence counted
 * more read fewer, as it did for the manual).
 */
export function scenarioFeatures(
  subject: readonly Token[],
  body: readonly Token[],
  options: ScenarioFeatureOptions | number = 1,
): Map<string, number> {
  const { subjectWeight } = typeof options === 'number' ? { subjectWeight: options } : options;
  const features = new Map<string, number>();
  // The tone layer's negated variants (「使える（否定）」) are offered for every word, whether negated or
  // not (its matcher decides): here they would only count each word twice.
  forEachFeature(body, (key) => NEGATED_VARIANT.test(key) || features.set(key, 1));
  forEachFeature(subject, (key) => NEGATED_VARIANT.test(key) || features.set(key, subjectWeight));
  return features;
}

export interface LearnedScenarioReading {
  scenario: ScenarioKind;
  /** The top scenario's share after a softmax of the log-odds at `temperature` (naive Bayes is overconfident). */
  probability: number;
  /** The words that pushed the top scenario most, strongest first. */
  words: string[];
  /** log-odds per scenario, for choosing between the manual's candidates. */
  logOdds: ReadonlyMap<ScenarioKind, number>;
}

/** Reads a mail's features with the model: linear in the features, a vector add per known one. */
export function readLearnedScenario(
  features: ReadonlyMap<string, number>,
  model: LearnedScenarioModel,
  temperature: number,
  maxWords = 5,
): LearnedScenarioReading | undefined {
  if (model.scenarios.length === 0) return undefined;
  const sums = new Float64Array(model.prior.length);
  const known: Array<[string, Float64Array]> = [];
  for (const [key, times] of features) {
    const w = model.weights.get(key);
    if (!w) continue;
    known.push([key, w]);
    for (let i = 0; i < sums.length; i++) sums[i]! += times * w[i]!;
  }
  const scale = model.perRootOfWords ? 1 / Math.sqrt(Math.max(1, known.length)) : 1;
  for (let i = 0; i < sums.length; i++) sums[i] = model.prior[i]! + sums[i]! * scale;
  let top = 0;
  for (let i = 1; i < sums.length; i++) if (sums[i]! > sums[top]!) top = i;
  let z = 0;
  for (const s of sums) z += Math.exp((s - sums[top]!) / temperature);
  const words = known
    .filter(([, w]) => w[top]! > 0)
    .sort((x, y) => y[1][top]! - x[1][top]! || (x[0] < y[0] ? -1 : 1))
    .slice(0, maxWords)
    .map(([key]) => key);
  return {
    scenario: model.scenarios[top]!,
    probability: Math.round((1 / z) * 100) / 100,
    words,
    logOdds: new Map(model.scenarios.map((s, i) => [s, sums[i]!])),
  };
}
