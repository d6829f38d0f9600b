import { readFileSync } from 'node:fs';
import type { IpadicFeatures, Tokenizer as KuromojiTokenizer } from 'kuromoji';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus } from '../../../bench/corpus.js';
import { tokenizerFor, type Tokenizer } from '../../../src/analysis/tokenizer/index.js';
import { buildKuromoji } from '../../../src/analysis/tokenizer/kuromoji.js';
import { withSentenceMemo } from '../../../src/analysis/tokenizer/sentence-memo.js';

let kuromoji: KuromojiTokenizer<IpadicFeatures>;
beforeAll(async () => {
  kuromoji = await buildKuromoji();
});

const UNBOUNDED = { maxSentences: 1e9, maxChars: 1e9, maxSentenceLength: 1e9 };

/** Labelled replies (agents' and ondo's wording) and generated mails: emoji runs, half-width kana, quotes, long lines. */
const texts = (): string[] => [
  ...readFileSync(new URL('../../fixtures/replies.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { reply: string }).reply),
  ...buildCorpus(150).map((mail) => mail.body),
  '',
  '。、。、',
  'お世話になっております。お世話になっております。',
  '😭😭😭返信がありません。😭😭😭返信がありません。',
  'まだ\0届きません、\uD800まだです。',
  'ログインできない😡'.repeat(400),
  'お問い合わせありがとうございます。\r\n\r\nご不便をおかけし、申し訳ございません。',
];

describe('withSentenceMemo', () => {
  // Raw kuromoji tokenizes every text four times here: ≈ 8 s on a quiet machine, 53 s at load average 26.
  it.each(['fast', 'kuromoji'] as const)(
    'gives the %s engine’s tokens, read once and read again from the memo',
    { timeout: 180_000 },
    (engine) => {
      const tokenizer: Tokenizer = tokenizerFor(engine, kuromoji);
      const memo = withSentenceMemo(tokenizer, UNBOUNDED);
      for (const round of [1, 2]) {
        // kuromoji as shipped throws on U+0000 and a lone high surrogate (fast-tokenizer.ts): not for it.
        for (const text of texts().filter((t) => engine === 'fast' || !/\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])/u.test(t)))
          expect(memo.tokenize(text), `round ${round}: ${text.slice(0, 40)}`).toEqual(tokenizer.tokenize(text));
      }
      expect(memo.stats().hits).toBeGreaterThan(memo.stats().misses);
    },
  );

  it('keeps no more pieces and characters than its limits, dropping the least recently used first', () => {
    const memo = withSentenceMemo(tokenizerFor('fast', kuromoji), { maxSentences: 3, maxChars: 40, maxSentenceLength: 20 });
    memo.tokenize('お世話になっております。ご連絡ありがとうございます。');
    memo.tokenize('お世話になっております。'); // used again: now the most recent
    memo.tokenize('確認いたします。よろしくお願いいたします。');
    const { sentences, chars } = memo.stats();
    expect(sentences).toBeLessThanOrEqual(3);
    expect(chars).toBeLessThanOrEqual(40);
    const { hits } = memo.stats();
    memo.tokenize('お世話になっております。');
    expect(memo.stats().hits).toBe(hits + 1);
    memo.tokenize('ご連絡ありがとうございます。');
    expect(memo.stats().hits).toBe(hits + 1);
  });

  it('tokenizes a piece longer than maxSentenceLength without keeping it', () => {
    const memo = withSentenceMemo(tokenizerFor('fast', kuromoji), { maxSentences: 10, maxChars: 1000, maxSentenceLength: 5 });
    memo.tokenize('お世話になっております。');
    expect(memo.stats()).toMatchObject({ sentences: 0, chars: 0 });
  });
});
