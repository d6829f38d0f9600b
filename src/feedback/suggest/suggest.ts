/**
 * `ondo learn suggest`: candidates mined from all corrections (entries for mails ondo read cooler
 * than the agents, context entries for mails it read hotter, scenario entries for mails it read as
 * about something else), each measured where it could not have been learned — on the corrections
 * by k-fold cross-validation (a fold's mails are judged by entries mined without them), and on
 * every labelled set — so a lead accepts entries on evidence. Tone entries are measured on levels,
 * scenario entries on scenario accuracy.
 */
import type { Dictionaries } from '../../analysis/lexicon/load.js';
import type { CategorizedEntry } from '../../analysis/lexicon/schema.js';
import { mineContexts } from './context.js';
import { mineCandidates, type Candidate, type MineInput, type MineOptions } from './mine.js';
import { mineScenarioEntries } from './scenario.js';
import { levelRank, withEntries, type LabelledText, type Scorer } from './scorer.js';

export interface LabelledSet {
  name: string;
  mails: readonly LabelledText[];
  /** This set was also read as background while mining (rare elsewhere): its figures are not blind. */
  minedAgainst?: boolean;
}

export interface Effect {
  /** Mails the measure applies to: every mail for levels, those with a labelled scenario for scenarios. */
  n: number;
  /** Mails whose level moved closer to their label / further away. */
  improved: number;
  worsened: number;
  accuracyBefore: number;
  accuracyAfter: number;
}

export interface Suggestion {
  entry: CategorizedEntry;
  /**
   * under: an entry that raises mails ondo read cooler than the agents; over: a context entry that
   * lowers mails it read hotter; scenario: an entry that makes mails read as the scenario agents named.
   */
  direction: Candidate['direction'];
  support: number;
  background: number;
  /** On the corrections, cross-validated: found in how many folds' training parts, and its effect on the held-out folds. */
  crossValidated: { folds: number; foundIn: number } & Effect;
  sets: Array<{ name: string; minedAgainst: boolean } & Effect>;
}

export interface SuggestInput {
  scorer: Scorer;
  dictionaries: Dictionaries;
  corrections: readonly LabelledText[];
  /** Background mails for mining (rare elsewhere); also reported among the sets, marked minedAgainst. */
  background: readonly LabelledText[];
  sets: readonly LabelledSet[];
  folds?: number;
  options?: Partial<MineOptions>;
}

/** What an entry is judged on: how far a mail reads from its label (0 is right), for the mails that have one. */
export interface Measure {
  applies(mail: LabelledText): boolean;
  gap(scorer: Scorer, mail: LabelledText, dictionaries: Dictionaries): number;
}

export const LEVELS: Measure = {
  applies: () => true,
  gap: (scorer, mail, d) => Math.abs(levelRank(scorer.level(mail, d)) - levelRank(mail.level)),
};

export const SCENARIOS: Measure = {
  applies: (mail) => mail.scenario !== undefined,
  gap: (scorer, mail, d) => (scorer.scenarioRight(mail, d) ? 0 : 1),
};

const measureOf = (candidate: Pick<Candidate, 'direction'>) => (candidate.direction === 'scenario' ? SCENARIOS : LEVELS);

export function effectOf(
  scorer: Scorer,
  all: readonly LabelledText[],
  before: Dictionaries,
  after: Dictionaries,
  measure: Measure = LEVELS,
): Effect {
  let improved = 0;
  let worsened = 0;
  let rightBefore = 0;
  let rightAfter = 0;
  const mails = all.filter((m) => measure.applies(m));
  for (const mail of mails) {
    const was = measure.gap(scorer, mail, before);
    const now = before === after ? was : measure.gap(scorer, mail, after);
    if (now < was) improved++;
    if (now > was) worsened++;
    if (was === 0) rightBefore++;
    if (now === 0) rightAfter++;
  }
  const n = mails.length;
  return { n, improved, worsened, accuracyBefore: n ? rightBefore / n : Number.NaN, accuracyAfter: n ? rightAfter / n : Number.NaN };
}

const keyOf = (entry: CategorizedEntry) => `${entry.pattern}|${entry.polarity}|${entry.category}|${entry.weight === 0}`;

/** Every direction: entries for mails read too cool, context entries for mails read too hot, scenario entries. */
function mineAll(input: MineInput): Candidate[] {
  return [...mineCandidates(input), ...mineContexts(input), ...mineScenarioEntries(input)];
}

/** All the suggestions at once on one set: its levels (the fields) and its labelled scenarios. */
export type Together = { name: string; scenarios: Effect } & Effect;

export function suggestEntries(input: SuggestInput): { suggestions: Suggestion[]; together: Together[] } {
  const { scorer, dictionaries, corrections, background, sets } = input;
  const guard = sets.flatMap((set) => set.mails);
  const candidates = mineAll({ scorer, dictionaries, corrections, background, guard, options: input.options });
  const k = Math.max(2, Math.min(input.folds ?? 5, corrections.length));

  // Cross-validation: mine on k − 1 folds, judge what was found on the fold left out.
  const cv = new Map<string, { foundIn: number; effects: Effect[] }>();
  for (let fold = 0; fold < k; fold++) {
    const test = corrections.filter((_, i) => i % k === fold);
    const train = corrections.filter((_, i) => i % k !== fold);
    for (const found of mineAll({ scorer, dictionaries, corrections: train, background, guard, options: input.options })) {
      const entry = cv.get(keyOf(found.entry)) ?? { foundIn: 0, effects: [] };
      entry.foundIn++;
      entry.effects.push(effectOf(scorer, test, dictionaries, withEntries(dictionaries, [found.entry]), measureOf(found)));
      cv.set(keyOf(found.entry), entry);
    }
  }

  const suggestions = candidates.map((candidate: Candidate): Suggestion => {
    const measured = cv.get(keyOf(candidate.entry));
    const effects = measured?.effects ?? [];
    const measure = measureOf(candidate);
    const heldOutCorrections = effectOf(scorer, corrections, dictionaries, dictionaries, measure);
    const after = withEntries(dictionaries, [candidate.entry]);
    return {
      entry: candidate.entry,
      direction: candidate.direction,
      support: candidate.support.length,
      background: candidate.background,
      crossValidated: {
        folds: k,
        foundIn: measured?.foundIn ?? 0,
        n: heldOutCorrections.n,
        improved: effects.reduce((s, e) => s + e.improved, 0),
        worsened: effects.reduce((s, e) => s + e.worsened, 0),
        accuracyBefore: heldOutCorrections.accuracyBefore,
        // Folds where the entry was not found keep their mails as they were.
        accuracyAfter:
          heldOutCorrections.accuracyBefore +
          effects.reduce((s, e) => s + (e.accuracyAfter - e.accuracyBefore) * e.n, 0) / Math.max(1, heldOutCorrections.n),
      },
      sets: sets.map((set) => ({
        name: set.name,
        minedAgainst: Boolean(set.minedAgainst),
        ...effectOf(scorer, set.mails, dictionaries, after, measure),
      })),
    };
  });
  const all = withEntries(
    dictionaries,
    suggestions.map((s) => s.entry),
  );
  const together = sets.map((set) => ({
    name: set.name,
    ...effectOf(scorer, set.mails, dictionaries, all),
    scenarios: effectOf(scorer, set.mails, dictionaries, all, SCENARIOS),
  }));
  return { suggestions, together };
}
