/**
 * The tokenizer seam: everything else imports Token and Tokenizer from here, so the engine
 * behind it (kuromoji as shipped, or a faster lattice builder) can be swapped in one place.
 */
import { fastKuromojiTokenizer } from './fast-tokenizer.js';
import { buildKuromoji, kuromojiTokenizer } from './kuromoji.js';
import type { Tokenizer } from './token.js';

export type { Token, Tokenizer } from './token.js';

/**
 * 'fast': kuromoji 0.1.2's tokens from a linear-time lattice builder (see fast-tokenizer.ts for the
 * two documented differences); 'kuromoji': kuromoji as shipped, the benchmark's reference.
 */
export type TokenizerEngine = 'fast' | 'kuromoji';

/** Loads the tokenizer asynchronously; call once per process (or worker thread) at start-up. */
export async function loadTokenizer(engine: TokenizerEngine = 'fast'): Promise<Tokenizer> {
  switch (engine) {
    case 'fast':
      return fastKuromojiTokenizer(await buildKuromoji());
    case 'kuromoji':
      return kuromojiTokenizer(await buildKuromoji());
  }
}
