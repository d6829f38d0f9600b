/**
 * Compiles dictionaries/lint/*.yaml into phrase matchers and rule settings: one regular expression
 * per entry, run on NFKC-normalised sentences where the entry's literals are (literal-filter.ts).
 */
import { DictionaryError } from '../../analysis/lexicon/errors.js';
import { parseYaml, type YamlSource } from '../../analysis/lexicon/yaml-file.js';
import { normalizeText } from '../../analysis/normalize.js';
import type { ToneLevel } from '../../analysis/tone-schema.js';
import {
  LINT_RULES_FILE,
  LintRulesFileSchema,
  PHRASE_SET_IDS,
  PhraseFileSchema,
  type LintRulesFile,
  type PhraseEntry,
  type PhraseSetId,
  type RuleSettings,
} from './dictionary-schema.js';
import { BLAME_LEARNED_FILE, BlameLearnedFileSchema, compileBlameModel, type BlameModel } from './blame-learned.js';
import type { LintRuleId } from './finding-schema.js';
import { LiteralFilter } from './literal-filter.js';

export interface CompiledPhraseEntry {
  readonly id: string;
  /** Its place among every lint entry: its flag in LiteralFilter.candidates. */
  readonly index: number;
  /** The file it came from ('lint/refusals.yaml'), for messages. */
  readonly source: string;
  readonly regex: RegExp;
  readonly rewrite?: string;
  readonly cushion?: string;
  readonly examples: { readonly match: readonly string[]; readonly noMatch: readonly string[] };
}

/** A match inside the searched text: [start, end) in its UTF-16 offsets. */
export interface PhraseMatch {
  readonly entry: CompiledPhraseEntry;
  readonly start: number;
  readonly end: number;
}

export interface PhraseSet {
  readonly id: PhraseSetId;
  readonly entries: readonly CompiledPhraseEntry[];
  /** Non-overlapping matches in text order; where entries overlap, the earlier and then longer match wins. */
  find(text: string): PhraseMatch[];
}

export interface CompiledLintRules {
  readonly settings: Readonly<Record<LintRuleId, RuleSettings>>;
  readonly placeholders: LintRulesFile['placeholders'];
  readonly cushionAfterConcession: string;
  readonly levelLabels: Readonly<Record<ToneLevel, { ja: string; en: string }>>;
  readonly sets: Readonly<Record<PhraseSetId, PhraseSet>>;
  /** Which entries of every set may match a text, in one pass for all sets (PhraseSet.find asks it). */
  readonly literals: LiteralFilter;
  /** The learned blame signal (learned/blame.yaml), when the dictionaries have one. */
  readonly blameModel?: BlameModel;
}

/** Rules whose rewrite inserts a cushion or a line: rules.yaml must give it. */
const NEEDS_INSERT: readonly LintRuleId[] = ['bare-refusal', 'bare-command', 'no-empathy', 'no-thanks', 'refusal-first'];

/** `*`, `+` or `{n,}` outside escapes and character classes. */
const UNBOUNDED = /[*+]|\{\d*,\}/;

/** Takes every dictionaries file by name (as Dictionaries.sources) and compiles those under lint/. */
export function compileLintRules(sources: ReadonlyMap<string, YamlSource>): CompiledLintRules {
  const rulesSource = sources.get(LINT_RULES_FILE);
  if (!rulesSource) throw new DictionaryError(LINT_RULES_FILE, 'missing: the reply linter needs its rule settings');
  const rulesFile = parseYaml(rulesSource, LintRulesFileSchema);
  for (const id of NEEDS_INSERT) {
    if (!rulesFile.rules[id].insert) throw new DictionaryError(LINT_RULES_FILE, `rules/${id}/insert: required for this rule's rewrite`);
  }

  const sets = new Map<PhraseSetId, readonly CompiledPhraseEntry[]>();
  const definedIn = new Map<PhraseSetId, string>();
  const entryIds = new Map<string, string>();
  const all: CompiledPhraseEntry[] = [];
  for (const [name, source] of [...sources].sort(([a], [b]) => a.localeCompare(b))) {
    if (!name.startsWith('lint/') || name === LINT_RULES_FILE) continue;
    const file = parseYaml(source, PhraseFileSchema);
    for (const id of PHRASE_SET_IDS) {
      const set = file.sets[id];
      if (!set) continue;
      const previous = definedIn.get(id);
      if (previous) throw new DictionaryError(name, `sets/${id}: already defined in ${previous}; define each set in one file`);
      definedIn.set(id, name);
      const entries = set.entries.map((entry) => {
        const other = entryIds.get(entry.id);
        if (other) throw new DictionaryError(name, `duplicate entry id (also in ${other})`, entry.id);
        entryIds.set(entry.id, name);
        const compiled = compileEntry(entry, name, all.length);
        all.push(compiled);
        return compiled;
      });
      sets.set(id, entries);
    }
  }
  const missing = PHRASE_SET_IDS.filter((id) => !sets.has(id));
  if (missing.length)
    throw new DictionaryError('lint/', `phrase sets missing: ${missing.join(', ')} (each must be defined in one lint/*.yaml file)`);

  const literals = new LiteralFilter(all.map((entry) => entry.regex.source));
  const learned = sources.get(BLAME_LEARNED_FILE);
  return {
    settings: rulesFile.rules,
    placeholders: rulesFile.placeholders,
    cushionAfterConcession: rulesFile.cushionAfterConcession,
    levelLabels: rulesFile.levelLabels,
    sets: Object.fromEntries([...sets].map(([id, entries]) => [id, phraseSet(id, entries, literals)])) as Record<PhraseSetId, PhraseSet>,
    literals,
    ...(learned && { blameModel: compileBlameModel(parseYaml(learned, BlameLearnedFileSchema)) }),
  };
}

function compileEntry(entry: PhraseEntry, source: string, index: number): CompiledPhraseEntry {
  const core = entry.match === 'regex' ? entry.pattern : escapeRegex(entry.pattern.normalize('NFKC'));
  const alternatives = (texts: readonly string[]) => texts.map((t) => escapeRegex(t.normalize('NFKC'))).join('|');
  const before = entry.notPrecededBy?.length ? `(?<!${alternatives(entry.notPrecededBy)})` : '';
  const after = entry.notFollowedBy?.length ? `(?!${alternatives(entry.notFollowedBy)})` : '';
  let regex: RegExp;
  try {
    regex = new RegExp(`${before}(?:${core})${after}`, 'g');
  } catch (error) {
    throw new DictionaryError(source, `pattern: invalid regular expression (${(error as Error).message})`, entry.id);
  }
  if (new RegExp(`^(?:${core})$`).test('')) throw new DictionaryError(source, 'pattern: matches empty text', entry.id);
  if (entry.match === 'regex' && UNBOUNDED.test(entry.pattern.replace(/\\./g, '').replace(/\[[^\]]*\]/g, ''))) {
    // [^、。]*? tried from every position of a 20,000-character line takes seconds.
    throw new DictionaryError(source, 'pattern: unbounded repetition (*, +, {n,}); give a limit such as {0,40}', entry.id);
  }
  return {
    id: entry.id,
    index,
    source,
    regex,
    ...(entry.rewrite !== undefined && { rewrite: entry.rewrite }),
    ...(entry.cushion !== undefined && { cushion: entry.cushion }),
    examples: { match: entry.examples?.match ?? [], noMatch: entry.examples?.noMatch ?? [] },
  };
}

function phraseSet(id: PhraseSetId, entries: readonly CompiledPhraseEntry[], literals: LiteralFilter): PhraseSet {
  return {
    id,
    entries,
    find(text) {
      // An entry whose literals are not in the text cannot match it: its expression is not run.
      const candidates = literals.candidates(text);
      const all = entries.flatMap((entry) => (candidates[entry.index] ? matchEntry(entry, text) : []));
      all.sort((a, b) => a.start - b.start || b.end - a.end);
      const kept: PhraseMatch[] = [];
      for (const m of all) if (!kept.length || m.start >= kept[kept.length - 1]!.end) kept.push(m);
      return kept;
    },
  };
}

/** Every non-empty match of one entry in (already normalised) text. */
export function matchEntry(entry: CompiledPhraseEntry, text: string): PhraseMatch[] {
  const found: PhraseMatch[] = [];
  for (const m of text.matchAll(entry.regex)) {
    if (m[0].length > 0) found.push({ entry, start: m.index, end: m.index + m[0].length });
  }
  return found;
}

/**
 * The text a rewrite puts in place of a match: the entry's rewrite, where $1… keep parts of the
 * matched words (「次回からは$1ください」 → 「お手数ですが、$1いただけますと幸いです」).
 */
export function replacementFor(match: PhraseMatch, text: string): string | undefined {
  const { rewrite, regex } = match.entry;
  if (rewrite === undefined || !rewrite.includes('$')) return rewrite;
  // Re-run the entry where it matched (its look-arounds need the text around the match).
  const sticky = new RegExp(regex.source, 'y');
  sticky.lastIndex = match.start;
  const groups = sticky.exec(text);
  return rewrite.replace(/\$(\d)/g, (_, n: string) => groups?.[Number(n)] ?? '');
}

/** Runs every entry's own examples (prh style); returns one line per failing example, naming the entry. */
export function checkLintExamples(rules: CompiledLintRules): string[] {
  const failures: string[] = [];
  for (const set of Object.values(rules.sets)) {
    for (const entry of set.entries) {
      const hits = (example: string) => matchEntry(entry, normalizeText(example).text).length > 0;
      for (const example of entry.examples.match) {
        if (!hits(example)) failures.push(`${entry.source} (entry ${entry.id}): should match 「${example}」`);
        else if (!rules.literals.candidates(normalizeText(example).text)[entry.index])
          failures.push(
            `${entry.source} (entry ${entry.id}): matches 「${example}」 but the literal filter skips it (required-literals.ts)`,
          );
      }
      for (const example of entry.examples.noMatch) {
        if (hits(example)) failures.push(`${entry.source} (entry ${entry.id}): should not match 「${example}」`);
      }
    }
  }
  return failures;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
