/**
 * The learned layer (dictionaries/learned/lexical.yaml): a weight per lemma and lemma bigram, fitted
 * by scripts/fit-lexical.ts on the labelled sets, looked up in a Map per token (no automaton, no
 * regex). Which tokens may be a feature is decided here, once, for the fit and the analysis alike.
 */
import { createHash } from 'node:crypto';
import { Type, type Static } from 'typebox';
import { NEGATING_AUXILIARIES } from '../negation.js';
import type { Token } from '../tokenizer/index.js';
import type { CompiledEntry } from './compile.js';

/** The category of every learned entry (declared in scoring.yaml like any other). */
export const LEARNED_CATEGORY = 'learned';
/** The highest weight an entry may carry: a bounded signal, whatever the fit or a hand edit says. */
export const MAX_LEARNED_WEIGHT = 20;
/**
 * A content word inside a negation's scope is a feature of its own (「良い（否定）」 for 良くない, 良くありません;
 * 「注文（否定）」 for 二度と注文しません): the negation rule that cancels the plain word (negation.ts) decides, so a
 * negated evaluation ranks as what it says instead of vanishing. The scenario signal skips these keys.
 */
export const NEGATED_SUFFIX = '（否定）';

const Count = Type.Integer({ minimum: 0 });

export const LearnedFileSchema = Type.Object(
  {
    /** How the file was fitted: method, sets, examples (written by the script, read by people). */
    fitted: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Array(Type.String())])),
    /** Lemmas and bigrams a lead has ruled out: the fit never uses them. */
    exclude: Type.Array(Type.String({ minLength: 1, maxLength: 60 })),
    /** 「lemma」 or 「lemma lemma」 → weight in points (as an entry's weight) and what it was fitted from. */
    entries: Type.Record(
      Type.String({ pattern: '^\\S+( \\S+)?$', maxLength: 60 }),
      Type.Object(
        {
          /** Negative for a word of satisfaction: it lowers the learned words' points in its mail, nothing else. */
          weight: Type.Number({ minimum: -MAX_LEARNED_WEIGHT, maximum: MAX_LEARNED_WEIGHT }),
          /** Of the sparse, non-negative fit: what one occurrence adds toward the level (scoring.yaml levelPoints). */
          level: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: MAX_LEARNED_WEIGHT })),
          /** Texts labelled dissatisfied (1★, reader anger ≥ 2, angry or furious mail) holding it, and the rest. */
          dissatisfied: Count,
          other: Count,
          /** Labelled sets it occurs in. */
          sets: Count,
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type LearnedFile = Static<typeof LearnedFileSchema>;

/** Unigrams by lemma (plain and negated), bigrams by first lemma then second: three Map lookups per token. */
export interface LearnedLexicon {
  readonly unigrams: ReadonlyMap<string, CompiledEntry>;
  readonly negated: ReadonlyMap<string, CompiledEntry>;
  readonly bigrams: ReadonlyMap<string, ReadonlyMap<string, CompiledEntry>>;
  readonly size: number;
}

/** `exclude`: what a lead ruled out takes effect at once, before the next fit drops it from the file. */
export function compileLearned(
  entries: Readonly<Record<string, { weight: number; level?: number }>>,
  source: string,
  exclude: readonly string[] = [],
): LearnedLexicon {
  const excluded = new Set(exclude);
  const unigrams = new Map<string, CompiledEntry>();
  const negated = new Map<string, CompiledEntry>();
  const bigrams = new Map<string, Map<string, CompiledEntry>>();
  let size = 0;
  for (const [key, { weight, level }] of Object.entries(entries)) {
    if (excluded.has(key) || weight === 0) continue;
    const lemmas = key.split(' ');
    const isNegated = lemmas.length === 1 && key.endsWith(NEGATED_SUFFIX);
    const entry: CompiledEntry = {
      id: `learned.${createHash('sha256').update(key).digest('hex').slice(0, 10)}`,
      pattern: key,
      match: 'lemma',
      weight: Math.max(-MAX_LEARNED_WEIGHT, Math.min(weight, MAX_LEARNED_WEIGHT)),
      ...(level ? { levelWeight: Math.min(level, MAX_LEARNED_WEIGHT) } : {}),
      polarity: isNegated ? 'negated' : 'affirmative',
      note: weight > 0 ? `学習した不満の重み（${key}）` : `学習した満足の重み（${key}）`,
      category: LEARNED_CATEGORY,
      source,
      index: -1,
      role: 'score',
    };
    size++;
    if (isNegated) negated.set(key.slice(0, -NEGATED_SUFFIX.length), entry);
    else if (lemmas.length === 1) unigrams.set(key, entry);
    else {
      const [first, second] = lemmas as [string, string];
      let next = bigrams.get(first);
      if (!next) bigrams.set(first, (next = new Map()));
      next.set(second, entry);
    }
  }
  return { unigrams, negated, bigrams, size };
}

/**
 * Words of respect and thanks the fit may never weigh below zero: politeness never lowers a score (a
 * polite complaint is still a complaint), so only what a text says about the product or the service
 * may lower the learned words' points. The manual's politeness and cushion phrases need no list: no
 * learned word is read inside them (analysis/match.ts judgeLearned).
 */
export const RESPECT_LEMMAS: ReadonlySet<string> = new Set([
  'くださる',
  '下さる',
  'おる',
  '申す',
  '申し上げる',
  '頂く',
  '頂ける',
  'いただく',
  'いただける',
  '致す',
  'いたす',
  'ござる',
  '存じる',
  '願う',
  'お願い',
  '願い',
  '感謝',
  'お礼',
  '礼',
  '世話',
  '恐縮',
  '何卒',
  '誠に',
  '宜しく',
  'よろしく',
  '幸い',
  '恐れ入る',
]);

/** Nouns that name a particular thing, a number or a grammatical slot rather than an evaluation. */
const NOUN_EXCLUDED = new Set(['数', '固有名詞', '代名詞', '非自立', '接尾', '特殊']);
/** Latin letters and digits are product names, codes and amounts: topic, not tone. */
const LATIN_OR_DIGIT = /[A-Za-z0-9]/u;
/** A feature token has a letter: kuromoji reads a lone 「?」 or 「…」 as a noun. */
const LETTER = /\p{L}/u;

/**
 * 'content': a word that may be a feature alone — a noun, independent verb or adjective, or adverb;
 * 'joiner': may stand beside a content word in a bigram — a particle or a negation auxiliary;
 * undefined: never part of a feature (symbols, numbers, proper nouns, other auxiliaries: register is style).
 */
export function featureRole(t: Token): 'content' | 'joiner' | undefined {
  if (LATIN_OR_DIGIT.test(t.surface) || !LETTER.test(t.surface)) return undefined;
  switch (t.pos) {
    case '名詞':
      return NOUN_EXCLUDED.has(t.posDetail) ? undefined : 'content';
    case '動詞':
    case '形容詞':
      return t.posDetail === '自立' ? 'content' : undefined;
    case '副詞':
      return 'content';
    case '助詞':
      return 'joiner';
    case '助動詞':
      // A negating auxiliary (ない, ず, ません's ん) is part of a bigram (来る ない), never a feature alone.
      return NEGATING_AUXILIARIES.has(t.lemma) ? 'joiner' : undefined;
    default:
      return undefined;
  }
}

/**
 * Walks the features of a token sequence: `unigram(i)` at each content word, `bigram(i)` at each
 * adjacent pair (i, i + 1) of feature tokens with at least one content word (返事 すら, 来る ない).
 */
function walkFeatures(tokens: readonly Token[], unigram: (i: number) => void, bigram: (i: number) => void): void {
  let previous: 'content' | 'joiner' | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const role = featureRole(tokens[i]!);
    if (role === 'content') unigram(i);
    if (role && previous && (role === 'content' || previous === 'content')) bigram(i - 1);
    previous = role;
  }
}

/**
 * Every feature of a token sequence as its key (「最低」「返事 すら」) and token range, for the fit.
 * Each content word is also offered negated (「良い（否定）」): the matcher keeps it only in a negation's scope.
 */
export function forEachFeature(tokens: readonly Token[], visit: (key: string, start: number, end: number) => void): void {
  walkFeatures(
    tokens,
    (i) => {
      visit(tokens[i]!.lemma, i, i + 1);
      visit(`${tokens[i]!.lemma}${NEGATED_SUFFIX}`, i, i + 1);
    },
    (i) => visit(`${tokens[i]!.lemma} ${tokens[i + 1]!.lemma}`, i, i + 2),
  );
}

/** The learned entries present in a token sequence, in token order: one Map lookup per token and pair. */
export function findLearned(
  tokens: readonly Token[],
  learned: LearnedLexicon,
  found: (entry: CompiledEntry, start: number, end: number) => void,
): void {
  if (learned.size === 0) return;
  walkFeatures(
    tokens,
    (i) => {
      const entry = learned.unigrams.get(tokens[i]!.lemma);
      if (entry) found(entry, i, i + 1);
      const negated = learned.negated.get(tokens[i]!.lemma);
      if (negated) found(negated, i, i + 1);
    },
    (i) => {
      const entry = learned.bigrams.get(tokens[i]!.lemma)?.get(tokens[i + 1]!.lemma);
      if (entry) found(entry, i, i + 2);
    },
  );
}
