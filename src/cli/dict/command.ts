/** `ondo dict check` and `ondo dict explain`: the support manual's tools for leads. */
import { parseArgs } from 'node:util';
import { loadAnalysisEngine } from '../../analysis/analyze.js';
import { checkDictionaries, formatCheckReport } from './check.js';
import { explainText, formatExplanation } from './explain.js';

export const DICT_USAGE = `  ondo dict check [--dictionaries dir] [--json]
      Validates every dictionary, template, routing, workflow and lint file (file, line, entry) and
      runs every entry's own examples through the real tokenizer. Exit code 1 on any problem.
  ondo dict explain "文" [--subject 件名] [--dictionaries dir] [--json]
      Shows the tokens, the entries that matched (weight, multiplier, contribution), the ones that
      were cancelled and why (negated, context), and the resulting anger, urgency and level.`;

export async function dictCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { dictionaries: { type: 'string' }, subject: { type: 'string' }, json: { type: 'boolean' } },
  });
  switch (sub) {
    case 'check': {
      const report = await checkDictionaries(values.dictionaries);
      console.log(values.json ? JSON.stringify(report, null, 2) : formatCheckReport(report));
      return report.problems.length + report.exampleFailures.length === 0 ? 0 : 1;
    }
    case 'explain': {
      const body = positionals.join(' ');
      if (body.trim() === '' && values.subject === undefined) {
        console.error(`ondo dict explain: give the text to explain\nusage:\n${DICT_USAGE}`);
        return 2;
      }
      const engine = await loadAnalysisEngine({ dictionariesDir: values.dictionaries });
      const explanation = explainText(engine, { body, subject: values.subject });
      console.log(values.json ? JSON.stringify(explanation, null, 2) : formatExplanation(explanation));
      return 0;
    }
    default:
      console.error(`ondo dict: ${sub === undefined ? 'give check or explain' : `unknown subcommand ${sub}`}\nusage:\n${DICT_USAGE}`);
      return 2;
  }
}
