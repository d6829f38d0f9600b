/**
 * Which lint phrase entries can match a text: every entry's required literals (required-literals.ts)
 * go into one automaton over characters, the tone manual's token automaton with a character as the
 * token, so one pass over a sentence tells which entries' regular expressions are worth running.
 */
import { TokenAutomaton } from '../../analysis/lexicon/token-automaton.js';
import { requiredLiterals } from './required-literals.js';

/** Literals are cut to this many characters: a prefix of a required literal is required too. */
const LITERAL_LENGTH = 8;
/** Texts whose candidates are kept: a reply's sentences and rewrites, asked of set after set. */
const REMEMBERED_TEXTS = 512;

export class LiteralFilter {
  private readonly automaton = new TokenAutomaton();
  /** Entries with no literal found in their pattern: run on every text. */
  private readonly always: Uint8Array;
  private readonly remembered = new Map<string, Uint8Array>();

  /** `sources[i]`: entry i's regular expression source. Keys are UTF-16 code units, as the scan reads them. */
  constructor(sources: readonly string[]) {
    this.always = new Uint8Array(sources.length);
    sources.forEach((source, entry) => {
      const literals = requiredLiterals(source);
      if (!literals) this.always[entry] = 1;
      for (const literal of new Set(literals?.map((l) => l.slice(0, LITERAL_LENGTH)))) this.automaton.add(literal.split(''), entry);
    });
    this.automaton.seal();
  }

  /**
   * 1 for each entry that may match `text`, 0 for those that cannot: one pass over the text, remembered
   * for the next sets asked of the same text. The flags are shared: read them, never write them.
   */
  candidates(text: string): Uint8Array {
    let found = this.remembered.get(text);
    if (found) return found;
    found = this.always.slice();
    const flags = found;
    this.automaton.scan(
      text.length,
      (i) => text[i]!,
      (entry) => (flags[entry] = 1),
    );
    if (this.remembered.size >= REMEMBERED_TEXTS) this.remembered.clear();
    this.remembered.set(text, found);
    return found;
  }
}
