/**
 * What the weekly report needs from a batch, gathered mail by mail in bounded memory: counts,
 * an anger × urgency grid, the hottest mails and how often each dictionary entry was evidence.
 */
import { TONE_LEVELS, type ToneLevel } from '../../analysis/tone-schema.js';
import type { TriagedMail } from './task.js';

/** The grid has GRID × GRID cells of 100 / GRID points each. */
export const GRID = 10;
const HOTTEST = 20;
const SKIPPED_LISTED = 100;

export interface EvidenceTerm {
  entryId: string;
  category: string;
  /** Mails it was evidence in (once per mail). */
  mails: number;
  /** The wordings seen, with how many mails each. */
  texts: Map<string, number>;
}

export interface BatchFacts {
  triaged: number;
  levels: Record<ToneLevel, number>;
  scenarios: Map<string, number>;
  priorities: Map<string, number>;
  escalated: number;
  politeButAnnoyed: number;
  /** grid[anger bin][urgency bin] = mails. */
  grid: number[][];
  /** Hottest first: level, then anger, then urgency. */
  hottest: TriagedMail[];
  terms: Map<string, EvidenceTerm>;
  skipped: { label: string; reason: string }[];
  skippedCount: number;
}

export function createBatchFacts(): BatchFacts {
  return {
    triaged: 0,
    levels: Object.fromEntries(TONE_LEVELS.map((level) => [level, 0])) as Record<ToneLevel, number>,
    scenarios: new Map(),
    priorities: new Map(),
    escalated: 0,
    politeButAnnoyed: 0,
    grid: Array.from({ length: GRID }, () => new Array<number>(GRID).fill(0)),
    hottest: [],
    terms: new Map(),
    skipped: [],
    skippedCount: 0,
  };
}

export function addMail(facts: BatchFacts, mail: TriagedMail): void {
  const { row } = mail;
  facts.triaged++;
  facts.levels[row.level]++;
  increment(facts.scenarios, row.scenario);
  increment(facts.priorities, row.priority);
  if (row.escalate) facts.escalated++;
  if (row.politeButAnnoyed) facts.politeButAnnoyed++;
  facts.grid[bin(row.anger)]![bin(row.urgency)]!++;

  const seen = new Set<string>();
  for (const e of mail.evidence) {
    const term = facts.terms.get(e.entryId) ?? { entryId: e.entryId, category: e.category, mails: 0, texts: new Map() };
    facts.terms.set(e.entryId, term);
    if (seen.has(e.entryId)) continue;
    seen.add(e.entryId);
    term.mails++;
    increment(term.texts, e.text);
  }

  const at = facts.hottest.findIndex((other) => hotter(mail, other));
  if (at >= 0) facts.hottest.splice(at, 0, mail);
  else facts.hottest.push(mail);
  if (facts.hottest.length > HOTTEST) facts.hottest.pop();
}

export function addSkipped(facts: BatchFacts, label: string, reason: string): void {
  facts.skippedCount++;
  if (facts.skipped.length < SKIPPED_LISTED) facts.skipped.push({ label, reason });
}

function hotter(a: TriagedMail, b: TriagedMail): boolean {
  const rank = (m: TriagedMail) => [TONE_LEVELS.indexOf(m.row.level), m.row.anger, m.row.urgency];
  const [x, y] = [rank(a), rank(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! > y[i]!;
  return false;
}

function bin(score: number): number {
  return Math.min(GRID - 1, Math.floor(score / (100 / GRID)));
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
