import type { IpadicFeatures, Tokenizer as KuromojiTokenizer } from 'kuromoji';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus, seededRandom } from '../../../bench/corpus.js';
import { assertPinnedKuromoji, INSTALLED_KUROMOJI_VERSION, withFastLattice } from '../../../src/analysis/tokenizer/fast-lattice.js';
import { createFastTokenization, fastKuromojiTokenizer } from '../../../src/analysis/tokenizer/fast-tokenizer.js';
import { buildKuromoji } from '../../../src/analysis/tokenizer/kuromoji.js';

// One dictionary load serves kuromoji as shipped and the replacement (they share the dictionaries).
let kuromoji: KuromojiTokenizer<IpadicFeatures>;
beforeAll(async () => {
  kuromoji = await buildKuromoji();
});

// ---- generated text: deterministic, support-mail-like, plus the inputs that break tokenizers ----
const random = seededRandom(0x0d0);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

const PHRASES = [
  'お世話になっております',
  '注文した商品がまだ届いていません',
  '返信がありません',
  'どういうことでしょうか',
  '許せん',
  'ふざけんな',
  'ムカつく',
  '怒られた',
  '怒っていません',
  '納得いたしかねます',
  '三度目のご連絡となります',
  '至急ご対応ください',
  'よろしくお願いいたします',
  'ありがとうございました',
  '解約したいのですが',
  'ログインできない',
  '返金してほしい',
  '大変申し訳ございません',
  '確認いたします',
  'いつまで待たせるんですか',
  'もういいです',
  'まじで無理',
  '自分のミスでした',
  '素晴らしい対応ですね',
  'すみませーん',
  'まだですか〜〜',
  'はやくしろよ',
  '添付ファイルをご確認ください',
  '山田様',
];
const EMOJI = ['😡', '🙏', '👍🏻', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇯🇵', '1️⃣', '❤️', '☺', '✨', '🙇‍♀️', '🤬', '💢', '🥺', '😂', '𠮷'];
const WIDTHS = [
  'ｶﾀｶﾅ',
  'ﾃﾞｰﾀ',
  'ｱﾘｶﾞﾄｳｺﾞｻﾞｲﾏｽ',
  '１２３４',
  '2024',
  '３月１５日',
  'No.123',
  'ABC-１２３',
  'iPhone 15',
  'Ｗｉｎｄｏｗｓ',
  '¥12,800',
  '100%',
  '½',
  'support@example.com',
  'https://example.com/a?b=1',
];
const SYMBOLS = [
  '「',
  '」',
  '（',
  '）',
  '【',
  '】',
  '…',
  '・',
  '〜',
  'ー',
  '！',
  '？',
  '!',
  '?',
  '　',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '※',
  '→',
  '☆',
  '♪',
  '＠',
  '#',
  '<br>',
  '---',
  '> ',
  '、',
  '。',
];
const CODE_POINT_RANGES: [number, number][] = [
  [0x01, 0x7e],
  [0xa0, 0x24f],
  [0x370, 0x3ff],
  [0x400, 0x4ff],
  [0x3040, 0x30ff],
  [0x4e00, 0x9fff],
  [0xac00, 0xd7a3],
  [0xff00, 0xffef],
  [0x2000, 0x2bff],
  [0xe000, 0xf8ff],
  [0x1f300, 0x1faff],
  [0x20000, 0x2a6df],
  [0xdc00, 0xdfff],
];
const randomCharacter = (): string => {
  const [low, high] = pick(CODE_POINT_RANGES);
  return String.fromCodePoint(between(low, high));
};

type Part = () => string;
const phrase: Part = () => pick(PHRASES);
const emojiRun: Part = () => Array.from({ length: between(1, 4) }, () => pick(EMOJI)).join('');
const width: Part = () => pick(WIDTHS);
const symbol: Part = () => pick(SYMBOLS);
const unicode: Part = () => Array.from({ length: between(1, 6) }, randomCharacter).join('');
const sameCharacterRun: Part = () =>
  (random() < 0.5 ? pick(['w', 'ｗ', 'ー', '！', '1', 'あ', '😡']) : randomCharacter()).repeat(between(2, 40));
const compose = (parts: Part[], count: number): string => Array.from({ length: count }, () => pick(parts)()).join('');

/** A run without 、。 of about `length` characters (below the fast tokenizer's cap). */
const longRun = (length: number): string => {
  let text = '';
  while (text.length < length) text += pick([phrase, phrase, width, emojiRun, symbol])().replace(/[、。]/g, '');
  return text.slice(0, length).replace(/[\uD800-\uDBFF]$/, '');
};

interface Case {
  kind: string;
  text: string;
}
const generated = (kind: string, count: number, make: () => string): Case[] =>
  Array.from({ length: count }, () => ({ kind, text: make() }));

const CASES: Case[] = [
  ...generated(
    'support-mail sentence',
    3000,
    () => compose([phrase, phrase, phrase, width, symbol], between(1, 8)) + pick(['。', '！', '？', '', '\n']),
  ),
  ...generated('emoji and ZWJ sequences', 2000, () => compose([phrase, emojiRun, emojiRun, symbol], between(1, 8))),
  ...generated('half-width kana, digits, Latin', 1500, () => compose([phrase, width, width, symbol], between(1, 8))),
  ...generated('symbols and whitespace', 1000, () => compose([symbol, symbol, phrase, sameCharacterRun], between(1, 10))),
  ...generated('random Unicode', 2000, () => compose([unicode, unicode, sameCharacterRun, phrase, emojiRun], between(1, 6))),
  ...generated('long run without 、。', 60, () => longRun(between(200, 1900))),
  ...buildCorpus(150, 11).map((mail) => ({ kind: 'whole mail', text: `${mail.subject}\n${mail.body}` })),
];

/** Texts kuromoji 0.1.2 throws on: a U+0000 or a lone high surrogate somewhere. */
const UNTOKENIZABLE: Case[] = generated('untokenizable', 200, () => {
  const text = compose([phrase, emojiRun, width], between(1, 5));
  const at = between(0, text.length);
  const safeAt = /[\uDC00-\uDFFF]/.test(text[at] ?? '') ? at + 1 : at;
  return text.slice(0, safeAt) + pick(['\0', '\uD83D', '\uDBFF']) + text.slice(safeAt);
});

const sentenceCount = (text: string): number => text.split(/(?<=[、。])/).filter(Boolean).length;
const firstDifference = (a: IpadicFeatures[], b: IpadicFeatures[]): string => {
  const i = a.findIndex((token, k) => JSON.stringify(token) !== JSON.stringify(b[k]));
  return `token ${i < 0 ? a.length : i}: kuromoji ${JSON.stringify(a[i] ?? a.length)} vs fast ${JSON.stringify(b[i] ?? b.length)}`;
};
const threw = (run: () => unknown): unknown => {
  try {
    run();
    return undefined;
  } catch (error) {
    return error;
  }
};

describe('the fast lattice builder', () => {
  it('is checked against more than 10,000 generated sentences', () => {
    expect(CASES.reduce((sum, c) => sum + sentenceCount(c.text), 0)).toBeGreaterThan(10_000);
  });

  it("gives kuromoji 0.1.2's tokens, every feature field, for every generated text", () => {
    const fast = withFastLattice(kuromoji);
    const fastTokenization = createFastTokenization(kuromoji, { maxSentence: Infinity });
    const mismatches: string[] = [];
    for (const { kind, text } of CASES) {
      const expected = kuromoji.tokenize(text);
      const json = JSON.stringify(expected);
      // Both ways in: kuromoji's own tokenize() over the replaced builder, and ondo's sentence loop.
      const viaKuromoji = fast.tokenize(text);
      const viaOndo = fastTokenization(text).features;
      if (JSON.stringify(viaKuromoji) !== json)
        mismatches.push(`${kind} ${JSON.stringify(text)} (tokenize): ${firstDifference(expected, viaKuromoji)}`);
      if (JSON.stringify(viaOndo) !== json)
        mismatches.push(`${kind} ${JSON.stringify(text)} (sentence loop): ${firstDifference(expected, viaOndo)}`);
      if (mismatches.length >= 5) break;
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('keeps the emoji-run quirk: two astral characters swallow the text after them', () => {
    const fast = withFastLattice(kuromoji);
    expect(kuromoji.tokenize('😡😡aいい').map((t) => t.surface_form)).toEqual(['😡😡', 'い']);
    expect(fast.tokenize('😡😡aいい')).toEqual(kuromoji.tokenize('😡😡aいい'));
  });

  it('throws where kuromoji throws: on U+0000 and on a lone high surrogate', () => {
    const fast = withFastLattice(kuromoji);
    for (const { text } of UNTOKENIZABLE) {
      expect(
        threw(() => kuromoji.tokenize(text)),
        JSON.stringify(text),
      ).toBeInstanceOf(TypeError);
      expect(
        threw(() => fast.tokenize(text)),
        JSON.stringify(text),
      ).toBeInstanceOf(TypeError);
    }
  });

  it('leaves the kuromoji tokenizer it was built from as shipped', () => {
    const builder = (kuromoji as unknown as { viterbi_builder: object }).viterbi_builder;
    withFastLattice(kuromoji);
    expect((kuromoji as unknown as { viterbi_builder: object }).viterbi_builder).toBe(builder);
    expect(builder.constructor.name).toBe('ViterbiBuilder');
  });
});

describe('the kuromoji version pin', () => {
  it('accepts the installed kuromoji, 0.1.2', () => {
    expect(INSTALLED_KUROMOJI_VERSION).toBe('0.1.2');
    expect(() => assertPinnedKuromoji()).not.toThrow();
  });

  it('refuses to install over any other kuromoji version', () => {
    expect(() => withFastLattice(kuromoji, '0.1.3')).toThrow(/replicates kuromoji 0\.1\.2 exactly, but kuromoji 0\.1\.3 is installed/);
    expect(() => fastKuromojiTokenizer(kuromoji, { kuromojiVersion: '1.0.0' })).toThrow(/kuromoji 1\.0\.0 is installed/);
  });
});

describe('token offsets from the fast tokenizer', () => {
  it('point every token at its own text, as 0-based UTF-16 [start, end)', () => {
    const tokenizer = fastKuromojiTokenizer(kuromoji);
    const wrong: string[] = [];
    for (const { kind, text } of [...CASES, ...UNTOKENIZABLE]) {
      let previousEnd = 0;
      for (const token of tokenizer.tokenize(text)) {
        if (text.slice(token.start, token.end) !== token.surface || token.start < previousEnd) {
          wrong.push(`${kind} ${JSON.stringify(text)}: ${JSON.stringify(token)}`);
          break;
        }
        previousEnd = token.end;
      }
      if (wrong.length >= 5) break;
    }
    expect(wrong).toEqual([]);
  });

  it('cover the whole of every generated text when endAfterEmojiRuns is on', () => {
    const tokenizer = fastKuromojiTokenizer(kuromoji, { endAfterEmojiRuns: true });
    const uncovered = CASES.filter(
      ({ text }) =>
        tokenizer
          .tokenize(text)
          .map((t) => t.surface)
          .join('') !== text,
    );
    expect(uncovered.slice(0, 5)).toEqual([]);
  });

  it('count UTF-16 units after emoji, where kuromoji word_position counts code points', () => {
    const text = 'お世話になります😡注文が届きません👨‍👩‍👧です';
    const tokens = fastKuromojiTokenizer(kuromoji).tokenize(text);
    const order = tokens.find((t) => t.surface === '注文')!;
    expect(order.start).toBe(text.indexOf('注文'));
    expect(tokens.find((t) => t.surface === 'です')!.start).toBe(text.indexOf('です'));
    expect(tokens.map((t) => t.surface).join('')).toBe(text);
  });

  it('still point at their own text after the emoji-run quirk skipped some', () => {
    const text = '😡😡aいい、問題です';
    const tokens = fastKuromojiTokenizer(kuromoji).tokenize(text);
    expect(tokens.map((t) => [t.surface, t.start])).toEqual([
      ['😡😡', 0],
      ['い', 6],
      ['、', 7],
      ['問題', 8],
      ['です', 10],
    ]);
  });
});
