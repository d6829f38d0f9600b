/**
 * Scores labelled mails under many dictionary variants quickly: each mail is tokenized once (the
 * costly step) and only matched and scored (level, scenario) again per variant; variants add entries in memory.
 * A mail's level and scenario under one dictionaries version are kept: every candidate is judged
 * against the same unchanged dictionaries on every labelled set, and those verdicts never change.
 */
import { createHash } from 'node:crypto';
import type { Dictionaries } from '../../analysis/lexicon/load.js';
import type { CategorizedEntry } from '../../analysis/lexicon/schema.js';
import { compileLexicon } from '../../analysis/lexicon/compile.js';
import { matchMail, type PreparedMail } from '../../analysis/mail-matches.js';
import { prepareText } from '../../analysis/match.js';
import { asFixtureLabel, type ScenarioKind } from '../../analysis/scenario-schema.js';
import { detectScenarios } from '../../analysis/scenarios.js';
import { scoreTone } from '../../analysis/score.js';
import type { Tokenizer } from '../../analysis/tokenizer/index.js';
import { TONE_LEVELS, type ToneLevel, type ToneResult } from '../../analysis/tone-schema.js';

/** A mail with the level a person gave it: a team correction or a mail of a project labelled set. */
export interface LabelledText {
  id: string;
  subject?: string;
  body: string;
  level: ToneLevel;
  politeButAnnoyed?: boolean;
  /** What the mail is about, where a person said. */
  scenario?: ScenarioKind;
  /** The label is of the project fixtures' coarser taxonomy (asFixtureLabel); an agent's correction names the exact kind. */
  coarseScenario?: boolean;
}

export const levelRank = (level: ToneLevel): number => TONE_LEVELS.indexOf(level);

/** Dictionaries versions whose verdicts are kept: the unchanged dictionaries, asked about all the time, stay among them. */
const VERDICTS_LIMIT = 64;

/** What a mail reads as under one dictionaries version, filled in as asked. */
interface Verdict {
  level?: ToneLevel;
  scenario?: ScenarioKind;
}

export class Scorer {
  private readonly prepared = new Map<string, PreparedMail>();
  /** By dictionaries version (a hash of their content, as withEntries keys its variants), the most recently used kept. */
  private readonly verdicts = new Map<string, Map<PreparedMail, Verdict>>();
  constructor(readonly tokenizer: Tokenizer) {}

  prepare(mail: LabelledText): PreparedMail {
    const key = `${mail.subject ?? ''}\u0000${mail.body}`;
    let prepared = this.prepared.get(key);
    if (!prepared) {
      prepared = {
        subject: mail.subject ? prepareText(mail.subject, this.tokenizer) : undefined,
        body: prepareText(mail.body, this.tokenizer),
      };
      this.prepared.set(key, prepared);
    }
    return prepared;
  }

  tone(mail: LabelledText, dictionaries: Dictionaries): ToneResult {
    return scoreTone(matchMail(this.prepare(mail), dictionaries), dictionaries);
  }

  level(mail: LabelledText, dictionaries: Dictionaries): ToneLevel {
    return (this.verdict(mail, dictionaries).level ??= this.tone(mail, dictionaries).level);
  }

  scenario(mail: LabelledText, dictionaries: Dictionaries): ScenarioKind {
    return (this.verdict(mail, dictionaries).scenario ??= detectScenarios(
      matchMail(this.prepare(mail), dictionaries),
      dictionaries,
    ).primary);
  }

  private verdict(mail: LabelledText, dictionaries: Dictionaries): Verdict {
    const prepared = this.prepare(mail);
    let byMail = this.verdicts.get(dictionaries.version);
    if (byMail) this.verdicts.delete(dictionaries.version);
    else if (this.verdicts.size >= VERDICTS_LIMIT) this.verdicts.delete(this.verdicts.keys().next().value!);
    this.verdicts.set(dictionaries.version, (byMail ??= new Map()));
    let verdict = byMail.get(prepared);
    if (!verdict) byMail.set(prepared, (verdict = {}));
    return verdict;
  }

  /** Whether ondo names the mail's labelled scenario; undefined when nobody labelled one. */
  scenarioRight(mail: LabelledText, dictionaries: Dictionaries): boolean | undefined {
    if (!mail.scenario) return undefined;
    const primary = this.scenario(mail, dictionaries);
    return (mail.coarseScenario ? asFixtureLabel(primary, mail.scenario) : primary) === mail.scenario;
  }
}

const COMPILED_LIMIT = 500;
const compiled = new Map<string, Dictionaries>();
/**
 * Compiled variants by their extra entries but for the weights: mining tries each candidate at several
 * weights, and the automata do not depend on a weight (they report an entry by its index; the matcher
 * and the scorer read its weight from `entries`), so the variants of one candidate share them.
 */
const byShape = new Map<string, Dictionaries>();

/** The dictionaries with extra lexicon entries, compiled in memory (nothing is written); the same variant is compiled once. */
export function withEntries(base: Dictionaries, extra: readonly CategorizedEntry[]): Dictionaries {
  if (extra.length === 0) return base;
  const key = `${base.version}\u0000${JSON.stringify(extra)}`;
  const known = compiled.get(key);
  if (known) return known;
  if (compiled.size >= COMPILED_LIMIT) compiled.delete(compiled.keys().next().value!);
  const shapeKey = `${base.version}\u0000${JSON.stringify(extra.map(({ weight: _w, ...shape }) => shape))}`;
  const sameShape = byShape.get(shapeKey);
  const variant =
    sameShape && extra.every((entry) => entry.weight !== undefined) ? reweighted(base, sameShape, extra) : compileVariant(base, extra);
  if (!sameShape) {
    if (byShape.size >= COMPILED_LIMIT) byShape.delete(byShape.keys().next().value!);
    byShape.set(shapeKey, variant);
  }
  compiled.set(key, variant);
  return variant;
}

/** The dictionaries with extra lexicon entries, compiled afresh. */
export function compileVariant(base: Dictionaries, extra: readonly CategorizedEntry[]): Dictionaries {
  const entries: CategorizedEntry[] = base.lexicon.entries.map(
    ({ index: _i, role: _r, regex: _x, gaps: _g, opensSentence: _o, ...entry }) => entry,
  );
  return {
    ...base,
    version: variantVersion(base, extra),
    lexicon: { ...compileLexicon([...entries, ...extra], base.config), learned: base.lexicon.learned },
  };
}

/** A variant of the same extra entries at other weights: its automata, and its entries with the new weights. */
function reweighted(base: Dictionaries, sameShape: Dictionaries, extra: readonly CategorizedEntry[]): Dictionaries {
  const { lexicon } = sameShape;
  const first = lexicon.entries.length - extra.length;
  const entries = lexicon.entries.map((entry, i) => (i < first ? entry : { ...entry, weight: extra[i - first]!.weight }));
  return {
    ...sameShape,
    version: variantVersion(base, extra),
    lexicon: { ...lexicon, entries, regexEntries: lexicon.regexEntries.map((entry) => entries[entry.index]!) },
  };
}

function variantVersion(base: Dictionaries, extra: readonly CategorizedEntry[]): string {
  const hash = createHash('sha256').update(base.version);
  for (const entry of extra) hash.update(JSON.stringify(entry));
  return `sha256:${hash.digest('hex').slice(0, 16)}`;
}
