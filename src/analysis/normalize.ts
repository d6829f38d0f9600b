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
const isKana = (unit: number): boolean => (unit >= 0x3041 && unit <= 0x309f) || (unit >= 0x30a1 && unit <= 0x30ff);
/** Marks that combine with the character before them: NFKC must see them together (ｶﾞ → ガ). */
const isCombining = (unit: number): boolean =>
  (unit >= 0x0300 && unit <= 0x036f) ||
  unit === 0x3099 ||
  unit === 0x309a ||
  unit === 0xff9e ||
  unit === 0xff9f ||
  (unit >= 0x20d0 && unit <= 0x20ff) ||
  (unit >= 0xfe00 && unit <= 0xfe0f);

/** NFKC of single UTF-16 units, filled as they are met: normalize() on every character was most of the cost. */
const NFKC_OF_UNIT: (string | undefined)[] = new Array(0x10000);
const nfkcOfUnit = (unit: number): string => (NFKC_OF_UNIT[unit] ??= String.fromCharCode(unit).normalize('NFKC'));

export function normalizeText(original: string): NormalizedText {
  let text = '';
  let starts: Int32Array = new Int32Array(original.length + 16);
  let ends: Int32Array = new Int32Array(original.length + 16);
  let length = 0;
  let previous = '';

  // One cluster at a time: a code point and the combining marks after it.
  for (let from = 0; from < original.length;) {
    let to = from + 1;
    const first = original.charCodeAt(from);
    if (first >= 0xd800 && first <= 0xdbff && to < original.length) {
      const next = original.charCodeAt(to);
      if (next >= 0xdc00 && next <= 0xdfff) to++;
    }
    while (to < original.length && isCombining(original.charCodeAt(to))) to++;
    let normalized = to === from + 1 ? nfkcOfUnit(first) : original.slice(from, to).normalize('NFKC');
    if (LONG_VOWEL_VARIANTS.has(normalized) && isKana(previous.charCodeAt(previous.length - 1))) normalized = 'ー';

    if (normalized.length === 1 && normalized === previous && COLLAPSIBLE.has(normalized)) {
      // Extend the previous unit's origin over the whole run.
      ends[length - 1] = to;
      from = to;
      continue;
    }
    if (length + normalized.length > starts.length) {
      const grown = Math.max(2 * starts.length, length + normalized.length);
      starts = grow(starts, grown);
      ends = grow(ends, grown);
    }
    for (let i = 0; i < normalized.length; i++, length++) {
      starts[length] = from;
      ends[length] = to;
    }
    text += normalized;
    previous = normalized;
    from = to;
  }
  return {
    text,
    originStart: starts.slice(0, length),
    originEnd: ends.slice(0, length),
    originalLength: original.length,
  };
}

function grow(units: Int32Array, length: number): Int32Array {
  const grown = new Int32Array(length);
  grown.set(units);
  return grown;
}

/** Maps a normalised range [start, end) back to the original text. */
export function toOriginalRange(norm: NormalizedText, start: number, end: number): [number, number] {
  if (end <= start) {
    const at = start < norm.originStart.length ? norm.originStart[start]! : norm.originalLength;
    return [at, at];
  }
  return [norm.originStart[start]!, norm.originEnd[end - 1]!];
}
