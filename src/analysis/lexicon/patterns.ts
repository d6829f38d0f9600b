/**
 * Expands a dictionary pattern into the token sequences it stands for:
 * 「返信 (が|も) ある」 → two sequences; 「ご? 連絡」 → with and without ご;
 * 「(途絶える|音信 不通)」 → an alternative may itself be several tokens;
 * 「まだ … ない」 → parts joined by a gap of a few tokens within one sentence (splitAtGaps).
 */

/** Upper bound on expansions of one pattern: alternatives multiply, and a typo must not explode. */
const MAX_EXPANSIONS = 4096;

export class PatternError extends Error {}

export function expandPattern(pattern: string): string[][] {
  let sequences: string[][] = [[]];
  for (const options of splitSlots(pattern.trim()).map(expandSlot)) {
    const next: string[][] = [];
    for (const sequence of sequences) {
      for (const option of options) next.push([...sequence, ...option]);
    }
    if (next.length > MAX_EXPANSIONS) {
      throw new PatternError(`pattern expands to more than ${MAX_EXPANSIONS} sequences`);
    }
    sequences = next;
  }
  if (sequences.some((s) => s.length === 0)) throw new PatternError('pattern has no required token');
  return sequences;
}

/** A gap slot: 「…」 (up to DEFAULT_GAP tokens) or 「…12」 (up to 12, at most MAX_GAP). */
const GAP_SLOT = /^…(\d+)?$/u;
export const DEFAULT_GAP = 8;
export const MAX_GAP = 30;

/** A pattern cut at its gaps: parts[k] and parts[k + 1] may be up to gaps[k] tokens apart. */
export interface GappedPattern {
  parts: string[][][];
  gaps: number[];
  /** The pattern starts with 「^」: its first token must open a sentence. */
  opensSentence: boolean;
}

/**
 * Cuts a pattern at its gap slots and expands each part: 「まだ …6 (ない|ぬ)」 → parts [[まだ]], [[ない], [ぬ]]
 * with a gap of up to 6 tokens. A pattern without a gap is one part. A gap may not open or close a
 * pattern, nor follow another gap: a part must anchor each side. A leading 「^」 anchors the pattern at
 * a sentence's opening (「^ に も かかわる ぬ」: 「にもかかわらず、」 answering the sentence before).
 */
export function splitAtGaps(pattern: string): GappedPattern {
  const parts: string[][] = [[]];
  const gaps: number[] = [];
  const slots = splitSlots(pattern.trim());
  const opensSentence = slots[0] === '^';
  for (const slot of opensSentence ? slots.slice(1) : slots) {
    const gap = GAP_SLOT.exec(slot);
    if (!gap) {
      parts[parts.length - 1]!.push(slot);
      continue;
    }
    const size = gap[1] === undefined ? DEFAULT_GAP : Number(gap[1]);
    if (size < 1 || size > MAX_GAP) throw new PatternError(`a gap spans 1 to ${MAX_GAP} tokens: ${slot}`);
    if (parts[parts.length - 1]!.length === 0) throw new PatternError(`a gap needs a token before it: ${slot}`);
    gaps.push(size);
    parts.push([]);
  }
  if (parts[parts.length - 1]!.length === 0) throw new PatternError('a gap needs a token after it');
  return { parts: parts.map((part) => expandPattern(part.join(' '))), gaps, opensSentence };
}

/** Splits at spaces outside parentheses: 「返信 (が|も) ある」 → 返信, (が|も), ある. */
function splitSlots(pattern: string): string[] {
  const slots: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of pattern) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth < 0) throw new PatternError(`unbalanced alternative in ${pattern}`);
    if (/\s/.test(ch) && depth === 0) {
      if (current) slots.push(current);
      current = '';
    } else current += ch;
  }
  if (depth !== 0) throw new PatternError(`unbalanced alternative in ${current}`);
  if (current) slots.push(current);
  return slots;
}

/** One slot: `word`, `word?` (optional), `(a|b c)` or `(a|b c)?`; each option is a token list. */
function expandSlot(slot: string): string[][] {
  const optional = slot.length > 1 && slot.endsWith('?');
  const body = optional ? slot.slice(0, -1) : slot;
  let options: string[][];
  if (body.startsWith('(') && body.endsWith(')')) {
    const inner = body.slice(1, -1);
    if (/[()]/.test(inner)) throw new PatternError(`nested alternatives are not supported: ${slot}`);
    options = inner.split('|').map((o) => o.trim().split(/\s+/).filter(Boolean));
    if (options.some((o) => o.length === 0)) throw new PatternError(`empty alternative in ${slot}`);
  } else if (/[()|]/.test(body)) {
    throw new PatternError(`unbalanced alternative in ${slot}`);
  } else {
    options = [[body]];
  }
  return optional ? [...options, []] : options;
}
