/**
 * npx tsx scripts/lexical-baseline.ts: the bar the manual has to beat on text it was not written
 * for. A naive Bayes over lemma unigrams and bigrams is trained on every tuning set but one and
 * ranks the one left out (reviews: 1★ against 4–5★; posts: reader anger ≥ 2); ondo's own anger is
 * ranked beside it in the same run. The manual is tuned on every set, so its column is in-sample,
 * while the baseline's is leave-one-set-out: where the baseline is close to or above the manual,
 * the manual's figure says little about unseen text. Reads only the sets `npm run eval` reads.
 */
import { loadAnalysisEngine } from '../src/analysis/analyze.js';
import type { Tokenizer } from '../src/analysis/tokenizer/token.js';
import { HELD_OUT_SETS, readJsonLines } from './evaluation.js';
import { rocAuc } from './rank-metrics.js';
import type { LabelledPost, LabelledReview } from './text-evaluation.js';

interface Example {
  text: string;
  positive: boolean;
}

/** The distinct lemmas and lemma bigrams of a text. */
function features(tokenizer: Tokenizer, text: string): string[] {
  const lemmas = tokenizer.tokenize(text).map((t) => t.lemma);
  return [...new Set([...lemmas, ...lemmas.slice(1).map((lemma, i) => `${lemmas[i]} ${lemma}`)])];
}

/** Bernoulli-style naive Bayes log-odds with add-½ smoothing: enough for a baseline. */
function trainNaiveBayes(tokenizer: Tokenizer, examples: readonly Example[]): (text: string) => number {
  const counts = [new Map<string, number>(), new Map<string, number>()];
  const totals = [0, 0];
  for (const { text, positive } of examples) {
    const side = Number(positive);
    totals[side]! += 1;
    for (const feature of features(tokenizer, text)) counts[side]!.set(feature, (counts[side]!.get(feature) ?? 0) + 1);
  }
  const logShare = (side: number, feature: string) => Math.log(((counts[side]!.get(feature) ?? 0) + 0.5) / (totals[side]! + 1));
  return (text) => features(tokenizer, text).reduce((sum, f) => sum + logShare(1, f) - logShare(0, f), 0);
}

const engine = await loadAnalysisEngine();
const kinds = {
  reviews: (set: (typeof HELD_OUT_SETS)[number]): Example[] =>
    set.reviews
      ? readJsonLines<LabelledReview>(set.reviews)
          .filter((r) => r.stars === 1 || r.stars >= 4)
          .map((r) => ({ text: r.text, positive: r.stars === 1 }))
      : [],
  posts: (set: (typeof HELD_OUT_SETS)[number]): Example[] =>
    set.posts ? readJsonLines<LabelledPost>(set.posts).map((p) => ({ text: p.text, positive: p.readerAnger >= 2 })) : [],
};

for (const [kind, examplesOf] of Object.entries(kinds)) {
  const sets = HELD_OUT_SETS.map((set) => ({ name: set.name, examples: examplesOf(set) })).filter((s) => s.examples.length > 0);
  console.log(`\n${kind}: ROC-AUC, baseline trained on the other sets | ondo anger (tuned on every set)`);
  for (const { name, examples } of sets) {
    const score = trainNaiveBayes(
      engine.tokenizer,
      sets.filter((s) => s.name !== name).flatMap((s) => s.examples),
    );
    const positive = examples.map((e) => e.positive);
    const baseline = rocAuc(
      examples.map((e) => score(e.text)),
      positive,
    );
    const ondo = rocAuc(
      examples.map((e) => engine.analyze({ body: e.text }).anger),
      positive,
    );
    console.log(`${name.padEnd(12)} ${baseline.toFixed(3)} | ${ondo.toFixed(3)}`);
  }
}
