/** lintReply: runs every rule over an agent's reply and turns their reports into findings. */
import type { ToneLevel } from '../../analysis/tone-schema.js';
import type { CompiledLintRules } from './compile.js';
import { createLintContext, type LintContext, type RuleReport } from './context.js';
import type { LintFinding, LintRuleId } from './finding-schema.js';
import { rewriteSentence } from './rewrite.js';
import { LINT_RULES } from './rules/index.js';
import { originalRange, splitReply } from './sentences.js';

export interface LintOptions {
  /** The level of the mail being answered; no-empathy applies only to angry and furious customers. */
  customerLevel?: ToneLevel;
  rules: CompiledLintRules;
}

/** Findings in text order (same start: rule order), with offsets into `reply` as written. */
export function lintReply(reply: string, options: LintOptions): LintFinding[] {
  const text = splitReply(reply);
  if (!text.sentences.length) return [];
  const context = createLintContext(text, options, rewriteSentence);
  const findings = LINT_RULES.flatMap((rule) => rule.check(context).map((report) => toFinding(context, rule.id, report)));
  const order = (f: LintFinding) => LINT_RULES.findIndex((r) => r.id === f.ruleId);
  return findings.sort((a, b) => a.start - b.start || order(a) - order(b) || a.end - b.end);
}

function toFinding(context: LintContext, ruleId: LintRuleId, report: RuleReport): LintFinding {
  const [start, end] = originalRange(context.reply, report.sentence, report.start, report.end);
  const text = context.reply.original.slice(start, end);
  const { severity, message } = context.rules.settings[ruleId];
  const label = context.customerLevel ? context.rules.levelLabels[context.customerLevel] : undefined;
  const fill = (template: string, language: 'ja' | 'en') =>
    template.replaceAll('{text}', report.quote ?? text).replaceAll('{level}', label?.[language] ?? '');
  return {
    ruleId,
    severity,
    start,
    end,
    text,
    message: { ja: fill(message.ja, 'ja'), en: fill(message.en, 'en') },
    ...(report.rewrite !== undefined && { rewrite: report.rewrite }),
  };
}
