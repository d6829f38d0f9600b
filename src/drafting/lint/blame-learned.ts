/**
 * The learned blame signal (dictionaries/learned/blame.yaml, written by `npm run fit:blame`): a weight
 * per lemma, lemma bigram and sentence trait (an apology in it or just before it, a cushion, a
 * question, a past clause), fitted on every tuning set's blame and good sentences. Each new writer
 * words "your fault" differently; the signal reads a sentence the clause shapes found nothing in and
 * flags it only far above the line, where it was right on the sets it was not fitted on.
 */
import { Type, type Static } from 'typebox';
import type { Sentence } from './sentences.js';

export const BLAME_LEARNED_FILE = 'learned/blame.yaml';

export const BlameLearnedFileSchema = Type.Object(
  {
    fitted: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Array(Type.String())])),
    /** The log-odds a sentence must reach to be blame on the signal alone. */
    threshold: Type.Number(),
    weights: Type.Record(Type.String(), Type.Number()),
  },
  { additionalProperties: false },
);
export type BlameLearnedFile = Static<typeof BlameLearnedFileSchema>;

export interface BlameModel {
  readonly threshold: number;
  readonly weights: ReadonlyMap<string, number>;
}

export function compileBlameModel(file: Pick<BlameLearnedFile, 'threshold' | 'weights'>): BlameModel {
  return { threshold: file.threshold, weights: new Map(Object.entries(file.weights)) };
}

const APOLOGY = /申し訳|お詫び|失礼いたし|すみません/u;
const CUSHION = /恐れ入り|お手数|恐縮|差し支え|ご面倒|ご不便/u;

/** A token as the signal counts it: its lemma, any number as one word, punctuation not at all. */
function keyOf(token: Sentence['tokens'][number]): string | undefined {
  if (token.pos === '記号') return undefined;
  return token.pos === '名詞' && token.posDetail === '数' ? '#' : token.lemma;
}

/** The words of tokens [from, to): lemmas and lemma bigrams. */
function wordFeatures(tokens: Sentence['tokens'], into: Set<string>): void {
  let previous: string | undefined;
  for (const token of tokens) {
    const key = keyOf(token);
    if (key === undefined) continue;
    into.add(`u:${key}`);
    if (previous !== undefined) into.add(`b:${previous}_${key}`);
    previous = key;
  }
}

/** Everything the signal reads in a sentence; the fit and the linter share it. */
export function blameFeatures(sentence: Sentence, previous: Sentence | undefined): string[] {
  const features = new Set<string>(['bias']);
  wordFeatures(sentence.tokens, features);
  if (previous && APOLOGY.test(previous.text)) features.add('ctx:prevApology');
  if (APOLOGY.test(sentence.text)) features.add('ctx:apology');
  if (CUSHION.test(sentence.text)) features.add('ctx:cushion');
  if (sentence.question) features.add('ctx:question');
  if (sentence.clauses.some((c) => c.past)) features.add('ctx:past');
  return [...features];
}

export function blameScore(model: Pick<BlameModel, 'weights'>, features: readonly string[]): number {
  let z = 0;
  for (const f of features) z += model.weights.get(f) ?? 0;
  return z;
}

/** The clause whose words weigh most: what the finding quotes. */
export function heaviestClause(model: BlameModel, sentence: Sentence): { start: number; end: number } {
  let best = { start: 0, end: sentence.text.length, score: -Infinity };
  for (const clause of sentence.clauses) {
    const words = new Set<string>();
    wordFeatures(
      sentence.tokens.filter((t) => t.start >= clause.start && t.end <= clause.end),
      words,
    );
    const score = blameScore(model, [...words]);
    if (score > best.score) best = { start: clause.start, end: clause.end, score };
  }
  const text = sentence.text.slice(best.start, best.end);
  const trimmed = text.replace(/[\s、。,.!?！？]+$/u, '');
  const lead = trimmed.length - trimmed.trimStart().length;
  return { start: best.start + lead, end: best.start + trimmed.length };
}
