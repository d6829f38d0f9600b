/** npm run eval: how well ondo's levels, scenarios and reply checks agree with the labelled fixtures. */
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
import { existsSync } from 'node:fs';

const engine = await loadAnalysisEngine();
const lintRules = compileLintRules(engine.dictionaries.sources);
const mails = readJsonLines<LabelledMail>(EMAIL_FIXTURES);
console.log(`${mails.length} labelled mails, dictionaries ${engine.dictionaries.version}\n`);
const development = evaluateTone(engine, mails);
console.log(formatToneEvaluation(development));
console.log(`\n${formatScenarioEvaluation(evaluateScenarios(engine, mails))}`);
const summaries: SetSummary[] = [{ name: 'development (in-sample)', tone: development }];

const replies = readJsonLines<LabelledReply>(REPLY_FIXTURES);
console.log(`\n${replies.length} labelled agent replies\n`);
console.log(formatLintEvaluation(evaluateLinter(lintRules, engine.tokenizer, replies)));

for (const set of HELD_OUT_SETS) {
  const heldOut = readJsonLines<LabelledMail>(set.mails);
  const scenarios = evaluateScenarios(engine, heldOut);
  console.log(`\n## ${set.name}: ${heldOut.length} mails, written without seeing the dictionaries\n`);
  console.log(`${set.status}\n`);
  const tone = evaluateTone(engine, heldOut);
  const summary: SetSummary = { name: set.name, tone };
  console.log(formatToneEvaluation(tone));
  console.log(`\nscenario accuracy ${(scenarios.accuracy * 100).toFixed(1)}%\n`);
  if (set.replies)
    console.log(formatLintEvaluation(evaluateLinter(lintRules, engine.tokenizer, readJsonLines<LabelledReply>(set.replies))));
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
  console.log(formatDraftJudgement(evaluateDrafts(engine, drafting, labels)));
}

console.log(`\n## Summary\n\n${formatSummaryTable(summaries)}`);
