/** Loads kuromoji with its bundled IPADIC and adapts its output to ondo's Token shape. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import kuromoji, { type IpadicFeatures, type Tokenizer as KuromojiTokenizer } from 'kuromoji';
import type { Token, Tokenizer } from './token.js';

const require = createRequire(import.meta.url);

/** The IPADIC shipped inside the kuromoji package. */
export const KUROMOJI_DIC_PATH = join(dirname(require.resolve('kuromoji/package.json')), 'dict');

/** Builds kuromoji's own tokenizer (about 1.5 s and 360 MB: do it once per process or worker). */
export function buildKuromoji(dicPath = KUROMOJI_DIC_PATH): Promise<KuromojiTokenizer<IpadicFeatures>> {
  return new Promise((resolve, reject) => {
    kuromoji.builder({ dicPath }).build((err, tokenizer) => (err ? reject(err) : resolve(tokenizer)));
  });
}

/**
 * Converts kuromoji features to Tokens with 0-based UTF-16 [start, end) offsets into `text`.
 * kuromoji's word_position is 1-based and counts code points, so it is mapped to UTF-16 here, the
 * one place offsets are made. (Surfaces alone are not enough: after a run of emoji kuromoji 0.1.2
 * can skip text, and later tokens must still point at their own characters.)
 */
export function toTokens(text: string, features: readonly IpadicFeatures[]): Token[] {
  const unitOf = codePointToUnit(text);
  return features.map((f) => toToken(f, unitOf[f.word_position - 1] ?? text.length, text.length));
}

/** One kuromoji token at a known UTF-16 start. */
export function toToken(f: IpadicFeatures, start: number, textLength: number): Token {
  return {
    surface: f.surface_form,
    lemma: f.basic_form === '*' ? f.surface_form : f.basic_form,
    pos: f.pos,
    posDetail: f.pos_detail_1,
    start,
    end: Math.min(textLength, start + f.surface_form.length),
  };
}

/** UTF-16 index of each code point (and one past the end). */
function codePointToUnit(text: string): Int32Array {
  const units = new Int32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++, cp++) {
    units[cp] = i;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  units[cp] = text.length;
  return units.subarray(0, cp + 1);
}

export function kuromojiTokenizer(inner: KuromojiTokenizer<IpadicFeatures>): Tokenizer {
  return {
    engine: 'kuromoji-0.1.2',
    tokenize: (text) => toTokens(text, inner.tokenize(text)),
  };
}
