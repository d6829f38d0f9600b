/**
 * The learned layer's weights as smoothed, shrunk log-odds per text kind, and the topic guard that
 * keeps errand words out: a word is evidence only where it marks dissatisfaction in more than one
 * kind of text (mails, reviews, posts), and in mails only against calm mails about the same errand.
 * Used by scripts/lexical-fit.ts (fitLexical) for the file and for every set left out.
 */
import type { AnalysisEngine } from '../src/analysis/analyze.js';
import type { Token } from '../src/analysis/tokenizer/index.js';
import type { FeatureRow, FitOptions, LabelledText, TextKind } from './lexical-fit.js';

/** What one kind of text says about one feature: texts holding it, and its log-odds of dissatisfaction. */
export interface KindEvidence {
  support: number;
  logOdds: number;
}

/**
 * Per feature and kind, the Bernoulli log-odds with add-½ smoothing (the naive Bayes baseline's) —
 * except in mails, where a complaint is mostly about an errand a calm mail also names (解約, 返金,
 * 問い合わせ): there the dissatisfied mails holding the feature are compared with what calm mails of
 * the same labelled scenario would predict (a scenario's calm rate, pulled toward the feature's rate
 * over all calm mails), so a word only a topic carries comes out near zero.
 */
export function kindEvidence(
  rows: readonly FeatureRow[],
  featureCount: number,
  prior: number,
): Array<Partial<Record<TextKind, KindEvidence>>> {
  const cell = (t: LabelledText) => (t.kind === 'mail' ? `mail:${t.scenario ?? 'other'}` : t.kind);
  // Class sizes per cell, and per feature the dissatisfied / other texts holding it per cell.
  const sizes = new Map<string, [number, number]>();
  const counts = new Map<string, [Int32Array, Int32Array]>();
  for (const { text, features } of rows) {
    if (text.dissatisfied === undefined) continue;
    const key = cell(text);
    const side = text.dissatisfied ? 0 : 1;
    let size = sizes.get(key);
    if (!size) sizes.set(key, (size = [0, 0]));
    size[side]++;
    let count = counts.get(key);
    if (!count) counts.set(key, (count = [new Int32Array(featureCount), new Int32Array(featureCount)]));
    for (const f of features) count[side][f]!++;
  }
  // Calm mails overall: the rate a scenario with few calm mails is pulled toward.
  let calmMails = 0;
  const calmMailCounts = new Int32Array(featureCount);
  for (const [key, [, other]] of counts) {
    if (!key.startsWith('mail:')) continue;
    calmMails += sizes.get(key)![1];
    other.forEach((n, f) => (calmMailCounts[f]! += n));
  }

  return Array.from({ length: featureCount }, (_, f) => {
    const evidence: Partial<Record<TextKind, KindEvidence>> = {};
    let observed = 0;
    let expected = 0;
    let mailSupport = 0;
    for (const [key, [dissatisfied, other]] of counts) {
      const [d, o] = sizes.get(key)!;
      if (!key.startsWith('mail:')) {
        const support = dissatisfied[f]! + other[f]!;
        if (support === 0 || d === 0 || o === 0) continue;
        const logOdds = Math.log((dissatisfied[f]! + 0.5) / (d + 1)) - Math.log((other[f]! + 0.5) / (o + 1));
        evidence[key as TextKind] = { support, logOdds };
        continue;
      }
      // A scenario with no calm mail says nothing about topic against tone.
      if (d === 0 || o === 0) continue;
      const overall = (calmMailCounts[f]! + 0.5) / (calmMails + 1);
      observed += dissatisfied[f]!;
      expected += (d * (other[f]! + prior * overall)) / (o + prior);
      mailSupport += dissatisfied[f]! + other[f]!;
    }
    if (mailSupport > 0) evidence.mail = { support: mailSupport, logOdds: Math.log((observed + 0.5) / (expected + 0.5)) };
    return evidence;
  });
}

/** Why a feature is kept or left out: the kinds that back it and the kinds that speak against it. */
export function guardVerdict(evidence: Partial<Record<TextKind, KindEvidence>>, options: FitOptions): { pass: boolean; logOdds: number } {
  let agree = 0;
  let mailAgrees = false;
  let sum = 0;
  let kinds = 0;
  for (const [kind, e] of Object.entries(evidence)) {
    if (e.support < options.minSupport) continue;
    // A kind where the word is there but neutral (商品 in reviews of every star) vetoes it.
    if (e.logOdds < options.veto) return { pass: false, logOdds: 0 };
    if (e.logOdds >= options.agree) {
      agree++;
      if (kind === 'mail') mailAgrees = true;
    }
    sum += e.logOdds;
    kinds++;
  }
  // Mails alone never suffice: their writers' register (所存, 誠に) separates them too easily.
  const pass = agree >= options.minKinds && (agree >= 2 || !mailAgrees);
  return { pass, logOdds: kinds ? sum / kinds : 0 };
}

/** Particles that only tie an errand word to its case (返金 を, 回答 が), and the verb that makes it one (解約 する). */
const CASE_PARTICLES = new Set(['が', 'を', 'に', 'の', 'は', 'で', 'と', 'へ', 'から', 'まで', 'より', 'て', 'する', 'いたす']);

/**
 * The errand words of the manual: every noun (一般, サ変接続) a scenario pattern names as one of
 * its alternatives (解約, 返金, 回答, 問い合わせ, 注文, 故障). What a mail is about is the scenario's
 * business, never a sign of how the writer feels; verbs (払ったのに), adjectival nouns (雑) and
 * adverbs can be evaluation and are left to the fit.
 */
export function errandLemmas(engine: AnalysisEngine): Set<string> {
  const lemmas = new Set<string>();
  for (const entry of engine.dictionaries.lexicon.entries) {
    if (entry.role !== 'scenario' || entry.match !== 'lemma') continue;
    for (const piece of entry.pattern.split(/[\s()|?*+^]+/u)) {
      if (!piece) continue;
      const tokens = engine.tokenizer.tokenize(piece);
      if (tokens.length !== 1) continue;
      const [t] = tokens as [Token];
      if (t.pos === '名詞' && (t.posDetail === '一般' || t.posDetail === 'サ変接続')) lemmas.add(t.lemma);
    }
  }
  return lemmas;
}

/** A feature made of errand words and case particles only (解約, 返金 を, 解約 する): the topic, not the tone. */
export function isErrand(key: string, errands: ReadonlySet<string>): boolean {
  const lemmas = key.split(' ');
  return lemmas.some((l) => errands.has(l)) && lemmas.every((l) => errands.has(l) || CASE_PARTICLES.has(l));
}
