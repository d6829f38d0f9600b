/**
 * How often agents agree with ondo, per dictionary version: level agreement with its confusion
 * matrix (agents' level in rows, ondo's in columns), the polite-but-annoyed flag and the scenario
 * where agents gave them, and the corrections that disagree most (levels furthest apart first).
 */
import { TONE_LEVELS, type ToneLevel } from '../analysis/tone-schema.js';
import { agrees, type FeedbackRecord } from './record.js';

export type Confusion = Record<ToneLevel, Record<ToneLevel, number>>;

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

export interface AgreementReport {
  total: Agreement;
  versions: VersionAgreement[];
  disagreements: Disagreement[];
}

const rank = (level: ToneLevel) => TONE_LEVELS.indexOf(level);

export function emptyConfusion(): Confusion {
  return Object.fromEntries(TONE_LEVELS.map((a) => [a, Object.fromEntries(TONE_LEVELS.map((o) => [o, 0]))])) as Confusion;
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
      scenario: share(list.filter((r) => r.agent.scenario && r.ondo.scenario).map((r) => r.agent.scenario === r.ondo.scenario)),
      confusion,
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
  return { total: share(records.map(agrees)), versions, disagreements };
}
