import { describe, expect, it } from 'vitest';
import { expandPattern, PatternError } from '../../src/analysis/lexicon/patterns.js';
import { TokenAutomaton } from '../../src/analysis/lexicon/token-automaton.js';

function hits(automaton: TokenAutomaton, keys: string[]) {
  const found: Array<[number, number, number]> = [];
  automaton.scan(
    keys.length,
    (i) => keys[i]!,
    (payload, start, end) => found.push([payload, start, end]),
  );
  return found;
}

describe('TokenAutomaton', () => {
  it('finds [A, B] in "A A B" (retests the current token after a partial match fails)', () => {
    const a = new TokenAutomaton();
    a.add(['A', 'B'], 0);
    a.seal();
    expect(hits(a, ['A', 'A', 'B'])).toEqual([[0, 1, 3]]);
  });

  it('reports overlapping and nested phrases in one pass', () => {
    const a = new TokenAutomaton();
    a.add(['返信', 'が', 'ある'], 0);
    a.add(['が', 'ある'], 1);
    a.add(['ある'], 2);
    a.seal();
    expect(hits(a, ['返信', 'が', 'ある', 'ます'])).toEqual([
      [0, 0, 3],
      [1, 1, 3],
      [2, 2, 3],
    ]);
  });

  it('follows failure links into a longer suffix', () => {
    const a = new TokenAutomaton();
    a.add(['何', '度', 'も'], 0);
    a.add(['度', 'も', '連絡'], 1);
    a.seal();
    expect(hits(a, ['何', '度', 'も', '連絡'])).toEqual([
      [0, 0, 3],
      [1, 1, 4],
    ]);
  });

  it('finds exactly the phrases a brute-force search finds, on random phrases and texts', () => {
    let seed = 20261206;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const word = () => 'ABCDE'[Math.floor(random() * 5)]!;
    const phrases = Array.from({ length: 60 }, () => Array.from({ length: 1 + Math.floor(random() * 4) }, word));
    const a = new TokenAutomaton();
    phrases.forEach((phrase, i) => a.add(phrase, i));
    a.seal();
    for (let round = 0; round < 20; round++) {
      // Z is in no phrase: the scan must start again from the root after it.
      const text = Array.from({ length: 40 }, () => (random() < 0.1 ? 'Z' : word()));
      const expected: Array<[number, number, number]> = [];
      phrases.forEach((phrase, i) => {
        for (let start = 0; start + phrase.length <= text.length; start++) {
          if (phrase.every((key, k) => text[start + k] === key)) expected.push([i, start, start + phrase.length]);
        }
      });
      const byPosition = (x: number[], y: number[]) => x[2]! - y[2]! || x[1]! - y[1]! || x[0]! - y[0]!;
      expect(hits(a, text).sort(byPosition)).toEqual(expected.sort(byPosition));
    }
  });

  it('matches thousands of phrases in time linear in the text', () => {
    const a = new TokenAutomaton();
    for (let i = 0; i < 5000; i++) a.add([`w${i}`, `w${i + 1}`], i);
    a.seal();
    const keys = Array.from({ length: 20000 }, (_, i) => `w${i % 5001}`);
    expect(hits(a, keys).length).toBeGreaterThan(19000);
  });
});

describe('expandPattern', () => {
  it('expands alternatives and optional tokens', () => {
    expect(expandPattern('返信 (が|も) まだ? ある')).toEqual([
      ['返信', 'が', 'まだ', 'ある'],
      ['返信', 'が', 'ある'],
      ['返信', 'も', 'まだ', 'ある'],
      ['返信', 'も', 'ある'],
    ]);
  });

  it('treats a lone ? as a literal token', () => {
    expect(expandPattern('か ?')).toEqual([['か', '?']]);
  });

  it('rejects unbalanced alternatives and all-optional patterns', () => {
    expect(() => expandPattern('返信 (が|も')).toThrow(PatternError);
    expect(() => expandPattern('ご? 連絡?')).toThrow(/no required token/);
  });
});

describe('expandPattern with multi-token alternatives', () => {
  it('lets an alternative be several tokens', () => {
    expect(expandPattern('(途絶える|音信 不通)')).toEqual([['途絶える'], ['音信', '不通']]);
  });

  it('rejects nested alternatives', () => {
    expect(() => expandPattern('((a|b)|c)')).toThrow(PatternError);
  });
});
