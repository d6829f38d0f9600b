import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisEngine } from '../../src/analysis/analyze.js';
import { checkLexiconExamples } from '../../src/analysis/lexicon/examples.js';
import { sharedEngine } from '../support/engine.js';

let engine: AnalysisEngine;
beforeAll(async () => {
  engine = await sharedEngine();
});

/** Every dictionary entry carries its own examples; each runs through the real tokenizer here. */
describe('dictionary examples', () => {
  it('match where they say they match and not where they say they do not', () => {
    const { checked, failures } = checkLexiconExamples(engine.dictionaries, engine.tokenizer);
    expect(checked).toBeGreaterThan(300);
    expect(
      failures.map((f) => `${f.entry.source} ${f.entry.id}: ${f.kind === 'match' ? 'should match' : 'should not match'} 「${f.text}」`),
    ).toEqual([]);
  });
});
