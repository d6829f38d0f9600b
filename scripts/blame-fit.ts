/**
 * Fits the learned blame signal (dictionaries/learned/blame.yaml) on the labelled tuning reply sets.
 * Replies are labelled, sentences are not: a blame reply's sentences that the clause shapes flag are
 * blame, every sentence of a reply without blame is not, and the rest of a blame reply is left out.
 * A blame reply the shapes miss lends its likeliest sentence after a first fit (one round of
 * multiple-instance learning). Logistic regression, L2, by the shared solver (scripts/logistic-regression.ts).
 * Used by scripts/fit-blame.ts (write the file, measure with sets left out).
 */
import { createHash } from 'node:crypto';
import type { Tokenizer } from '../src/analysis/tokenizer/index.js';
import { blameFeatures, blameScore, type BlameModel } from '../src/drafting/lint/blame-learned.js';
import { lintReply, type CompiledLintRules } from '../src/drafting/lint/index.js';
import { originalRange, splitReply } from '../src/drafting/lint/sentences.js';
import { HELD_OUT_SETS, readJsonLines } from './evaluation.js';
import { REPLY_FIXTURES, type LabelledReply } from './lint-evaluation.js';
import { fitLogistic } from './logistic-regression.js';

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
  /** Steps of the shared solver (scripts/logistic-regression.ts). */
  iterations: number;
  /** Features seen in fewer training sentences are left out. */
  minCount: number;
  /** Weights smaller than this are not written. */
  minWeight: number;
  threshold: number;
}

export const BLAME_FIT_OPTIONS: BlameFitOptions = {
  l2: 0.00001,
  iterations: 800,
  minCount: 3,
  minWeight: 0.01,
  threshold: 7,
};

interface Example {
  features: string[];
  blame: boolean;
}

/**
 * Blame sentences are few: each class weighs half. No bias: the signal is its words' weights alone,
 * read against a fixed threshold.
 */
function logistic(examples: Example[], options: BlameFitOptions): Map<string, number> {
  const count = new Map<string, number>();
  for (const e of examples) for (const f of e.features) count.set(f, (count.get(f) ?? 0) + 1);
  const index = new Map<string, number>();
  const names: string[] = [];
  const indexOf = (f: string) => index.get(f) ?? index.set(f, names.push(f) - 1).get(f)!;
  const positives = examples.filter((e) => e.blame).length;
  const rows = examples.map((e) => ({
    features: [...new Set(e.features)].filter((f) => count.get(f)! >= options.minCount).map(indexOf),
    label: e.blame ? 1 : 0,
    weight: e.blame ? 1 / positives : 1 / (examples.length - positives),
  }));
  const { weights: w } = fitLogistic(rows, names.length, { classes: 1, l2: options.l2, iterations: options.iterations, intercept: false });
  const weights = new Map<string, number>();
  names.forEach((f, i) => {
    const rounded = Math.round(w[i]! * 1000) / 1000;
    if (Math.abs(rounded) >= options.minWeight) weights.set(f, rounded);
  });
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
