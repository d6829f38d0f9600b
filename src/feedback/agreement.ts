/**
 * How often agents agree with ondo, per dictionary version: level agreement with its confusion
 * matrix (agents' level in rows, ondo's in columns), the polite-but-annoyed flag and the scenario
 * (with its own confusion matrix) where agents gave them, the corrections that disagree most
 * (levels furthest apart first), and the scenario disagreements grouped by the agents' scenario.
 */
import type { ScenarioKind } from '../analysis/scenario-schema.js';
import { TONE_LEVELS, type ToneLevel } from '../analysis/tone-schema.js';
import { agrees, type FeedbackRecord } from './record.js';

export type Confusion = Record<ToneLevel, Record<ToneLevel, number>>;
/** Agents' scenario → ondo's scenario → count; sparse: only pairs that occurred (22 kinds make a mostly empty square). */
export type ScenarioConfusion = Partial<Record<ScenarioKind, Partial<Record<ScenarioKind, number>>>>;

export interface Agreement {
  n: number;
  agreed: number;
  /** agreed / n; NaN when n is 0. */
  rate: number;
}

export interface VersionAgreement {
  dictionaryVersion: string;
  /** The first and last correction given on this version. */
  from: string;
  to: string;
  level: Agreement;
  /** Among corrections whose agent said whether the mail was polite but annoyed. */
  politeButAnnoyed: Agreement;
  /** Among corrections whose agent named a scenario and whose ondo answer had one. */
  scenario: Agreement;
  confusion: Confusion;
  scenarioConfusion: ScenarioConfusion;
  /** ondo read hotter than the agent / cooler than the agent. */
  over: number;
  under: number;
}

export interface Disagreement {
  record: FeedbackRecord;
  /** Levels apart, signed: positive when ondo read the mail hotter than the agent. */
  levelGap: number;
  scenarioDiffers: boolean;
}

/** Corrections whose agent named this scenario: how many ondo read as it, and the ones it read as another. */
export interface ScenarioDisagreements {
  scenario: ScenarioKind;
  agreement: Agreement;
  /** What ondo said instead, most frequent first. */
  readAs: Array<{ scenario: ScenarioKind; count: number }>;
  /** Newest first, at most the report's `disagreements` option per scenario. */
  records: FeedbackRecord[];
}

export interface AgreementReport {
  total: Agreement;
  versions: VersionAgreement[];
  disagreements: Disagreement[];
  /** Scenarios agents named, the most disagreed first. */
  scenarios: ScenarioDisagreements[];
}

const rank = (level: ToneLevel) => TONE_LEVELS.indexOf(level);

export function emptyConfusion(): Confusion {
  return Object.fromEntries(TONE_LEVELS.map((a) => [a, Object.fromEntries(TONE_LEVELS.map((o) => [o, 0]))])) as Confusion;
}

/** Corrections where both the agent and ondo named a scenario: the only ones scenario agreement can be read from. */
function withScenarios(records: readonly FeedbackRecord[]) {
  return records.filter(
    (r): r is FeedbackRecord & { agent: { scenario: ScenarioKind }; ondo: { scenario: ScenarioKind } } =>
      r.agent.scenario !== undefined && r.ondo.scenario !== undefined,
  );
}

function share(flags: readonly boolean[]): Agreement {
  const agreed = flags.filter(Boolean).length;
  return { n: flags.length, agreed, rate: flags.length ? agreed / flags.length : Number.NaN };
}

export function levelGap(record: Pick<FeedbackRecord, 'ondo' | 'agent'>): number {
  return rank(record.ondo.level) - rank(record.agent.level);
}

export function summarizeAgreement(records: readonly FeedbackRecord[], options: { disagreements?: number } = {}): AgreementReport {
  const byVersion = new Map<string, FeedbackRecord[]>();
  for (const record of records) {
    const list = byVersion.get(record.ondo.dictionaryVersion) ?? [];
    list.push(record);
    byVersion.set(record.ondo.dictionaryVersion, list);
  }
  const versions = [...byVersion].map(([dictionaryVersion, list]): VersionAgreement => {
    const confusion = emptyConfusion();
    for (const r of list) confusion[r.agent.level][r.ondo.level]++;
    const dates = list.map((r) => r.createdAt).sort();
    return {
      dictionaryVersion,
      from: dates[0]!,
      to: dates.at(-1)!,
      level: share(list.map(agrees)),
      politeButAnnoyed: share(
        list
          .filter((r) => r.agent.politeButAnnoyed !== undefined && r.ondo.politeButAnnoyed !== undefined)
          .map((r) => r.agent.politeButAnnoyed === r.ondo.politeButAnnoyed),
      ),
      scenario: share(withScenarios(list).map((r) => r.agent.scenario === r.ondo.scenario)),
      confusion,
      scenarioConfusion: scenarioConfusion(list),
      over: list.filter((r) => levelGap(r) > 0).length,
      under: list.filter((r) => levelGap(r) < 0).length,
    };
  });
  versions.sort((a, b) => a.from.localeCompare(b.from));
  const disagreements = records
    .map((record) => ({
      record,
      levelGap: levelGap(record),
      scenarioDiffers: Boolean(record.agent.scenario && record.ondo.scenario && record.agent.scenario !== record.ondo.scenario),
    }))
    .filter((d) => d.levelGap !== 0 || d.scenarioDiffers)
    .sort(
      (a, b) =>
        Math.abs(b.levelGap) - Math.abs(a.levelGap) ||
        Number(b.scenarioDiffers) - Number(a.scenarioDiffers) ||
        b.record.createdAt.localeCompare(a.record.createdAt),
    )
    .slice(0, options.disagreements ?? 20);
  return { total: share(records.map(agrees)), versions, disagreements, scenarios: byScenario(records, options.disagreements ?? 20) };
}

function scenarioConfusion(records: readonly FeedbackRecord[]): ScenarioConfusion {
  const confusion: ScenarioConfusion = {};
  for (const r of withScenarios(records)) {
    const row = (confusion[r.agent.scenario] ??= {});
    row[r.ondo.scenario] = (row[r.ondo.scenario] ?? 0) + 1;
  }
  return confusion;
}

function byScenario(records: readonly FeedbackRecord[], perScenario: number): ScenarioDisagreements[] {
  const groups = new Map<ScenarioKind, ReturnType<typeof withScenarios>>();
  for (const r of withScenarios(records)) groups.set(r.agent.scenario, [...(groups.get(r.agent.scenario) ?? []), r]);
  return [...groups]
    .map(([scenario, list]): ScenarioDisagreements => {
      const wrong = list.filter((r) => r.ondo.scenario !== scenario);
      const counts = new Map<ScenarioKind, number>();
      for (const r of wrong) counts.set(r.ondo.scenario, (counts.get(r.ondo.scenario) ?? 0) + 1);
      return {
        scenario,
        agreement: share(list.map((r) => r.ondo.scenario === scenario)),
        readAs: [...counts]
          .map(([s, count]) => ({ scenario: s, count }))
          .sort((a, b) => b.count - a.count || a.scenario.localeCompare(b.scenario)),
        records: wrong.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, perScenario),
      };
    })
    .sort(
      (a, b) =>
        b.agreement.n - b.agreement.agreed - (a.agreement.n - a.agreement.agreed) ||
        a.agreement.rate - b.agreement.rate ||
        a.scenario.localeCompare(b.scenario),
    );
}
