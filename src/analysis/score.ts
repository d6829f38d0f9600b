/**
 * Turns matches into anger, urgency, a level and reasons. Politeness never lowers a score: a polite
 * mail with complaint signals is lifted to at least angry, because nobody can hear its temperature.
 */
import { compiledScoring } from './compiled-config.js';
import type { Dictionaries } from './lexicon/load.js';
import { spanOf, type FieldMatches } from './mail-matches.js';
import type { Match } from './match.js';
import { scanNegation } from './negation.js';
import type { ScoringConfig } from './scoring-config.js';
import type { Token } from './tokenizer/index.js';
import type { Evidence, NotCounted, ToneLevel, ToneResult } from './tone-schema.js';

/** Roles that say something about tone; scenario and cushion entries are read elsewhere. */
const TONE_ROLES = new Set(['score', 'intensifier', 'politeness']);

/** What the mail's thread tells: earlier customer messages quoted below the new text. */
export interface ThreadContext {
  priorContacts: number;
}

export function scoreTone(fields: readonly FieldMatches[], dictionaries: Dictionaries, thread?: ThreadContext): ToneResult {
  const { config } = dictionaries;
  const evidence: Evidence[] = [];
  const notCounted: NotCounted[] = [];
  const complaintSpans: Evidence[] = [];
  const furiousWords: Evidence[] = [];
  const timesSeen = new Map<string, number>();
  const categorySums = new Map<string, number>();
  let anger = 0;
  let belowFuriousAnger = 0;
  let belowAngryAnger = 0;
  let urgency = 0;
  let complaint = 0;
  let politeMarkers = 0;
  let furiousCategory = false;
  // Per category with unlessFelt: whether the writer names one of its feelings (computed once).
  const feltAsWorry = new Map<string, boolean>();
  const toldAsWorry = (name: string, feelings: readonly string[]): boolean => {
    let felt = feltAsWorry.get(name);
    if (felt === undefined) feltAsWorry.set(name, (felt = feels(fields, feelings, dictionaries)));
    return felt;
  };

  // Categories with a counted word anywhere in the mail (a needsEvidenceOf category reads them).
  const present = new Set<string>();
  for (const { matches } of fields)
    for (const m of matches) if (m.entry.role === 'score' && (m.entry.weight ?? 0) > 0) present.add(m.entry.category);
  let rankingAnger = 0;
  // A signed category's matches (the learned layer) are summed once the whole mail is read.
  const signed = new Map<string, Array<{ item: Evidence; raw: number; levelRaw: number }>>();

  for (const fieldMatches of fields) {
    const { field, matches, cancelled } = fieldMatches;
    // Object.assign, not { ...span(m), more }: V8 (Node 20) takes a slow path for a spread followed by
    // more properties, which made scoring cost a third of tokenizing.
    const span = (m: Match) => spanOf(m, fieldMatches);
    const counted = matches.filter((m) => TONE_ROLES.has(m.entry.role));
    for (const m of cancelled) {
      // A signed category's word (the learned layer's weights) that did not count explains nothing.
      if (m.entry.role === 'score' && !config.categories[m.entry.category]?.signed) notCounted.push(Object.assign(span(m), { why: m.why }));
    }

    const complaints = complaintReach(counted.filter((m) => config.categories[m.entry.category]?.complaint));
    for (const m of counted) {
      const category = config.categories[m.entry.category];
      if (!category) continue;
      if (category.needsComplaintNearby && !m.entry.standalone && !complaints.isNear(m, config.symbolProximity)) {
        notCounted.push(Object.assign(span(m), { why: 'no-complaint-nearby' as const }));
        continue;
      }
      if (category.needsEvidenceOf && !category.needsEvidenceOf.some((c) => present.has(c))) {
        notCounted.push(Object.assign(span(m), { why: 'no-complaint-nearby' as const }));
        continue;
      }
      if (m.entry.role === 'politeness') politeMarkers++;
      const weight = m.entry.role === 'score' ? (m.entry.weight ?? 0) : 0;
      // A weight-0 entry (しつこい油汚れ, 賠償責任保険) only hides the shorter word inside it: no evidence.
      if (m.entry.role === 'score' && weight === 0 && !m.entry.levelWeight) continue;
      const seen = timesSeen.get(m.entry.id) ?? 0;
      timesSeen.set(m.entry.id, seen + 1);
      const fieldWeight = field === 'subject' ? config.subjectWeight : 1;
      // A word asserted by a negated question (壊れてるじゃないですか) accuses: a complaint, weighed up to
      // one if it was not (a complaint word keeps its weight: the question only asserts it).
      const complaintWord = category.complaint === true || m.entry.complaint === true;
      const rhetorical = m.rhetorical === true && config.rhetorical !== undefined;
      const accusation = rhetorical && !complaintWord ? config.rhetorical!.multiplier : 1;
      const decay = m.multiplier * accusation * fieldWeight * config.repeatDecay ** seen;
      const raw = round2(weight * decay);
      if (category.signed) {
        const items = signed.get(m.entry.category) ?? [];
        signed.set(m.entry.category, items);
        const item = Object.assign(span(m), { weight, multiplier: round2(m.multiplier), contribution: 0 });
        // A word the manual speaks over ranks, but moves no level (match.ts judgeLearned).
        items.push({ item, raw, levelRaw: m.rankOnly ? 0 : round2((m.entry.levelWeight ?? 0) * decay) });
        continue;
      }
      // A capped category (the evaluative underlay) adds at most maxContribution per mail.
      const spent = categorySums.get(m.entry.category) ?? 0;
      const contribution =
        category.maxContribution === undefined ? raw : round2(Math.max(0, Math.min(raw, category.maxContribution - spent)));
      categorySums.set(m.entry.category, spent + contribution);
      const item = Object.assign(span(m), { weight, multiplier: round2(m.multiplier), contribution });
      evidence.push(item);
      // Facts the writer tells as worry (unlessFelt) press for an answer; they are no anger and no complaint.
      const worry = category.unlessFelt !== undefined && toldAsWorry(m.entry.category, category.unlessFelt);
      const angerRate = worry ? 0 : (category.anger ?? 0);
      anger += contribution * angerRate;
      if (category.belowFurious) belowFuriousAnger += contribution * angerRate;
      if (category.belowAngry) belowAngryAnger += contribution * angerRate;
      urgency += contribution * (category.urgency ?? 0);
      if ((complaintWord || rhetorical) && !worry) {
        complaint += contribution;
        // The complaint reason quotes these: a category's or an entry's own complaint flag (「何日も」).
        if (contribution > 0) complaintSpans.push(item);
      }
      if ((category.furious || m.entry.furious) && contribution > 0) furiousCategory = true;
      // An insult or ultimatum in an ordinary category: its own reason names the words.
      if (m.entry.furious && !category.furious && contribution > 0) furiousWords.push(item);
    }
  }

  // What words of satisfaction take off beyond the learned words of dissatisfaction: anger within its level.
  let satisfaction = 0;
  const satisfied: Evidence[] = [];
  for (const [name, items] of signed) {
    const category = config.categories[name]!;
    // Toward the level: the sparse fit's words, up to levelPoints; to rank: the broad, signed fit.
    const level = netOf(
      items.map((i) => i.levelRaw),
      category.levelPoints ?? 0,
    );
    const rank = netOf(
      items.map((i) => i.raw),
      category.maxContribution ?? Infinity,
      category.satisfactionPoints ?? 0,
    );
    // The evidence shows whichever gave the points (the level words where they weigh more); words that
    // balance out leave no points, so no evidence either. Satisfaction beyond them shows where it lowers.
    const shown = rank.net < 0 ? rank : rank.net >= level.net ? rank : level;
    const net = Math.max(rank.net, level.net);
    if (rank.net < 0) satisfaction -= rank.net * (category.anger ?? 0);
    if (shown.net !== 0)
      items.forEach(({ item }, k) => {
        item.contribution = shown.contributions[k]!;
        if (item.contribution !== 0) (net > 0 ? evidence : satisfied).push(item);
      });
    categorySums.set(name, net);
    const toLevel = level.net * (category.anger ?? 0);
    anger += toLevel;
    if (category.belowFurious) belowFuriousAnger += toLevel;
    if (category.belowAngry) belowAngryAnger += toLevel;
    rankingAnger += (net - level.net) * (category.anger ?? 0);
    urgency += net * (category.urgency ?? 0);
  }

  // A promise and what is still not done complain together, though neither does alone.
  for (const pair of config.pairs ?? []) {
    if (!pair.categories.every((category) => (categorySums.get(category) ?? 0) > 0)) continue;
    // 「予定日を過ぎていて、少し心配になりました」: told as the writer's worry, it is a concern.
    if (pair.unlessFelt && feels(fields, pair.unlessFelt, dictionaries)) continue;
    const told = evidence.filter((e) => e.contribution > 0 && pair.categories.includes(e.category));
    const spans = pair.withinSentences === undefined ? told : inOrder(told, pair.categories, pair.withinSentences, fields);
    if (spans.length === 0) continue;
    complaint += pair.complaint;
    complaintSpans.push(...spans);
  }

  const priorContacts = thread?.priorContacts ?? 0;
  urgency += priorContacts * config.thread.urgencyPerPriorContact;
  if (priorContacts >= config.thread.complaintFromPriorContacts) complaint += config.thread.complaintWeight;

  const urgencyScore = saturate(urgency, config.scale.urgency);
  const rule = config.politeButAnnoyed;
  const politeLemmas = compiledScoring(config).politeAuxiliaries;
  let politeAuxiliaries = 0;
  for (const { text } of fields) {
    for (const t of text.tokens) if (t.pos === '助動詞' && politeLemmas.has(t.lemma)) politeAuxiliaries++;
  }
  const politeRegister = politeMarkers >= rule.minPoliteMarkers || politeAuxiliaries >= rule.minPoliteAuxiliaries;
  // Complaint signals lift a mail to angry whatever its register; the flag says the register was
  // polite, i.e. that the irritation was hidden behind it.
  const complains = complaint >= rule.minComplaint;
  const politeButAnnoyed = politeRegister && complains;

  // A furious category or a complaint lifts the level; the anger score is lifted with it, so the
  // level can always be read back from the scores (anger 0 never comes with level angry).
  const { levels } = config;
  const floored = (sum: number): number => {
    let score = saturate(sum, config.scale.anger);
    // Facts alone do not carry a mail across the furious line (belowFurious categories).
    if (score >= levels.furious.anger && saturate(sum - belowFuriousAnger, config.scale.anger) < levels.furious.anger)
      score = levels.furious.anger - 1;
    // Nor do learned words alone carry it across the angry line (belowAngry categories).
    if (score >= levels.angry.anger && saturate(sum - belowAngryAnger, config.scale.anger) < levels.angry.anger)
      score = levels.angry.anger - 1;
    if (furiousCategory) return Math.max(score, levels.furious.anger);
    return complains ? Math.max(score, levels.angry.anger) : score;
  };
  let angerScore = floored(anger);
  // Points beyond a category's levelPoints rank within the level the rest reads: they never cross a line.
  if (rankingAnger > 0) angerScore = Math.min(floored(anger + rankingAnger), ceilingOf(angerScore, urgencyScore, levels));
  // Satisfaction beyond them lowers anger within the level too (never across a line): a 5★ review's
  // one reservation ranks below a 1★ review's understatement that reads the same level.
  if (satisfaction > 0) {
    const lowered = Math.max(floorOf(angerScore, urgencyScore, levels), saturate(anger - satisfaction, config.scale.anger));
    if (lowered < angerScore) {
      angerScore = lowered;
      evidence.push(...satisfied);
    }
  }
  const level = levelOf(angerScore, urgencyScore, levels);

  return {
    level,
    anger: angerScore,
    urgency: urgencyScore,
    politeButAnnoyed,
    reasons: explain(
      evidence,
      notCounted,
      { level, politeButAnnoyed, complains, furiousCategory, priorContacts },
      complaintSpans,
      furiousWords,
      dictionaries,
    ),
    evidence: evidence.sort(byField),
    notCounted: notCounted.sort(byField),
    dictionaryVersion: dictionaries.version,
  };
}

/**
 * The writer names one of these feelings, not negated (心配になりました, but not 心配はしていません). A feeling
 * of several words is written with spaces between their lemmas (気 に なる: 気になっております).
 */
function feels(fields: readonly FieldMatches[], feelings: readonly string[], { lexicon, config }: Dictionaries): boolean {
  const { words, phrasesByFirst } = feelingsOf(feelings);
  const length = (tokens: readonly Token[], i: number): number => {
    const { lemma } = tokens[i]!;
    if (words.has(lemma)) return 1;
    const phrase = phrasesByFirst.get(lemma)?.find((phrase) => phrase.every((w, k) => tokens[i + k]?.lemma === w));
    return phrase?.length ?? 0;
  };
  return fields.some(({ text: { tokens } }) =>
    tokens.some((_, i) => {
      const n = length(tokens, i);
      if (n === 0) return false;
      const scan = scanNegation(tokens, i + n, lexicon, config);
      return scan === 'context' || !scan.negated;
    }),
  );
}

const compiledFeelings = new WeakMap<readonly string[], { words: Set<string>; phrasesByFirst: Map<string, string[][]> }>();

/** A list of feelings as a set of words and its phrases by their first word, once per list of the config. */
function feelingsOf(feelings: readonly string[]) {
  let compiled = compiledFeelings.get(feelings);
  if (!compiled) {
    const words = new Set(feelings);
    const phrasesByFirst = new Map<string, string[][]>();
    for (const phrase of [...words].filter((f) => f.includes(' ')).map((f) => f.split(' '))) {
      const list = phrasesByFirst.get(phrase[0]!);
      if (list) list.push(phrase);
      else phrasesByFirst.set(phrase[0]!, [phrase]);
    }
    compiled = { words, phrasesByFirst };
    compiledFeelings.set(feelings, compiled);
  }
  return compiled;
}

/**
 * Evidence telling the categories in their order, in one field, each within `within` sentences after the
 * one before (「ご案内いただいた手順を試しましたが、」 then 「状況は変わりません」); [] when the mail does not.
 * A chain per first word, greedy: the nearest later word of the next category. The sentences between
 * two words only grow with the distance, so the nearest one is the only one that can be near enough.
 */
function inOrder(told: readonly Evidence[], categories: readonly string[], within: number, fields: readonly FieldMatches[]): Evidence[] {
  const sorted = [...told].sort((a, b) => a.start - b.start);
  const byCategory = new Map<string, Evidence[]>();
  for (const e of sorted) {
    const key = `${e.field} ${e.category}`;
    const list = byCategory.get(key);
    if (list) list.push(e);
    else byCategory.set(key, [e]);
  }
  const sentenceEnds = new Map<string, ReturnType<typeof sentenceEndsBetween>>();
  for (const first of sorted.filter((e) => e.category === categories[0])) {
    let ends = sentenceEnds.get(first.field);
    if (!ends) sentenceEnds.set(first.field, (ends = sentenceEndsBetween(fields.find((f) => f.field === first.field)!.text.original)));
    const chain = [first];
    for (const category of categories.slice(1)) {
      const last = chain[chain.length - 1]!;
      const candidates = byCategory.get(`${last.field} ${category}`) ?? [];
      const next = candidates[firstStartingAt(candidates, last.end)];
      if (!next || ends(last.end, next.start) > within) break;
      chain.push(next);
    }
    if (chain.length === categories.length) return chain;
  }
  return [];
}

/** Index of the first item starting at or after `offset` (items sorted by start), or items.length. */
function firstStartingAt(items: readonly Evidence[], offset: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sentence ends (。．！？!? or line breaks) as code units; a run of them, however many in a row, counts as one. */
const SENTENCE_END_UNITS = new Set([0x3002, 0xff0e, 0xff01, 0xff1f, 0x21, 0x3f, 0x0a]);

/**
 * How many runs of sentence ends lie in text[from, to), in O(1) after one pass: runsBefore[x] counts the
 * runs starting before x, and a slice that opens inside a run holds that run's rest too.
 */
function sentenceEndsBetween(text: string): (from: number, to: number) => number {
  const isEnd = (i: number) => SENTENCE_END_UNITS.has(text.charCodeAt(i));
  const runsBefore = new Int32Array(text.length + 1);
  for (let i = 0; i < text.length; i++) runsBefore[i + 1] = runsBefore[i]! + (isEnd(i) && (i === 0 || !isEnd(i - 1)) ? 1 : 0);
  return (from, to) => (from >= to ? 0 : runsBefore[to]! - runsBefore[from]! + (from > 0 && isEnd(from) && isEnd(from - 1) ? 1 : 0));
}

/** The level the scores stand for: scoreTone's levels always equal levelOf(anger, urgency). */
export function levelOf(anger: number, urgency: number, levels: ScoringConfig['levels']): ToneLevel {
  if (anger >= levels.furious.anger) return 'furious';
  if (anger >= levels.angry.anger) return 'angry';
  if (anger >= levels.concerned.anger || urgency >= levels.concerned.urgency) return 'concerned';
  return 'calm';
}

/** The highest anger that still reads as the level `anger` reads (with this urgency). */
function ceilingOf(anger: number, urgency: number, levels: ScoringConfig['levels']): number {
  const level = levelOf(anger, urgency, levels);
  for (const line of [levels.concerned.anger, levels.angry.anger, levels.furious.anger].sort((a, b) => a - b))
    if (line > anger && levelOf(line, urgency, levels) !== level) return line - 1;
  return 100;
}

/** The lowest anger that still reads as the level `anger` reads (with this urgency). */
function floorOf(anger: number, urgency: number, levels: ScoringConfig['levels']): number {
  const level = levelOf(anger, urgency, levels);
  let floor = anger;
  for (const line of [levels.concerned.anger, levels.angry.anger, levels.furious.anger, 0])
    if (line < floor && levelOf(line, urgency, levels) === level) floor = line;
  return floor;
}

/**
 * A signed category's points in one mail: what its words of dissatisfaction add, less what its words
 * of satisfaction take off, within [-floor, cap]; each word's share of it, in the order given (the words
 * of satisfaction negative), so that the shares add up to the points whatever the order of the words.
 */
function netOf(raws: readonly number[], cap: number, floor = 0): { net: number; contributions: number[] } {
  let raise = 0;
  let lower = 0;
  for (const r of raws) {
    if (r > 0) raise += r;
    else lower -= r;
  }
  const net = Math.min(cap, Math.max(-floor, raise - lower));
  const lowered = Math.min(lower, raise - net);
  const contributions = raws.map((r) => round2(r > 0 ? (r * (net + lowered)) / raise : lower > 0 ? (r * lowered) / lower : 0) || 0);
  return { net: round2(net), contributions };
}

/** 100 × (1 − e^(−sum/scale)): diminishing returns, never above 100. */
function saturate(sum: number, scale: number): number {
  return Math.round(100 * (1 - Math.exp(-sum / scale)));
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * Whether a match lies within `distance` characters of any complaint, in O(log complaints): the
 * complaints sorted by start, with the furthest end reached so far (25,000 「😡」 must not meet
 * every complaint each).
 */
function complaintReach(complaints: readonly Match[]) {
  const sorted = [...complaints].sort((a, b) => a.start - b.start);
  const reach = new Float64Array(sorted.length);
  sorted.forEach((c, i) => (reach[i] = Math.max(c.end, i > 0 ? reach[i - 1]! : -Infinity)));
  return {
    isNear(m: Match, distance: number): boolean {
      // The last complaint starting no later than m.end + distance; any of those ending late enough is near.
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sorted[mid]!.start <= m.end + distance) lo = mid + 1;
        else hi = mid;
      }
      return lo > 0 && m.start <= reach[lo - 1]! + distance;
    },
  };
}

function byField(a: { field: string; start: number }, b: { field: string; start: number }): number {
  return a.field === b.field ? a.start - b.start : a.field === 'subject' ? -1 : 1;
}

/** Reasons, most important first, with the customer's own words quoted. */
function explain(
  evidence: readonly Evidence[],
  notCounted: readonly NotCounted[],
  verdict: { level: ToneLevel; politeButAnnoyed: boolean; complains: boolean; furiousCategory: boolean; priorContacts: number },
  complaintSpans: readonly Evidence[],
  furiousWords: readonly Evidence[],
  { config }: Dictionaries,
): ToneResult['reasons'] {
  const reasons: ToneResult['reasons'] = [];
  const add = (code: string, spans: readonly { text: string }[], count?: number): void => {
    const text = config.reasons[code];
    if (!text) return;
    const terms = [...new Set(spans.map((s) => s.text))].slice(0, 3);
    // A reason that quotes words must have words to quote (the thread reason explains the rest).
    if (count === undefined && terms.length === 0 && text.ja.includes('{terms}')) return;
    const ja = text.ja.replace('{terms}', count === undefined ? terms.map((t) => `「${t}」`).join('') : String(count));
    const en = text.en.replace('{terms}', count === undefined ? terms.map((t) => `"${t}"`).join(', ') : String(count));
    reasons.push({ code, ja, en });
  };
  const scoring = evidence.filter((e) => e.contribution > 0);
  const byCategory = new Map<string, Evidence[]>();
  for (const e of scoring) {
    const items = byCategory.get(e.category);
    if (items) items.push(e);
    else byCategory.set(e.category, [e]);
  }
  const inCategory = (category: string) => byCategory.get(category) ?? [];
  const sums = new Map([...byCategory].map(([category, items]) => [category, sum(items)]));
  const byContribution = [...byCategory.keys()].sort((a, b) => sums.get(b)! - sums.get(a)!);
  if (verdict.politeButAnnoyed) add('polite-but-annoyed', complaintSpans);
  else if (verdict.complains && verdict.level === 'angry') add('complaint', complaintSpans);
  add('furious-word', furiousWords);
  if (verdict.priorContacts > 0) add('prior-contacts', [], verdict.priorContacts + 1);
  for (const category of byContribution) add(category, inCategory(category));
  if (scoring.some((e) => e.field === 'subject'))
    add(
      'subject',
      scoring.filter((e) => e.field === 'subject'),
    );
  // Words of satisfaction that lowered the learned words' points (a signed category) say so by name.
  add(
    'lowered',
    evidence.filter((e) => e.contribution < 0),
  );
  const negated = notCounted.filter((n) => n.why === 'negated');
  if (negated.length > 0) add('negated', negated);
  if (scoring.length === 0 && verdict.priorContacts === 0) add('calm', []);
  return reasons;
}

function sum(items: readonly Evidence[]): number {
  return items.reduce((total, e) => total + e.contribution, 0);
}
