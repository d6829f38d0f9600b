/**
 * `ondo dict check`: every file of the support manual through the loaders that read it at start-up,
 * each file on its own first (so one run lists the problems of every file), then the checks across
 * files, then every entry's own examples through the real tokenizer. Problems name file, line, entry.
 */
import { readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import { DictionaryError } from '../../analysis/lexicon/errors.js';
import { checkLexiconExamples as runLexiconExamples } from '../../analysis/lexicon/examples.js';
import { compileLearnedScenarios, LEARNED_SCENARIOS_FILE, LearnedScenariosFileSchema } from '../../analysis/learned-scenarios.js';
import { LearnedFileSchema } from '../../analysis/lexicon/learned.js';
import { DEFAULT_DICTIONARIES_DIR, LEARNED_FILE, loadDictionaries, type Dictionaries } from '../../analysis/lexicon/load.js';
import { EvaluativeFileSchema } from '../../analysis/lexicon/evaluative.js';
import { LexiconFileSchema } from '../../analysis/lexicon/schema.js';
import { entryLine, locate, parsedDocument, parseYaml, readYamlSource, type YamlSource } from '../../analysis/lexicon/yaml-file.js';
import { ScoringConfigSchema } from '../../analysis/scoring-config.js';
import { loadTokenizer, type Tokenizer } from '../../analysis/tokenizer/index.js';
import { WorkflowConfigSchema } from '../../drafting/kinds.js';
import { BLAME_LEARNED_FILE, BlameLearnedFileSchema, compileBlameModel } from '../../drafting/lint/blame-learned.js';
import { LINT_RULES_FILE, LintRulesFileSchema, PhraseFileSchema } from '../../drafting/lint/dictionary-schema.js';
import { checkLintExamples, compileLintRules, type CompiledLintRules } from '../../drafting/lint/index.js';
import { NAMED_DAYS_FILE, parseNamedDays } from '../../drafting/named-days.js';
import { parseRoutingConfig } from '../../drafting/routing.js';
import { CommonTemplateSchema, KindTemplateSchema, ScenarioTemplateSchema } from '../../drafting/template-schema.js';
import { loadTemplates } from '../../drafting/templates.js';

export interface DictProblem {
  file: string;
  line?: number;
  entryId?: string;
  message: string;
}

export interface DictCheckReport {
  dir: string;
  files: number;
  /** YAML files no loader reads (a misplaced or misnamed file). */
  unread: string[];
  problems: DictProblem[];
  examples: { lexicon: number; lint: number; skipped?: string };
  exampleFailures: DictProblem[];
}

/** Which loader reads which file: the first rule whose test fits. */
const FILE_RULES: { test: (name: string) => boolean; check: (source: YamlSource) => unknown }[] = [
  { test: (n) => n === 'scoring.yaml', check: (s) => parseYaml(s, ScoringConfigSchema) },
  { test: (n) => n === 'routing.yaml', check: (s) => parseRoutingConfig(s) },
  { test: (n) => n === 'workflows.yaml', check: (s) => parseYaml(s, WorkflowConfigSchema) },
  { test: (n) => n === NAMED_DAYS_FILE, check: (s) => parseNamedDays(s) },
  { test: (n) => n.startsWith('tone/') || n.startsWith('scenarios/'), check: (s) => parseYaml(s, LexiconFileSchema) },
  { test: (n) => n.startsWith('evaluative/'), check: (s) => parseYaml(s, EvaluativeFileSchema) },
  { test: (n) => n === LEARNED_FILE, check: (s) => parseYaml(s, LearnedFileSchema) },
  { test: (n) => n === LEARNED_SCENARIOS_FILE, check: (s) => compileLearnedScenarios(parseYaml(s, LearnedScenariosFileSchema)) },
  { test: (n) => n === BLAME_LEARNED_FILE, check: (s) => compileBlameModel(parseYaml(s, BlameLearnedFileSchema)) },
  { test: (n) => n === 'templates/_common.yaml', check: (s) => parseYaml(s, CommonTemplateSchema) },
  { test: (n) => n.startsWith('templates/kinds/'), check: (s) => parseYaml(s, KindTemplateSchema) },
  { test: (n) => n.startsWith('templates/'), check: (s) => parseYaml(s, ScenarioTemplateSchema) },
  { test: (n) => n === LINT_RULES_FILE, check: (s) => parseYaml(s, LintRulesFileSchema) },
  { test: (n) => n.startsWith('lint/'), check: (s) => parseYaml(s, PhraseFileSchema) },
];

export async function checkDictionaries(
  dir: string = DEFAULT_DICTIONARIES_DIR,
  /** Tests pass the tokenizer they already loaded. */
  options: { tokenizer?: Tokenizer } = {},
): Promise<DictCheckReport> {
  const sources = readSources(dir);
  const problems: DictProblem[] = [];
  const report = (error: unknown): void => {
    if (!(error instanceof DictionaryError)) throw error;
    const problem = withLine(error, sources);
    if (!problems.some((p) => formatProblem(p) === formatProblem(problem))) problems.push(problem);
  };
  const attempt = <T>(load: () => T): T | undefined => {
    try {
      return load();
    } catch (error) {
      report(error);
      return undefined;
    }
  };

  const unread: string[] = [];
  for (const [name, source] of sources) {
    const rule = FILE_RULES.find((r) => r.test(name));
    if (rule) attempt(() => rule.check(source));
    else unread.push(name);
  }
  // Across files: duplicate ids, compiled patterns, a template for every scenario, one file per phrase set.
  const dictionaries = attempt(() => loadDictionaries(dir));
  attempt(() => loadTemplates(sources));
  const lintRules = attempt(() => compileLintRules(sources));

  const exampleFailures: DictProblem[] = [];
  const examples: DictCheckReport['examples'] = { lexicon: 0, lint: 0 };
  if (lintRules) {
    examples.lint = countLintExamples(lintRules);
    exampleFailures.push(...checkLintExamples(lintRules).map((line) => lintFailure(line, sources)));
  }
  if (dictionaries) {
    const tokenizer = options.tokenizer ?? (await loadTokenizer());
    const lexicon = checkLexiconExamples(dictionaries, tokenizer, sources);
    examples.lexicon = lexicon.checked;
    exampleFailures.unshift(...lexicon.failures);
  } else {
    examples.skipped = 'the lexicon examples were not run: the lexicons do not load';
  }
  return { dir, files: sources.size, unread, problems, examples, exampleFailures };
}

/** The entries' own examples (analysis/lexicon/examples.ts), as problems with file, line and entry. */
function checkLexiconExamples(dictionaries: Dictionaries, tokenizer: Tokenizer, sources: ReadonlyMap<string, YamlSource>) {
  const { checked, failures } = runLexiconExamples(dictionaries, tokenizer);
  return {
    checked,
    failures: failures.map(({ entry, kind, index, text }): DictProblem => {
      const source = sources.get(entry.source);
      return {
        file: entry.source,
        line: source && entryLine(source, entry.id, ['examples', kind, index]),
        entryId: entry.id,
        message: `${kind === 'match' ? 'should match' : 'should not match'} 「${text}」 (examples.${kind})`,
      };
    }),
  };
}

function countLintExamples(rules: CompiledLintRules): number {
  return Object.values(rules.sets).reduce(
    (n, set) => n + set.entries.reduce((m, e) => m + e.examples.match.length + e.examples.noMatch.length, 0),
    0,
  );
}

/** checkLintExamples says "lint/x.yaml (entry id): should match 「…」"; add the entry's line. */
function lintFailure(line: string, sources: ReadonlyMap<string, YamlSource>): DictProblem {
  const found = /^(\S+) \(entry ([^)]+)\): (.*)$/s.exec(line);
  if (!found) return { file: 'lint/', message: line };
  const [, file, entryId, message] = found as unknown as [string, string, string, string];
  const source = sources.get(file);
  return { file, line: source && entryLine(source, entryId, []), entryId, message };
}

export function formatProblem(p: DictProblem): string {
  return `${p.file}${p.line ? `:${p.line}` : ''}${p.entryId ? ` (entry ${p.entryId})` : ''}: ${p.message}`;
}

export function formatCheckReport(report: DictCheckReport): string {
  const lines = [`ondo dict check: ${report.dir} (${report.files} files)`];
  for (const p of report.problems) lines.push(`  ✗ ${formatProblem(p)}`);
  for (const name of report.unread) lines.push(`  ! ${name}: no loader reads this file (misplaced or misnamed?)`);
  const { lexicon, lint, skipped } = report.examples;
  lines.push(`examples: ${lexicon} lexicon examples through the tokenizer, ${lint} lint examples`);
  if (skipped) lines.push(`  ! ${skipped}`);
  for (const p of report.exampleFailures) lines.push(`  ✗ ${formatProblem(p)}`);
  const count = report.problems.length + report.exampleFailures.length;
  lines.push(count === 0 ? 'ok: every file is valid and every example passes' : `${count} problem${count === 1 ? '' : 's'}`);
  return lines.join('\n');
}

function readSources(dir: string): Map<string, YamlSource> {
  const names = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => name.split(sep).join('/'))
    .filter((name) => /\.ya?ml$/.test(name))
    .sort();
  return new Map(names.map((name) => [name, readYamlSource(join(dir, name), name)]));
}

/**
 * Loaders that check across files know the entry or the field but not the line; find it in the
 * file: a leading "/facts/angry:" or "sets/thanks:" path, the entry's `id:`, or a quoted 【placeholder】.
 */
function withLine(error: DictionaryError, sources: ReadonlyMap<string, YamlSource>): DictProblem {
  const problem: DictProblem = { file: error.file, line: error.line, entryId: error.entryId, message: error.problem };
  const source = sources.get(error.file);
  if (problem.line !== undefined || !source) return problem;
  if (error.entryId) return { ...problem, line: entryLine(source, error.entryId, []) };
  const pointer = /^\/?([\w./-]+):/.exec(error.problem)?.[1];
  if (pointer) {
    const { doc, lineCounter } = parsedDocument(source);
    return { ...problem, line: locate(doc, lineCounter, `/${pointer.replace(/^\//, '')}`).line };
  }
  const quoted = /【[^】]+】/.exec(error.problem)?.[0];
  if (quoted) {
    const index = source.text.split('\n').findIndex((l) => l.includes(quoted));
    if (index >= 0) return { ...problem, line: index + 1 };
  }
  return problem;
}
