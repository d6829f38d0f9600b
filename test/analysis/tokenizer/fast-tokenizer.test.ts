import type { IpadicFeatures, Tokenizer as KuromojiTokenizer } from 'kuromoji';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus } from '../../../bench/corpus.js';
import { createFastTokenization, DEFAULT_MAX_SENTENCE, forEachSentence } from '../../../src/analysis/tokenizer/fast-tokenizer.js';
import { tokenizerFor } from '../../../src/analysis/tokenizer/index.js';
import { buildKuromoji } from '../../../src/analysis/tokenizer/kuromoji.js';

let kuromoji: KuromojiTokenizer<IpadicFeatures>;
beforeAll(async () => {
  kuromoji = await buildKuromoji();
});

const pieces = (text: string, maxSentence = DEFAULT_MAX_SENTENCE): string[] => {
  const out: string[] = [];
  forEachSentence(text, { maxSentence }, (start, end) => out.push(text.slice(start, end)));
  return out;
};
/** A casual run with no 、。: support-mail phrases and the separators given. */
const run = (length: number, separator: string): string => {
  const phrases = ['まだ届かないんだけど', 'どうなってるの', '昨日からずっとエラー出てる', 'iPhone15で開けない', 'ログインできない😡'];
  let text = '';
  for (let i = 0; text.length < length; i++) text += phrases[i % phrases.length]! + separator;
  return text.slice(0, length);
};

describe('forEachSentence', () => {
  it("splits where kuromoji's splitByPunctuation does: after every 、 and 。", () => {
    expect(pieces('お世話になっております。注文の件、まだ届きません！！\n返信ください')).toEqual([
      'お世話になっております。',
      '注文の件、',
      'まだ届きません！！\n返信ください',
    ]);
  });

  it('cuts a run longer than 2,000 characters right after a line break', () => {
    const parts = pieces(run(5000, '\n'));
    expect(parts.join('')).toBe(run(5000, '\n'));
    for (const part of parts.slice(0, -1)) {
      expect(part.length).toBeLessThanOrEqual(2000);
      expect(part.endsWith('\n')).toBe(true);
    }
  });

  it('cuts after a space when the run has no line break', () => {
    const parts = pieces(run(5000, ' '));
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts.slice(0, -1)) expect(part.endsWith(' ')).toBe(true);
  });

  it('cuts at a change of script when the run has neither', () => {
    const parts = pieces(run(5000, ''));
    const script = (ch: string): string =>
      ['Hiragana', 'Katakana', 'Han', 'Latin'].find((name) => new RegExp(`\\p{Script=${name}}`, 'u').test(ch)) ??
      (/[0-9]/.test(ch) ? 'Latin' : 'other');
    expect(parts.length).toBeGreaterThan(2);
    for (const [i, part] of parts.slice(0, -1).entries()) {
      expect(part.length).toBeLessThanOrEqual(2000);
      expect(script(part.at(-1)!)).not.toBe(script(parts[i + 1]!.at(0)!));
    }
  });

  it('never cuts between the halves of a surrogate pair', () => {
    const parts = pieces('😡'.repeat(3001));
    expect(parts.join('')).toBe('😡'.repeat(3001));
    for (const part of parts) expect(part).toMatch(/^(?:😡)+$/u);
  });

  it('ends a sentence after a run of two or more emoji when asked to (endAfterEmojiRuns)', () => {
    const text = '助けて😭😭😭返信がありません🙏です';
    expect(pieces(text)).toEqual([text]);
    const parts: string[] = [];
    forEachSentence(text, { endAfterEmojiRuns: true }, (start, end) => parts.push(text.slice(start, end)));
    expect(parts).toEqual(['助けて😭😭😭', '返信がありません🙏です']);
  });

  it('drops U+0000 and lone high surrogates, on which kuromoji throws, and keeps the rest', () => {
    expect(pieces('届いて\0いません\uD83D。よろしく')).toEqual(['届いて', 'いません', '。', 'よろしく']);
  });
});

describe('the fast tokenizer', () => {
  it('tokenizes whole generated mails exactly as kuromoji does (no sentence reaches the cap)', () => {
    const tokenize = createFastTokenization(kuromoji);
    for (const mail of buildCorpus(100, 5)) {
      expect(tokenize(mail.body).features).toEqual(kuromoji.tokenize(mail.body));
    }
  });

  it('gives the uncapped tokens except next to the cuts of a 20,000-character run', () => {
    const text = run(20_000, '');
    const cuts: number[] = [];
    forEachSentence(text, {}, (_, end) => cuts.push(end));
    const signatures = (tokenize: ReturnType<typeof createFastTokenization>): Map<string, [number, number]> => {
      const { features, starts } = tokenize(text);
      return new Map(
        features.map((f, i) => [
          `${starts[i]}:${f.surface_form}:${f.pos}:${f.basic_form}`,
          [starts[i]!, starts[i]! + f.surface_form.length],
        ]),
      );
    };
    const capped = signatures(createFastTokenization(kuromoji));
    const uncapped = signatures(createFastTokenization(kuromoji, { maxSentence: Infinity }));
    const differing = [...capped].filter(([key]) => !uncapped.has(key)).concat([...uncapped].filter(([key]) => !capped.has(key)));
    const nearACut = ([, [start, end]]: [string, [number, number]]): boolean => cuts.some((cut) => cut >= start - 8 && cut <= end + 8);
    expect(differing.filter((token) => !nearACut(token))).toEqual([]);
  });

  it('tokenizes a 100,000-character mail without 、。 into tokens that cover it', () => {
    const text = run(100_000, '');
    const tokens = tokenizerFor('fast', kuromoji).tokenize(text);
    expect(tokens.map((t) => t.surface).join('')).toBe(text);
  });
});

describe('the fast tokenizer with endAfterEmojiRuns', () => {
  it('keeps the words kuromoji drops after an emoji run', () => {
    const text = '😭😭😭返信がありません';
    expect(kuromoji.tokenize(text).map((t) => t.surface_form)).toEqual(['😭😭😭', 'あり', 'ませ', 'ん']);
    const tokens = createFastTokenization(kuromoji, { endAfterEmojiRuns: true })(text).features;
    expect(tokens.map((t) => t.surface_form)).toEqual(['😭😭😭', '返信', 'が', 'あり', 'ませ', 'ん']);
  });
});

describe('tokenizerFor', () => {
  it('names the engine behind the seam', () => {
    expect(tokenizerFor('fast', kuromoji).engine).toBe('kuromoji-0.1.2+fast-lattice+emoji-runs');
    expect(tokenizerFor('kuromoji', kuromoji).engine).toBe('kuromoji-0.1.2');
  });
});
