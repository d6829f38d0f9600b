/** lintReply: runs every rule over an agent's reply and turns their reports into findings. */
import type { Tokenizer } from '../../analysis/tokenizer/index.js';
import type { ToneLevel } from '../../analysis/tone-schema.js';
import type { CompiledLintRules } from './compile.js';
import { createLintContext, type LintContext, type RuleReport } from './context.js';
import type { LintFinding, LintRuleId, ReplyKind, ReplyRegister } from './finding-schema.js';
import { casualMatches } from './casual-rewrite.js';
import { classifyReply } from './reply-kind.js';
import { rewriteSentence } from './rewrite.js';
import { LINT_RULES } from './rules/index.js';
import { originalRange, replyTokenizer, splitReply } from './sentences.js';

export interface LintOptions {
  /** The level of the mail being answered; no-empathy applies only to angry and furious customers. */
  customerLevel?: ToneLevel | undefined;
  /** The mail being answered (its text): tells a praise or review reply from an answer. */
  customerMail?: string | undefined;
  /** What the reply is, when the caller knows; otherwise it is classified. */
  kind?: ReplyKind | undefined;
  rules: CompiledLintRules;
  /** The analysis engine's tokenizer: the reply is read in the clauses tone reads mail with. */
  tokenizer: Tokenizer;
}

export interface LintReport {
  findings: LintFinding[];
  kind: ReplyKind;
  register: ReplyRegister;
}

/** Findings in text order (same start: rule order), with offsets into `reply` as written. */
export function lintReply(reply: string, options: LintOptions): LintFinding[] {
  return lintReplyReport(reply, options).findings;
}

/** The findings and what the linter read the reply as: each rule applies only to the kinds it lists. */
export function lintReplyReport(reply: string, options: LintOptions): LintReport {
  const text = splitReply(reply, replyTokenizer(options.tokenizer));
  const kind = options.kind ?? classifyReply({ reply: text, ...options });
  if (!text.sentences.length) return { findings: [], kind, register: 'polite' };
  const context = createLintContext(text, { ...options, kind }, rewriteSentence);
  const applies = (id: LintRuleId) => options.rules.settings[id].kinds?.includes(kind) ?? true;
  const rules = LINT_RULES.filter((rule) => applies(rule.id));
  // One walk over the sentences for every sentence rule, then the reply-wide rules.
  const reports = text.sentences.flatMap((sentence) =>
    rules.flatMap((rule) => (rule.inSentence?.(context, sentence) ?? []).map((report) => ({ id: rule.id, report }))),
  );
  for (const rule of rules) reports.push(...(rule.inReply?.(context) ?? []).map((report) => ({ id: rule.id, report })));
  const findings = reports.map(({ id, report }) => toFinding(context, id, report));
  const order = (f: LintFinding) => LINT_RULES.findIndex((r) => r.id === f.ruleId);
  findings.sort((a, b) => a.start - b.start || order(a) - order(b) || a.end - b.end);
  return { findings, kind, register: registerOf(context) };
}

/** Casual when any sentence speaks casually; formal when humble forms (いたします, ございます) carry it. */
function registerOf(context: LintContext): ReplyRegister {
  const { sentences } = context.reply;
  if (sentences.some((s) => casualMatches(context, s).length > 0)) return 'casual';
  return sentences.some((s) => context.has('formal', s)) ? 'formal' : 'polite';
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
