/** npm run eval: how well ondo's levels, scenarios and reply checks agree with the labelled fixtures. */
import { loadAnalysisEngine } from '../src/analysis/analyze.js';
import { compileLintRules } from '../src/drafting/lint/index.js';
import { EMAIL_FIXTURES, evaluateTone, formatToneEvaluation, HELD_OUT_SETS, readJsonLines, type LabelledMail } from './evaluation.js';
import { evaluateLinter, formatLintEvaluation, REPLY_FIXTURES, type LabelledReply } from './lint-evaluation.js';
import { evaluateScenarios, formatScenarioEvaluation } from './scenario-evaluation.js';

const engine = await loadAnalysisEngine();
const lintRules = compileLintRules(engine.dictionaries.sources);
const mails = readJsonLines<LabelledMail>(EMAIL_FIXTURES);
console.log(`${mails.length} labelled mails, dictionaries ${engine.dictionaries.version}\n`);
console.log(formatToneEvaluation(evaluateTone(engine, mails)));
console.log(`\n${formatScenarioEvaluation(evaluateScenarios(engine, mails))}`);

const replies = readJsonLines<LabelledReply>(REPLY_FIXTURES);
console.log(`\n${replies.length} labelled agent replies\n`);
console.log(formatLintEvaluation(evaluateLinter(lintRules, replies)));

for (const set of HELD_OUT_SETS) {
  const heldOut = readJsonLines<LabelledMail>(set.mails);
  const heldOutReplies = readJsonLines<LabelledReply>(set.replies);
  const scenarios = evaluateScenarios(engine, heldOut);
  console.log(`\n## ${set.name}: ${heldOut.length} mails and ${heldOutReplies.length} replies, written without seeing the dictionaries\n`);
  console.log(`${set.status}\n`);
  console.log(formatToneEvaluation(evaluateTone(engine, heldOut)));
  console.log(`\nscenario accuracy ${(scenarios.accuracy * 100).toFixed(1)}%\n`);
  console.log(formatLintEvaluation(evaluateLinter(lintRules, heldOutReplies)));
}
