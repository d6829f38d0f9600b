/**
 * Expands a dictionary pattern into the token sequences it stands for:
 * 「返信 (が|も) ある」 → two sequences; 「ご? 連絡」 → with and without ご;
 * 「(途絶える|音信 不通)」 → an alternative may itself be several tokens.
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
