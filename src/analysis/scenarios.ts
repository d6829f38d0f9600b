/** Detects what a mail is about from the scenario dictionaries (dictionaries/scenarios/*.yaml). */
import { SCENARIO_PREFIX } from './lexicon/compile.js';
import type { Dictionaries } from './lexicon/load.js';
import { summarizeScenarioEvidence } from './evidence-summary.js';
import { spanOf, type FieldMatches } from './mail-matches.js';
import type { ScenarioKind, ScenarioResult } from './scenario-schema.js';

export function detectScenarios(fields: readonly FieldMatches[], { config }: Dictionaries): ScenarioResult {
  const scores = new Map<ScenarioKind, number>();
  const evidence: ScenarioResult['evidence'] = [];
  const seen = new Map<string, number>();
  for (const field of fields) {
    for (const m of field.matches) {
      if (m.entry.role !== 'scenario') continue;
      const scenario = m.entry.category.slice(SCENARIO_PREFIX.length) as ScenarioKind;
      const times = seen.get(m.entry.id) ?? 0;
      seen.set(m.entry.id, times + 1);
      const fieldWeight = field.field === 'subject' ? config.subjectWeight : 1;
      const weight = Math.round((m.entry.weight ?? 0) * fieldWeight * config.repeatDecay ** times * 100) / 100;
      scores.set(scenario, (scores.get(scenario) ?? 0) + weight);
      const { entryId, field: f, text, start, end } = spanOf(m, field);
      evidence.push({ scenario, entryId, field: f, text, start, end, weight });
    }
  }
  const ranked = [...scores].sort((a, b) => b[1] - a[1]).map(([scenario, score]) => ({ scenario, score: Math.round(score * 100) / 100 }));
  const { minScore, secondaryRatio } = config.scenarios;
  const top = ranked[0];
  const primary = top && top.score >= minScore ? top.scenario : 'other';
  const secondary = ranked
    .slice(1)
    .filter((r) => top && r.score >= minScore && r.score >= top.score * secondaryRatio)
    .map((r) => r.scenario);
  return { primary, secondary: primary === 'other' ? [] : secondary, scores: ranked, evidence: summarizeScenarioEvidence(evidence) };
}
