import { describe, expect, it } from 'vitest';
import { loadDictionaries } from '../../src/analysis/lexicon/load.js';
import type { CategorizedEntry } from '../../src/analysis/lexicon/schema.js';
import { Scorer, compileVariant, withEntries, type LabelledText } from '../../src/feedback/suggest/scorer.js';
import { sharedTokenizer } from '../support/engine.js';

const slow: LabelledText = { id: 'kame', body: 'いつものカメ対応ですね。カメ対応にも程があります。', level: 'angry' };
const kame: CategorizedEntry = {
  id: 'learned.anger.test-kame',
  pattern: 'カメ 対応',
  match: 'lemma',
  weight: 40,
  polarity: 'any',
  category: 'anger',
  note: 'テスト用: のろい対応への苛立ち',
  source: 'tone/learned-anger.yaml',
};

describe('Scorer', () => {
  it(
    'keeps what a mail reads as per dictionaries version: a variant reads it anew, the unchanged dictionaries as before',
    { timeout: 120_000 },
    async () => {
      const scorer = new Scorer(await sharedTokenizer());
      const base = loadDictionaries();
      const variant = withEntries(base, [kame]);
      const before = scorer.level(slow, base);
      expect(scorer.level(slow, variant)).not.toBe(before);
      // Another load of the same files is the same version, read from what was kept.
      expect(scorer.level(slow, loadDictionaries())).toBe(before);
      expect(scorer.level(slow, base)).toBe(before);
      expect(scorer.level(slow, variant)).toBe(scorer.tone(slow, variant).level);
    },
  );

  it(
    'reads an entry at another weight as a compile of its own would, on the automata of its first weight',
    { timeout: 120_000 },
    async () => {
      const scorer = new Scorer(await sharedTokenizer());
      const base = loadDictionaries();
      const first = withEntries(base, [kame]);
      const angers = new Set<number>();
      for (const weight of [5, 15, 60]) {
        const shared = withEntries(base, [{ ...kame, weight }]);
        const alone = compileVariant(base, [{ ...kame, weight }]);
        expect(shared.lexicon.byLemma).toBe(first.lexicon.byLemma);
        expect(shared.version).toBe(alone.version);
        expect(shared.lexicon.entries).toEqual(alone.lexicon.entries);
        expect(shared.lexicon.regexEntries).toEqual(alone.lexicon.regexEntries);
        const tone = scorer.tone(slow, shared);
        expect(tone).toEqual(scorer.tone(slow, alone));
        angers.add(tone.anger);
      }
      // The weight reaches the score: each variant reads the mail differently.
      expect(angers.size).toBe(3);
    },
  );
});
