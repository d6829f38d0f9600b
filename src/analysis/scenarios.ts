/** Detects what a mail is about from the scenario dictionaries (dictionaries/scenarios/*.yaml). */
import { SCENARIO_PREFIX } from './lexicon/compile.js';
import type { Dictionaries } from './lexicon/load.js';
import { summarizeScenarioEvidence } from './evidence-summary.js';
import { spanOf, type FieldMatches } from './mail-matches.js';
import { isSplitFrom, isTeamScenarioEntry, type ScenarioKind, type ScenarioResult } from './scenario-schema.js';
import { readLearnedScenario, scenarioFeatures, type LearnedScenarioModel } from './learned-scenarios.js';
import { asksOfUs } from './asks-of-us.js';
import { endedThenCharged, isEndedThenChargedPair } from './ended-then-charged.js';
import { quotedTokens } from './clauses.js';
import { inRanges, type Match, type PreparedText } from './match.js';
import { toOriginalRange } from './normalize.js';
import type { Token } from './tokenizer/index.js';

/**
 * Words the customer cites rather than says count half: someone else's words or a screen message
 * (「予約完了」って出てた, 「返品は不可です」と言われ) and the earlier mail under a 「>」 reply.
 */
const CITED_WEIGHT = 0.5;
/**
 * Words in the quoted history of an earlier mail (「> ご返金の件で…」, an Original Message or a forwarded
 * notice below the customer's text) count for nothing: they are the shop's or an earlier errand's.
 */
const HISTORY_WEIGHT = 0;

export function detectScenarios(fields: readonly FieldMatches[], { config, scenarioModel }: Dictionaries): ScenarioResult {
  const scores = new Map<ScenarioKind, number>();
  const evidence: ScenarioResult['evidence'] = [];
  const seen = new Map<string, number>();
  for (const field of fields) {
    let cited: Uint8Array | undefined;
    for (const m of ownEvidence(field.matches)) {
      const scenario = m.entry.category.slice(SCENARIO_PREFIX.length) as ScenarioKind;
      const times = seen.get(m.entry.id) ?? 0;
      seen.set(m.entry.id, times + 1);
      const citedWeight = inRanges(field.text.history, m)
        ? HISTORY_WEIGHT
        : isBracketed(m, (cited ??= quotedTokens(field.text.tokens)))
          ? CITED_WEIGHT
          : 1;
      const fieldWeight = (field.field === 'subject' ? config.subjectWeight : 1) * citedWeight;
      const weight = Math.round((m.entry.weight ?? 0) * fieldWeight * config.repeatDecay ** times * 100) / 100;
      if (weight === 0) continue;
      scores.set(scenario, (scores.get(scenario) ?? 0) + weight);
      const { entryId, field: f, text, start, end } = spanOf(m, field);
      evidence.push({ scenario, entryId, field: f, text, start, end, weight });
    }
  }
  const scored = [...scores].sort((a, b) => b[1] - a[1]).map(([scenario, score]) => ({ scenario, score: Math.round(score * 100) / 100 }));
  // 「先月は…ありがとうございました。そのうえで…教えていただけますでしょうか」: thanks that lead into
  // a question or a request are its courtesy; the errand is what it asks (every labelled thanks mail asks nothing).
  const ranked = asksOfUs(ownBody(fields)) ? scored.filter((r) => r.scenario !== 'thanks') : scored;
  const { minScore, secondaryRatio, minConfidence } = config.scenarios;
  const top = ranked[0];
  const manual = top && top.score >= minScore ? top.scenario : 'other';
  const manualConfidence = manual === 'other' ? 0 : confidenceOf(ranked, config.scenarios.strongScore);
  // An entry the team applied from its own corrections (`ondo learn apply`) was written after the learned
  // counts were fitted, for this team's mail: where it backs the manual's scenario, the manual decides.
  const teamTaught = evidence.some((e) => e.scenario === manual && isTeamScenarioEntry(e.entryId));
  const learned = teamTaught
    ? undefined
    : learnedChoice(fields, ranked, scenarioModel, config.scenarios.learned, manual, manualConfidence, minConfidence);
  const read = learned?.shown.decided ? learned.scenario : manual;
  const subject = fields.find((f) => f.field === 'subject')?.text.original ?? '';
  const primary = endedThenChargedChoice(read, ranked, `${subject}\n${ownBody(fields)}`) ?? read;
  const secondary = ranked
    .filter((r) => r.scenario !== primary && top && r.score >= minScore && r.score >= top.score * secondaryRatio)
    .filter((r) => !learned?.shown.decided || !learned.unlikely(r.scenario))
    .map((r) => r.scenario);
  const confidence = primary === 'other' ? 0 : (learned?.confidence ?? manualConfidence);
  return {
    primary,
    secondary: primary === 'other' ? [] : secondary,
    scores: scored,
    evidence: summarizeScenarioEvidence(evidence),
    confidence,
    source: 'detected',
    ...(learned ? { learned: learned.shown } : {}),
    generalDraft: primary === 'other' || confidence < minConfidence,
  };
}

/**
 * The manual keeps its scenario when it is confident. Below that, the learned reading chooses among
 * the manual's close candidates (within `candidateRatio` of its top score) — and names a scenario
 * the manual did not find only when it is sure of it (`outsideProbability`) or the manual found
 * nothing (and then from `minConfidence`: below it the mail stays `other`). A finer kind the manual
 * found stands against the coarser kind it was split from (the labelled mails name the coarser one).
 * The learned probability is then the confidence, raised to the manual's when both agree.
 */
function learnedChoice(
  fields: readonly FieldMatches[],
  ranked: ReadonlyArray<{ scenario: ScenarioKind; score: number }>,
  model: LearnedScenarioModel | undefined,
  settings: Dictionaries['config']['scenarios']['learned'],
  manual: ScenarioKind,
  manualConfidence: number,
  minConfidence: number,
) {
  if (!model || !settings || (manual !== 'other' && manualConfidence >= settings.manualConfidence)) return undefined;
  const tokens = (name: string) => {
    const text = fields.find((f) => f.field === name)?.text;
    return text ? ownTokens(text) : [];
  };
  const features = scenarioFeatures(tokens('subject'), tokens('body'), settings);
  const reading = readLearnedScenario(features, model, settings.temperature);
  if (!reading) return undefined;
  const shown = { scenario: reading.scenario, probability: reading.probability, words: reading.words };
  // Nothing in the manual and an unsure reading: the mail stays `other` (the general reply either way).
  if (manual === 'other' && reading.probability < minConfidence) {
    return { scenario: manual, confidence: 0, unlikely: () => false, shown: { ...shown, decided: false } };
  }
  const odds = (kind: ScenarioKind) =>
    reading.logOdds.get(kind) ?? Math.max(...[...reading.logOdds].filter(([coarse]) => isSplitFrom(kind, coarse)).map(([, v]) => v));
  const top = ranked[0]?.score ?? 0;
  const candidates = manual === 'other' ? [] : ranked.filter((r) => r.score >= top * settings.candidateRatio).map((r) => r.scenario);
  if (manual === 'other' || reading.probability >= settings.outsideProbability) candidates.push(reading.scenario);
  let best = candidates[0]!;
  for (const kind of candidates) if (odds(kind) > odds(best)) best = kind;
  const scenario = manual !== 'other' && isSplitFrom(manual, best) ? manual : best;
  const decided = scenario !== manual;
  const probability = scenario === reading.scenario || isSplitFrom(scenario, reading.scenario) ? reading.probability : 0;
  // Once the reading has overruled the manual, a candidate it finds unlikely is no second errand
  // either (「定期便…のコースに変えたい」 is a plan change, and no cancellation to add 「あわせて」).
  const unlikely = (kind: ScenarioKind) =>
    reading.probability * Math.exp((odds(kind) - odds(reading.scenario)) / settings.temperature) < settings.secondaryProbability;
  return {
    scenario,
    unlikely,
    // Kept against a reading that names another kind, the manual's choice is as sure as the reading is not.
    confidence: decided
      ? probability
      : probability > 0
        ? Math.max(manualConfidence, probability)
        : Math.round(manualConfidence * (1 - reading.probability) * 100) / 100,
    shown: { ...shown, decided },
  };
}

/**
 * Between billing and subscription-cancellation, both evidenced, a contract ended and charged anyway
 * is decided by what the customer asks for (ended-then-charged.ts), not by which words weigh more.
 */
function endedThenChargedChoice(
  read: ScenarioKind,
  ranked: ReadonlyArray<{ scenario: ScenarioKind; score: number }>,
  own: string,
): ScenarioKind | undefined {
  const other = read === 'billing' ? 'subscription-cancellation' : read === 'subscription-cancellation' ? 'billing' : undefined;
  if (!other || !isEndedThenChargedPair(read, other) || !ranked.some((r) => r.scenario === other)) return undefined;
  return endedThenCharged(own);
}

/**
 * Half strength (the top score against a strongly evidenced one), half margin (how far the top
 * score is ahead of the next): two scenarios neck and neck are a guess however strong both are.
 */
export function confidenceOf(ranked: ReadonlyArray<{ score: number }>, strongScore: number): number {
  const [first, second] = ranked;
  if (!first || first.score <= 0) return 0;
  const strength = Math.min(1, first.score / strongScore);
  const margin = (first.score - (second?.score ?? 0)) / first.score;
  return Math.round((strength + margin) * 50) / 100;
}

/** The agent's choice replaces the detected primary; what was detected stays visible in scores. */
export function chooseScenario(detected: ScenarioResult, scenario: ScenarioKind): ScenarioResult {
  return {
    ...detected,
    primary: scenario,
    secondary: detected.secondary.filter((kind) => kind !== scenario),
    confidence: 1,
    source: 'agent',
    generalDraft: false,
  };
}

/**
 * One piece of text is evidence for one scenario: a match inside a longer match of another scenario
 * (「反映されていません」 inside 「変更が反映されていません」) is read by the longer one only.
 */
function ownEvidence(matches: readonly Match[]): Match[] {
  const scenario = matches.filter((m) => m.entry.role === 'scenario').sort((a, b) => a.start - b.start || b.end - a.end);
  // One sweep: the match reaching furthest so far covers every later one that ends inside it.
  let cover: Match | undefined;
  const kept = new Set<Match>();
  for (const m of scenario) {
    const inside = cover !== undefined && m.end <= cover.end && cover.end - cover.start > m.end - m.start;
    if (!inside || cover!.entry.category === m.entry.category) kept.add(m);
    if (!cover || m.end > cover.end) cover = m;
  }
  // Back in text order, as the evidence is reported.
  return matches.filter((m) => kept.has(m));
}

/** The body as the customer wrote it, without the quoted history of earlier mail. */
function ownBody(fields: readonly FieldMatches[]): string {
  const body = fields.find((f) => f.field === 'body')?.text;
  if (!body) return '';
  let own = '';
  let from = 0;
  for (const [start, end] of body.history) {
    own += body.original.slice(from, start);
    from = end;
  }
  return own + body.original.slice(from);
}

/** The tokens of the customer's own text: none of the quoted history under it. */
export function ownTokens(text: PreparedText): readonly Token[] {
  if (text.history.length === 0) return text.tokens;
  return text.tokens.filter((t) => {
    const [start, end] = toOriginalRange(text.normalized, t.start, t.end);
    return !inRanges(text.history, { start, end });
  });
}

/** Words the customer cites inside 「」『』. */
function isBracketed(m: Match, bracketed: Uint8Array): boolean {
  return m.tokenStart >= 0 && bracketed[m.tokenStart] === 1;
}
