/**
 * npm run eval: how well ondo's levels, scenarios and reply checks agree with the labelled fixtures.
 * `npm run eval -- --write-docs` also writes the summary into docs/evaluation.md and the README.
 */
import { loadAnalysisEngine } from '../src/analysis/analyze.js';
import { compileLintRules } from '../src/drafting/lint/index.js';
import { EMAIL_FIXTURES, evaluateTone, formatToneEvaluation, HELD_OUT_SETS, readJsonLines, type LabelledMail } from './evaluation.js';
import { evaluateLinter, formatLintEvaluation, REPLY_FIXTURES, type LabelledReply } from './lint-evaluation.js';
import { evaluateScenarios, formatScenarioEvaluation } from './scenario-evaluation.js';
import { formatSummaryTable, type SetSummary } from './summary-table.js';
import {
  evaluatePosts,
  evaluateReviews,
  formatPostEvaluation,
  formatReviewEvaluation,
  type LabelledPost,
  type LabelledReview,
} from './text-evaluation.js';
import { DRAFT_SETS, evaluateDrafts, readDraftLabels } from './draft-evaluation.js';
import { formatDraftJudgement } from './draft-judge.js';
import { loadDrafting } from '../src/drafting/drafting.js';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { FIGURES_DOCS, figureTables, renderFigures, replaceFigures, type FiguresDoc } from './eval-docs.js';

const engine = await loadAnalysisEngine();
const lintRules = compileLintRules(engine.dictionaries.sources);
const mails = readJsonLines<LabelledMail>(EMAIL_FIXTURES);
console.log(`${mails.length} labelled mails, dictionaries ${engine.dictionaries.version}\n`);
const development = evaluateTone(engine, mails);
console.log(formatToneEvaluation(development));
const developmentScenarios = evaluateScenarios(engine, mails);
console.log(`\n${formatScenarioEvaluation(developmentScenarios)}`);

const replies = readJsonLines<LabelledReply>(REPLY_FIXTURES);
console.log(`\n${replies.length} labelled agent replies\n`);
const developmentLinter = evaluateLinter(lintRules, engine.tokenizer, replies);
console.log(formatLintEvaluation(developmentLinter));
const summaries: SetSummary[] = [
  { name: 'development (in-sample)', tone: development, scenarios: developmentScenarios.accuracy, linter: developmentLinter.micro },
];

for (const set of HELD_OUT_SETS) {
  const heldOut = readJsonLines<LabelledMail>(set.mails);
  const scenarios = evaluateScenarios(engine, heldOut);
  console.log(`\n## ${set.name}: ${heldOut.length} mails, written without seeing the dictionaries\n`);
  console.log(`${set.status}\n`);
  const tone = evaluateTone(engine, heldOut);
  const summary: SetSummary = { name: set.name, tone, scenarios: scenarios.accuracy };
  console.log(formatToneEvaluation(tone));
  console.log(`\nscenario accuracy ${(scenarios.accuracy * 100).toFixed(1)}%\n`);
  if (set.replies) {
    const linter = evaluateLinter(lintRules, engine.tokenizer, readJsonLines<LabelledReply>(set.replies));
    summary.linter = linter.micro;
    console.log(formatLintEvaluation(linter));
  }
  if (set.reviews) {
    summary.reviews = evaluateReviews(engine, readJsonLines<LabelledReview>(set.reviews));
    console.log(`\n${formatReviewEvaluation(summary.reviews)}`);
  }
  if (set.posts) {
    summary.posts = evaluatePosts(engine, readJsonLines<LabelledPost>(set.posts));
    console.log(`\n${formatPostEvaluation(summary.posts)}`);
  }
  summaries.push(summary);
}

const drafting = loadDrafting(engine.dictionaries);
for (const set of DRAFT_SETS) {
  if (!existsSync(set.path)) continue;
  const labels = readDraftLabels(set.path);
  console.log(`\n## drafts, ${set.name}: ${labels.length} mails judged as a support lead would (${set.status})\n`);
  const judgement = evaluateDrafts(engine, drafting, labels);
  const summary = summaries.find((s) => s.name === set.name) ?? (set.name === 'development' ? summaries[0] : undefined);
  if (summary) summary.drafts = judgement;
  console.log(formatDraftJudgement(judgement));
}

console.log(`\n## Summary\n\n${formatSummaryTable(summaries)}`);

if (process.argv.includes('--write-docs')) {
  const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
  const dirty = git('status', '--porcelain', '--', 'src', 'dictionaries', 'scripts', 'test/fixtures') !== '';
  const meta = {
    date: new Date().toISOString().slice(0, 10),
    commit: `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' + uncommitted changes' : ''}`,
    dictionaryVersion: engine.dictionaries.version,
  };
  for (const [doc, path] of Object.entries(FIGURES_DOCS) as [FiguresDoc, string][]) {
    const file = new URL(`../${path}`, import.meta.url);
    const block = renderFigures(doc, { meta, tables: figureTables(doc, summaries) });
    writeFileSync(file, replaceFigures(doc, readFileSync(file, 'utf8'), block));
    console.log(`\nwrote the figures into ${path}`);
  }
}
