/**
 * textlint-tester style tables for one lint rule: every `valid` reply has no finding of the rule,
 * every `invalid` one has exactly the listed findings (text, range and, where given, message and rewrite).
 */
import { describe, expect, it } from 'vitest';
import { loadTokenizer } from '../../../src/analysis/tokenizer/index.js';
import type { ToneLevel } from '../../../src/analysis/tone-schema.js';
import { lintReply, loadLintRules, type LintRuleId } from '../../../src/drafting/lint/index.js';

export const rules = loadLintRules();
/**
 * The rules without the learned blame signal, for re-linting rewrites: a rewrite of a fixture's blame
 * sentence keeps most of the words the signal was fitted on, so with it on a re-lint measures memory.
 * The signal's honest reading of rewrites (fitted without the set) is `npm run fit:blame -- --loso`.
 */
export const shapeRules = { ...rules, blameModel: undefined };
export const tokenizer = await loadTokenizer();

export interface ValidCase {
  text: string;
  level?: ToneLevel;
  /** The customer's mail the reply answers, where the case depends on it. */
  mail?: string;
}

export interface ExpectedFinding {
  text: string;
  range: [number, number];
  /** The exact Japanese message; when left out, the message must still quote the words. */
  message?: string;
  /** The words the message quotes, when they differ from the reported text (reply-wide rules). */
  quote?: string;
  rewrite?: string;
}

export interface InvalidCase {
  text: string;
  level?: ToneLevel;
  mail?: string;
  errors: ExpectedFinding[];
}

/** [start, end) of the n-th occurrence (0-based) of `needle` in `text`. */
export function rangeOf(text: string, needle: string, occurrence = 0): [number, number] {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`「${needle}」 not found ${occurrence + 1} times in 「${text}」`);
  }
  return [at, at + needle.length];
}

export function testRule(ruleId: LintRuleId, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const findingsOf = (c: ValidCase) =>
    lintReply(c.text, { customerLevel: c.level, customerMail: c.mail, rules, tokenizer }).filter((f) => f.ruleId === ruleId);

  describe(ruleId, () => {
    it.each(cases.valid)('accepts 「$text」', (c) => {
      expect(findingsOf(c)).toEqual([]);
    });

    it.each(cases.invalid)('reports 「$text」', (c) => {
      const findings = findingsOf(c);
      expect(findings.map((f) => ({ text: f.text, range: [f.start, f.end] }))).toEqual(
        c.errors.map((e) => ({ text: e.text, range: e.range })),
      );
      findings.forEach((finding, i) => {
        const expected = c.errors[i]!;
        expect(c.text.slice(finding.start, finding.end)).toBe(finding.text);
        if (expected.message) expect(finding.message.ja).toBe(expected.message);
        expect(finding.message.ja).toContain(`「${expected.quote ?? expected.text}」`);
        expect(finding.message.en).toContain(expected.quote ?? expected.text);
        if (expected.rewrite) expect(finding.rewrite).toBe(expected.rewrite);
      });
    });
  });
}
