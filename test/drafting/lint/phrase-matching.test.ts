/**
 * The phrase sets' matcher finds what matching every entry's regular expression over the whole
 * sentence finds (the reference below, the linter's matcher until session 16): on every text the
 * linter asks a set about, while it lints every labelled reply and the draft of every fixture mail.
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

const shown = (matches: readonly PhraseMatch[]) => matches.map((m) => `${m.entry.id} [${m.start}, ${m.end})`);

/**
 * The set with its find checked against the reference on every text it is asked about. The linter is
 * deterministic, so when every answer equals the reference's, a lint with the reference's sets gives the
 * same report. Each distinct text is checked once (the linter asks several times about many sentences,
 * and drafts share sentences), and its checked answer is given again.
 */
function checkedSet(set: PhraseSet): PhraseSet {
  const answers = new Map<string, readonly PhraseMatch[]>();
  return {
    ...set,
    find(text) {
      let answer = answers.get(text);
      if (!answer) {
        answer = set.find(text);
        const reference = referenceFind(set, text);
        if (shown(answer).join('\n') !== shown(reference).join('\n'))
          expect(shown(answer), `${set.id} finds what its entries find one by one in 「${text}」`).toEqual(shown(reference));
        answers.set(text, answer);
      }
      return [...answer];
    },
  };
}

const engine = await loadAnalysisEngine();
const drafting = loadDrafting(engine.dictionaries);
const rules: CompiledLintRules = {
  ...drafting.lintRules,
  sets: Object.fromEntries(Object.entries(drafting.lintRules.sets).map(([id, set]) => [id, checkedSet(set)])) as CompiledLintRules['sets'],
};
const checkedDrafting = { ...drafting, lintRules: rules };

// Held-out 22 is the blind set: never read here.
const FIXTURES = new URL('../../fixtures/', import.meta.url);
const fixtures = (prefix: string) =>
  readdirSync(FIXTURES)
    .filter((name) => name.startsWith(prefix) && name.endsWith('.jsonl') && !name.includes('holdout-22'))
    .sort();

describe('the phrase sets find what the entries find one by one', () => {
  it.each(fixtures('replies'))(
    'on every text the linter asks about while linting the labelled replies in %s',
    (file) => {
      for (const labelled of readJsonLines<LabelledReply>(new URL(file, FIXTURES))) {
        const options = { customerLevel: labelled.customerLevel, customerMail: labelled.customerMail, tokenizer: engine.tokenizer };
        lintReplyReport(labelled.reply, { ...options, rules });
      }
    },
    120_000,
  );

  it.each([...fixtures('emails'), ...fixtures('drafts')])(
    'on every text the linter asks about while linting the draft of every mail in %s',
    (file) => {
      for (const mail of readJsonLines<TriageRequest & { id: string }>(new URL(file, FIXTURES))) {
        triage(engine, checkedDrafting, mail, new Date('2026-12-07T10:00:00+09:00'));
      }
    },
    120_000,
  );
});
