/** The reply linter: textlint-style rules that check an agent's reply against the support manual. */
export { lintReply, type LintOptions } from './lint.js';
export { compileLintRules, checkLintExamples, type CompiledLintRules } from './compile.js';
export { loadLintRules } from './load.js';
export { LintFinding, LintRuleId, LintSeverity, LINT_RULE_IDS } from './finding-schema.js';
