/** npm run eval: how well ondo's levels agree with the labelled fixture mails. */
import { loadAnalysisEngine } from '../src/analysis/analyze.js';
import { compileLintRules } from '../src/drafting/lint/index.js';
import { EMAIL_FIXTURES, evaluateTone, formatToneEvaluation, HOLDOUT_FIXTURES, readJsonLines, type LabelledMail } from './evaluation.js';
import { evaluateLinter, formatLintEvaluation, REPLY_FIXTURES, REPLY_HOLDOUT_FIXTURES, type LabelledReply } from './lint-evaluation.js';
import { evaluateScenarios, formatScenarioEvaluation } from './scenario-evaluation.js';

const engine = await loadAnalysisEngine();
const mails = readJsonLines<LabelledMail>(EMAIL_FIXTURES);
console.log(`${mails.length} labelled mails, dictionaries ${engine.dictionaries.version}\n`);
console.log(formatToneEvaluation(evaluateTone(engine, mails)));
console.log(`\n${formatScenarioEvaluation(evaluateScenarios(engine, mails))}`);

const holdout = readJsonLines<LabelledMail>(HOLDOUT_FIXTURES);
const holdoutScenarios = evaluateScenarios(engine, holdout);
console.log(`\n## Held-out set: ${holdout.length} mails written without seeing the dictionaries (never used for tuning)\n`);
console.log(formatToneEvaluation(evaluateTone(engine, holdout)));
console.log(`\nscenario accuracy ${(holdoutScenarios.accuracy * 100).toFixed(1)}%`);

const replies = readJsonLines<LabelledReply>(REPLY_FIXTURES);
console.log(`\n${replies.length} labelled agent replies\n`);
const lintRules = compileLintRules(engine.dictionaries.sources);
console.log(formatLintEvaluation(evaluateLinter(lintRules, replies)));
const heldOutReplies = readJsonLines<LabelledReply>(REPLY_HOLDOUT_FIXTURES);
console.log(`\n## Held-out replies: ${heldOutReplies.length}, written without seeing the phrase lists\n`);
console.log(formatLintEvaluation(evaluateLinter(lintRules, heldOutReplies)));
