/**
 * Runs the reply linter over the labelled agent replies (test/fixtures/replies.jsonl) and scores it
 * per rule: a reply counts as flagged by a rule when the rule reports at least one finding in it.
 * `npx tsx scripts/lint-evaluation.ts` prints the report on its own.
 */
import { pathToFileURL } from 'node:url';
import { loadTokenizer, type Tokenizer } from '../src/analysis/tokenizer/index.js';
import type { ToneLevel } from '../src/analysis/tone-schema.js';
import {
  LINT_RULE_IDS,
  lintReplyReport,
  loadLintRules,
  type CompiledLintRules,
  type LintRuleId,
  type ReplyKind,
} from '../src/drafting/lint/index.js';
import { classScores, readJsonLines, type ClassScores } from './evaluation.js';

export interface LabelledReply {
  id: string;
  customerLevel?: ToneLevel;
  customerMail?: string;
  /** What the reply is (set 5 on); scored against the linter's own reading, never given to it. */
  kind?: ReplyKind;
  reply: string;
  /** Rule ids that should fire on this reply; empty for a reply that follows the manual. */
  expected: LintRuleId[];
  note?: string;
}

export const REPLY_FIXTURES = new URL('../test/fixtures/replies.jsonl', import.meta.url);

export interface LintMiss {
  id: string;
  ruleId: LintRuleId;
  /** missed: the rule should have fired; false-alarm: it fired on a reply not labelled with it. */
  kind: 'missed' | 'false-alarm';
  /** What the rule reported (for a false alarm), to see why. */
  found: string[];
}

export interface LintEvaluation {
  replies: number;
  perRule: Record<LintRuleId, ClassScores & { truePositives: number; predicted: number }>;
  /** Pooled over every (reply, rule) pair. */
  micro: ClassScores;
  /** Replies whose labelled kind the linter read right, of those labelled with one. */
  kinds: { correct: number; labelled: number; confused: string[] };
  misses: LintMiss[];
}

export function evaluateLinter(rules: CompiledLintRules, tokenizer: Tokenizer, replies: readonly LabelledReply[]): LintEvaluation {
  const counts = Object.fromEntries(LINT_RULE_IDS.map((id) => [id, { tp: 0, predicted: 0, actual: 0 }])) as Record<
    LintRuleId,
    { tp: number; predicted: number; actual: number }
  >;
  const misses: LintMiss[] = [];
  const kinds: LintEvaluation['kinds'] = { correct: 0, labelled: 0, confused: [] };
  for (const labelled of replies) {
    const { findings, kind } = lintReplyReport(labelled.reply, {
      customerLevel: labelled.customerLevel,
      customerMail: labelled.customerMail,
      rules,
      tokenizer,
    });
    if (labelled.kind) {
      kinds.labelled++;
      if (kind === labelled.kind) kinds.correct++;
      else kinds.confused.push(`${labelled.id} ${labelled.kind}→${kind}`);
    }
    for (const ruleId of LINT_RULE_IDS) {
      const found = findings.filter((f) => f.ruleId === ruleId).map((f) => f.text);
      const expected = labelled.expected.includes(ruleId);
      const c = counts[ruleId];
      if (found.length) c.predicted++;
      if (expected) c.actual++;
      if (found.length && expected) c.tp++;
      else if (expected) misses.push({ id: labelled.id, ruleId, kind: 'missed', found });
      else if (found.length) misses.push({ id: labelled.id, ruleId, kind: 'false-alarm', found });
    }
  }
  const perRule = Object.fromEntries(
    LINT_RULE_IDS.map((id) => {
      const c = counts[id];
      return [id, { ...classScores(c.tp, c.predicted, c.actual), truePositives: c.tp, predicted: c.predicted }];
    }),
  ) as LintEvaluation['perRule'];
  const sum = (key: 'tp' | 'predicted' | 'actual') => LINT_RULE_IDS.reduce((n, id) => n + counts[id][key], 0);
  return { replies: replies.length, perRule, micro: classScores(sum('tp'), sum('predicted'), sum('actual')), kinds, misses };
}

export function formatLintEvaluation(e: LintEvaluation): string {
  const pad = (s: string | number, n = 11) => String(s).padStart(n);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `Reply linter — ${e.replies} labelled replies (a rule counts once per reply)`,
    `${pad('rule', 14)}${pad('precision')}${pad('recall')}${pad('F1')}${pad('flagged')}${pad('labelled')}`,
  ];
  for (const id of LINT_RULE_IDS) {
    const s = e.perRule[id];
    lines.push(`${pad(id, 14)}${pad(pct(s.precision))}${pad(pct(s.recall))}${pad(pct(s.f1))}${pad(s.predicted)}${pad(s.support)}`);
  }
  const m = e.micro;
  lines.push(`${pad('micro', 14)}${pad(pct(m.precision))}${pad(pct(m.recall))}${pad(pct(m.f1))}${pad('')}${pad(m.support)}`);
  const k = e.kinds;
  if (k.labelled)
    lines.push(
      `message kind read right: ${k.correct}/${k.labelled} (${pct(k.correct / k.labelled)})${k.confused.length ? `; ${k.confused.join(', ')}` : ''}`,
    );
  if (e.misses.length) {
    lines.push('misses:');
    for (const miss of e.misses) {
      const found = miss.found.length ? ` (found ${miss.found.map((t) => `「${t}」`).join('')})` : '';
      lines.push(`  ${miss.id} ${miss.ruleId}: ${miss.kind}${found}`);
    }
  }
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatLintEvaluation(evaluateLinter(loadLintRules(), await loadTokenizer(), readJsonLines<LabelledReply>(REPLY_FIXTURES))));
}
