import { describe, expect, it } from 'vitest';
import { HELD_OUT_SETS, readJsonLines } from '../../../scripts/evaluation.js';
import { REPLY_FIXTURES, evaluateLinter, formatLintEvaluation, type LabelledReply } from '../../../scripts/lint-evaluation.js';
import { LINT_RULE_IDS } from '../../../src/drafting/lint/index.js';
import { rules, tokenizer } from './rule-tester.js';

const replies = readJsonLines<LabelledReply>(REPLY_FIXTURES);
const evaluation = evaluateLinter(rules, tokenizer, replies);

describe('labelled agent replies (test/fixtures/replies.jsonl)', () => {
  it('hold at least 40 replies, good and bad, labelled only with known rule ids', () => {
    expect(replies.length).toBeGreaterThanOrEqual(40);
    expect(replies.filter((r) => r.expected.length === 0).length).toBeGreaterThanOrEqual(10);
    for (const reply of replies) for (const id of reply.expected) expect(LINT_RULE_IDS, reply.id).toContain(id);
  });

  it.each(LINT_RULE_IDS)('%s: precision and recall ≥ 0.85', (ruleId) => {
    const scores = evaluation.perRule[ruleId];
    const misses = evaluation.misses.filter((m) => m.ruleId === ruleId);
    if (misses.length) console.log(`${ruleId} misses:\n${misses.map((m) => `  ${m.id} ${m.kind} ${m.found.join(' / ')}`).join('\n')}`);
    expect(scores.support, 'labelled replies for this rule').toBeGreaterThan(0);
    expect(scores.precision, JSON.stringify(misses)).toBeGreaterThanOrEqual(0.85);
    expect(scores.recall, JSON.stringify(misses)).toBeGreaterThanOrEqual(0.85);
  });

  it('micro-averaged precision and recall ≥ 0.85', () => {
    console.log(formatLintEvaluation(evaluation));
    expect(evaluation.micro.precision).toBeGreaterThanOrEqual(0.85);
    expect(evaluation.micro.recall).toBeGreaterThanOrEqual(0.85);
  });
});

// Floors a little under what each set scores today (see test/analysis/eval.test.ts for the mails).
// Blame keeps the manual's bar on every set: precision ≥ 0.95 (an admission of one's own error or a
// kind mention of the customer's action is never blame), recall a little under today's.
// A set rotated in under the bar names its own blame precision until the linter meets it there.
const FLOORS: Record<string, { precision: number; recall: number; blameRecall: number; blamePrecision?: number }> = {
  'held-out 1': { precision: 0.9, recall: 0.9, blameRecall: 0.95 },
  'held-out 2': { precision: 0.9, recall: 0.85, blameRecall: 0.95 },
  'held-out 3': { precision: 0.9, recall: 0.9, blameRecall: 0.95 },
  'held-out 4': { precision: 0.9, recall: 0.95, blameRecall: 0.95 },
  'held-out 5': { precision: 0.95, recall: 0.95, blameRecall: 0.95 },
  'held-out 6': { precision: 0.95, recall: 0.95, blameRecall: 0.95 },
  'held-out 7': { precision: 0.84, recall: 0.86, blameRecall: 0.85 },
  'held-out 8': { precision: 0.95, recall: 0.97, blameRecall: 0.95 },
  'held-out 9': { precision: 0.93, recall: 0.9, blameRecall: 0.95 },
  'held-out 10': { precision: 0.93, recall: 0.84, blameRecall: 0.75 },
  'held-out 11': { precision: 0.92, recall: 0.84, blameRecall: 0.95 },
  'held-out 12': { precision: 0.92, recall: 0.97, blameRecall: 0.95 },
  'held-out 13': { precision: 0.9, recall: 0.97, blameRecall: 0.95 },
  'held-out 14': { precision: 0.83, recall: 0.92, blameRecall: 0.9 },
  'held-out 15': { precision: 0.83, recall: 0.85, blameRecall: 0.77 },
  'held-out 16': { precision: 0.87, recall: 0.9, blameRecall: 0.92 },
  'held-out 17': { precision: 0.9, recall: 0.93, blameRecall: 0.87 },
  'held-out 18': { precision: 0.92, recall: 0.94, blameRecall: 0.92 },
  // Held-out 19 was blind until session 17 (blame P 94.1% R 80.0% then); the bar met in session 17 (issue 22).
  'held-out 19': { precision: 0.95, recall: 0.92, blameRecall: 0.95 },
  // Held-out 20 was blind through sessions 16–17 (blame P 90.9% R 75.0% then); the bar met in session 18 (issue 22).
  'held-out 20': { precision: 0.9, recall: 0.9, blameRecall: 0.9 },
  // Held-out 21 was blind through sessions 17–18 (blame P 94.6% R 87.5% then); tuned on in session 19 (micro 96.1/94.9, blame 100/90.0).
  'held-out 21': { precision: 0.93, recall: 0.92, blameRecall: 0.88 },
};

describe.each(HELD_OUT_SETS.filter((set) => set.replies).map((set) => [set.name, set.replies!] as const))(
  '%s agent replies',
  (name, replies) => {
    const floor = FLOORS[name]!;
    const heldOut = evaluateLinter(rules, tokenizer, readJsonLines<LabelledReply>(replies));
    it(`keep micro precision ≥ ${floor.precision} and recall ≥ ${floor.recall}`, () => {
      expect(heldOut.micro.precision, JSON.stringify(heldOut.misses)).toBeGreaterThanOrEqual(floor.precision);
      expect(heldOut.micro.recall, JSON.stringify(heldOut.misses)).toBeGreaterThanOrEqual(floor.recall);
    });
    const blamePrecision = floor.blamePrecision ?? 0.95;
    it(`keep blame precision ≥ ${blamePrecision} and recall ≥ ${floor.blameRecall}`, () => {
      const blame = heldOut.perRule.blame;
      const misses = JSON.stringify(heldOut.misses.filter((m) => m.ruleId === 'blame'));
      expect(blame.precision, misses).toBeGreaterThanOrEqual(blamePrecision);
      expect(blame.recall, misses).toBeGreaterThanOrEqual(floor.blameRecall);
    });
  },
);
