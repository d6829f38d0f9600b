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
import { DRAFT_SETS, evaluateDrafts, judgedDraftOf, readDraftLabels } from './draft-evaluation.js';
import { fixturesHash, tuningSets, writeFittedFile } from './lexical-fit.js';
import { evaluateScenarios } from './scenario-evaluation.js';
import { compileLearnedScenarios, readLearnedScenario, type ScenarioFeatureOptions } from '../src/analysis/learned-scenarios.js';
import { asFixtureLabel, isScenarioKind, type ScenarioKind } from '../src/analysis/scenario-schema.js';
import { detectScenarios } from '../src/analysis/scenarios.js';
import { triage } from '../src/drafting/triage.js';
import type { TriageResult } from '../src/drafting/triage-schema.js';
import { judgeDraft, wrongTopicWords } from './draft-judge.js';
import {
  featureOptions,
  fitScenarioModel,
  rowsOf,
  tokenizedTexts,
  type ScenarioFitOptions,
  type TokenizedText,
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
    const labels = drafts && !args.includes('--mails') ? readDraftLabels(drafts.path) : [];
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

/**
 * The learned reading alone, each set left out: the only figure here the manual's in-sample tuning
 * cannot flatter. Per variant of the features and the fit (`--alone '[{"features":{…},"fit":{…}}]'`).
 */
function alone(variant: { features?: Partial<ScenarioFeatureOptions>; fit?: Partial<ScenarioFitOptions> }): string {
  const options = { ...featureOptions(engine.dictionaries), ...variant.features };
  const variantRows = rowsOf((tokenized ??= tokenizedTexts(engine, texts)), options);
  let hits = 0;
  const perSet: string[] = [];
  for (const set of sets) {
    const fitted = fitScenarioModel(
      variantRows.filter((r) => r.text.set !== set.name),
      new Set(exclude),
      { ...SCENARIO_FIT_OPTIONS, ...variant.fit },
    );
    const model = compileLearnedScenarios({ fitted: {}, exclude: [], ...fitted });
    const held = variantRows.filter((r) => r.text.set === set.name);
    const read = held.filter((r) => {
      const reading = readLearnedScenario(new Map(r.features.map((key, i) => [key, r.values[i]!])), model, 1);
      const label = r.text.scenario as ScenarioKind;
      return reading && asFixtureLabel(reading.scenario, label) === label;
    }).length;
    hits += read;
    perSet.push(`${set.name.replace('held-out ', 'h')} ${read}/${held.length}`);
  }
  return `${hits}/${variantRows.length} (${((hits / variantRows.length) * 100).toFixed(1)}%)  ${perSet.join(' ')}`;
}
let tokenized: TokenizedText[] | undefined;

/**
 * Calibrates scenarios.minConfidence left out one set at a time: each draft mail is drafted twice with
 * its set's fold (its scenario's draft, and the general one) and each mail read once, so every
 * threshold's topic failures and general share come from one pass.
 */
function calibrate(thresholds: readonly number[]): void {
  const drafted: Array<{ confidence: number; other: boolean; right: boolean; topic: [boolean, boolean]; wrong: [boolean, boolean] }> = [];
  const read: Array<{ confidence: number; other: boolean; right: boolean }> = [];
  for (const set of sets) {
    const fold = (minConfidence: number) =>
      withSettings(withScenarioModel(engine.dictionaries, foldsOf().get(set.name)), { minConfidence });
    const [sure, general] = [fold(0), fold(1)];
    const analysis = createAnalysisEngine(engine.tokenizer, sure);
    for (const mail of set.mails.filter((m) => isScenarioKind(m.scenario))) {
      const { fields } = analysis.analyzeWithMatches({ subject: mail.subject, body: mail.body });
      const detected = detectScenarios(fields, sure);
      const label = mail.scenario as ScenarioKind;
      read.push({
        confidence: detected.confidence,
        other: detected.primary === 'other',
        right: asFixtureLabel(detected.primary, label) === label,
      });
    }
    const drafts = DRAFT_SETS.find((d) => d.name === set.name);
    if (!drafts) continue;
    const labels = readDraftLabels(drafts.path);
    const [a, b] = [sure, general].map((d) => {
      const judged = createAnalysisEngine(engine.tokenizer, d);
      const drafting = loadDrafting(d);
      return labels.map((label) => triage(judged, drafting, { subject: label.subject, body: label.body, receivedAt: label.receivedAt }));
    }) as [TriageResult[], TriageResult[]];
    labels.forEach((label, i) => {
      const topic = [a[i]!, b[i]!].map((r) => judgeDraft(label, judgedDraftOf(r)).failed.includes('topic')) as [boolean, boolean];
      // A topic the mail does not mention (the label's wrong-topic words): the failure the general draft must never have.
      const wrong = [a[i]!, b[i]!].map((r) => wrongTopicWords(label, r.draft.text).length > 0) as [boolean, boolean];
      const scenario = a[i]!.scenario;
      drafted.push({
        confidence: scenario.confidence,
        other: scenario.primary === 'other',
        right: scenario.primary === label.topic.scenario,
        topic,
        wrong,
      });
    });
  }
  console.log(
    'minConfidence | mails read general | mail accuracy among the sure | draft topic failures (of which a topic the mail does not mention) | drafts general',
  );
  for (const t of thresholds) {
    const general = (r: { confidence: number; other: boolean }) => r.other || r.confidence < t;
    const sureMails = read.filter((r) => !general(r));
    const failures = drafted.filter((r) => r.topic[general(r) ? 1 : 0]).length;
    const wrong = drafted.filter((r) => r.wrong[general(r) ? 1 : 0]).length;
    console.log(
      `${t} | ${read.filter(general).length}/${read.length} | ${sureMails.filter((r) => r.right).length}/${sureMails.length} | ` +
        `${failures}/${drafted.length} (${wrong}) | ${drafted.filter(general).length}/${drafted.length}`,
    );
  }
}

if (args.includes('--calibrate')) {
  calibrate([0, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8]);
} else if (args.includes('--alone')) {
  for (const variant of JSON.parse(args[args.indexOf('--alone') + 1] ?? '[{}]') as Array<Parameters<typeof alone>[0]>) {
    console.log(`${JSON.stringify(variant)}: ${alone(variant)}`);
  }
} else if (args.includes('--loso')) {
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
