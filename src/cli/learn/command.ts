/** `ondo learn report|suggest|apply`: the team's corrections become an agreement report and measured dictionary entries. */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_DICTIONARIES_DIR, loadDictionaries } from '../../analysis/lexicon/load.js';
import { loadTokenizer } from '../../analysis/tokenizer/index.js';
import { loadTemplates } from '../../drafting/templates.js';
import { summarizeAgreement } from '../../feedback/agreement.js';
import { applySuggestions, effectText, renderSuggestions } from '../../feedback/suggest/patch.js';
import { Scorer } from '../../feedback/suggest/scorer.js';
import { suggestEntries } from '../../feedback/suggest/suggest.js';
import { readCorrections } from './corrections.js';
import { correctionTexts, labelledSets } from './labelled-sets.js';
import { formatAgreementText, renderAgreementHtml } from './report.js';

export const LEARN_USAGE = `  ondo learn report [--from feedback.jsonl] [--tenant name] [--html report.html] [--json] [--dictionaries dir]
      How often agents agree with ondo's level and scenario, per dictionary version: a confusion matrix for each,
      polite-but-annoyed agreement, the corrections that disagree most and the scenario disagreements by the
      agents' scenario. Reads Redis (REDIS_URL, QUEUE_PREFIX) or an export.
  ondo learn suggest [--from feedback.jsonl] [--tenant name] [--labelled set.jsonl …] [--out suggestions.yaml] [--folds 5]
      Proposes dictionary entries from lemma sequences that recur in mails ondo read cooler than the agents
      and rarely elsewhere, and context entries (weight 0) for phrases that recur around the words ondo
      counted in mails it read hotter; none that lowers a mail labelled angry or furious. Where agents named
      the scenario ondo missed, lemma sequences of those mails become entries of scenarios/<kind>.yaml; none
      that makes a labelled mail ondo reads right read wrong. Each is measured by cross-validation on the
      corrections and on every labelled set (levels for tone entries, scenario accuracy for scenario entries).
  ondo learn apply suggestions.yaml [--dictionaries dir]
      Adds the accepted entries (accept: true) to dictionaries/tone/learned-<category>.yaml (scenario entries to
      dictionaries/scenarios/<kind>.yaml) and checks the dictionaries still load; a running server picks them up
      on its reload (SIGHUP).`;

export async function learnCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      labelled: { type: 'string', multiple: true },
      dictionaries: { type: 'string' },
      out: { type: 'string' },
      folds: { type: 'string' },
      'min-support': { type: 'string' },
      from: { type: 'string' },
      tenant: { type: 'string' },
      html: { type: 'string' },
      json: { type: 'boolean' },
      top: { type: 'string' },
    },
  });
  const source = { from: values.from, tenant: values.tenant };
  switch (sub) {
    case 'report': {
      const report = summarizeAgreement(await readCorrections(source), { disagreements: Number(values.top ?? 20) || 20 });
      if (values.html) {
        // The page is for leads: scenarios by the manual's Japanese names.
        const templates = loadTemplates(loadDictionaries(values.dictionaries).sources);
        writeFileSync(
          values.html,
          renderAgreementHtml(report, {
            generatedAt: new Date(),
            source: values.from ?? `Redis, tenant ${values.tenant ?? 'default'}`,
            scenarioLabels: new Map([...templates.scenarios].map(([kind, t]) => [kind, t.label])),
          }),
        );
        console.error(`wrote ${values.html}`);
      }
      console.log(values.json ? JSON.stringify(report, null, 2) : formatAgreementText(report));
      return 0;
    }
    case 'suggest': {
      const corrections = correctionTexts(await readCorrections(source));
      const sets = labelledSets(values.labelled ?? []);
      const dictionaries = loadDictionaries(values.dictionaries);
      const scorer = new Scorer(await loadTokenizer());
      const { suggestions, together } = suggestEntries({
        scorer,
        dictionaries,
        corrections,
        background: sets.filter((s) => s.minedAgainst).flatMap((s) => s.mails),
        sets: [{ name: 'corrections (in-sample)', mails: corrections }, ...sets],
        folds: Number(values.folds ?? 5) || 5,
        options: values['min-support'] ? { minSupport: Number(values['min-support']) } : {},
      });
      const header = [
        `ondo learn suggest: ${suggestions.length} entries from ${corrections.length} corrections, dictionaries ${dictionaries.version}`,
        'Set accept: false (or delete the item) for entries you do not want, then: npx ondo learn apply <this file>',
        ...together.map(
          (t) =>
            `all together on ${t.name}: levels ${t.improved} better, ${t.worsened} worse of ${t.n}` +
            (t.scenarios.n ? `; scenarios ${effectText(t.scenarios, 'accuracy')}` : ''),
        ),
      ].join('\n');
      const yaml = renderSuggestions(suggestions, header);
      if (values.out) {
        writeFileSync(values.out, yaml);
        console.error(`wrote ${values.out}`);
      }
      console.log(values.out ? header : yaml);
      return 0;
    }
    case 'apply': {
      const [file] = positionals;
      if (!file) {
        console.error(`ondo learn apply: give the suggestions file\nusage:\n${LEARN_USAGE}`);
        return 2;
      }
      const result = applySuggestions(readFileSync(file, 'utf8'), values.dictionaries ?? DEFAULT_DICTIONARIES_DIR);
      for (const { file: target, id } of result.added) console.log(`added ${id} to ${target}`);
      for (const { id, why } of result.skipped) console.log(`skipped ${id}: ${why}`);
      console.log(`dictionaries now ${result.dictionaryVersion}; a running server reads them on SIGHUP (docker compose kill -s HUP api)`);
      return 0;
    }
    default:
      console.error(
        `ondo learn: ${sub === undefined ? 'give report, suggest or apply' : `unknown subcommand ${sub}`}\nusage:\n${LEARN_USAGE}`,
      );
      return 2;
  }
}
