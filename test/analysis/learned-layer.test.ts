import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalysisEngine, type AnalysisEngine } from '../../src/analysis/analyze.js';
import { LearnedFileSchema, MAX_LEARNED_WEIGHT, RESPECT_LEMMAS } from '../../src/analysis/lexicon/learned.js';
import { DEFAULT_DICTIONARIES_DIR, LEARNED_FILE } from '../../src/analysis/lexicon/load.js';
import { parseYaml } from '../../src/analysis/lexicon/yaml-file.js';
import {
  entriesHash,
  fitLexical,
  fixturesHash,
  FIT_OPTIONS,
  labelledTexts,
  renderLearnedFile,
  tuningSets,
  withLearnedEntries,
  type FeatureRow,
} from '../../scripts/lexical-fit.js';
import { sharedEngine } from '../support/engine.js';

const shipped = parseYaml(
  { name: LEARNED_FILE, text: readFileSync(`${DEFAULT_DICTIONARIES_DIR}/${LEARNED_FILE}`, 'utf8') },
  LearnedFileSchema,
);

describe('dictionaries/learned/lexical.yaml', () => {
  it('holds the weights the fit wrote, untouched by hand (npm run fit:lexical rewrites it)', () => {
    expect(shipped.fitted.entries).toBe(entriesHash(shipped.entries));
  });

  it('was fitted from the fixtures as they are now (refit after changing a tuning set)', () => {
    expect(shipped.fitted.fixtures).toBe(fixturesHash(labelledTexts(tuningSets())));
  });

  it('is bounded: a few thousand entries at most, each weight within the cap', () => {
    const weights = Object.values(shipped.entries).map((e) => Math.abs(e.weight));
    expect(weights.length).toBeLessThanOrEqual(FIT_OPTIONS.maxEntries);
    expect(Math.max(...weights)).toBeLessThanOrEqual(FIT_OPTIONS.maxCoefficient * FIT_OPTIONS.pointsPerLogOdds);
    expect(Math.max(...weights)).toBeLessThanOrEqual(MAX_LEARNED_WEIGHT);
  });

  it('never lets a word of respect or thanks lower a score (politeness never lowers)', () => {
    const lowering = Object.entries(shipped.entries).filter(
      ([key, e]) => e.weight < 0 && key.split(' ').some((l) => RESPECT_LEMMAS.has(l)),
    );
    expect(lowering).toEqual([]);
  });
});

describe('fitLexical', () => {
  const text = (set: string, dissatisfied: boolean) => ({ set, kind: 'review' as const, body: '', dissatisfied });
  // 0 「最低」 marks every dissatisfied text; 1 「普通」 is everywhere; 2 「一度」 is in one set only.
  const rows: FeatureRow[] = ['a', 'b', 'c', 'd'].flatMap((set) => [
    { text: text(set, true), features: [0, 1] },
    { text: text(set, true), features: [0, 1, ...(set === 'a' ? [2] : [])] },
    { text: text(set, false), features: [1] },
    { text: text(set, false), features: [1] },
  ]);
  const table = { features: ['最低', '普通', '一度'], signs: [0, 0, 0] as Array<-1 | 0 | 1> };

  it('is deterministic: the same rows give the same file', () => {
    const render = () => renderLearnedFile(fitLexical(rows, table), { method: 'test' }, []);
    expect(render()).toBe(render());
  });

  it('weighs what marks dissatisfaction and leaves out what does not, or is one set’s alone', () => {
    const keys = fitLexical(rows, table).map((e) => e.key);
    expect(keys).toEqual(['最低']);
  });

  // 0 「満足」 marks every satisfied text, 1 「最低」 every dissatisfied one.
  const satisfied: FeatureRow[] = ['a', 'b', 'c', 'd'].flatMap((set) => [
    { text: text(set, true), features: [1] },
    { text: text(set, false), features: [0] },
  ]);

  it('weighs a word of satisfaction below zero, unless its sign is held (respect never lowers)', () => {
    const weightOf = (signs: Array<-1 | 0 | 1>) =>
      fitLexical(satisfied, { features: ['満足', '最低'], signs }).find((e) => e.key === '満足')?.weight;
    expect(weightOf([-1, 0])).toBeLessThan(0);
    expect(weightOf([1, 0])).toBeUndefined();
  });
});

describe('the learned layer in analysis', () => {
  let engine: AnalysisEngine;
  beforeAll(async () => {
    const base = await sharedEngine();
    engine = createAnalysisEngine(
      base.tokenizer,
      withLearnedEntries(base.dictionaries, {
        窓口: { weight: 6 },
        払う: { weight: 5 },
        最低: { weight: 8 },
        '何 回': { weight: 5 },
        美味しい: { weight: -4 },
        満足: { weight: -20 },
        良い: { weight: -6 },
        '良い（否定）': { weight: 7 },
      }),
    );
  });
  const learned = (body: string) => engine.analyze({ body }).evidence.filter((e) => e.category === 'learned');

  it('shows the learned words as evidence and names them in a reason', () => {
    const result = engine.analyze({ body: '窓口に電話しました。' });
    expect(result.evidence).toContainEqual(expect.objectContaining({ category: 'learned', text: '窓口' }));
    expect(result.reasons.map((r) => r.ja).join('')).toContain('「窓口」');
  });

  it('masks words in quotation, negation and hypotheticals like any word', () => {
    expect(learned('『窓口』という本を読みました。')).toEqual([]);
    expect(learned('料金はまだ払っていません。')).toEqual([]);
    expect(learned('窓口に電話したら、すぐ分かりました。')).toEqual([]);
    expect(learned('料金を払いました。').map((e) => e.text)).toEqual(['払い']);
  });

  it('does not count a quoted history, nor does a learned word alone make it count', () => {
    expect(learned('ご対応ありがとうございました。\n\n> 窓口に電話しました。料金を払いました。')).toEqual([]);
    expect(learned('窓口に電話しました。\n\n> 料金を払いました。').map((e) => e.text)).toEqual(['窓口']);
  });

  it('leaves the level to the manual where it speaks: 「最低」 inside its phrase only ranks', async () => {
    const base = await sharedEngine();
    const alone = createAnalysisEngine(base.tokenizer, withLearnedEntries(base.dictionaries, {}));
    const leveller = createAnalysisEngine(base.tokenizer, withLearnedEntries(base.dictionaries, { 最低: { weight: 8, level: 20 } }));
    const result = leveller.analyze({ body: '最低です。' });
    expect(result.evidence.some((e) => e.category !== 'learned' && e.text.includes('最低'))).toBe(true);
    expect(result.evidence.filter((e) => e.category === 'learned').map((e) => e.text)).toEqual(['最低']);
    expect(result.level).toBe(alone.analyze({ body: '最低です。' }).level);
  });

  it('reads no learned word inside a polite or cushion phrase', () => {
    expect(learned('ご迷惑をおかけしますが、窓口にお願いします。').map((e) => e.text)).toEqual(['窓口']);
  });

  it('lowers the learned points by its words of satisfaction, names them, and stops at zero', () => {
    const result = engine.analyze({ body: '窓口に電話しました。料理は美味しかったです。' });
    expect(learned('窓口に電話しました。料理は美味しかったです。').map((e) => [e.text, e.contribution])).toEqual([
      ['窓口', 6],
      ['美味しかっ', -4],
    ]);
    expect(result.reasons.find((r) => r.code === 'lowered')?.ja).toContain('「美味しかっ」');
    expect(learned('窓口に電話しました。満足です。').reduce((s, e) => s + e.contribution, 0)).toBe(0);
    expect(engine.analyze({ body: '窓口に電話しました。満足です。' }).anger).toBe(0);
  });

  it("never lowers the manual's points: a complaint keeps them beside a word of satisfaction", () => {
    const manual = (body: string) =>
      engine
        .analyze({ body })
        .evidence.filter((e) => e.category !== 'learned')
        .reduce((s, e) => s + e.contribution, 0);
    expect(manual('最低の対応でした。満足です。')).toBe(manual('最低の対応でした。'));
    expect(manual('最低の対応でした。')).toBeGreaterThan(0);
  });

  it('lowers the anger by satisfaction beyond the learned words, within the level, and names the words', () => {
    const reservation = engine.analyze({ body: '解凍の手間がちょっと面倒でした。' });
    const praised = engine.analyze({ body: '解凍の手間がちょっと面倒でした。味には満足です。' });
    expect(praised.level).toBe(reservation.level);
    expect(praised.anger).toBeLessThan(reservation.anger);
    expect(praised.reasons.find((r) => r.code === 'lowered')?.ja).toContain('「満足」');
    // A line is never crossed: the complaint keeps the mail angry, at the lowest anger that reads angry.
    expect(engine.analyze({ body: '最低の対応でした。満足です。' })).toMatchObject({ level: 'angry', anger: 45 });
  });

  it('reads a negated word as its own feature, up to the end of its negation', () => {
    expect(learned('窓口の対応は良くなかったです。').map((e) => [e.text, e.weight])).toEqual([
      ['窓口', 6],
      ['良くなかっ', 7],
    ]);
    // Not negated, the plain word is read as ever (a word of satisfaction).
    const plain = learned('窓口に電話して、料金を払いました。窓口は良いです。').map((e) => [e.text, e.weight]);
    expect(plain).toContainEqual(['良い', -6]);
    expect(plain.filter(([, weight]) => weight === 7)).toEqual([]);
  });

  it('does not let a word of satisfaction inside a written complaint lower it (「前の方が良かった」)', () => {
    const result = engine.analyze({ body: '窓口に電話しました。前の店の方が良かったです。' });
    expect(result.evidence.some((e) => e.category === 'implied')).toBe(true);
    expect(result.evidence.filter((e) => e.category === 'learned').map((e) => e.text)).toEqual(['窓口']);
  });

  it('shows nothing for a word of satisfaction with nothing to lower', () => {
    expect(learned('料理は美味しかったです。')).toEqual([]);
  });

  it('is capped: learned words alone never lift a mail to angry', () => {
    const result = engine.analyze({
      body: '窓口に電話して、料金を払いました。窓口で聞きました。窓口の人に払いました。窓口の方に払いました。',
    });
    const sum = result.evidence.filter((e) => e.category === 'learned').reduce((s, e) => s + e.contribution, 0);
    expect(sum).toBeLessThanOrEqual(engine.dictionaries.config.categories.learned!.maxContribution!);
    expect(sum).toBeGreaterThan(0);
    expect(result.level).toBe('calm');
  });

  it('ranks within the level the manual reads, never across a line', () => {
    const body = '窓口に電話して、料金を払いました。窓口で聞きました。窓口の人に払いました。窓口の方に払いました。'.repeat(3);
    const result = engine.analyze({ body });
    expect(result.anger).toBeGreaterThan(0);
    expect(result.anger).toBeLessThan(engine.dictionaries.config.levels.concerned.anger);
    const angry = engine.analyze({ body: `最低の対応でした。${body}` });
    const alone = engine.analyze({ body: '最低の対応でした。' });
    expect(angry.level).toBe(alone.level);
    expect(angry.anger).toBeGreaterThan(alone.anger);
  });
});
