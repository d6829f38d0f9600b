/**
 * ondo's default tokenizer engine: kuromoji 0.1.2's analysis with the fast lattice builder, one
 * sentence at a time, with exact offsets and a bounded sentence length.
 *
 * Sentences are kuromoji's own (text up to and including each 、 or 。), so tokens are kuromoji's,
 * with two documented exceptions:
 *  - a sentence longer than `maxSentence` UTF-16 units (2,000 by default; only runs without 、。,
 *    such as pasted logs or HTML flattened to one line) is cut into pieces of at most that length
 *    at the best break near the end of each piece: after a line break, else after a space, else
 *    after ！？!?, else at a change of script (kana, kanji, Latin and digits, other), else anywhere
 *    outside a surrogate pair. Tokens can differ from kuromoji's only next to those cuts. The cap
 *    keeps each lattice (about 1 KB per character) small, so the cost per character stays flat
 *    however long the run.
 *  - kuromoji throws on U+0000 and on a lone high surrogate; here they end a sentence and get no
 *    token.
 * An opt-in third (SentenceOptions.endAfterEmojiRuns) stops kuromoji's emoji-run quirk from
 * dropping text.
 */
import type { IpadicFeatures, Tokenizer as KuromojiTokenizer } from 'kuromoji';
import { toToken } from './kuromoji.js';
import { withFastLattice, INSTALLED_KUROMOJI_VERSION, type FastKuromoji, type ViterbiNode } from './fast-lattice.js';
import type { Tokenizer } from './token.js';

/** Sentences longer than this (UTF-16 units, with no 、。 inside) are cut; see the module comment. */
export const DEFAULT_MAX_SENTENCE = 2000;

/** kuromoji's sentence ends (、。) and the characters it cannot tokenize (U+0000, lone high surrogates). */
const SENTENCE_END_OR_UNTOKENIZABLE = /[、。]|\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])/g;
/** The same, plus runs of two or more astral characters (see SentenceOptions.endAfterEmojiRuns). */
const SENTENCE_END_UNTOKENIZABLE_OR_EMOJI_RUN = /[、。]|\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[\uD800-\uDBFF][\uDC00-\uDFFF]){2,}/g;

export interface SentenceOptions {
  /** See DEFAULT_MAX_SENTENCE; Infinity turns the cap off (kuromoji's sentences exactly). */
  maxSentence?: number;
  /**
   * kuromoji 0.1.2 can drop the text after a run of two or more astral characters (the emoji-run
   * quirk in fast-lattice.ts: 「😭😭😭返信がありません」 → 😭😭😭 | あり | ませ | ん). True ends a
   * sentence after each such run, so nothing is dropped; tokens then differ from kuromoji's right
   * after those runs. Off by default: the default engine is token-identical to kuromoji.
   */
  endAfterEmojiRuns?: boolean;
}

/**
 * Calls `visit(start, end)` for each non-empty piece of `text` to tokenize on its own, in order:
 * kuromoji's sentences, split around untokenizable characters, long ones cut at `maxSentence`.
 */
export function forEachSentence(text: string, options: SentenceOptions, visit: (start: number, end: number) => void): void {
  const maxSentence = options.maxSentence ?? DEFAULT_MAX_SENTENCE;
  const visitCapped = (start: number, end: number): void => {
    while (end - start > maxSentence) {
      const cut = bestBreak(text, start, start + maxSentence);
      visit(start, cut);
      start = cut;
    }
    if (start < end) visit(start, end);
  };
  let start = 0;
  for (const { 0: found, index: at } of text.matchAll(
    options.endAfterEmojiRuns ? SENTENCE_END_UNTOKENIZABLE_OR_EMOJI_RUN : SENTENCE_END_OR_UNTOKENIZABLE,
  )) {
    if (found === '、' || found === '。' || found.length > 1) {
      visitCapped(start, at + found.length); // the sentence ends after 、, 。 or an emoji run
    } else {
      visitCapped(start, at); // U+0000 or a lone high surrogate: left out
    }
    start = at + found.length;
  }
  visitCapped(start, text.length);
}

const isLineBreak = (c: number): boolean => c === 0x0a || c === 0x0d;
const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0;
const isSentenceMark = (c: number): boolean => c === 0xff01 || c === 0xff1f || c === 0x21 || c === 0x3f;

/** A coarse script for choosing cuts: hiragana, katakana, kanji, Latin/digits, other. */
function scriptOf(c: number): number {
  if (c >= 0x3041 && c <= 0x309f) return 1;
  if ((c >= 0x30a0 && c <= 0x30ff) || (c >= 0xff66 && c <= 0xff9f)) return 2;
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || c === 0x3005) return 3;
  if ((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || (c >= 0xff10 && c <= 0xff5a)) return 4;
  return 0;
}

/** Where to end a piece that starts at `start` and may not pass `limit`: the last good break in its second half. */
function bestBreak(text: string, start: number, limit: number): number {
  const floor = start + Math.floor((limit - start) / 2);
  for (const after of [isLineBreak, isSpace, isSentenceMark]) {
    for (let i = limit - 1; i >= floor; i--) if (after(text.charCodeAt(i))) return i + 1;
  }
  for (let i = limit - 1; i > floor; i--) {
    const here = text.charCodeAt(i);
    if (here >= 0xdc00 && here <= 0xdfff) continue; // never between the halves of a surrogate pair
    if (scriptOf(text.charCodeAt(i - 1)) !== scriptOf(here)) return i;
  }
  const last = text.charCodeAt(limit - 1);
  return last >= 0xd800 && last <= 0xdbff ? limit - 1 : limit;
}

/** kuromoji's features with each token's 0-based UTF-16 start in the text. */
export interface TokenizedText {
  features: IpadicFeatures[];
  starts: number[];
}

export interface FastTokenizerOptions extends SentenceOptions {
  /** The kuromoji version to check against the pin (tests inject another). */
  kuromojiVersion?: string;
}

/**
 * Tokenizes like kuromoji's Tokenizer.tokenize (same features, same word_position, which chains
 * from the previous sentence's last token as kuromoji's does) and records where each token starts.
 * Starts come from lattice positions, not from adding up surfaces: kuromoji can skip text after a
 * run of emoji (see fast-lattice.ts), and the tokens after it must still point at their own text.
 */
export function createFastTokenization(
  kuromoji: KuromojiTokenizer<IpadicFeatures>,
  options: FastTokenizerOptions = {},
): (text: string) => TokenizedText {
  const fast: FastKuromoji = withFastLattice(kuromoji, options.kuromojiVersion ?? INSTALLED_KUROMOJI_VERSION);
  const builder = fast.viterbi_builder;
  // Split feature lines per dictionary entry, cached: kuromoji decodes them from UTF-8 per token.
  // The formatter copies fields out of the array, so sharing one array per entry is safe.
  const known = new Map<number, string[]>();
  const unknown = new Map<number, string[]>();
  const featuresOf = (node: ViterbiNode): string[] => {
    const cache = node.type === 'KNOWN' ? known : unknown;
    let features = cache.get(node.name);
    if (features === undefined) {
      const dictionary = node.type === 'KNOWN' ? fast.token_info_dictionary : fast.unknown_dictionary;
      const line = dictionary.getFeatures(node.name);
      features = line == null ? [] : line.split(',');
      if (cache.size < 100_000) cache.set(node.name, features);
    }
    return features;
  };

  return (text) => {
    const features: IpadicFeatures[] = [];
    const starts: number[] = [];
    let lastPosition = 0;
    forEachSentence(text, options, (start, end) => {
      const path = fast.viterbi_searcher.search(builder.build(text.slice(start, end)));
      for (const node of path) {
        // Tokenizer.tokenizeForSentence, with cached features (BOS/EOS never reach a path).
        const position = lastPosition + node.start_pos;
        features.push(
          node.type === 'KNOWN'
            ? fast.formatter.formatEntry(node.name, position, node.type, featuresOf(node))
            : fast.formatter.formatUnknownEntry(node.name, position, node.type, featuresOf(node), node.surface_form),
        );
        starts.push(start + builder.unitOffset(node.start_pos - 1));
      }
      if (path.length > 0) lastPosition = features[features.length - 1]!.word_position;
    });
    return { features, starts };
  };
}

/** The seam's Tokenizer over createFastTokenization. */
export function fastKuromojiTokenizer(kuromoji: KuromojiTokenizer<IpadicFeatures>, options: FastTokenizerOptions = {}): Tokenizer {
  const tokenize = createFastTokenization(kuromoji, options);
  return {
    engine: options.endAfterEmojiRuns ? 'kuromoji-0.1.2+fast-lattice+emoji-runs' : 'kuromoji-0.1.2+fast-lattice',
    tokenize(text) {
      const { features, starts } = tokenize(text);
      return features.map((f, i) => toToken(f, starts[i]!, text.length));
    },
  };
}
