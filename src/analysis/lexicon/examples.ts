/** Runs every dictionary entry's own examples through the real tokenizer: the spec each entry carries. */
import type { Dictionaries } from './load.js';
import { findMatches, prepareText } from '../match.js';
import type { Tokenizer } from '../tokenizer/index.js';
import type { CompiledEntry } from './compile.js';

export interface ExampleFailure {
  entry: CompiledEntry;
  kind: 'match' | 'noMatch';
  /** Index in examples.match / examples.noMatch. */
  index: number;
  text: string;
}

/** examples.match must each produce a match of their entry; examples.noMatch must not. */
export function checkLexiconExamples(dictionaries: Dictionaries, tokenizer: Tokenizer): { checked: number; failures: ExampleFailure[] } {
  const { lexicon, config } = dictionaries;
  const failures: ExampleFailure[] = [];
  let checked = 0;
  for (const entry of lexicon.entries) {
    if (entry.role === 'negator') continue;
    const keepUnderlay = config.categories[entry.category]?.underlay === true;
    const hits = (text: string) =>
      findMatches(prepareText(text, tokenizer), lexicon, config, { keepUnderlay }).matches.some((m) => m.entry.id === entry.id);
    for (const kind of ['match', 'noMatch'] as const) {
      (entry.examples?.[kind] ?? []).forEach((text, index) => {
        checked++;
        if (hits(text) !== (kind === 'match')) failures.push({ entry, kind, index, text });
      });
    }
  }
  return { checked, failures };
}
