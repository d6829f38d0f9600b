/** The reply linter: textlint-style rules that check an agent's reply against the support manual. */
export { lintReply, lintReplyReport, type LintOptions, type LintReport } from './lint.js';
export { classifyReply } from './reply-kind.js';
export { compileLintRules, checkLintExamples, type CompiledLintRules } from './compile.js';
export { loadLintRules } from './load.js';
export { LintFinding, LintRuleId, LintSeverity, LINT_RULE_IDS, ReplyKind, REPLY_KINDS, ReplyRegister } from './finding-schema.js';
