/**
 * The phrase sets' matcher finds what matching every entry's regular expression over the whole
 * sentence finds (the reference below, the linter's matcher until session 16): the same findings,
 * kinds and registers on every labelled reply and on the draft of every fixture mail.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readJsonLines } from '../../../scripts/evaluation.js';
import type { LabelledReply } from '../../../scripts/lint-evaluation.js';
import { loadAnalysisEngine } from '../../../src/analysis/analyze.js';
import { loadDrafting } from '../../../src/drafting/drafting.js';
import { matchEntry, type CompiledLintRules, type PhraseMatch, type PhraseSet } from '../../../src/drafting/lint/compile.js';
import { lintReplyReport } from '../../../src/drafting/lint/index.js';
import { triage, type TriageRequest } from '../../../src/drafting/triage.js';

/** Every entry matched on its own, then the earlier and then longer match kept where they overlap. */
function referenceFind(set: PhraseSet, text: string): PhraseMatch[] {
  const all = set.entries.flatMap((entry) => matchEntry(entry, text));
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: PhraseMatch[] = [];
  for (const m of all) if (!kept.length || m.start >= kept[kept.length - 1]!.end) kept.push(m);
  return kept;
}

const engine = await loadAnalysisEngine();
const drafting = loadDrafting(engine.dictionaries);
const rules = drafting.lintRules;
const reference: CompiledLintRules = {
  ...rules,
  sets: Object.fromEntries(
    Object.entries(rules.sets).map(([id, set]) => [id, { ...set, find: (text: string) => referenceFind(set, text) }]),
  ) as CompiledLintRules['sets'],
};

// Held-out 21 is the blind set: never read here.
const FIXTURES = new URL('../../fixtures/', import.meta.url);
const fixtures = (prefix: string) =>
  readdirSync(FIXTURES)
    .filter((name) => name.startsWith(prefix) && name.endsWith('.jsonl') && !name.includes('holdout-21'))
    .sort();

describe('the phrase sets find what the entries find one by one', () => {
  it.each(fixtures('replies'))('every labelled reply in %s is linted the same', (file) => {
    for (const labelled of readJsonLines<LabelledReply>(new URL(file, FIXTURES))) {
      const options = { customerLevel: labelled.customerLevel, customerMail: labelled.customerMail, tokenizer: engine.tokenizer };
      expect(lintReplyReport(labelled.reply, { ...options, rules }), labelled.id).toEqual(
        lintReplyReport(labelled.reply, { ...options, rules: reference }),
      );
    }
  });

  it.each([...fixtures('emails'), ...fixtures('drafts')])('the draft of every mail in %s is linted the same', (file) => {
    for (const mail of readJsonLines<TriageRequest & { id: string }>(new URL(file, FIXTURES))) {
      const triaged = triage(engine, drafting, mail, new Date('2026-12-07T10:00:00+09:00'));
      const options = { customerLevel: triaged.tone.level, tokenizer: engine.tokenizer };
      expect(triaged.lint, mail.id).toEqual(lintReplyReport(triaged.draft.text, { ...options, rules: reference }).findings);
    }
  });
});
