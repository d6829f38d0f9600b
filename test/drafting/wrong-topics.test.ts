/**
 * Never a draft about a topic the mail does not mention (issue 18): over every tuning set's draft
 * labels, no draft uses one of the label's wrong-topic words (drafts-*.jsonl `wrongTopics`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAnalysisEngine, type AnalysisEngine } from '../../src/analysis/analyze.js';
import { loadDrafting, type Drafting } from '../../src/drafting/drafting.js';
import { triage } from '../../src/drafting/triage.js';
import { DRAFT_SETS, readDraftLabels } from '../../scripts/draft-evaluation.js';
import { wrongTopicWords } from '../../scripts/draft-judge.js';

/**
 * Drafts that still do, each for a wrong scenario the composer cannot see through: a new one here
 * is a regression, and one that stops failing should leave the list.
 */
const KNOWN: Readonly<Record<string, string>> = {};

let engine: AnalysisEngine;
let drafting: Drafting;
beforeAll(async () => {
  engine = await loadAnalysisEngine();
  drafting = loadDrafting(engine.dictionaries);
});

describe('drafts over every tuning set', () => {
  it.each(DRAFT_SETS.map((set) => [set.name, set.path] as const))(
    '%s: no draft talks about a topic the mail does not mention',
    (_, path) => {
      const labels = readDraftLabels(path);
      const found: Record<string, string> = {};
      for (const label of labels) {
        const { draft } = triage(engine, drafting, { subject: label.subject, body: label.body, receivedAt: label.receivedAt });
        const wrong = wrongTopicWords(label, draft.text);
        if (wrong.length > 0) found[label.id] = wrong.join('/');
      }
      const expected = Object.fromEntries(Object.entries(KNOWN).filter(([id]) => labels.some((l) => l.id === id)));
      expect(found).toEqual(expected);
    },
  );
});
