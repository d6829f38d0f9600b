import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisEngine } from '../../src/analysis/analyze.js';
import { findMatches, prepareText } from '../../src/analysis/match.js';
import { sharedEngine } from '../support/engine.js';

let engine: AnalysisEngine;
beforeAll(async () => {
  engine = await sharedEngine();
});

/** Every dictionary entry carries its own examples; each runs through the real tokenizer here. */
describe('dictionary examples', () => {
  it('match where they say they match and not where they say they do not', () => {
    const { lexicon, config } = engine.dictionaries;
    const failures: string[] = [];
    let checked = 0;
    for (const entry of lexicon.entries) {
      if (entry.role === 'negator') continue;
      const hits = (text: string) =>
        findMatches(prepareText(text, engine.tokenizer), lexicon, config).matches.some((m) => m.entry.id === entry.id);
      for (const text of entry.examples?.match ?? []) {
        checked++;
        if (!hits(text)) failures.push(`${entry.source} ${entry.id}: should match 「${text}」`);
      }
      for (const text of entry.examples?.noMatch ?? []) {
        checked++;
        if (hits(text)) failures.push(`${entry.source} ${entry.id}: should not match 「${text}」`);
      }
    }
    expect(checked).toBeGreaterThan(300);
    expect(failures).toEqual([]);
  });
});
