/**
 * Finds dictionary entries in a text: token phrases through the automata, symbols through regexes,
 * then applies each entry's negation rule and the intensifiers in front of it.
 */
import { holdsSentenceBreak } from './clauses.js';
import { compiledScoring, RELIEF_WHEN_NEGATED, type CompiledScoring } from './compiled-config.js';
import { applyFrames, type FrameReason } from './frames.js';
import { joinGapParts, opensSentence, type PartHit } from './gaps.js';
import { NUMBER, type CompiledEntry, type CompiledLexicon } from './lexicon/compile.js';
import { findLearned, LEARNED_CATEGORY } from './lexicon/learned.js';
import { endsInQuestion, isAdjectiveNai, rhetoricalNegationAt, scanNegation } from './negation.js';
import { disclaimerRanges } from './disclaimer.js';
import { quotedHistoryRanges } from './quoted-history.js';
import { normalizeText, toOriginalRange, type NormalizedText } from './normalize.js';
import type { ScoringConfig } from './scoring-config.js';
import type { Token, Tokenizer } from './tokenizer/index.js';

/** A text tokenized once and shared by tone scoring and scenario detection. */
export interface PreparedText {
  readonly original: string;
  readonly normalized: NormalizedText;
  readonly tokens: readonly Token[];
  /** Quoted history ([start, end) in the original, see quoted-history.ts); empty for most texts. */
  readonly history: ReadonlyArray<readonly [number, number]>;
  /** A legal disclaimer under the signature ([start, end) in the original, see disclaimer.ts); empty for most texts. */
  readonly disclaimer: ReadonlyArray<readonly [number, number]>;
}

export function prepareText(original: string, tokenizer: Tokenizer): PreparedText {
  const normalized = normalizeText(original);
  return {
    original,
    normalized,
    tokens: tokenizer.tokenize(normalized.text),
    history: quotedHistoryRanges(original),
    disclaimer: disclaimerRanges(original),
  };
}

export interface Match {
  entry: CompiledEntry;
  /** Offsets in the original text, [start, end). */
  start: number;
  end: number;
  /** Token range in PreparedText.tokens; -1 for regex matches. */
  tokenStart: number;
  tokenEnd: number;
  /** Product of the intensifiers in front of it (1 when none). */
  multiplier: number;
  /** Asserted by a negated question (ひどくないですか, 壊れてるじゃないですか): an accusation, a complaint. */
  rhetorical?: boolean;
  /**
   * A learned word the manual speaks over (「最低」 inside a manual phrase): it still ranks, as the
   * broad fit read it, but adds nothing toward the level (analysis/score.ts).
   */
  rankOnly?: boolean;
}

export interface CancelledMatch extends Match {
  why: 'negated' | 'context' | FrameReason;
}

export interface MatchResult {
  matches: Match[];
  /** Matches cancelled by negation or context (「怒っていません」), kept to explain the score. */
  cancelled: CancelledMatch[];
}

/** The adjective ない is read as ある + negation, so 「返信がない」 and 「返信がありません」 meet one entry. */
function lemmaKey(token: Token): string {
  if (isAdjectiveNai(token)) return 'ある';
  // Conditionals are auxiliaries with the lemma of the past and the copula (届い|たら, 高い|なら): a
  // pattern names them as written, so 「た」 is never 「たら」.
  if (token.pos === '助動詞' && CONDITIONALS.has(token.surface)) return token.surface === 'だら' ? 'たら' : token.surface;
  return token.lemma;
}
const CONDITIONALS = new Set(['たら', 'だら', 'なら']);
/** Numbers a counting pattern must name itself: one call is not a count of failures, 「何度か」 is vague. */
const NAMED_NUMBERS = new Set(['1', '一', '何']);

/** lemmaKey with every other number read as NUMBER, for patterns that count (「#数 回 電話 する」). */
function numberKey(token: Token): string {
  return token.posDetail === '数' && !NAMED_NUMBERS.has(token.lemma) ? NUMBER : lemmaKey(token);
}

/** keepUnderlay: the example tests check the evaluative layer's own patterns, before the manual overrides them. */
export function findMatches(
  text: PreparedText,
  lexicon: CompiledLexicon,
  config: ScoringConfig,
  options: { keepUnderlay?: boolean } = {},
): MatchResult {
  const { tokens } = text;
  const raw: Match[] = [];
  const add = (entry: CompiledEntry, start: number, end: number): void => {
    if (entry.opensSentence && !opensSentence(tokens, start)) return;
    // A pattern may anchor on a closing bracket (」と伺いました): the evidence quotes the words after it.
    let first = start;
    while (first < end - 1 && tokens[first]!.posDetail === '括弧閉') first++;
    const [from, to] = toOriginalRange(text.normalized, tokens[first]!.start, tokens[end - 1]!.end);
    raw.push({ entry, start: from, end: to, tokenStart: start, tokenEnd: end, multiplier: 1 });
  };
  // Parts of gapped patterns (payload -(i + 1)) are joined after the scans.
  const parts: PartHit[] = [];
  const collect = (payload: number, start: number, end: number): void => {
    if (payload < 0) parts.push({ part: -payload - 1, start, end });
    else add(lexicon.entries[payload]!, start, end);
  };
  lexicon.byLemma.scan(tokens.length, (i) => lemmaKey(tokens[i]!), collect);
  lexicon.bySurface.scan(tokens.length, (i) => tokens[i]!.surface, collect);
  // A counted match starts at the first digit of its number: 「何十回」 is 何|十 in kuromoji.
  lexicon.byNumber.scan(
    tokens.length,
    (i) => numberKey(tokens[i]!),
    (payload, start, end) => {
      while (start > 0 && tokens[start]!.posDetail === '数' && tokens[start - 1]!.posDetail === '数') start--;
      collect(payload, start, end);
    },
  );
  for (const { entry, start, end } of joinGapParts(parts, tokens, lexicon, config)) add(entry, start, end);
  for (const entry of lexicon.regexEntries)
    forEachMatch(entry.regex!, text.original, (start, end) => {
      raw.push({ entry, start, end, tokenStart: -1, tokenEnd: -1, multiplier: 1 });
    });
  // The learned layer: one Map lookup per token and pair (lexicon/learned.ts), judged apart below.
  if (lexicon.learned) findLearned(tokens, lexicon.learned, add);

  // Quoted history (「> 」 lines, an earlier message below a separator) is not what the writer says
  // now: a thank-you does not turn angry because the complaint it answers is quoted under it. It
  // still tells the thread when the new text is itself dissatisfied or pressing (「その後いかがで
  // しょうか」 above their own unanswered complaint): then it counts, as it was the customer's.
  // Scenario words in it always count (scenarios.ts weighs cited words at half).
  const { history, disclaimer } = text;
  // A disclaimer's words are nobody's feeling (直ちに削除してください): they never count, like a quotation.
  const boilerplate = (m: Match) => m.entry.role === 'score' && inRanges(disclaimer, m);
  const unsaid = disclaimer.length === 0 ? [] : raw.filter(boilerplate).map((m): CancelledMatch => ({ ...m, why: 'quoted' }));
  const judged = judgeMatches(unsaid.length === 0 ? raw : raw.filter((m) => !boilerplate(m)), text, lexicon, config, options);
  const all = unsaid.length === 0 ? judged : { matches: judged.matches, cancelled: unsaid.concat(judged.cancelled) };
  if (history.length === 0) return all;
  // One pass over quoted and new text alike: history is whole lines, so it meets the new text only at
  // a line break, and the new text's verdicts read the same from the whole pass as from a pass of
  // their own (every tuning fixture and the bench corpus gave identical results when this replaced it).
  const silenced = (m: Match) => m.entry.role === 'score' && inRanges(history, m);
  const own = all.matches.filter((m) => !silenced(m));
  // A learned word is no sign of its own that the new text complains (it ranks; it does not decide),
  // nor is half of a pair (ご回答いただきありがとうございました cites an answer, and that is all).
  const { onlyInPairs } = compiledScoring(config);
  const tells = (m: Match) => m.entry.category !== LEARNED_CATEGORY && !onlyInPairs.has(m.entry.category);
  if (own.some((m) => m.entry.role === 'score' && (m.entry.weight ?? 0) > 0 && tells(m))) return all;
  const quoted = raw.filter(silenced).map((m): CancelledMatch => ({ ...m, why: 'quoted' }));
  return { matches: own, cancelled: quoted.concat(all.cancelled.filter((m) => !silenced(m))) };
}

/**
 * The matches text.matchAll(regex) gives (regex global), without the copy of the regex and the
 * iterator that matchAll makes on every call: the regex runs from its own lastIndex, as matchAll's
 * copy starts, and gets it back at the end; an empty match steps on as matchAll does (by code point).
 */
function forEachMatch(regex: RegExp, text: string, visit: (start: number, end: number) => void): void {
  const from = regex.lastIndex;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    visit(m.index, m.index + m[0].length);
    if (m[0].length === 0) regex.lastIndex = stepOn(text, regex.lastIndex, regex.unicode || regex.flags.includes('v'));
  }
  regex.lastIndex = from;
}

/** AdvanceStringIndex of the ECMAScript specification. */
function stepOn(text: string, index: number, byCodePoint: boolean): number {
  if (!byCodePoint || index + 1 >= text.length) return index + 1;
  const lead = text.charCodeAt(index);
  const trail = text.charCodeAt(index + 1);
  return lead >= 0xd800 && lead <= 0xdbff && trail >= 0xdc00 && trail <= 0xdfff ? index + 2 : index + 1;
}

/** Negation, context, the manual over the broad layer, frames and intensifiers, on the matches found. */
function judgeMatches(
  raw: Match[],
  text: PreparedText,
  lexicon: CompiledLexicon,
  config: ScoringConfig,
  options: { keepUnderlay?: boolean },
): MatchResult {
  const { tokens } = text;
  const found: Match[] = [];
  const cancelled: CancelledMatch[] = [];
  // A negated-only entry found without its negation is simply absent (「意味ある？」 is no 「意味がない」),
  // so it is dropped before the broad layer yields to the manual: it must not hide an underlay match.
  const present: Array<{ match: Match; verdict: ReturnType<typeof contextVerdict> }> = [];
  const learned = raw.filter((m) => m.entry.category === LEARNED_CATEGORY);
  const written = learned.length === 0 ? raw : raw.filter((m) => m.entry.category !== LEARNED_CATEGORY);
  for (const match of dropContained(written, compiledScoring(config))) {
    const verdict = match.tokenStart >= 0 ? contextVerdict(match, tokens, lexicon, config) : 'counts';
    if (verdict !== 'absent') present.push({ match, verdict });
  }
  if (learned.length > 0) present.push(...judgeLearned(learned, tokens, present, lexicon, config));
  for (const { match, verdict } of options.keepUnderlay ? present : yieldToManual(present, tokens.length, config)) {
    if (verdict === 'rhetorical') found.push(Object.assign({}, match, { rhetorical: true }));
    else if (typeof verdict === 'number') found.push(accusing(extendTo(match, verdict, text), tokens));
    else if (verdict === 'counts') found.push(accusing(match, tokens));
    else if (verdict !== 'absent') cancelled.push({ ...match, why: verdict });
  }
  const { kept: matches, cancelled: framed } = applyFrames(tokens, found, lexicon, config, text.original, text.normalized);
  applyIntensifiers(matches, tokens, config);
  return { matches, cancelled: cancelled.concat(framed) };
}

const COURTESY = new Set(['politeness', 'cushion']);

/**
 * The learned layer's words. Inside a polite or cushion phrase (ご都合の良い, ご迷惑をおかけ) none is
 * read: it evaluates nothing. Where a written entry (the manual or the evaluative layer) speaks over
 * one (「最低」 inside a manual phrase: the manual explains and levels it), it only ranks (rankOnly: no
 * level points), as the broad fit read it. Each keeps its own negation verdict (「問題ありません」
 * cancels 問題), and the frames mask it like any word; a negated question only counts it (it asserts
 * the word, but a learned word is no complaint of its own). Unlike the written categories, a bigram does not hide the words inside it:
 * the weights were fitted together.
 */
function judgeLearned(
  learned: readonly Match[],
  tokens: readonly Token[],
  written: ReadonlyArray<{ match: Match }>,
  lexicon: CompiledLexicon,
  config: ScoringConfig,
): Array<{ match: Match; verdict: ReturnType<typeof contextVerdict> }> {
  const covered = new Uint8Array(tokens.length);
  const { onlyInPairs } = compiledScoring(config);
  // Half of a pair (「ログインできません」 as what came of an answer) judges nothing alone: the words inside it stay.
  const judges = (m: Match) => m.entry.role === 'score' && m.entry.weight !== 0 && !onlyInPairs.has(m.entry.category);
  // 1: a written entry judges there; 2: a polite or cushion phrase, where no learned word is read at all.
  for (const { match: m } of written)
    if (m.tokenStart >= 0 && (judges(m) || COURTESY.has(m.entry.role)))
      for (let i = m.tokenStart; i < m.tokenEnd; i++) covered[i] = Math.max(covered[i]!, COURTESY.has(m.entry.role) ? 2 : 1);
  const judged: Array<{ match: Match; verdict: ReturnType<typeof contextVerdict> }> = [];
  for (const match of learned) {
    // The highest mark under the word (a loop, not a subarray view per word: most mails have a hundred).
    let under = 0;
    for (let i = match.tokenStart; i < match.tokenEnd; i++) under = Math.max(under, covered[i]!);
    if (under === 2) continue;
    const verdict = contextVerdict(match, tokens, lexicon, config);
    // A negated word's own feature (「良い（否定）」) counts up to the end of its negation (良くない).
    const counts = verdict === 'counts' || verdict === 'rhetorical' || typeof verdict === 'number';
    const kept = typeof verdict === 'number' ? verdict : 'counts';
    // Where a written entry speaks, the word still ranks as the broad fit read it, but moves no level; a
    // word of satisfaction there is part of what the entry says (良かった in 「前の方が良かった」) and does not lower.
    if (under === 1) {
      if (counts && (match.entry.weight ?? 0) > 0) judged.push({ match: Object.assign({}, match, { rankOnly: true }), verdict: kept });
    } else judged.push({ match, verdict: counts ? kept : verdict });
  }
  return judged;
}

/**
 * Within one category the longest match wins: 「返信 が ない」 hides a bare 「返信」 entry inside it;
 * of two on the same span the heavier (「いい加減にしろ」 the ultimatum over the polite request).
 * A structural match is the whole fact, so the broad layer's words inside it are not counted again:
 * 「3日で充電できなくなった」 (implied) hides the defect 「充電できなく」.
 */
function dropContained(matches: Match[], { underlay, structural }: CompiledScoring): Match[] {
  // On the same span a structural match comes first, so it hides the broad layer's word there too.
  const fact = (m: Match) => (structural.has(m.entry.category) ? 1 : 0);
  matches.sort((a, b) => a.start - b.start || b.end - a.end || fact(b) - fact(a) || (b.entry.weight ?? 0) - (a.entry.weight ?? 0));
  const reach = new Map<string, number>();
  let factReach = -1;
  return matches.filter((m) => {
    const { category } = m.entry;
    const furthest = reach.get(category) ?? -1;
    if (m.end <= furthest || (underlay.has(category) && !structural.has(category) && m.end <= factReach)) return false;
    reach.set(category, m.end);
    if (structural.has(category)) factReach = Math.max(factReach, m.end);
    return true;
  });
}

/**
 * The manual keeps priority over the broad layer: an underlay match (evaluative lexicon) that
 * shares a token with a match of another tone category is dropped, so 「最低」 inside a manual
 * phrase is explained once, by the manual. A structural category gives way only to manual
 * complaints: a word of urgency or worry (動かない) inside 「3日で動かなくなった」 measures
 * something else. Linear: token coverage is marked in one pass (1 any manual word, 2 a complaint).
 */
function yieldToManual<T extends { match: Match }>(matches: T[], tokenCount: number, config: ScoringConfig): T[] {
  const { underlay, complaint, structural, onlyInPairs } = compiledScoring(config);
  const isUnderlay = ({ match: m }: T) => underlay.has(m.entry.category);
  if (!matches.some(isUnderlay)) return matches;
  const manual = new Uint8Array(tokenCount);
  for (const item of matches) {
    const m = item.match;
    // Half of a pair explains nothing alone: the broad layer's word there (接続できません) still speaks.
    if (m.tokenStart < 0 || isUnderlay(item) || m.entry.role !== 'score' || onlyInPairs.has(m.entry.category)) continue;
    const mark = complaint.has(m.entry.category) ? 2 : 1;
    for (let i = m.tokenStart; i < m.tokenEnd; i++) manual[i] = Math.max(manual[i]!, mark);
  }
  // A regex or gapped match spans a clause or more (〜たら … 許さない): it is a frame, not a word, and stays.
  const spansFrame = ({ match: m }: T) => m.tokenStart < 0 || m.entry.gaps !== undefined;
  return matches.filter((item) => {
    if (!isUnderlay(item) || spansFrame(item) || item.match.rankOnly) return true;
    const m = item.match;
    const yieldsAt = structural.has(m.entry.category) ? 2 : 1;
    for (let i = m.tokenStart; i < m.tokenEnd; i++) if (manual[i]! >= yieldsAt) return false;
    return true;
  });
}

/**
 * Applies the entry's polarity and notFollowedBy to the tokens after the match: 'negated' and
 * 'context' cancel a match worth explaining; 'absent' is a negated-only entry found without its
 * negation (「許せます」), which is simply not this entry; a number is where a negated-only entry's
 * negation ends, so its evidence reads 「返信がありません」 rather than 「返信があり」.
 */
function contextVerdict(
  match: Match,
  tokens: readonly Token[],
  lexicon: CompiledLexicon,
  config: ScoringConfig,
): 'counts' | 'negated' | 'rhetorical' | 'context' | 'absent' | number {
  const { entry } = match;
  const polarity = entry.polarity ?? 'affirmative';
  if (entry.role === 'intensifier') return 'counts';
  // 「手抜きなし」「ストレスゼロ」: a noun denied by the privative after it, whatever the entry's polarity.
  // Only words that judge (a complaint or the evaluative layer): 「音沙汰なし」 is the complaint itself.
  if (polarity === 'any' && entry.role === 'score' && judges(entry.category, config) && isPrivative(tokens, match.tokenEnd, config))
    return 'negated';
  const needsScan = polarity !== 'any' || entry.notFollowedBy !== undefined;
  if (!needsScan) return 'counts';

  // 「壊れにくい」: the auxiliary adjective denies the word it follows.
  const next = tokens[match.tokenEnd];
  if (polarity === 'affirmative' && next?.pos === '形容詞' && compiledScoring(config).negation.hardly.has(next.lemma)) return 'negated';
  const scan = scanNegation(tokens, match.tokenEnd, lexicon, config, entry.notFollowedBy);
  if (scan === 'context') return 'context';
  if (polarity === 'negated') {
    if (!scan.negated) return 'absent';
    // 「トラブルは一度もありません」: what the negation says is missing is trouble itself — relief, no complaint.
    return absentIsTrouble(tokens, match.tokenStart, config) ? 'negated' : scan.end;
  }
  // 「ひどくないですか」「不良品じゃないですか」: a negated question asserts the word, it does not deny it.
  if (polarity === 'affirmative' && scan.negated) return endsInQuestion(tokens, scan.end) ? 'rhetorical' : 'negated';
  // 「無駄な料金がかからず」「ひどい傷はありませんでした」: the word qualifies a noun whose predicate is denied.
  const head = polarity === 'affirmative' ? headNounEnd(tokens, match.tokenEnd) : -1;
  if (head > 0) {
    // The noun's own predicate: a particle and the verb (料金 が かから ず), or what the skip list steps over.
    const particle = tokens[head];
    const verb = tokens[head + 1];
    const from = particle?.pos === '助詞' && HEAD_PARTICLES.has(particle.lemma) && verb?.pos === '動詞' ? head + 2 : head;
    const outer = scanNegation(tokens, from, lexicon, config, entry.notFollowedBy);
    if (outer !== 'context' && outer.negated && !endsInQuestion(tokens, outer.end)) return 'negated';
  }
  return 'counts';
}

/** The subject right before a match (adverbs aside) is a trouble whose absence is relief (問題, トラブル, 不具合 は). */
function absentIsTrouble(tokens: readonly Token[], start: number, config: ScoringConfig): boolean {
  let i = start - 1;
  while (i > 0 && tokens[i]!.pos === '副詞') i--;
  const particle = tokens[i];
  if (particle?.pos !== '助詞' || !HEAD_PARTICLES.has(particle.lemma) || particle.lemma === 'を') return false;
  const subject = tokens[i - 1];
  return subject !== undefined && ((compiledScoring(config).frames.resolved.words.get(subject.lemma) ?? 0) & RELIEF_WHEN_NEGATED) !== 0;
}

/** A category whose words judge the service (a complaint, or the evaluative underlay). */
function judges(category: string, config: ScoringConfig): boolean {
  const c = config.categories[category];
  return c !== undefined && (c.complaint === true || c.underlay === true);
}

/** Token `end` follows a noun as its privative: なし/無し (the adjective ない) or a noun negator (ゼロ, 皆無). */
function isPrivative(tokens: readonly Token[], end: number, config: ScoringConfig): boolean {
  const [noun, next] = [tokens[end - 1], tokens[end]];
  if (noun?.pos !== '名詞' || next === undefined) return false;
  return (
    (isAdjectiveNai(next) && (next.surface === 'なし' || next.surface === '無し')) ||
    compiledScoring(config).negation.nounNegators.has(next.lemma)
  );
}

/** Particles between a qualified noun and its predicate (料金が, 傷は, 思いも, 思いを). */
const HEAD_PARTICLES = new Set(['が', 'は', 'も', 'を']);

/**
 * Where the noun a word qualifies ends (「無駄な|料金」「ひどい|傷」「最悪の|事態」), or -1 when the word
 * does not stand before a noun. At most two nouns: a longer run is more likely a new phrase.
 */
function headNounEnd(tokens: readonly Token[], end: number): number {
  const last = tokens[end - 1];
  let i = end;
  const link = tokens[i];
  const linked =
    (link?.pos === '助動詞' && link.lemma === 'だ' && link.surface === 'な') || (link?.pos === '助詞' && link.posDetail === '連体化');
  if (linked) i++;
  else if (last?.pos !== '形容詞') return -1;
  let nouns = 0;
  while (nouns < 2 && tokens[i]?.pos === '名詞' && tokens[i]!.posDetail !== '非自立' && tokens[i]!.posDetail !== '代名詞') {
    i++;
    nouns++;
  }
  return nouns > 0 ? i : -1;
}

/** 「壊れてるじゃないですか」: a statement followed by a negated question is asserted as an accusation. */
function accusing(match: Match, tokens: readonly Token[]): Match {
  if (match.tokenStart < 0 || match.entry.role !== 'score' || match.entry.category === LEARNED_CATEGORY) return match;
  if (!rhetoricalNegationAt(tokens, match.tokenEnd)) return match;
  return Object.assign({}, match, { rhetorical: true });
}

function extendTo(match: Match, tokenEnd: number, text: PreparedText): Match {
  if (tokenEnd <= match.tokenEnd) return match;
  const [, end] = toOriginalRange(text.normalized, 0, text.tokens[tokenEnd - 1]!.end);
  return { ...match, end, tokenEnd };
}

/** 「本当に」「何度も」… raise the matches that follow them in the same sentence. */
function applyIntensifiers(matches: Match[], tokens: readonly Token[], config: ScoringConfig): void {
  const intensifiers = matches.filter((m) => m.entry.role === 'intensifier');
  if (intensifiers.length === 0) return;
  const { window, maxMultiplier } = config.intensifier;
  // By the token each ends at: a match reads only the few ending within `window` before it, not every one.
  const endingAt = new Map<number, number[]>();
  intensifiers.forEach((intensifier, n) => {
    const list = endingAt.get(intensifier.tokenEnd);
    if (list) list.push(n);
    else endingAt.set(intensifier.tokenEnd, [n]);
  });
  for (const match of matches) {
    // A learned weight was fitted without intensifiers, which may be learned words themselves (本当に).
    if (match.entry.role !== 'score' || match.tokenStart < 0 || match.entry.category === LEARNED_CATEGORY) continue;
    const near: number[] = [];
    for (let end = match.tokenStart - window; end <= match.tokenStart; end++) near.push(...(endingAt.get(end) ?? []));
    // In the order the intensifiers were found, so the product is the same to the last bit.
    near.sort((a, b) => a - b);
    let multiplier = 1;
    for (const n of near) {
      const intensifier = intensifiers[n]!;
      if (crossesSentence(tokens, intensifier.tokenEnd, match.tokenStart)) continue;
      multiplier *= intensifier.entry.multiplier ?? 1;
    }
    match.multiplier = Math.min(multiplier, maxMultiplier);
  }
}

function crossesSentence(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (holdsSentenceBreak(tokens[i]!)) return true;
  return false;
}

/** Whether a match lies inside one of the ranges (sorted, disjoint): a binary search, as a mail may quote line by line. */
export function inRanges(ranges: ReadonlyArray<readonly [number, number]>, { start, end }: Pick<Match, 'start' | 'end'>): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [from, to] = ranges[middle]!;
    if (start < from) high = middle - 1;
    else if (start >= to) low = middle + 1;
    else return end <= to;
  }
  return false;
}
