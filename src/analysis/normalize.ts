/**
 * Normalises text before tokenizing (NFKC, one long-vowel mark, collapsed repeated punctuation)
 * while remembering where every normalised character came from in the original text.
 */

export interface NormalizedText {
  /** The text handed to the tokenizer. */
  readonly text: string;
  /** For each normalised UTF-16 unit i: the original range [originStart[i], originEnd[i]). */
  readonly originStart: Int32Array;
  readonly originEnd: Int32Array;
  readonly originalLength: number;
}

/** Long-vowel look-alikes written after kana in casual mail (まだですか〜〜, すみませーん). */
const LONG_VOWEL_VARIANTS = new Set(['ー', '〜', '～', '~', 'ｰ', '－', '-', '—', '―']);
/** Punctuation whose runs are collapsed to one: 「！！！」 tokenizes like 「！」 (the symbol lexicon sees the original). */
const COLLAPSIBLE = new Set(['!', '?', '。', '、', '.', ',', '・', '…', 'ー']);
const KANA = /[\u3041-\u309f\u30a1-\u30ff]/;
/** A base character plus whatever combines with it: NFKC must see them together (ｶﾞ → ガ). */
const CLUSTER = /[\s\S][\u0300-\u036f\u3099\u309a\uff9e\uff9f\u20d0-\u20ff\ufe00-\ufe0f]*/gu;

export function normalizeText(original: string): NormalizedText {
  const parts: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let previous = '';

  for (const match of original.matchAll(CLUSTER)) {
    const cluster = match[0];
    const from = match.index;
    const to = from + cluster.length;
    let normalized = cluster.normalize('NFKC');
    if (LONG_VOWEL_VARIANTS.has(normalized) && KANA.test(previous.slice(-1))) normalized = 'ー';

    if (normalized.length === 1 && normalized === previous && COLLAPSIBLE.has(normalized)) {
      // Extend the previous unit's origin over the whole run.
      ends[ends.length - 1] = to;
      continue;
    }
    for (let i = 0; i < normalized.length; i++) {
      starts.push(from);
      ends.push(to);
    }
    parts.push(normalized);
    previous = normalized;
  }
  return {
    text: parts.join(''),
    originStart: Int32Array.from(starts),
    originEnd: Int32Array.from(ends),
    originalLength: original.length,
  };
}

/** Maps a normalised range [start, end) back to the original text. */
export function toOriginalRange(norm: NormalizedText, start: number, end: number): [number, number] {
  if (end <= start) {
    const at = start < norm.originStart.length ? norm.originStart[start]! : norm.originalLength;
    return [at, at];
  }
  return [norm.originStart[start]!, norm.originEnd[end - 1]!];
}
