/**
 * Finds lemma sequences that recur in mails ondo read cooler than the agents did and rarely
 * anywhere else (other corrections, the background mails), and turns each into a candidate
 * dictionary entry: pattern, polarity, category, weight (the smallest that moves its mails most
 * without moving others away from their label) and real examples from the corrections.
 * context.ts mines the other direction (mails ondo read hotter) with the helpers exported here.
 */
import { createHash } from 'node:crypto';
import type { Dictionaries } from '../../analysis/lexicon/load.js';
import type { CategorizedEntry } from '../../analysis/lexicon/schema.js';
import { findMatches, prepareText, type PreparedText } from '../../analysis/match.js';
import type { Token } from '../../analysis/tokenizer/index.js';
import { TONE_LEVELS, type ToneLevel } from '../../analysis/tone-schema.js';
import { levelRank, withEntries, type LabelledText, type Scorer } from './scorer.js';

export interface MineOptions {
  /** Distinct under-read mails a sequence must appear in. */
  minSupport: number;
  /** Largest share of the other mails it may appear in. */
  maxBackgroundShare: number;
  maxSuggestions: number;
  /** Longest sequence, in tokens. */
  maxTokens: number;
}

export const DEFAULT_MINE_OPTIONS: MineOptions = { minSupport: 2, maxBackgroundShare: 0.01, maxSuggestions: 10, maxTokens: 4 };
export const WEIGHTS = [10, 15, 20, 25, 30, 40, 50, 60] as const;

export interface Candidate {
  entry: CategorizedEntry;
  /**
   * Corrections it came from: read cooler than the agents (under), hotter (over, a context entry of
   * weight 0), or about another scenario than the agents named (scenario, an entry of scenarios/<kind>.yaml).
   */
  support: LabelledText[];
  /** Other mails (corrections and background) holding the same sequence. */
  background: number;
  direction: 'under' | 'over' | 'scenario';
}

export interface Occurrence {
  text: PreparedText;
  start: number;
  end: number;
}

const CONTENT_START = new Set(['名詞', '動詞', '形容詞', '副詞', '連体詞', '接頭詞', '感動詞']);
const FUNCTION = new Set(['助詞', '助動詞']);
const SAFE_LEMMA = /^[^\s()|?*[\]{}\\〔〕]+$/u;

/** Which tokens end a sentence for mining: symbols, line breaks and masked placeholders (〔氏名〕 is never part of a pattern). */
export function cutTokens(tokens: readonly Token[]): boolean[] {
  let inPlaceholder = false;
  return tokens.map((token) => {
    if (token.surface.includes('〔')) inPlaceholder = true;
    const cut = inPlaceholder || token.pos === '記号' || /\s/u.test(token.surface);
    if (token.surface.includes('〕')) inPlaceholder = false;
    return cut;
  });
}

/** Sentences of tokens, cut where cutTokens says. */
export function sentences(tokens: readonly Token[]): Token[][] {
  const cuts = cutTokens(tokens);
  const out: Token[][] = [[]];
  tokens.forEach((token, i) => {
    if (!cuts[i]) out.at(-1)!.push(token);
    else if (out.at(-1)!.length) out.push([]);
  });
  return out.filter((s) => s.length > 0);
}

export function usable(gram: readonly Token[]): boolean {
  const first = gram[0]!;
  const last = gram.at(-1)!;
  if (!CONTENT_START.has(first.pos) || first.posDetail === '数' || first.posDetail === '非自立') return false;
  if (last.pos === '助詞' || last.pos === '接頭詞') return false;
  if (gram.every((t) => FUNCTION.has(t.pos))) return false;
  if (!gram.every((t) => SAFE_LEMMA.test(t.lemma))) return false;
  return gram.map((t) => t.surface).join('').length >= 2;
}

/** Every usable lemma sequence of a mail, with where it first occurs. */
export function gramsOf(scorer: Scorer, mail: LabelledText, maxTokens: number): Map<string, Occurrence> {
  const prepared = scorer.prepare(mail);
  const grams = new Map<string, Occurrence>();
  for (const text of [prepared.subject, prepared.body]) {
    if (!text) continue;
    for (const sentence of sentences(text.tokens)) {
      for (let i = 0; i < sentence.length; i++) {
        for (let n = 1; n <= maxTokens && i + n <= sentence.length; n++) {
          const gram = sentence.slice(i, i + n);
          if (!usable(gram)) continue;
          const key = gram.map((t) => t.lemma).join(' ');
          if (!grams.has(key)) grams.set(key, { text, start: gram[0]!.start, end: gram.at(-1)!.end });
        }
      }
    }
  }
  return grams;
}

/** The sentence of the normalised text around an occurrence, at most 60 characters: an example for the entry. */
function exampleOf(occurrence: Occurrence): string {
  const text = occurrence.text.normalized.text;
  let from = occurrence.start;
  while (from > 0 && !/[。！？!?\n]/u.test(text[from - 1]!) && occurrence.start - from < 40) from--;
  let to = occurrence.end;
  while (to < text.length && !/[\n]/u.test(text[to]!) && to - occurrence.end < 30) {
    to++;
    if (/[。！？!?]/u.test(text[to - 1]!)) break;
  }
  return text.slice(from, to).trim();
}

function categoryFor(support: readonly LabelledText[]): { category: string; level: ToneLevel } {
  const ranks = support.map((m) => levelRank(m.level)).sort((a, b) => a - b);
  const level = TONE_LEVELS[ranks[Math.floor(ranks.length / 2)]!]!;
  const polite = support.filter((m) => m.politeButAnnoyed).length * 2 >= support.length;
  if (level === 'concerned') return { category: 'urgency', level };
  return { category: polite ? 'polite-annoyance' : 'anger', level };
}

/** Entry settings from the sequence: a trailing negator becomes polarity negated; verbs count only affirmed; nouns either way. */
function patternOf(
  key: string,
  tokens: readonly Token[],
  negators: ReadonlySet<string>,
): { pattern: string; polarity: 'affirmative' | 'negated' | 'any' } | undefined {
  const lemmas = key.split(' ');
  let end = lemmas.length;
  while (end > 0 && negators.has(lemmas[end - 1]!) && tokens[end - 1]?.pos !== '名詞') end--;
  if (end === 0) return undefined;
  if (end < lemmas.length) return { pattern: lemmas.slice(0, end).join(' '), polarity: 'negated' };
  const predicate = tokens.some((t) => t.pos === '動詞' || t.pos === '形容詞');
  return { pattern: key, polarity: predicate ? 'affirmative' : 'any' };
}

function tokensAt(occurrence: Occurrence): Token[] {
  return occurrence.text.tokens.filter((t) => t.start >= occurrence.start && t.end <= occurrence.end);
}

/** How far each mail's level is from its label, summed: what a weight is chosen to reduce. */
export function distance(scorer: Scorer, mails: readonly LabelledText[], dictionaries: Dictionaries): number {
  return mails.reduce((sum, m) => sum + Math.abs(levelRank(scorer.level(m, dictionaries)) - levelRank(m.level)), 0);
}

export interface MineInput {
  scorer: Scorer;
  dictionaries: Dictionaries;
  /** The team's corrections (agent labels). */
  corrections: readonly LabelledText[];
  /** Mails that are not evidence for any suggestion, only against (rare elsewhere). */
  background: readonly LabelledText[];
  /** More labelled mails, read only to veto: no context entry may lower one labelled angry or furious. */
  guard?: readonly LabelledText[];
  options?: Partial<MineOptions>;
}

export function mineCandidates({ scorer, dictionaries, corrections, background, options: given }: MineInput): Candidate[] {
  const options = { ...DEFAULT_MINE_OPTIONS, ...given };
  const under = corrections.filter((m) => levelRank(m.level) > levelRank(scorer.level(m, dictionaries)));
  const underSet = new Set(under);
  const others = [...corrections.filter((m) => !underSet.has(m)), ...background];
  const gramsByMail = new Map<LabelledText, Map<string, Occurrence>>();
  const gramsOfMail = (m: LabelledText) => {
    let grams = gramsByMail.get(m);
    if (!grams) gramsByMail.set(m, (grams = gramsOf(scorer, m, options.maxTokens)));
    return grams;
  };

  const supportOf = new Map<string, LabelledText[]>();
  for (const mail of under) for (const key of gramsOfMail(mail).keys()) supportOf.set(key, [...(supportOf.get(key) ?? []), mail]);
  const frequent = [...supportOf].filter(([, mails]) => mails.length >= options.minSupport);
  if (frequent.length === 0) return [];
  const backgroundCount = new Map<string, number>(frequent.map(([key]) => [key, 0]));
  for (const mail of others)
    for (const key of gramsOfMail(mail).keys()) if (backgroundCount.has(key)) backgroundCount.set(key, backgroundCount.get(key)! + 1);
  const allowed = Math.floor(options.maxBackgroundShare * others.length);

  // Most support first, then fewest elsewhere, then the shorter (more general) sequence.
  const ranked = frequent
    .filter(([key]) => backgroundCount.get(key)! <= allowed)
    .sort(
      ([ka, a], [kb, b]) =>
        b.length - a.length ||
        backgroundCount.get(ka)! - backgroundCount.get(kb)! ||
        ka.split(' ').length - kb.split(' ').length ||
        ka.localeCompare(kb),
    );

  const candidates: Candidate[] = [];
  const covered = new Set<LabelledText>();
  const chosenPatterns = new Set<string>();
  for (const [key, support] of ranked) {
    if (candidates.length >= options.maxSuggestions) break;
    if (support.filter((m) => !covered.has(m)).length < options.minSupport) continue;
    const occurrence = gramsOfMail(support[0]!).get(key)!;
    const shape = patternOf(key, tokensAt(occurrence), dictionaries.lexicon.negatorLemmas);
    if (!shape || chosenPatterns.has(`${shape.pattern}|${shape.polarity}`)) continue;
    const { category, level } = categoryFor(support);
    const id = `learned.${category}.${createHash('sha256').update(`${shape.pattern}|${shape.polarity}`).digest('hex').slice(0, 8)}`;
    const draft: CategorizedEntry = {
      id,
      pattern: shape.pattern,
      match: 'lemma',
      weight: WEIGHTS[0],
      polarity: shape.polarity,
      note: `チームの修正から（${support.length}通で ondo が低く判定、担当者は${level}）`,
      category,
      source: `tone/learned-${category}.yaml`,
    };
    const entry = chooseWeight(scorer, dictionaries, draft, [...support, ...others.filter((m) => gramsOfMail(m).has(key))]);
    if (!entry) continue;
    const occurrences = support.map((m) => gramsOfMail(m).get(key)!);
    const candidate = withExamples(
      { entry, support, background: backgroundCount.get(key)!, direction: 'under' },
      occurrences,
      dictionaries,
      scorer,
    );
    if (!candidate) continue;
    candidates.push(candidate);
    chosenPatterns.add(`${shape.pattern}|${shape.polarity}`);
    for (const m of support) covered.add(m);
  }
  return candidates;
}

/** The smallest weight that brings the affected mails closest to their labels; none when no weight helps. */
function chooseWeight(
  scorer: Scorer,
  dictionaries: Dictionaries,
  draft: CategorizedEntry,
  affected: readonly LabelledText[],
): CategorizedEntry | undefined {
  const before = distance(scorer, affected, dictionaries);
  return bestWeight(draft, WEIGHTS, (entry) => before - distance(scorer, affected, withEntries(dictionaries, [entry])));
}

/** The smallest of the weights with the largest positive gain; a gain of undefined rules a weight out. */
export function bestWeight(
  draft: CategorizedEntry,
  weights: readonly number[],
  gainOf: (entry: CategorizedEntry) => number | undefined,
): CategorizedEntry | undefined {
  let best: { entry: CategorizedEntry; gain: number } | undefined;
  for (const weight of weights) {
    const entry = { ...draft, weight };
    const gain = gainOf(entry);
    if (gain !== undefined && gain > (best?.gain ?? 0)) best = { entry, gain };
  }
  return best?.entry;
}

/** The candidate with up to three distinct sentences around its occurrences that it really matches; none without one. */
export function withExamples(
  candidate: Candidate,
  occurrences: readonly Occurrence[],
  dictionaries: Dictionaries,
  scorer: Scorer,
): Candidate | undefined {
  const examples = occurrences
    .map(exampleOf)
    .filter((text, i, all) => text !== '' && all.indexOf(text) === i)
    .filter((text) => matchesEntry(text, candidate.entry, dictionaries, scorer))
    .slice(0, 3);
  return examples.length ? { ...candidate, entry: { ...candidate.entry, examples: { match: examples } } } : undefined;
}

function matchesEntry(text: string, entry: CategorizedEntry, dictionaries: Dictionaries, scorer: Scorer): boolean {
  const withIt = withEntries(dictionaries, [entry]);
  return findMatches(prepareText(text, scorer.tokenizer), withIt.lexicon, withIt.config).matches.some((m) => m.entry.id === entry.id);
}
