import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisEngine } from '../../src/analysis/analyze.js';
import { compileLexicon } from '../../src/analysis/lexicon/compile.js';
import { PatternError, splitAtGaps } from '../../src/analysis/lexicon/patterns.js';
import type { CategorizedEntry } from '../../src/analysis/lexicon/schema.js';
import { findMatches, prepareText } from '../../src/analysis/match.js';
import { sharedEngine } from '../support/engine.js';

let engine: AnalysisEngine;
beforeAll(async () => {
  engine = await sharedEngine();
});

/** The ids of the test entries found in `text`, with a lexicon of just these entries (and the negators). */
function found(entries: ReadonlyArray<Partial<CategorizedEntry> & { id: string; pattern: string }>, text: string): string[] {
  const { config, lexicon } = engine.dictionaries;
  const negators = lexicon.entries.filter((e) => e.role === 'negator');
  const own = entries.map((e) => ({ match: 'lemma' as const, weight: 20, note: 'test', category: 'anger', source: 'test', ...e }));
  const compiled = compileLexicon([...negators, ...own], config);
  return findMatches(prepareText(text, engine.tokenizer), compiled, config).matches.map((m) => m.entry.id);
}

describe('splitAtGaps', () => {
  it('cuts a pattern into parts and gaps (「…」 up to 8 tokens, 「…12」 up to 12)', () => {
    expect(splitAtGaps('まだ … (ない|ぬ)')).toEqual({ parts: [[['まだ']], [['ない'], ['ぬ']]], gaps: [8], opensSentence: false });
    expect(splitAtGaps('^ に も …12 ない').gaps).toEqual([12]);
    expect(splitAtGaps('^ に も').opensSentence).toBe(true);
  });

  it('refuses a gap at either end, two gaps in a row, and a gap over the bound', () => {
    for (const pattern of ['… ない', 'まだ …', 'まだ … … ない', 'まだ …31 ない', 'まだ …0 ない']) {
      expect(() => splitAtGaps(pattern), pattern).toThrow(PatternError);
    }
  });
});

describe('gapped patterns', () => {
  const stillNot = { id: 'test.still-not', pattern: 'まだ …6 (ない|ぬ|ん)', polarity: 'any' as const };

  it('joins the parts across a gap within one sentence', () => {
    expect(found([stillNot], '注文した商品がまだ手元に届いておりません。')).toEqual(['test.still-not']);
  });

  it('does not join parts across a sentence end or beyond the gap', () => {
    expect(found([stillNot], 'まだ使い始めたばかりです。特に問題はありません。')).toEqual([]);
    expect(found([stillNot], 'まだ小さい子どもが二人いて平日の昼間にお店へ行く時間はありません。')).toEqual([]);
  });

  it('keeps an affirmative entry out of a gap that holds a negation', () => {
    const ownPart = { id: 'test.own-part', pattern: '私 は ちゃんと …8 た' };
    expect(found([ownPart], '私はちゃんと書類を送りました。')).toEqual(['test.own-part']);
    expect(found([ownPart], '私はちゃんと説明を読んでいませんでした。')).toEqual([]);
  });

  it('anchors 「^」 at a sentence opening, after a line break or blanks too', () => {
    const despite = { id: 'test.despite', pattern: '^ に も かかわる ぬ', polarity: 'any' as const };
    expect(found([despite], '確認済みです。\n　にもかかわらず、また届きました。')).toEqual(['test.despite']);
    expect(found([despite], 'お忙しい時期にもかかわらず、ありがとうございました。')).toEqual([]);
  });

  it('reads a conditional as written: 「た」 is not 「たら」, 「だ」 is not 「なら」', () => {
    const past = { id: 'test.past', pattern: '届く た' };
    const conditional = { id: 'test.conditional', pattern: '届く たら' };
    expect(found([past, conditional], '商品が届いたらすぐに使います。')).toEqual(['test.conditional']);
    expect(found([past, conditional], '商品が届いた。')).toEqual(['test.past']);
  });
});
