/**
 * Evidence aggregated and bounded: each (entry, field, matched text) once, with how often it
 * occurred and its first few spans, so a mail of 25,000 「😡」 answers with one item, not 25,000
 * (a 3.76 MB response, kept for days as a job result). The lists themselves are capped too.
 */
import { Type } from 'typebox';
import type { ScenarioResult } from './scenario-schema.js';
import type { ToneResult } from './tone-schema.js';

/** Spans listed per item; `count` says how many occurrences there were. */
export const MAX_SPANS_PER_ITEM = 5;
/** Items per list; beyond it the weakest are left out and counted in `omitted`. */
export const MAX_EVIDENCE_ITEMS = 100;
export const MAX_REASONS = 20;

export const SpanRange = Type.Object(
  {
    start: Type.Integer({ minimum: 0, description: '0-based UTF-16 offset into the original field (inclusive)' }),
    end: Type.Integer({ minimum: 0, description: '0-based UTF-16 offset into the original field (exclusive)' }),
  },
  { title: 'SpanRange', additionalProperties: false },
);

/** The fields an aggregated item adds: start/end stay those of the first occurrence. */
export const AggregateFields = {
  count: Type.Optional(Type.Integer({ minimum: 1, description: 'How often this entry matched this text in this field' })),
  spans: Type.Optional(
    Type.Array(SpanRange, {
      maxItems: MAX_SPANS_PER_ITEM,
      description: `Where it occurred: the first ${MAX_SPANS_PER_ITEM} occurrences, in text order`,
    }),
  ),
};

export const OmittedCount = Type.Optional(
  Type.Integer({ minimum: 1, description: `Items left out beyond the first ${MAX_EVIDENCE_ITEMS} (the weakest), when there were more` }),
);

interface SpanItem {
  entryId: string;
  field: string;
  text: string;
  start: number;
  end: number;
  count?: number;
  spans?: { start: number; end: number }[];
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Merges repeated (entry, field, text) items in first-occurrence order; `merge` folds a repeat's
 * numbers into the first. Keeps the `MAX_EVIDENCE_ITEMS` strongest by `strength`, in text order.
 */
export function aggregateSpans<T extends SpanItem>(
  items: readonly T[],
  merge: (into: T, repeat: T) => void,
  strength: (item: T) => number,
): { items: T[]; omitted: number } {
  const byKey = new Map<string, T>();
  for (const item of items) {
    const key = `${item.entryId}\u0000${item.field}\u0000${item.text}`;
    const first = byKey.get(key);
    if (!first) {
      // Object.assign, not a spread followed by more properties: V8 (Node 20) takes a slow path there.
      byKey.set(key, Object.assign({}, item, { count: 1, spans: [{ start: item.start, end: item.end }] }));
      continue;
    }
    first.count = (first.count ?? 1) + 1;
    if (first.spans!.length < MAX_SPANS_PER_ITEM) first.spans!.push({ start: item.start, end: item.end });
    merge(first, item);
  }
  const merged = [...byKey.values()];
  if (merged.length <= MAX_EVIDENCE_ITEMS) return { items: merged, omitted: 0 };
  const kept = new Set([...merged].sort((a, b) => strength(b) - strength(a)).slice(0, MAX_EVIDENCE_ITEMS));
  return { items: merged.filter((item) => kept.has(item)), omitted: merged.length - kept.size };
}

/** The tone with its evidence and notCounted aggregated and every list bounded. */
export function summarizeTone(tone: ToneResult): ToneResult {
  const evidence = aggregateSpans(
    tone.evidence,
    (into, repeat) => {
      into.contribution = round2(into.contribution + repeat.contribution);
    },
    // A word of satisfaction (negative) explains as much as a word of the same size that added.
    (item) => Math.abs(item.contribution),
  );
  const notCounted = aggregateSpans(
    tone.notCounted,
    () => {},
    (item) => item.count ?? 1,
  );
  const omitted = {
    ...(evidence.omitted > 0 ? { evidence: evidence.omitted } : {}),
    ...(notCounted.omitted > 0 ? { notCounted: notCounted.omitted } : {}),
  };
  return {
    ...tone,
    reasons: tone.reasons.slice(0, MAX_REASONS),
    evidence: evidence.items,
    notCounted: notCounted.items,
    ...(Object.keys(omitted).length > 0 ? { omitted } : {}),
  };
}

/** Scenario evidence aggregated the same way (its weights summed). */
export function summarizeScenarioEvidence(evidence: ScenarioResult['evidence']): ScenarioResult['evidence'] {
  return aggregateSpans(
    evidence,
    (into, repeat) => {
      into.weight = round2(into.weight + repeat.weight);
    },
    (item) => item.weight,
  ).items;
}
