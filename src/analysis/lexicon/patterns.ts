/** Expands a dictionary pattern (「返信 (が|も) ある」, 「ご? 連絡」) into the token sequences it stands for. */

/** Upper bound on expansions of one pattern: alternatives multiply, and a typo must not explode. */
const MAX_EXPANSIONS = 1024;

export class PatternError extends Error {}

export function expandPattern(pattern: string): string[][] {
  const slots = pattern.trim().split(/\s+/).map(expandSlot);
  let sequences: string[][] = [[]];
  for (const options of slots) {
    const next: string[][] = [];
    for (const sequence of sequences) {
      for (const option of options) next.push(option === '' ? sequence : [...sequence, option]);
    }
    if (next.length > MAX_EXPANSIONS) {
      throw new PatternError(`pattern expands to more than ${MAX_EXPANSIONS} sequences`);
    }
    sequences = next;
  }
  if (sequences.some((s) => s.length === 0)) throw new PatternError('pattern has no required token');
  return sequences;
}

/** One space-separated slot: `word`, `word?` (optional), `(a|b)` or `(a|b)?`. */
function expandSlot(slot: string): string[] {
  const optional = slot.length > 1 && slot.endsWith('?');
  const body = optional ? slot.slice(0, -1) : slot;
  let options: string[];
  if (body.startsWith('(') && body.endsWith(')')) {
    options = body.slice(1, -1).split('|');
    if (options.some((o) => o === '')) throw new PatternError(`empty alternative in ${slot}`);
  } else if (/[()|]/.test(body)) {
    throw new PatternError(`unbalanced alternative in ${slot}`);
  } else {
    options = [body];
  }
  return optional ? [...options, ''] : options;
}
