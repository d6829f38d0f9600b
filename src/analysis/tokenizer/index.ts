/**
 * The tokenizer seam: everything else imports Token and Tokenizer from here, so the engine
 * behind it (kuromoji as shipped, or a faster lattice builder) can be swapped in one place.
 */
import { buildKuromoji, kuromojiTokenizer } from './kuromoji.js';
import type { Tokenizer } from './token.js';

export type { Token, Tokenizer } from './token.js';

export type TokenizerEngine = 'kuromoji';

/** Loads the tokenizer asynchronously; call once per process (or worker thread) at start-up. */
export async function loadTokenizer(engine: TokenizerEngine = 'kuromoji'): Promise<Tokenizer> {
  switch (engine) {
    case 'kuromoji':
      return kuromojiTokenizer(await buildKuromoji());
  }
}
