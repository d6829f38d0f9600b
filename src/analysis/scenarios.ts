/** Detects what a mail is about from the scenario dictionaries (dictionaries/scenarios/*.yaml). */
import { SCENARIO_PREFIX } from './lexicon/compile.js';
import type { Dictionaries } from './lexicon/load.js';
import { summarizeScenarioEvidence } from './evidence-summary.js';
import { spanOf, type FieldMatches } from './mail-matches.js';
import type { ScenarioKind, ScenarioResult } from './scenario-schema.js';
import { quotedTokens } from './clauses.js';
import { inRanges, type Match, type PreparedText } from './match.js';

/**
 * Words the customer cites rather than says count half: someone else's words or a screen message
 * (「予約完了」って出てた, 「返品は不可です」と言われ) and the earlier mail under a 「>」 reply.
 */
const CITED_WEIGHT = 0.5;

export function detectScenarios(fields: readonly FieldMatches[], { config }: Dictionaries): ScenarioResult {
  const scores = new Map<ScenarioKind, number>();
  const evidence: ScenarioResult['evidence'] = [];
  const seen = new Map<string, number>();
  for (const field of fields) {
    let cited: Uint8Array | undefined;
    for (const m of ownEvidence(field.matches)) {
      const scenario = m.entry.category.slice(SCENARIO_PREFIX.length) as ScenarioKind;
      const times = seen.get(m.entry.id) ?? 0;
      seen.set(m.entry.id, times + 1);
      const citedWeight = isCited(m, field.text, (cited ??= quotedTokens(field.text.tokens))) ? CITED_WEIGHT : 1;
      const fieldWeight = (field.field === 'subject' ? config.subjectWeight : 1) * citedWeight;
      const weight = Math.round((m.entry.weight ?? 0) * fieldWeight * config.repeatDecay ** times * 100) / 100;
      scores.set(scenario, (scores.get(scenario) ?? 0) + weight);
      const { entryId, field: f, text, start, end } = spanOf(m, field);
      evidence.push({ scenario, entryId, field: f, text, start, end, weight });
    }
  }
  const ranked = [...scores].sort((a, b) => b[1] - a[1]).map(([scenario, score]) => ({ scenario, score: Math.round(score * 100) / 100 }));
  const { minScore, secondaryRatio, minConfidence } = config.scenarios;
  const top = ranked[0];
  const primary = top && top.score >= minScore ? top.scenario : 'other';
  const secondary = ranked
    .slice(1)
    .filter((r) => top && r.score >= minScore && r.score >= top.score * secondaryRatio)
    .map((r) => r.scenario);
  const confidence = primary === 'other' ? 0 : confidenceOf(ranked, config.scenarios.strongScore);
  return {
    primary,
    secondary: primary === 'other' ? [] : secondary,
    scores: ranked,
    evidence: summarizeScenarioEvidence(evidence),
    confidence,
    source: 'detected',
    generalDraft: primary === 'other' || confidence < minConfidence,
  };
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

/** Words the customer cites: inside 「」『』, or in the quoted history of an earlier mail. */
function isCited(m: Match, text: PreparedText, bracketed: Uint8Array): boolean {
  return inRanges(text.history, m) || (m.tokenStart >= 0 && bracketed[m.tokenStart] === 1);
}
