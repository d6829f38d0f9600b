/**
 * Fits the learned blame signal (dictionaries/learned/blame.yaml) on the labelled tuning reply sets.
 * Replies are labelled, sentences are not: a blame reply's sentences that the clause shapes flag are
 * blame, every sentence of a reply without blame is not, and the rest of a blame reply is left out.
 * A blame reply the shapes miss lends its likeliest sentence after a first fit (one round of
 * multiple-instance learning). Logistic regression, L2, averaged stochastic gradient, seeded.
 * Used by scripts/fit-blame.ts (write the file, measure with sets left out).
 */
import { createHash } from 'node:crypto';
import type { Tokenizer } from '../src/analysis/tokenizer/index.js';
import { blameFeatures, blameScore, type BlameModel } from '../src/drafting/lint/blame-learned.js';
import { lintReply, type CompiledLintRules } from '../src/drafting/lint/index.js';
import { originalRange, splitReply } from '../src/drafting/lint/sentences.js';
import { HELD_OUT_SETS, readJsonLines } from './evaluation.js';
import { REPLY_FIXTURES, type LabelledReply } from './lint-evaluation.js';

export interface ReplySet {
  name: string;
  replies: LabelledReply[];
}

/** The development replies and every held-out set's (HELD_OUT_SETS never lists the blind set). */
export function tuningReplySets(): ReplySet[] {
  return [
    { name: 'development', replies: readJsonLines<LabelledReply>(REPLY_FIXTURES) },
    ...HELD_OUT_SETS.flatMap((set) => (set.replies ? [{ name: set.name, replies: readJsonLines<LabelledReply>(set.replies) }] : [])),
  ];
}

/** What the fit read: each reply's id, text and labels. */
export function replyFixturesHash(sets: readonly ReplySet[]): string {
  const text = JSON.stringify(sets.map((s) => s.replies.map((r) => [r.id, r.reply, r.expected])));
  return `sha256:${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
}

export interface SentenceRow {
  set: number;
  /** Index of the reply among all rows' replies. */
  reply: number;
  blameReply: boolean;
  /** The clause shapes flag it (learned signal off). */
  shaped: boolean;
  /** The shapes flag some sentence of its reply. */
  replyShaped: boolean;
  features: string[];
}

export function sentenceRows(sets: readonly ReplySet[], rules: CompiledLintRules, tokenizer: Tokenizer): SentenceRow[] {
  const shapesOnly: CompiledLintRules = { ...rules, blameModel: undefined };
  const rows: SentenceRow[] = [];
  let reply = 0;
  sets.forEach(({ replies }, set) => {
    for (const r of replies) {
      const text = splitReply(r.reply, tokenizer);
      const ranges = text.sentences.map((s) => originalRange(text, s, 0, s.text.length));
      const found = lintReply(r.reply, { rules: shapesOnly, tokenizer, customerLevel: r.customerLevel, customerMail: r.customerMail })
        .filter((f) => f.ruleId === 'blame')
        .map((f) => ranges.findIndex(([from, to]) => f.start >= from && f.start < to));
      const blameReply = r.expected.includes('blame');
      text.sentences.forEach((sentence, i) =>
        rows.push({
          set,
          reply,
          blameReply,
          shaped: found.includes(i),
          replyShaped: found.length > 0,
          features: blameFeatures(sentence, text.sentences[i - 1]),
        }),
      );
      reply++;
    }
  });
  return rows;
}

export interface BlameFitOptions {
  l2: number;
  epochs: number;
  learningRate: number;
  decay: number;
  /** Features seen in fewer training sentences are left out. */
  minCount: number;
  /** Weights smaller than this are not written. */
  minWeight: number;
  threshold: number;
}

export const BLAME_FIT_OPTIONS: BlameFitOptions = {
  l2: 0.001,
  epochs: 8,
  learningRate: 0.1,
  decay: 0.8,
  minCount: 3,
  minWeight: 0.01,
  threshold: 7,
};

interface Example {
  features: string[];
  blame: boolean;
}

function logistic(examples: Example[], options: BlameFitOptions): Map<string, number> {
  const count = new Map<string, number>();
  for (const e of examples) for (const f of e.features) count.set(f, (count.get(f) ?? 0) + 1);
  const kept = examples.map((e) => ({ ...e, features: e.features.filter((f) => count.get(f)! >= options.minCount) }));
  const positives = kept.filter((e) => e.blame).length;
  // Blame sentences are few: each class weighs half.
  const weightOf = { true: kept.length / (2 * positives), false: kept.length / (2 * (kept.length - positives)) };
  let seed = 1;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const w = new Map<string, number>();
  const sum = new Map<string, number>();
  let averaged = 0;
  let rate = options.learningRate;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = kept.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [kept[i], kept[j]] = [kept[j]!, kept[i]!];
    }
    for (const e of kept) {
      const p = 1 / (1 + Math.exp(-blameScore({ weights: w }, e.features)));
      const g = (p - (e.blame ? 1 : 0)) * weightOf[`${e.blame}`];
      for (const f of e.features) {
        const v = w.get(f) ?? 0;
        w.set(f, v - rate * (g + options.l2 * v));
      }
    }
    rate *= options.decay;
    // The average of the later epochs' weights: steadier than the last step's.
    if (epoch >= options.epochs / 2) {
      averaged++;
      for (const [f, v] of w) sum.set(f, (sum.get(f) ?? 0) + v);
    }
  }
  const weights = new Map<string, number>();
  for (const [f, v] of sum) {
    const mean = Math.round((v / averaged) * 1000) / 1000;
    if (Math.abs(mean) >= options.minWeight) weights.set(f, mean);
  }
  return weights;
}

/** Fits on the rows given (all sets, or all but one). */
export function fitBlame(rows: readonly SentenceRow[], options: BlameFitOptions = BLAME_FIT_OPTIONS): BlameModel {
  const labelled = (extra: ReadonlySet<SentenceRow>) =>
    rows
      .filter((r) => !r.blameReply || r.shaped || extra.has(r))
      .map((r) => ({ features: r.features, blame: r.blameReply && (r.shaped || extra.has(r)) }));
  const first = logistic(labelled(new Set()), options);
  // Each blame reply the shapes miss: its sentence the first fit finds likeliest.
  const likeliest = new Map<number, { row: SentenceRow; score: number }>();
  for (const row of rows) {
    if (!row.blameReply || row.replyShaped) continue;
    const score = blameScore({ weights: first }, row.features);
    if (score > (likeliest.get(row.reply)?.score ?? -Infinity)) likeliest.set(row.reply, { row, score });
  }
  const weights = logistic(labelled(new Set([...likeliest.values()].map((l) => l.row))), options);
  return { threshold: options.threshold, weights };
}
