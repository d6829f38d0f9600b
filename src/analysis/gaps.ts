/**
 * Pattern shapes beyond one run of tokens: parts joined by gaps (「まだ … ない」) and a part that must
 * open a sentence (「^ に も かかわる ぬ」). Part k + 1 must start within the entry's gap after part k
 * ends, in the same sentence and at the same depth of quotation (「何の説明もない「申し訳ございません」」 does
 * not meet 何 の 説明 も … ます ん: the words in 「」 are someone else's; a whole quotation may stand in the gap); for an affirmative entry the gap holds
 * no negation either (「私はちゃんと読んでいませんでした」 does not meet 私 は ちゃんと … た), as a negation after it would cancel it.
 * O(hits × gap) after sorting the hits.
 */
import { holdsSentenceBreak } from './clauses.js';
import { compiledScoring } from './compiled-config.js';
import type { CompiledEntry, CompiledLexicon } from './lexicon/compile.js';
import { isAdjectiveNai } from './negation.js';
import type { ScoringConfig } from './scoring-config.js';
import type { Token } from './tokenizer/index.js';

/** Where the automata found part `part` (an index in lexicon.gapParts) of a gapped entry. */
export interface PartHit {
  part: number;
  start: number;
  end: number;
}

/** Token i opens a sentence: only blanks stand between it and the text's start or a sentence end. */
export function opensSentence(tokens: readonly Token[], i: number): boolean {
  for (let j = i - 1; j >= 0; j--) {
    const t = tokens[j]!;
    if (holdsSentenceBreak(t)) return true;
    if (t.surface.trim() !== '') return false;
  }
  return true;
}

/** Quotation marks: a gap may skip a whole quotation (今回も「株式会社…」と誤った), never go into or out of one. */
const QUOTE_OPEN = /[「『]/u;
const QUOTE_CLOSE = /[」』]/u;

export function joinGapParts(
  hits: readonly PartHit[],
  tokens: readonly Token[],
  lexicon: Pick<CompiledLexicon, 'entries' | 'gapParts' | 'negatorLemmas'>,
  config: ScoringConfig,
): Array<{ entry: CompiledEntry; start: number; end: number }> {
  if (hits.length === 0) return [];
  // Prefix counts over tokens[0, i): a gap [a, b) is clear when the counts at a and b agree.
  const { negatorPos } = compiledScoring(config).negation;
  const sentenceEnds = new Int32Array(tokens.length + 1);
  const negations = new Int32Array(tokens.length + 1);
  const quoteDepth = new Int32Array(tokens.length + 1);
  tokens.forEach((t, i) => {
    sentenceEnds[i + 1] = sentenceEnds[i]! + (holdsSentenceBreak(t) ? 1 : 0);
    const negates = (lexicon.negatorLemmas.has(t.lemma) && negatorPos.has(t.pos)) || isAdjectiveNai(t);
    negations[i + 1] = negations[i]! + (negates ? 1 : 0);
    quoteDepth[i + 1] = quoteDepth[i]! + (QUOTE_OPEN.test(t.surface) ? 1 : 0) - (QUOTE_CLOSE.test(t.surface) ? 1 : 0);
  });
  // Per entry, per part, the hits.
  const byEntry = new Map<number, PartHit[][]>();
  for (const hit of hits) {
    const { entry, part } = lexicon.gapParts[hit.part]!;
    let parts = byEntry.get(entry);
    if (!parts) byEntry.set(entry, (parts = []));
    (parts[part] ??= []).push(hit);
  }
  const found: Array<{ entry: CompiledEntry; start: number; end: number }> = [];
  for (const [index, parts] of byEntry) {
    const entry = lexicon.entries[index]!;
    const gaps = entry.gaps!;
    if (parts.length !== gaps.length + 1 || parts.includes(undefined as never)) continue;
    const affirmative = (entry.polarity ?? 'affirmative') === 'affirmative';
    const clear = (from: number, to: number) =>
      sentenceEnds[from] === sentenceEnds[to] && quoteDepth[from] === quoteDepth[to] && (!affirmative || negations[from] === negations[to]);
    // Chains reaching each hit of part k, as [chain start, end], sorted by end; the latest start wins
    // (the shortest span naming the same words).
    let chains = parts[0]!.map((h) => [h.start, h.end] as [number, number]).sort((a, b) => a[1] - b[1]);
    for (let k = 1; k < parts.length && chains.length > 0; k++) {
      const next: Array<[number, number]> = [];
      for (const hit of parts[k]!) {
        let best = -1;
        // The chains ending in [hit.start - gap, hit.start]: at most gap + 1 end positions.
        for (let c = lastEndingBy(chains, hit.start); c >= 0 && chains[c]![1] >= hit.start - gaps[k - 1]!; c--) {
          if (chains[c]![0] > best && clear(chains[c]![1], hit.start)) best = chains[c]![0];
        }
        if (best >= 0) next.push([best, hit.end]);
      }
      chains = next.sort((a, b) => a[1] - b[1]);
    }
    for (const [start, end] of chains) found.push({ entry, start, end });
  }
  return found;
}

/** Index of the last chain ending at or before `at` (chains sorted by end), or -1. */
function lastEndingBy(chains: ReadonlyArray<readonly [number, number]>, at: number): number {
  let lo = 0;
  let hi = chains.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (chains[mid]![1] <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
