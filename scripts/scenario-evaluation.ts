/** Detects the scenario of labelled fixture mails and summarises it: accuracy, per-scenario precision/recall, confusions. */
import { pathToFileURL } from 'node:url';
import { loadAnalysisEngine, type AnalysisEngine } from '../src/analysis/analyze.js';
import { asFixtureLabel, isScenarioKind, SCENARIO_KINDS, type ScenarioKind } from '../src/analysis/scenario-schema.js';
import { detectScenarios } from '../src/analysis/scenarios.js';
import { classScores, EMAIL_FIXTURES, readJsonLines, type ClassScores, type LabelledMail } from './evaluation.js';

export interface ScenarioMiss {
  id: string;
  expected: ScenarioKind;
  got: ScenarioKind;
  /** True when the expected scenario was still reported as a secondary one. */
  inSecondary: boolean;
  /** The strongest scores, to see by how much the mail was missed. */
  scores: Array<{ scenario: ScenarioKind; score: number }>;
}

export interface ScenarioEvaluation {
  /** Mails with a `scenario` label (mails without one are skipped). */
  total: number;
  /** Share of mails whose primary scenario equals the label. */
  accuracy: number;
  /** Share of mails whose label is the primary or one of the secondary scenarios. */
  primaryOrSecondary: number;
  macroF1: number;
  /** Scenarios that occur as a label or a prediction. */
  perScenario: Partial<Record<ScenarioKind, ClassScores>>;
  /** expected → predicted → count, for the misses only, most frequent first when formatted. */
  confusion: Array<{ expected: ScenarioKind; got: ScenarioKind; count: number }>;
  misses: ScenarioMiss[];
}

export function evaluateScenarios(engine: AnalysisEngine, mails: readonly LabelledMail[]): ScenarioEvaluation {
  const labelled = mails.filter((m): m is LabelledMail & { scenario: ScenarioKind } => isScenarioKind(m.scenario));
  const pairs: Array<[ScenarioKind, ScenarioKind]> = [];
  const misses: ScenarioMiss[] = [];
  let primaryOrSecondary = 0;
  for (const mail of labelled) {
    const { fields } = engine.analyzeWithMatches({ subject: mail.subject, body: mail.body });
    const detected = detectScenarios(fields, engine.dictionaries);
    const result = {
      primary: asFixtureLabel(detected.primary, mail.scenario),
      secondary: detected.secondary.map((k) => asFixtureLabel(k, mail.scenario)),
      scores: detected.scores,
    };
    pairs.push([mail.scenario, result.primary]);
    const inSecondary = result.secondary.includes(mail.scenario);
    if (result.primary === mail.scenario || inSecondary) primaryOrSecondary++;
    if (result.primary !== mail.scenario) {
      misses.push({ id: mail.id, expected: mail.scenario, got: result.primary, inSecondary, scores: result.scores.slice(0, 3) });
    }
  }

  const seen = SCENARIO_KINDS.filter((k) => pairs.some(([e, g]) => e === k || g === k));
  const perScenario: ScenarioEvaluation['perScenario'] = {};
  for (const kind of seen) {
    const tp = pairs.filter(([e, g]) => e === kind && g === kind).length;
    const predicted = pairs.filter(([, g]) => g === kind).length;
    const actual = pairs.filter(([e]) => e === kind).length;
    perScenario[kind] = classScores(tp, predicted, actual);
  }
  const withSupport = seen.filter((k) => (perScenario[k]?.support ?? 0) > 0);
  const macroF1 = withSupport.length ? withSupport.reduce((s, k) => s + perScenario[k]!.f1, 0) / withSupport.length : 0;

  const counts = new Map<string, { expected: ScenarioKind; got: ScenarioKind; count: number }>();
  for (const { expected, got } of misses) {
    const key = `${expected}\u0000${got}`;
    const entry = counts.get(key) ?? { expected, got, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  const confusion = [...counts.values()].sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected));

  const total = labelled.length;
  return {
    total,
    accuracy: total ? (total - misses.length) / total : 0,
    primaryOrSecondary: total ? primaryOrSecondary / total : 0,
    macroF1,
    perScenario,
    confusion,
    misses,
  };
}

export function formatScenarioEvaluation(e: ScenarioEvaluation): string {
  const pad = (s: string | number, n = 10) => String(s).padStart(n);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    'Scenario (primary) — per scenario',
    `${pad('scenario', 20)}${pad('precision')}${pad('recall')}${pad('F1')}${pad('n', 5)}`,
  ];
  for (const kind of SCENARIO_KINDS) {
    const s = e.perScenario[kind];
    if (!s) continue;
    lines.push(`${pad(kind, 20)}${pad(pct(s.precision))}${pad(pct(s.recall))}${pad(pct(s.f1))}${pad(s.support, 5)}`);
  }
  lines.push(
    '',
    `accuracy ${pct(e.accuracy)} (${e.total - e.misses.length}/${e.total})   macro-F1 ${e.macroF1.toFixed(3)}   ` +
      `label in primary or secondary ${pct(e.primaryOrSecondary)}`,
  );
  if (e.confusion.length) {
    lines.push('', 'confusions (expected → ondo):');
    for (const c of e.confusion) lines.push(`  ${c.expected} → ${c.got}: ${c.count}`);
  }
  if (e.misses.length) {
    lines.push('', 'misses:');
    for (const m of e.misses) {
      const scores = m.scores.map((s) => `${s.scenario} ${s.score}`).join(', ') || 'no evidence';
      lines.push(`  ${m.id} ${m.expected} → ${m.got}${m.inSecondary ? ' (label in secondary)' : ''}  [${scores}]`);
    }
  }
  return lines.join('\n');
}

/** `npx tsx scripts/scenario-evaluation.ts`: prints the report for test/fixtures/emails.jsonl. */
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const engine = await loadAnalysisEngine();
  const mails = readJsonLines<LabelledMail>(EMAIL_FIXTURES);
  console.log(`${mails.length} labelled mails, dictionaries ${engine.dictionaries.version}\n`);
  console.log(formatScenarioEvaluation(evaluateScenarios(engine, mails)));
}
