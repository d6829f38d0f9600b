/**
 * Reads a regular expression's source for words every match must contain: one of a few literals
 * (「ご確認|確認」 from (?:ご確認|確認)いただけ…), so an entry whose literals are nowhere in a sentence
 * need not be run on it. Anything it does not follow (a back-reference, an unknown escape) only
 * makes it require nothing, so it never drops a match (test/drafting/lint/phrase-matching.test.ts).
 */

/**
 * What a piece of a pattern can match: `exact` every string it matches, when they are few; `required`
 * strings one of which is in every match, or undefined when nothing is known to be.
 */
interface Literals {
  readonly exact?: readonly string[];
  readonly required?: readonly string[];
}

/** More strings than this are not spelled out (a class of many characters, long products). */
const MAX_STRINGS = 64;
/** An alternation's branches may each require their own strings: the automaton holds many. */
const MAX_REQUIRED = 512;

const NOTHING: Literals = {};
const EMPTY: Literals = { exact: [''] };
const char = (c: string): Literals => ({ exact: [c], required: [c] });

/** Escapes that stand for one character each (outside classes, without the u flag). */
const CONTROL: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', '0': '\0' };

/**
 * Literals one of which every non-empty match of `source` contains, shortest and fewest chosen;
 * undefined when the pattern promises none (such an entry is run on every sentence).
 */
export function requiredLiterals(source: string): string[] | undefined {
  const parser = new PatternReader(source);
  let read: Literals;
  try {
    read = parser.alternation();
  } catch {
    return undefined;
  }
  const found = parser.done() ? requiredOf(read) : undefined;
  return found && minimal(found);
}

/** Where the strings hold one another, the shorter is enough (確認 is in every ご確認). */
function minimal(strings: readonly string[]): string[] {
  const unique = [...new Set(strings)].sort((a, b) => a.length - b.length);
  return unique.filter((s, i) => !unique.slice(0, i).some((shorter) => s.includes(shorter)));
}

/** The strings one of which is in every match, from `exact` where that has no empty string. */
function requiredOf(literals: Literals): readonly string[] | undefined {
  if (literals.required) return literals.required;
  return literals.exact && !literals.exact.includes('') ? literals.exact : undefined;
}

/** Better: longer shortest string, then fewer strings. */
function better(a: readonly string[] | undefined, b: readonly string[] | undefined): readonly string[] | undefined {
  if (!a?.length || a.includes('')) return b;
  if (!b?.length || b.includes('')) return a;
  const shortest = (s: readonly string[]) => Math.min(...s.map((x) => x.length));
  if (shortest(a) !== shortest(b)) return shortest(a) > shortest(b) ? a : b;
  return a.length <= b.length ? a : b;
}

function product(a: readonly string[], b: readonly string[]): string[] | undefined {
  if (a.length * b.length > MAX_STRINGS) return undefined;
  return a.flatMap((x) => b.map((y) => x + y));
}

function union(parts: readonly (readonly string[] | undefined)[], limit = MAX_STRINGS): string[] | undefined {
  if (parts.some((p) => p === undefined)) return undefined;
  const all = [...new Set(parts.flat() as string[])];
  return all.length > limit ? undefined : all;
}

/** One piece after another: the whole when its strings are few, else the best of its pieces and runs of exact pieces. */
function sequence(pieces: readonly Literals[]): Literals {
  let best: readonly string[] | undefined;
  let run: readonly string[] = [''];
  let whole: readonly string[] | undefined = [''];
  for (const piece of pieces) {
    best = better(best, requiredOf(piece));
    whole = whole && piece.exact ? product(whole, piece.exact) : undefined;
    if (!piece.exact) {
      run = [''];
      continue;
    }
    // Too many strings: the run starts again at this piece.
    run = product(run, piece.exact) ?? piece.exact;
    best = better(best, run);
  }
  return { ...(whole && { exact: whole }), ...(best && { required: best }) };
}

function repeated(atom: Literals, min: number, max: number): Literals {
  if (min === 0) {
    const exact = max === 1 && atom.exact ? union([atom.exact, ['']]) : undefined;
    return exact ? { exact } : NOTHING;
  }
  if (min === 1 && max === 1) return atom;
  // At least once: what one match of the atom requires is there.
  const required = requiredOf(atom);
  return required ? { required } : NOTHING;
}

/** A recursive-descent reader of the regular expressions lint entries use (no u flag). */
class PatternReader {
  private at = 0;
  constructor(private readonly source: string) {}

  done(): boolean {
    return this.at >= this.source.length;
  }

  alternation(): Literals {
    const branches = [this.sequence()];
    while (this.source[this.at] === '|') {
      this.at++;
      branches.push(this.sequence());
    }
    if (branches.length === 1) return branches[0]!;
    const exact = union(branches.map((b) => b.exact));
    const required = union(branches.map(requiredOf), MAX_REQUIRED);
    return { ...(exact && { exact }), ...(required && !required.includes('') && { required }) };
  }

  private sequence(): Literals {
    const pieces: Literals[] = [];
    while (!this.done() && this.source[this.at] !== '|' && this.source[this.at] !== ')') pieces.push(this.quantified(this.atom()));
    return sequence(pieces);
  }

  private quantified(atom: Literals): Literals {
    const rest = this.source.slice(this.at);
    const braces = /^\{(\d+)(?:(,)(\d*))?\}/.exec(rest);
    let min: number;
    let max: number;
    if (rest[0] === '*' || rest[0] === '+' || rest[0] === '?') {
      [min, max] = rest[0] === '*' ? [0, Infinity] : rest[0] === '+' ? [1, Infinity] : [0, 1];
      this.at++;
    } else if (braces) {
      min = Number(braces[1]);
      max = braces[2] ? (braces[3] ? Number(braces[3]) : Infinity) : min;
      this.at += braces[0].length;
    } else {
      return atom;
    }
    if (this.source[this.at] === '?') this.at++; // lazy
    return repeated(atom, min, max);
  }

  private atom(): Literals {
    const c = this.source[this.at++]!;
    if (c === '^' || c === '$') return EMPTY;
    if (c === '.') return NOTHING;
    if (c === '[') return this.characterClass();
    if (c === '(') return this.group();
    if (c === '\\') return this.escape();
    return char(c);
  }

  private group(): Literals {
    const lookaround = /^\?(?:=|!|<=|<!)/.exec(this.source.slice(this.at));
    const named = /^\?<[A-Za-z_$][\w$]*>/.exec(this.source.slice(this.at));
    if (lookaround) this.at += lookaround[0].length;
    else if (named) this.at += named[0].length;
    else if (this.source.startsWith('?:', this.at)) this.at += 2;
    const inner = this.alternation();
    if (this.source[this.at] !== ')') throw new SyntaxError(`unclosed group in ${this.source}`);
    this.at++;
    // A look-around matches no characters of its own.
    return lookaround ? EMPTY : inner;
  }

  private escape(): Literals {
    const c = this.source[this.at++];
    if (c === undefined) return NOTHING;
    if (c === 'b' || c === 'B') return EMPTY;
    if (c in CONTROL) return char(CONTROL[c]!);
    const hex =
      c === 'u'
        ? /^[0-9a-fA-F]{4}/.exec(this.source.slice(this.at))
        : c === 'x'
          ? /^[0-9a-fA-F]{2}/.exec(this.source.slice(this.at))
          : null;
    if (hex) {
      this.at += hex[0].length;
      return char(String.fromCharCode(parseInt(hex[0], 16)));
    }
    // Classes (\d, \s, \w), back-references, \k<name>, \p…: nothing known.
    if (/[A-Za-z0-9]/.test(c)) return NOTHING;
    return char(c);
  }

  /** [abc] as its few characters; a negated class, a range or an escape inside as nothing known. */
  private characterClass(): Literals {
    const close = /^(\^?)((?:\\.|[^\]\\])*)\]/.exec(this.source.slice(this.at));
    if (!close) throw new SyntaxError(`unclosed class in ${this.source}`);
    this.at += close[0].length;
    const [, negated, body] = close;
    if (negated || !body || /[\\-]/.test(body) || body.length > MAX_STRINGS) return NOTHING;
    const chars = [...new Set(body.split(''))];
    return { exact: chars, required: chars };
  }
}
