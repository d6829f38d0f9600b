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
