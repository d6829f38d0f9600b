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
 * Converts kuromoji features to Tokens with 0-based UTF-16 [start, end) offsets. kuromoji's own
 * word_position is 1-based and counts code points (it drifts from JS indices after an emoji), so
 * offsets are taken from the surfaces instead: kuromoji's surfaces always concatenate to the input.
 * This is the one place where offsets are made.
 */
export function toTokens(features: readonly IpadicFeatures[]): Token[] {
  let offset = 0;
  return features.map((f) => {
    const start = offset;
    offset += f.surface_form.length;
    return {
      surface: f.surface_form,
      lemma: f.basic_form === '*' ? f.surface_form : f.basic_form,
      pos: f.pos,
      posDetail: f.pos_detail_1,
      start,
      end: offset,
    };
  });
}

export function kuromojiTokenizer(inner: KuromojiTokenizer<IpadicFeatures>): Tokenizer {
  return {
    engine: 'kuromoji-0.1.2',
    tokenize: (text) => toTokens(inner.tokenize(text)),
  };
}
