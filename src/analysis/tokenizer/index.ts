/**
 * The tokenizer seam: everything else imports Token and Tokenizer from here, so the engine
 * behind it (kuromoji as shipped, or a faster lattice builder) can be swapped in one place.
 */
import type { IpadicFeatures, Tokenizer as KuromojiTokenizer } from 'kuromoji';
import { fastKuromojiTokenizer } from './fast-tokenizer.js';
import { kuromojiTokenizer } from './kuromoji.js';
import { kuromojiFromShared, sharedKuromojiDictionary, type SharedKuromojiDictionary } from './shared-dictionary.js';
import type { Tokenizer } from './token.js';

export type { Token, Tokenizer } from './token.js';
export { sharedKuromojiDictionary, type SharedKuromojiDictionary } from './shared-dictionary.js';

/**
 * 'fast' (the default): kuromoji 0.1.2's tokens from a linear-time lattice builder, with the
 * documented differences in fast-tokenizer.ts (sentences cut beyond 2,000 characters, and after
 * emoji runs); 'kuromoji': kuromoji as shipped, the benchmark's reference.
 */
export type TokenizerEngine = 'fast' | 'kuromoji';

/**
 * Loads the tokenizer over kuromoji's dictionary in shared memory: the one handed in (a pool thread
 * gets its process's), else this process's own, loaded on first use (≈ 1 s) and reused after.
 */
export async function loadTokenizer(engine: TokenizerEngine = 'fast', shared?: SharedKuromojiDictionary): Promise<Tokenizer> {
  return tokenizerFor(engine, kuromojiFromShared(shared ?? (await sharedKuromojiDictionary())));
}

/** The engine over an already loaded kuromoji (both engines can share one dictionary load). */
export function tokenizerFor(engine: TokenizerEngine, kuromoji: KuromojiTokenizer<IpadicFeatures>): Tokenizer {
  switch (engine) {
    case 'fast':
      // kuromoji 0.1.2 lets a run of two or more emoji swallow the text after it (「😭😭😭返信が
      // ありません」 loses 「返信が」), which would hide the very complaint ondo looks for. Ending a
      // sentence after such a run keeps every character; tokens differ from kuromoji only there.
      return fastKuromojiTokenizer(kuromoji, { endAfterEmojiRuns: true });
    case 'kuromoji':
      return kuromojiTokenizer(kuromoji);
  }
}
