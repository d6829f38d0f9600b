/** Turns validated dictionary entries into the structures the matcher runs on. */
import { SCENARIO_KINDS } from '../scenario-schema.js';
import type { CategoryConfig, ScoringConfig } from '../scoring-config.js';
import { DictionaryError } from './errors.js';
import { PatternError, splitAtGaps } from './patterns.js';
import type { LearnedLexicon } from './learned.js';
import type { CategorizedEntry } from './schema.js';
import { TokenAutomaton } from './token-automaton.js';

export type EntryRole = NonNullable<CategoryConfig['role']> | 'scenario';

export interface CompiledEntry extends CategorizedEntry {
  index: number;
  role: EntryRole;
  /** For match: regex entries. */
  regex?: RegExp;
  /** For patterns with gaps (「まだ … ない」): the most tokens between part k and part k + 1. */
  gaps?: readonly number[];
  /** The pattern starts with 「^」: a match must open a sentence. */
  opensSentence?: boolean;
  /** A learned entry's level weight (learned/lexical.yaml `level`): what it may add toward the level. */
  levelWeight?: number;
}

/** One part of a gapped entry, found by the automata like an entry: payload -(index + 1) in GAP_PARTS. */
export interface GapPart {
  entry: number;
  part: number;
}

export interface CompiledLexicon {
  readonly entries: readonly CompiledEntry[];
  readonly byLemma: TokenAutomaton;
  readonly bySurface: TokenAutomaton;
  /** Lemma patterns with a number slot (NUMBER, 「#数 回」): scanned with numbers read as NUMBER. */
  readonly byNumber: TokenAutomaton;
  readonly regexEntries: readonly CompiledEntry[];
  /** Parts of gapped patterns; the automata report part i with payload -(i + 1). */
  readonly gapParts: readonly GapPart[];
  readonly negatorLemmas: ReadonlySet<string>;
  /** The learned layer (dictionaries/learned/), looked up per token beside the automata. */
  readonly learned?: LearnedLexicon;
}

/** Scenario lexicons (what a mail is about) use categories named `scenario:<kind>`. */
export const SCENARIO_PREFIX = 'scenario:';

/** The pattern token for any number from 2 (名詞-数: 3, 十, 15; 1, 一 and 何 are written out): counts need no list of numerals. */
export const NUMBER = '#数';

export function compileLexicon(entries: readonly CategorizedEntry[], config: ScoringConfig): CompiledLexicon {
  const byLemma = new TokenAutomaton();
  const bySurface = new TokenAutomaton();
  const byNumber = new TokenAutomaton();
  const regexEntries: CompiledEntry[] = [];
  const gapParts: GapPart[] = [];
  const negatorLemmas = new Set<string>();
  const seen = new Map<string, string>();
  const compiled: CompiledEntry[] = [];

  for (const entry of entries) {
    const fail = (problem: string): never => {
      throw new DictionaryError(entry.source, problem, entry.id);
    };
    const previous = seen.get(entry.id);
    if (previous) fail(`duplicate id (also in ${previous})`);
    seen.set(entry.id, entry.source);

    const role = roleOf(entry.category, config) ?? fail(`unknown category "${entry.category}" (declare it in scoring.yaml)`);
    if (role === 'scenario' && !(SCENARIO_KINDS as readonly string[]).includes(entry.category.slice(SCENARIO_PREFIX.length))) {
      fail(`unknown scenario "${entry.category}"; known: ${SCENARIO_KINDS.join(', ')}`);
    }
    if (role === 'intensifier' && entry.multiplier === undefined) fail('an intensifier needs a multiplier');
    if ((role === 'score' || role === 'scenario') && entry.weight === undefined) fail('a weight is required');
    const item: CompiledEntry = { ...entry, index: compiled.length, role };
    compiled.push(item);

    if (role === 'negator') {
      negatorLemmas.add(entry.pattern.trim());
      continue;
    }
    if (entry.match === 'regex') {
      try {
        item.regex = new RegExp(entry.pattern, 'gu');
      } catch (err) {
        fail(`invalid regex: ${(err as Error).message}`);
      }
      if (item.regex!.test('')) fail('regex matches the empty string');
      regexEntries.push(item);
      continue;
    }
    let pattern: ReturnType<typeof splitAtGaps>;
    try {
      pattern = splitAtGaps(entry.pattern);
    } catch (err) {
      if (err instanceof PatternError) fail(`pattern "${entry.pattern}": ${err.message}`);
      throw err;
    }
    if (pattern.gaps.length > 0) item.gaps = pattern.gaps;
    if (pattern.opensSentence) item.opensSentence = true;
    pattern.parts.forEach((sequences, part) => {
      const counted = sequences.some((sequence) => sequence.includes(NUMBER));
      if (counted && entry.match !== 'lemma') fail(`${NUMBER} is a lemma pattern token`);
      const automaton = counted ? byNumber : entry.match === 'lemma' ? byLemma : bySurface;
      // A whole entry is reported by its index; a part of a gapped one by -(its index in gapParts + 1).
      let payload = item.index;
      if (item.gaps) payload = -gapParts.push({ entry: item.index, part });
      for (const sequence of sequences) automaton.add(sequence, payload);
    });
  }
  return {
    entries: compiled,
    byLemma: byLemma.seal(),
    bySurface: bySurface.seal(),
    byNumber: byNumber.seal(),
    regexEntries,
    gapParts,
    negatorLemmas,
  };
}

function roleOf(category: string, config: ScoringConfig): EntryRole | undefined {
  if (category.startsWith(SCENARIO_PREFIX)) return 'scenario';
  const declared = config.categories[category];
  return declared ? (declared.role ?? 'score') : undefined;
}
