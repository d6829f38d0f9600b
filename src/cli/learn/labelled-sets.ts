/**
 * The project's labelled mail sets for `ondo learn suggest`: given with --labelled, or by default
 * the ones in test/fixtures of a clone (the development set, read as background while mining,
 * and every held-out set but the blind one, BLIND_FIXTURE).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LabelledText } from '../../feedback/suggest/scorer.js';
import type { LabelledSet } from '../../feedback/suggest/suggest.js';
import type { FeedbackRecord } from '../../feedback/record.js';
import { isScenarioKind } from '../../analysis/scenario-schema.js';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/', import.meta.url));
const DEVELOPMENT = 'emails.jsonl';
/**
 * The blind held-out set's file-name mark: `ondo learn` never mines or measures on it, so the set stays an
 * honest measure of unseen mail. Move it on when a newer blind set is written.
 */
export const BLIND_FIXTURE = '-holdout-22';

export function readLabelledFile(path: string): LabelledText[] {
  const coarse = resolve(path).startsWith(FIXTURES);
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const mail = JSON.parse(line) as Partial<LabelledText>;
      if (typeof mail.body !== 'string' || typeof mail.level !== 'string') throw new Error(`${path}:${index + 1}: needs body and level`);
      return {
        id: mail.id ?? `${basename(path)}:${index + 1}`,
        subject: mail.subject,
        body: mail.body,
        level: mail.level,
        politeButAnnoyed: mail.politeButAnnoyed,
        // The project's fixtures name scenarios in the coarser taxonomy they were written in; a team's file, exactly.
        ...(isScenarioKind(mail.scenario) ? { scenario: mail.scenario, coarseScenario: coarse } : {}),
      };
    });
}

/** The sets to measure on; the first one marked minedAgainst is also the mining background. */
export function labelledSets(paths: readonly string[]): LabelledSet[] {
  if (paths.length > 0) return paths.map((path, i) => ({ name: basename(path), mails: readLabelledFile(path), minedAgainst: i === 0 }));
  if (!existsSync(join(FIXTURES, DEVELOPMENT))) return [];
  return readdirSync(FIXTURES)
    .filter((name) => /^emails.*\.jsonl$/u.test(name) && !name.includes(BLIND_FIXTURE))
    .sort((a, b) => Number(b === DEVELOPMENT) - Number(a === DEVELOPMENT) || a.localeCompare(b))
    .map((name) => ({ name, mails: readLabelledFile(join(FIXTURES, name)), minedAgainst: name === DEVELOPMENT }));
}

export function correctionTexts(records: readonly FeedbackRecord[]): LabelledText[] {
  return records.map((r) => ({
    id: r.id,
    subject: r.mail.subject,
    body: r.mail.body,
    level: r.agent.level,
    politeButAnnoyed: r.agent.politeButAnnoyed,
    scenario: r.agent.scenario,
  }));
}
