/**
 * Suggestions as a YAML file a lead reads and edits (accept: false, or delete an item), and
 * `apply`: accepted entries are appended in the dictionaries' own format — tone entries to
 * dictionaries/tone/learned-<category>.yaml, scenario entries to the scenario's own
 * dictionaries/scenarios/<kind>.yaml — then the whole manual is loaded once to prove it still validates.
 */
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { parseDocument, stringify } from 'yaml';
import { SCENARIO_PREFIX } from '../../analysis/lexicon/compile.js';
import { loadDictionaries } from '../../analysis/lexicon/load.js';
import { LexiconEntrySchema, type LexiconEntry } from '../../analysis/lexicon/schema.js';
import type { Effect, Suggestion } from './suggest.js';

const LEARNED_FILE = /^(tone\/learned-[a-z][a-z0-9-]*|scenarios\/[a-z][a-z0-9-]*)\.yaml$/u;

/** Where an accepted entry of a category goes: a scenario's own file, or the learned file of a tone category. */
export function learnedFileOf(category: string): string {
  return category.startsWith(SCENARIO_PREFIX)
    ? `scenarios/${category.slice(SCENARIO_PREFIX.length)}.yaml`
    : `tone/learned-${category}.yaml`;
}

const SuggestionFileSchema = Type.Object({
  suggestions: Type.Array(
    Type.Object(
      {
        file: Type.String({ pattern: LEARNED_FILE.source }),
        category: Type.String({ pattern: '^[a-z][a-z0-9-]*(:[a-z0-9-]+)?$' }),
        accept: Type.Optional(Type.Boolean()),
        entry: LexiconEntrySchema,
        measured: Type.Optional(Type.Unknown()),
      },
      { additionalProperties: false },
    ),
  ),
});
const checkSuggestionFile = Compile(SuggestionFileSchema);

const pct = (x: number) => (Number.isNaN(x) ? '–' : `${(100 * x).toFixed(1)}%`);
export const effectText = (e: Effect, what = 'accuracy') =>
  `${e.improved} better, ${e.worsened} worse of ${e.n}; ${what} ${pct(e.accuracyBefore)} → ${pct(e.accuracyAfter)}`;

const SUPPORT = {
  under: 'corrections ondo read cooler than the agent',
  over: 'corrections ondo read hotter than the agent',
  scenario: 'corrections whose agent named this scenario and ondo another',
} as const;

export function renderSuggestions(suggestions: readonly Suggestion[], header: string): string {
  const items = suggestions.map((s) => {
    const { category, source: _source, ...entry } = s.entry;
    // Scenario entries are judged on the mails with a labelled scenario, and say so.
    const what = s.direction === 'scenario' ? 'scenario accuracy' : 'accuracy';
    return {
      file: learnedFileOf(category),
      category,
      accept: true,
      entry: entry as LexiconEntry,
      measured: {
        support: `${s.support} ${SUPPORT[s.direction]}`,
        elsewhere: `${s.background} other mails hold the same words`,
        crossValidated: `${s.crossValidated.foundIn}/${s.crossValidated.folds} folds found it; on the folds left out: ${effectText(s.crossValidated, what)}`,
        sets: Object.fromEntries(s.sets.map((set) => [set.name + (set.minedAgainst ? ' (read while mining)' : ''), effectText(set, what)])),
      },
    };
  });
  const comment = header
    .split('\n')
    .map((line) => `# ${line}`.trimEnd())
    .join('\n');
  return `${comment}\n${stringify({ suggestions: items }, { lineWidth: 0 })}`;
}

export interface ApplyResult {
  added: Array<{ file: string; id: string }>;
  skipped: Array<{ id: string; why: string }>;
  dictionaryVersion: string;
}

export function applySuggestions(suggestionsText: string, dictionariesDir: string): ApplyResult {
  const parsed: unknown = parseDocument(suggestionsText).toJS();
  if (!checkSuggestionFile.Check(parsed)) {
    const first = [...checkSuggestionFile.Errors(parsed)][0];
    throw new Error(`not a suggestions file (${first?.instancePath || '/'} ${first?.message ?? ''})`);
  }
  const existing = new Set(loadDictionaries(dictionariesDir).lexicon.entries.map((e) => e.id));
  const byFile = new Map<string, { category: string; entries: LexiconEntry[] }>();
  const result: ApplyResult = { added: [], skipped: [], dictionaryVersion: '' };
  for (const item of parsed.suggestions) {
    if (item.accept === false) result.skipped.push({ id: item.entry.id, why: 'not accepted' });
    else if (existing.has(item.entry.id)) result.skipped.push({ id: item.entry.id, why: 'already in the dictionaries' });
    else if (item.file !== learnedFileOf(item.category)) result.skipped.push({ id: item.entry.id, why: `file and category disagree` });
    else {
      const group = byFile.get(item.file) ?? { category: item.category, entries: [] };
      group.entries.push(item.entry);
      byFile.set(item.file, group);
      existing.add(item.entry.id);
    }
  }
  const previous = new Map<string, string | undefined>();
  try {
    for (const [file, { category, entries }] of byFile) {
      const path = join(dictionariesDir, file);
      const before = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
      previous.set(path, before);
      const doc = parseDocument(
        before ??
          `# チームの修正から学んだ表現（ondo learn apply が追記します。消しても構いません）\ncategory: ${category}\ndescription: 担当者の修正から見つかった表現\nentries: []\n`,
      );
      for (const entry of entries) {
        doc.addIn(['entries'], doc.createNode(entry));
        result.added.push({ file, id: entry.id });
      }
      // Without padding, as the dictionaries are written ([a, b]): apply adds lines and changes none.
      writeFileSync(path, doc.toString({ lineWidth: 0, flowCollectionPadding: false }));
    }
    result.dictionaryVersion = loadDictionaries(dictionariesDir).version; // a broken result throws: put the files back
  } catch (err) {
    for (const [path, text] of previous) {
      if (text !== undefined) writeFileSync(path, text);
      else if (existsSync(path)) unlinkSync(path);
    }
    throw err;
  }
  return result;
}
