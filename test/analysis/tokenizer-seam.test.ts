import { describe, expect, it } from 'vitest';
import { sharedTokenizer } from '../support/engine.js';

describe('tokenizer seam', () => {
  it('gives 0-based UTF-16 offsets that slice back to each surface, across emoji', async () => {
    const tokenizer = await sharedTokenizer();
    const text = 'お世話になります😡注文した商品が届きません。👨‍👩‍👧至急！';
    const tokens = tokenizer.tokenize(text);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.surface);
    expect(tokens.at(-1)!.end).toBe(text.length);
  });

  it('uses the surface as lemma when the dictionary has none', async () => {
    const tokenizer = await sharedTokenizer();
    const [muka] = tokenizer.tokenize('ムカつく');
    expect(muka).toMatchObject({ surface: 'ムカ', lemma: 'ムカ', pos: '名詞' });
  });

  it('reports lemma, part of speech and sub-category', async () => {
    const tokenizer = await sharedTokenizer();
    const tokens = tokenizer.tokenize('怒っていません');
    expect(tokens.map((t) => [t.lemma, t.pos, t.posDetail])).toEqual([
      ['怒る', '動詞', '自立'],
      ['て', '助詞', '接続助詞'],
      ['いる', '動詞', '非自立'],
      ['ます', '助動詞', '*'],
      ['ん', '助動詞', '*'],
    ]);
  });
});

describe('kuromoji engine offsets', () => {
  it('point at each token own text even after an emoji run kuromoji mis-measures', async () => {
    const { buildKuromoji } = await import('../../src/analysis/tokenizer/kuromoji.js');
    const { tokenizerFor } = await import('../../src/analysis/tokenizer/index.js');
    const reference = tokenizerFor('kuromoji', await buildKuromoji());
    const text = '😡😡aいい、問題です';
    const tokens = reference.tokenize(text);
    const mondai = tokens.find((t) => t.surface === '問題')!;
    expect(text.slice(mondai.start, mondai.end)).toBe('問題');
  });
});
