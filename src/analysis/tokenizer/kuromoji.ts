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
 * Converts kuromoji features to Tokens. kuromoji's word_position is 1-based and counts code
 * points, not UTF-16 units, so after an emoji it drifts from the JS index: this is the one place
 * where it is turned into 0-based UTF-16 [start, end).
 */
export function toTokens(text: string, features: readonly IpadicFeatures[]): Token[] {
  const unitOffset = codePointToUnitOffsets(text);
  return features.map((f) => {
    const start = unitOffset ? (unitOffset[f.word_position - 1] ?? text.length) : f.word_position - 1;
    return {
      surface: f.surface_form,
      lemma: f.basic_form === '*' ? f.surface_form : f.basic_form,
      pos: f.pos,
      posDetail: f.pos_detail_1,
      start,
      end: start + f.surface_form.length,
    };
  });
}

/** Maps code-point index → UTF-16 index; undefined when the text has no surrogate pairs. */
function codePointToUnitOffsets(text: string): Int32Array | undefined {
  if (!/[\uD800-\uDBFF]/.test(text)) return undefined;
  const offsets = new Int32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    offsets[cp++] = i;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  offsets[cp] = text.length;
  return offsets.subarray(0, cp + 1);
}

export function kuromojiTokenizer(inner: KuromojiTokenizer<IpadicFeatures>): Tokenizer {
  return {
    engine: 'kuromoji-0.1.2',
    tokenize: (text) => toTokens(text, inner.tokenize(text)),
  };
}
