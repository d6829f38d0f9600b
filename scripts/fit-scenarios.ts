/**
 * npm run fit:scenarios: counts the scenario words of every tuning set's labelled mails and writes
 * dictionaries/learned/scenarios.yaml. `-- --loso` measures it honestly instead: for each set, fit on
 * all the others and read the one left out with the real analysis and drafting, against no learned
 * signal at all. `-- --check` fails when the shipped file is not what the fit writes. Never reads the blind set.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createAnalysisEngine, loadAnalysisEngine } from '../src/analysis/analyze.js';
import { LEARNED_SCENARIOS_FILE, LearnedScenariosFileSchema } from '../src/analysis/learned-scenarios.js';
import { DEFAULT_DICTIONARIES_DIR, type Dictionaries } from '../src/analysis/lexicon/load.js';
import { parseYaml } from '../src/analysis/lexicon/yaml-file.js';
import { loadDrafting } from '../src/drafting/drafting.js';
import { DRAFT_SETS, evaluateDrafts, readDraftLabels } from './draft-evaluation.js';
import { fixturesHash, tuningSets, writeFittedFile } from './lexical-fit.js';
import { evaluateScenarios } from './scenario-evaluation.js';
import {
  fitScenarioModel,
  renderScenariosFile,
  scenarioRows,
  scenarioTexts,
  SCENARIO_FIT_OPTIONS,
  withScenarioModel,
} from './scenario-fit.js';

const path = `${DEFAULT_DICTIONARIES_DIR}/${LEARNED_SCENARIOS_FILE}`;
const exclude = existsSync(path)
  ? parseYaml({ name: LEARNED_SCENARIOS_FILE, text: readFileSync(path, 'utf8') }, LearnedScenariosFileSchema).exclude
  : [];

const args = process.argv.slice(2);
const engine = await loadAnalysisEngine();
const sets = tuningSets();
const texts = scenarioTexts(sets);
const rows = scenarioRows(engine, texts);

type Scenarios = Dictionaries['config']['scenarios'];
type Variant = Partial<Omit<Scenarios, 'learned'>> & { learned?: Partial<NonNullable<Scenarios['learned']>> };

/** The dictionaries with other scenario settings (a --grid variant). */
function withSettings(base: Dictionaries, variant: Variant): Dictionaries {
  const scenarios = { ...base.config.scenarios, ...variant, learned: { ...base.config.scenarios.learned!, ...variant.learned } };
  return { ...base, config: { ...base.config, scenarios } };
}

/** Folds fitted once, when a measurement first needs them: each set's model from every other set. */
let folds: Map<string, ReturnType<typeof fitScenarioModel>> | undefined;
function foldsOf(): Map<string, ReturnType<typeof fitScenarioModel>> {
  folds ??= new Map(
    sets.map((set) => [
      set.name,
      fitScenarioModel(
        rows.filter((r) => r.text.set !== set.name),
        new Set(exclude),
      ),
    ]),
  );
  return folds;
}

/** Leave-one-set-out: per set, no learned signal against the signal fitted without that set. */
function loso(variant: Variant, print: boolean): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const base = withSettings(engine.dictionaries, variant);
  const none = withScenarioModel(base, undefined);
  if (print) console.log('left out | mail scenarios | draft scenarios | drafts meeting every check');
  const totals = { mails: [0, 0, 0], drafts: [0, 0, 0, 0, 0] };
  for (const set of sets) {
    const drafts = DRAFT_SETS.find((d) => d.name === set.name);
    const labels = drafts ? readDraftLabels(drafts.path) : [];
    const [b, a] = [none, withScenarioModel(base, foldsOf().get(set.name))].map((dictionaries) => {
      const fold = createAnalysisEngine(engine.tokenizer, dictionaries);
      const mails = evaluateScenarios(fold, set.mails);
      const judged = labels.length ? evaluateDrafts(fold, loadDrafting(dictionaries), labels) : undefined;
      return { mails, judged };
    }) as [Figures, Figures];
    const cells = [`${pct(b.mails.accuracy)} → ${pct(a.mails.accuracy)}`];
    totals.mails[0]! += b.mails.total - b.mails.misses.length;
    totals.mails[1]! += a.mails.total - a.mails.misses.length;
    totals.mails[2]! += a.mails.total;
    if (b.judged && a.judged) {
      cells.push(`${pct(b.judged.scenarioAccuracy)} → ${pct(a.judged.scenarioAccuracy)}`);
      cells.push(
        `${pct(b.judged.meetingAll)} → ${pct(a.judged.meetingAll)} (topic ${b.judged.failures.topic} → ${a.judged.failures.topic})`,
      );
      totals.drafts[0]! += Math.round(b.judged.meetingAll * b.judged.total);
      totals.drafts[1]! += Math.round(a.judged.meetingAll * a.judged.total);
      totals.drafts[2]! += a.judged.total;
      totals.drafts[3]! += b.judged.failures.topic;
      totals.drafts[4]! += a.judged.failures.topic;
    } else cells.push('—', '—');
    if (print) console.log(`${set.name} | ${cells.join(' | ')}`);
  }
  const [mb, ma, mn] = totals.mails as [number, number, number];
  const [db, da, dn, tb, ta] = totals.drafts as [number, number, number, number, number];
  return `all | ${mb}/${mn} → ${ma}/${mn} | — | ${db}/${dn} → ${da}/${dn} (topic ${tb} → ${ta})`;
}

interface Figures {
  mails: ReturnType<typeof evaluateScenarios>;
  judged: ReturnType<typeof evaluateDrafts> | undefined;
}

if (args.includes('--loso')) {
  console.log(loso({}, true));
} else if (args.includes('--grid')) {
  for (const variant of JSON.parse(args[args.indexOf('--grid') + 1] ?? '[]') as Variant[]) {
    console.log(`${JSON.stringify(variant)}: ${loso(variant, args.includes('--rows'))}`);
  }
} else {
  const counts = fitScenarioModel(rows, new Set(exclude));
  const text = renderScenariosFile(
    counts,
    {
      method:
        "multinomial logistic regression over the words the mail counts keep, per root of a mail's known words; mails labelled before the finer kinds take the finer kind a fit on the finely labelled mails reads (scripts/scenario-fit.ts fitScenarioModel)",
      options: JSON.stringify(SCENARIO_FIT_OPTIONS),
      sets: sets.map((s) => s.name),
      mails: texts.length,
      fixtures: fixturesHash(texts),
    },
    exclude,
  );
  const words = counts.words.split('\n').filter((line) => line !== '').length;
  writeFittedFile(path, LEARNED_SCENARIOS_FILE, text, 'npm run fit:scenarios', args.includes('--check'), `${words} words`);
}
