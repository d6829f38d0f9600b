import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalysisEngine, type AnalysisEngine } from '../../src/analysis/analyze.js';
import {
  compileLearnedScenarios,
  LEARNED_SCENARIOS_FILE,
  LearnedScenariosFileSchema,
  readLearnedScenario,
  scenarioFeatures,
} from '../../src/analysis/learned-scenarios.js';
import { DEFAULT_DICTIONARIES_DIR } from '../../src/analysis/lexicon/load.js';
import { parseYaml } from '../../src/analysis/lexicon/yaml-file.js';
import { detectScenarios } from '../../src/analysis/scenarios.js';
import { fixturesHash, tuningSets } from '../../scripts/lexical-fit.js';
import { scenarioTexts, wordsHash, withScenarioModel } from '../../scripts/scenario-fit.js';
import { sharedEngine } from '../support/engine.js';

const shipped = parseYaml(
  { name: LEARNED_SCENARIOS_FILE, text: readFileSync(`${DEFAULT_DICTIONARIES_DIR}/${LEARNED_SCENARIOS_FILE}`, 'utf8') },
  LearnedScenariosFileSchema,
);

describe('dictionaries/learned/scenarios.yaml', () => {
  it('holds the weights the fit wrote, untouched by hand (npm run fit:scenarios rewrites it)', () => {
    expect(shipped.fitted.counts).toBe(wordsHash(shipped));
  });

  it('was fitted from the labelled mails as they are now (refit after changing a tuning set)', () => {
    expect(shipped.fitted.fixtures).toBe(fixturesHash(scenarioTexts(tuningSets())));
  });
});

describe('compileLearnedScenarios', () => {
  const file = {
    fitted: {},
    exclude: ['注文'],
    smoothing: 0.1,
    mails: { 'product-question': 10, 'delivery-delay': 10, other: 10 },
    words: 'サイズ: product-question 8, other 1\n届く: delivery-delay 9, product-question 1\n注文: delivery-delay 9\n',
  };

  it('reads a word seen mostly in one scenario’s mails as for it and against the others', () => {
    const w = compileLearnedScenarios(file).weights.get('サイズ')!;
    const [question, delay, other] = [w[0]!, w[1]!, w[2]!];
    expect(question).toBeGreaterThan(0);
    expect(delay).toBeLessThan(0);
    expect(other).toBeLessThan(question);
  });

  it('leaves out what a lead excluded', () => {
    expect(compileLearnedScenarios(file).weights.has('注文')).toBe(false);
  });

  it('names the scenario and the words behind it', () => {
    const reading = readLearnedScenario(
      new Map([
        ['サイズ', 1],
        ['色', 1],
      ]),
      compileLearnedScenarios(file),
      5,
    )!;
    expect(reading.scenario).toBe('product-question');
    expect(reading.words).toEqual(['サイズ']);
    expect(reading.probability).toBeGreaterThan(0.5);
  });

  it('reads a discriminative fit: signed weights and a bias per scenario, per root of the known words', () => {
    const weights = {
      ...file,
      exclude: [],
      bias: { 'product-question': 0.1, 'delivery-delay': 0.2, other: 0.3 },
      words: 'サイズ: product-question 1.5, other -0.4\n届く: delivery-delay 2, product-question -0.5\n',
    };
    const model = compileLearnedScenarios(weights);
    expect(model.perRootOfWords).toBe(true);
    expect([...model.weights.get('サイズ')!]).toEqual([1.5, 0, -0.4]);
    const reading = readLearnedScenario(
      new Map([
        ['サイズ', 1],
        ['届く', 1],
      ]),
      model,
      1,
    )!;
    // (1.5 − 0.5) / √2 + 0.1 for the question against 2 / √2 + 0.2 for the delay.
    expect(reading.scenario).toBe('delivery-delay');
    expect(reading.logOdds.get('product-question')).toBeCloseTo(1 / Math.SQRT2 + 0.1, 6);
  });

  it('fails the load on a malformed line, naming it', () => {
    expect(() => compileLearnedScenarios({ ...file, words: 'サイズ: product-question\n' })).toThrow(/words line 1/);
  });
});

describe('detectScenarios with the learned signal', () => {
  let engine: AnalysisEngine;
  let manualOnly: AnalysisEngine;
  beforeAll(async () => {
    engine = await sharedEngine();
    manualOnly = createAnalysisEngine(engine.tokenizer, withScenarioModel(engine.dictionaries, undefined));
  });
  const detect = (e: AnalysisEngine, body: string) => detectScenarios(e.analyzeWithMatches({ body }).fields, e.dictionaries);

  it('reads a product question the manual has no words for, and says which words it read', () => {
    const body = 'いつもお世話になっております。\n先日購入したリュックについてですが、普段使いでノートパソコンは何インチまで入りますか。';
    expect(detect(manualOnly, body).primary).toBe('other');
    const result = detect(engine, body);
    expect(result.primary).toBe('product-question');
    expect(result.learned).toMatchObject({ scenario: 'product-question', decided: true });
    expect(result.learned!.words.length).toBeGreaterThan(0);
  });

  it('leaves a scenario the manual is sure of to the manual', () => {
    const body = '11月3日に注文した商品が、まだ届いていません。追跡番号で調べても「発送準備中」のままです。いつ届きますか。';
    const result = detect(engine, body);
    expect(result.primary).toBe('delivery-delay');
    expect(result.learned).toBeUndefined();
  });

  it('drafts the safe general reply, and says so, when the learned reading is unsure', () => {
    const result = detect(engine, 'お世話になります。先日の件で少しご相談があります。');
    expect(result.generalDraft).toBe(true);
  });
});

describe('scenarioFeatures', () => {
  let engine: AnalysisEngine;
  beforeAll(async () => {
    engine = await sharedEngine();
  });
  it('counts each word of the body once and a word of the subject for subjectWeight', () => {
    const subject = engine.prepare({ body: '請求について' }).body.tokens;
    const read = scenarioFeatures(subject, engine.prepare({ body: '請求が二重です。請求を確認してください。' }).body.tokens, {
      subjectWeight: 2,
    });
    expect(read.get('確認')).toBe(1);
    expect(read.get('請求')).toBe(2);
  });
});
