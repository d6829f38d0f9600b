/**
 * The tokenizer seam: everything else imports Token and Tokenizer from here, so the engine
 * behind it (kuromoji as shipped, or a faster lattice builder) can be swapped in one place.
 */
import type { IpadicFeatures, Tokenizer as KuromojiTokenizer } from 'kuromoji';
import { fastKuromojiTokenizer } from './fast-tokenizer.js';
import { buildKuromoji, kuromojiTokenizer } from './kuromoji.js';
import type { Tokenizer } from './token.js';

export type { Token, Tokenizer } from './token.js';

/**
 * 'fast' (the default): kuromoji 0.1.2's tokens from a linear-time lattice builder, with the
 * documented differences in fast-tokenizer.ts (sentences cut beyond 2,000 characters, and after
 * emoji runs); 'kuromoji': kuromoji as shipped, the benchmark's reference.
 */
export type TokenizerEngine = 'fast' | 'kuromoji';

/** Loads the tokenizer asynchronously; call once per process (or worker thread) at start-up. */
export async function loadTokenizer(engine: TokenizerEngine = 'fast'): Promise<Tokenizer> {
  return tokenizerFor(engine, await buildKuromoji());
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
