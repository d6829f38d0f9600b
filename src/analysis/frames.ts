/**
 * Clause-level polarity: cancels negative matches that sit in a frame where they do not describe
 * the service now — a hypothetical (壊れても), a trouble already resolved (困っていましたが、落ち着きました),
 * or someone else's words and titles in 「」『』. The rules' word lists live in scoring.yaml `frames`.
 */
import { clauseOfToken, quotedTokens, segmentClauses, type Clause } from './clauses.js';
import type { CompiledLexicon } from './lexicon/compile.js';
import { scanNegation, type CancelledMatch, type Match } from './match.js';
import type { ScoringConfig } from './scoring-config.js';
import type { Token } from './tokenizer/index.js';

export type FrameReason = 'hypothetical' | 'resolved' | 'contrast' | 'quoted' | 'self';

export function applyFrames(
  tokens: readonly Token[],
  matches: readonly Match[],
  lexicon: Pick<CompiledLexicon, 'negatorLemmas'>,
  config: ScoringConfig,
  /** The original text, for regex matches (offsets there): only the quotation frame applies to them. */
  original = '',
): { kept: Match[]; cancelled: CancelledMatch[] } {
  const { frames } = config;
  const quotable = (m: Match) => m.tokenStart < 0 && frames.quoted.categories.includes(m.entry.category);
  const framed = (m: Match) =>
    quotable(m) ||
    (m.tokenStart >= 0 &&
      [frames.hypothetical, frames.resolved, frames.quoted, frames.self].some((f) => f.categories.includes(m.entry.category)));
  if (!matches.some(framed)) return { kept: [...matches], cancelled: [] };
  const quotedText = matches.some(quotable) ? quotedChars(original) : undefined;

  const clauses = segmentClauses(tokens);
  const clauseOf = clauseOfToken(clauses, tokens.length);
  const quoted = quotedTokens(tokens);
  const resolved = resolvedClauses(tokens, clauses, lexicon, config);
  const kept: Match[] = [];
  const cancelled: CancelledMatch[] = [];
  for (const m of matches) {
    let why: FrameReason | undefined;
    if (quotable(m)) why = quotedText!.subarray(m.start, m.end).every((q) => q === 1) ? 'quoted' : undefined;
    else if (framed(m)) why = frameOf(m, clauseOf[m.tokenStart]!);
    if (why) cancelled.push({ ...m, why });
    else kept.push(m);
  }
  return { kept, cancelled };

  function frameOf(m: Match, index: number): FrameReason | undefined {
    const { category } = m.entry;
    const clause = clauses[index]!;
    if (frames.quoted.categories.includes(category) && quoted.subarray(m.tokenStart, m.tokenEnd).every((q) => q === 1)) return 'quoted';
    if (frames.resolved.categories.includes(category) && resolved[index]) return resolved[index];
    if (frames.self.categories.includes(category) && isWritersOwn(m, clause)) return 'self';
    // An entry that spans the connective itself (いつまで待てば) was written for that frame.
    if (!frames.hypothetical.categories.includes(category) || m.tokenEnd >= clause.tokenEnd) return undefined;
    // Words negative only when negated (返事がなければ) stay: a condition on a failure is pressure.
    const supposed = hasMarker(clause);
    if ((m.entry.polarity ?? 'affirmative') !== 'affirmative' && !supposed) return undefined;
    if (frames.hypothetical.connectives.includes(clause.end)) return 'hypothetical';
    if (supposed && frames.hypothetical.concessives.includes(clause.end)) return 'hypothetical';
    if (frames.hypothetical.concessives.includes(clause.end) && !nextClauseRefuses(index)) return 'hypothetical';
    return undefined;
  }

  function isWritersOwn(m: Match, clause: Clause): boolean {
    const { symptoms, owners, ownerCategories } = frames.self;
    const after = tokens[m.tokenEnd];
    const before = tokens[m.tokenStart - 1];
    const subject = tokens[m.tokenStart - 2];
    if (after && symptoms.includes(after.lemma)) return true;
    if (subject && symptoms.includes(subject.lemma) && before && ['が', 'は', 'も'].includes(before.lemma)) return true;
    if (!ownerCategories.includes(m.entry.category)) return false;
    for (let i = clause.tokenStart; i + 1 < m.tokenStart; i++) {
      if (owners.includes(tokens[i]!.lemma) && tokens[i + 1]!.lemma === 'の') return true;
    }
    return false;
  }

  function hasMarker(clause: Clause): boolean {
    for (let i = clause.tokenStart; i < clause.tokenEnd; i++) if (frames.hypothetical.markers.includes(tokens[i]!.lemma)) return true;
    return false;
  }

  /** 「待っても 届かない」: the clause after a concessive is negated, so the concessive is a fact. */
  function nextClauseRefuses(index: number): boolean {
    const next = clauses[index + 1];
    if (!next || next.sentence !== clauses[index]!.sentence) return false;
    for (let i = next.tokenStart; i < next.tokenEnd; i++) {
      const t = tokens[i]!;
      if (!lexicon.negatorLemmas.has(t.lemma) || !config.negation.negatorPos.includes(t.pos)) continue;
      const accepted = i > next.tokenStart && frames.hypothetical.acceptance.includes(tokens[i - 1]!.lemma);
      if (!accepted) return true;
    }
    return false;
  }
}

/**
 * Marks the clauses whose trouble the writer says is over: a past clause closed by an adversative
 * connective (〜ていましたが) with relief later in the sentence, and every clause before it; or a past
 * sentence followed by one that opens with a contrast (でも、) and brings relief.
 */
function resolvedClauses(
  tokens: readonly Token[],
  clauses: readonly Clause[],
  lexicon: Pick<CompiledLexicon, 'negatorLemmas'>,
  config: ScoringConfig,
): Array<'resolved' | 'contrast' | undefined> {
  const rule = config.frames.resolved;
  const negatedAt = (i: number): boolean => {
    const scan = scanNegation(tokens, i + 1, lexicon, config);
    return scan !== 'context' && scan.negated;
  };
  const praise = clauses.map((c) => {
    for (let i = c.tokenStart; i < c.tokenEnd; i++) if (rule.praise.includes(tokens[i]!.lemma) && !negatedAt(i)) return true;
    return false;
  });
  const relief = clauses.map((c) => {
    for (let i = c.tokenStart; i < c.tokenEnd; i++) {
      const lemma = tokens[i]!.lemma;
      const asRelief = rule.relief.includes(lemma);
      const asNegatedTrouble = rule.reliefWhenNegated.includes(lemma);
      if (!asRelief && !asNegatedTrouble) continue;
      const negated = negatedAt(i);
      if (asRelief ? !negated : negated) return true;
    }
    return false;
  });
  // Per sentence, in one pass: the last clause with relief, whether any clause is past, the first word.
  const lastRelief = new Map<number, number>();
  const lastPraise = new Map<number, number>();
  const pastSentences = new Set<number>();
  const firstWords = new Map<number, string>();
  clauses.forEach((c, n) => {
    if (relief[n]) lastRelief.set(c.sentence, n);
    if (praise[n]) lastPraise.set(c.sentence, n);
    if (c.past) pastSentences.add(c.sentence);
    if (!firstWords.has(c.sentence)) {
      const word = tokens.slice(c.tokenStart, c.tokenEnd).find((t) => t.pos !== '記号');
      if (word) firstWords.set(c.sentence, word.surface);
    }
  });
  const resolved: Array<'resolved' | 'contrast' | undefined> = clauses.map(() => undefined);
  // Marks clause k and the clauses before it in its sentence; stops at one already marked (linear).
  const resolveBack = (k: number, why: 'resolved' | 'contrast'): void => {
    const sentence = clauses[k]!.sentence;
    for (let j = k; j >= 0 && clauses[j]!.sentence === sentence && !resolved[j]; j--) resolved[j] = why;
  };
  for (let k = clauses.length - 1; k >= 0; k--) {
    const c = clauses[k]!;
    const adversative = rule.connectives.includes(c.end);
    if (adversative && c.past && (lastRelief.get(c.sentence) ?? -1) > k) resolveBack(k, 'resolved');
    else if (adversative && (lastPraise.get(c.sentence) ?? -1) > k) resolveBack(k, 'contrast');
    const next = clauses[k + 1];
    // The last clause of a past sentence, followed by a sentence that opens with a contrast and relief.
    if (!next || next.sentence === c.sentence || !pastSentences.has(c.sentence)) continue;
    const opener = firstWords.get(next.sentence);
    if (opener !== undefined && rule.contrastOpeners.includes(opener) && lastRelief.has(next.sentence)) resolveBack(k, 'resolved');
  }
  return resolved;
}

const OPENERS: Readonly<Record<string, string>> = { '「': '」', '『': '』' };

/** quotedTokens for characters: 1 inside a closed 「」/『』 on one line (for regex matches). */
function quotedChars(text: string): Uint8Array {
  const quoted = new Uint8Array(text.length);
  let open = -1;
  let closer = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (open < 0) {
      if (OPENERS[c] !== undefined) {
        open = i;
        closer = OPENERS[c];
      }
    } else if (c === closer) {
      quoted.fill(1, open + 1, i);
      open = -1;
    } else if (c === '\n') open = -1;
  }
  return quoted;
}
