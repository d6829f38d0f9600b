/**
 * How well ondo's scores rank text that is not support mail: product reviews against their star
 * rating, social posts against the anger readers saw in them.
 */
import type { AnalysisEngine } from '../src/analysis/analyze.js';
import type { ScoringConfig } from '../src/analysis/scoring-config.js';
import type { ToneResult } from '../src/analysis/tone-schema.js';
import { rocAuc, spearman } from './rank-metrics.js';
import { formatShare, share, type Share } from './evaluation.js';

export interface LabelledReview {
  id: string;
  stars: 1 | 2 | 3 | 4 | 5;
  text: string;
}

export interface LabelledPost {
  id: string;
  text: string;
  /** How angry readers found the post, 0–3. */
  readerAnger: number;
}

/**
 * The raw dissatisfaction behind a result: every counted contribution in a category that carries
 * anger or complaint. Unlike `anger` it is neither saturated nor floored, so it ranks finely.
 */
export function dissatisfactionOf(result: ToneResult, config: ScoringConfig): number {
  let total = 0;
  for (const e of result.evidence) {
    const category = config.categories[e.category];
    if (category && ((category.anger ?? 0) > 0 || category.complaint)) total += e.contribution;
  }
  return total;
}

const ANGRY = new Set(['angry', 'furious']);

export interface ReviewEvaluation {
  n: number;
  /** 1★ against 4–5★ (2–3★ left out, as the issue measures). */
  aucAnger: number;
  aucDissatisfaction: number;
  fiveStarAngry: Share;
  /** 1★ reviews with no scoring evidence at all: what the lexicons do not know. */
  oneStarSilent: Share;
  misses: { fiveStarAngry: string[]; oneStarCalm: string[] };
}

export function evaluateReviews(engine: AnalysisEngine, reviews: readonly LabelledReview[]): ReviewEvaluation {
  const { config } = engine.dictionaries;
  const ranked = reviews.filter((r) => r.stars === 1 || r.stars >= 4);
  const results = new Map(reviews.map((r) => [r.id, engine.analyze({ body: r.text })]));
  const of = (r: LabelledReview) => results.get(r.id)!;
  const oneStar = reviews.filter((r) => r.stars === 1);
  const fiveStar = reviews.filter((r) => r.stars === 5);
  return {
    n: reviews.length,
    aucAnger: rocAuc(
      ranked.map((r) => of(r).anger),
      ranked.map((r) => r.stars === 1),
    ),
    aucDissatisfaction: rocAuc(
      ranked.map((r) => dissatisfactionOf(of(r), config)),
      ranked.map((r) => r.stars === 1),
    ),
    fiveStarAngry: share(fiveStar.map((r) => ANGRY.has(of(r).level))),
    oneStarSilent: share(oneStar.map((r) => !of(r).evidence.some((e) => e.contribution > 0))),
    misses: {
      fiveStarAngry: fiveStar.filter((r) => ANGRY.has(of(r).level)).map((r) => r.id),
      oneStarCalm: oneStar.filter((r) => of(r).level === 'calm').map((r) => r.id),
    },
  };
}

export interface PostEvaluation {
  n: number;
  spearmanAnger: number;
  spearmanDissatisfaction: number;
  /** readerAnger ≥ 2 against the rest. */
  aucAnger: number;
  aucDissatisfaction: number;
}

export function evaluatePosts(engine: AnalysisEngine, posts: readonly LabelledPost[]): PostEvaluation {
  const { config } = engine.dictionaries;
  const results = posts.map((p) => engine.analyze({ body: p.text }));
  const anger = results.map((r) => r.anger);
  const dissatisfaction = results.map((r) => dissatisfactionOf(r, config));
  const readers = posts.map((p) => p.readerAnger);
  const strong = posts.map((p) => p.readerAnger >= 2);
  return {
    n: posts.length,
    spearmanAnger: spearman(anger, readers),
    spearmanDissatisfaction: spearman(dissatisfaction, readers),
    aucAnger: rocAuc(anger, strong),
    aucDissatisfaction: rocAuc(dissatisfaction, strong),
  };
}

const f3 = (x: number) => (Number.isNaN(x) ? 'n/a' : x.toFixed(3));

export function formatReviewEvaluation(e: ReviewEvaluation): string {
  const pct = formatShare;
  return [
    `${e.n} reviews: 1★ vs 4–5★ ROC-AUC anger ${f3(e.aucAnger)}, dissatisfaction ${f3(e.aucDissatisfaction)}`,
    `5★ read angry ${pct(e.fiveStarAngry)}; 1★ without any evidence ${pct(e.oneStarSilent)}`,
    `5★ read angry: ${e.misses.fiveStarAngry.join(', ') || '—'}; 1★ read calm: ${e.misses.oneStarCalm.join(', ') || '—'}`,
  ].join('\n');
}

export function formatPostEvaluation(e: PostEvaluation): string {
  return [
    `${e.n} posts: Spearman with reader anger: anger ${f3(e.spearmanAnger)}, dissatisfaction ${f3(e.spearmanDissatisfaction)}`,
    `readerAnger ≥ 2 ROC-AUC: anger ${f3(e.aucAnger)}, dissatisfaction ${f3(e.aucDissatisfaction)}`,
  ].join('\n');
}
