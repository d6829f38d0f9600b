/**
 * A tokenizer that remembers the tokens of the sentences it saw last, for text that repeats itself
 * sentence by sentence (ondo's drafts are 84–91% template sentences). Both engines tokenize each
 * piece up to and including a 、 or 。 on its own (kuromoji splits there; fast-tokenizer.ts's other
 * cuts all fall inside such a piece), so a piece's tokens are the same wherever it stands, shifted.
 * Bounded: least recently used pieces go first once there are more than `maxSentences` or their
 * text passes `maxChars` UTF-16 units; a piece longer than `maxSentenceLength` is never kept.
 */
import type { Token, Tokenizer } from './token.js';

export interface SentenceMemoLimits {
  maxSentences: number;
  maxChars: number;
  maxSentenceLength: number;
}

export interface SentenceMemoTokenizer extends Tokenizer {
  /** What the memo holds now, and how often it answered: for the benchmark and the tests. */
  stats(): { sentences: number; chars: number; hits: number; misses: number };
}

const PIECE_END = /[、。]/gu;

export function withSentenceMemo(inner: Tokenizer, limits: SentenceMemoLimits): SentenceMemoTokenizer {
  // A Map iterates in insertion order: a hit is moved to the end, so the first key is the least recently used.
  const memo = new Map<string, readonly Token[]>();
  let chars = 0;
  let hits = 0;
  let misses = 0;

  const tokensOf = (piece: string): readonly Token[] => {
    const known = memo.get(piece);
    if (known !== undefined) {
      hits++;
      memo.delete(piece);
      memo.set(piece, known);
      return known;
    }
    misses++;
    const tokens = inner.tokenize(piece);
    if (piece.length > limits.maxSentenceLength) return tokens;
    memo.set(piece, tokens);
    chars += piece.length;
    for (const [oldest] of memo) {
      if (memo.size <= limits.maxSentences && chars <= limits.maxChars) break;
      memo.delete(oldest);
      chars -= oldest.length;
    }
    return tokens;
  };

  return {
    engine: inner.engine,
    tokenize(text) {
      const tokens: Token[] = [];
      let start = 0;
      const add = (end: number) => {
        if (end === start) return;
        for (const t of tokensOf(text.slice(start, end))) tokens.push({ ...t, start: t.start + start, end: t.end + start });
        start = end;
      };
      for (const m of text.matchAll(PIECE_END)) add(m.index + 1);
      add(text.length);
      return tokens;
    },
    stats: () => ({ sentences: memo.size, chars, hits, misses }),
  };
}
