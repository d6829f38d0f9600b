/** npm run eval: how well ondo's levels agree with the labelled fixture mails. */
import { loadAnalysisEngine } from '../src/analysis/analyze.js';
import { EMAIL_FIXTURES, evaluateTone, formatToneEvaluation, readJsonLines, type LabelledMail } from './evaluation.js';

const engine = await loadAnalysisEngine();
const mails = readJsonLines<LabelledMail>(EMAIL_FIXTURES);
console.log(`${mails.length} labelled mails, dictionaries ${engine.dictionaries.version}\n`);
console.log(formatToneEvaluation(evaluateTone(engine, mails)));
