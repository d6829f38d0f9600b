import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalysisEngine, type AnalysisEngine } from '../../src/analysis/analyze.js';
import { LearnedFileSchema, MAX_LEARNED_WEIGHT } from '../../src/analysis/lexicon/learned.js';
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
import { errandLemmas, guardVerdict, isErrand, kindEvidence } from '../../scripts/lexical-guard.js';
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
    const weights = Object.values(shipped.entries).map((e) => e.weight);
    expect(weights.length).toBeLessThanOrEqual(FIT_OPTIONS.maxEntries);
    expect(Math.max(...weights)).toBeLessThanOrEqual(FIT_OPTIONS.maxCoefficient * FIT_OPTIONS.pointsPerLogOdds);
    expect(Math.max(...weights)).toBeLessThanOrEqual(MAX_LEARNED_WEIGHT);
  });
});

describe('fitLexical', () => {
  const text = (set: string, kind: 'review' | 'post', dissatisfied: boolean) => ({ set, kind, body: '', dissatisfied });
  // 0 「最低」 marks every dissatisfied review and post; 1 「普通」 is everywhere; 2 「一度」 is in one set only.
  const rows: FeatureRow[] = ['a', 'b', 'c', 'd'].flatMap((set) =>
    (['review', 'post'] as const).flatMap((kind) => [
      { text: text(set, kind, true), features: [0, 1] },
      { text: text(set, kind, true), features: [0, 1, ...(set === 'a' ? [2] : [])] },
      { text: text(set, kind, false), features: [1] },
      { text: text(set, kind, false), features: [1] },
    ]),
  );
  const features = ['最低', '普通', '一度'];

  it('is deterministic: the same rows give the same file', () => {
    const render = () => renderLearnedFile(fitLexical(rows, features), { method: 'test' }, []);
    expect(render()).toBe(render());
  });

  it('weighs what marks dissatisfaction and leaves out what does not, or is one set’s alone', () => {
    const keys = fitLexical(rows, features).map((e) => e.key);
    expect(keys).toEqual(['最低']);
  });
});

describe('the topic guard', () => {
  const mail = (set: string, scenario: string, dissatisfied: boolean) => ({ set, kind: 'mail' as const, body: '', scenario, dissatisfied });
  // 「解約」 is in every cancellation mail, calm or angry; angry mails are mostly cancellations, so
  // over all mails it looks like a complaint word. Against calm mails of the same scenario it is not.
  const rows: FeatureRow[] = ['a', 'b', 'c', 'd'].flatMap((set) => [
    ...[0, 1, 2].map(() => ({ text: mail(set, 'cancellation', true), features: [0] })),
    ...[0, 1, 2].map(() => ({ text: mail(set, 'cancellation', false), features: [0] })),
    { text: mail(set, 'delivery-delay', true), features: [] },
    ...[0, 1, 2].map(() => ({ text: mail(set, 'delivery-delay', false), features: [] })),
  ]);

  it('compares a mail’s word with calm mails about the same errand', () => {
    const [evidence] = kindEvidence(rows, 1, FIT_OPTIONS.prior);
    expect(Math.abs(evidence!.mail!.logOdds)).toBeLessThan(0.2);
  });

  it('needs more than mails alone to trust a word', () => {
    const strong = (kind: 'mail' | 'review', logOdds: number) => ({ [kind]: { support: 20, logOdds } });
    expect(guardVerdict(strong('mail', 2), FIT_OPTIONS).pass).toBe(false);
    expect(guardVerdict({ ...strong('mail', 2), ...strong('review', 1) }, FIT_OPTIONS).pass).toBe(true);
    expect(guardVerdict({ ...strong('mail', 2), ...strong('review', -0.5) }, FIT_OPTIONS).pass).toBe(false);
  });

  it('never offers the manual’s errand words alone, nor with a case particle', async () => {
    const errands = errandLemmas(await sharedEngine());
    for (const key of ['商品', '回答', '注文', '解約', '問い合わせ', '返金 を', '解約 する'])
      expect(isErrand(key, errands), key).toBe(true);
    for (const key of ['二度と', '返事 すら', '使える（否定）', '払う']) expect(isErrand(key, errands), key).toBe(false);
  });
});

describe('the learned layer in analysis', () => {
  let engine: AnalysisEngine;
  beforeAll(async () => {
    const base = await sharedEngine();
    engine = createAnalysisEngine(
      base.tokenizer,
      withLearnedEntries(base.dictionaries, { 窓口: { weight: 6 }, 払う: { weight: 5 }, 最低: { weight: 8 }, '何 回': { weight: 5 } }),
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

  it('counts a word inside a negation as its own feature, and names the negated words', () => {
    const negated = createAnalysisEngine(
      engine.tokenizer,
      withLearnedEntries(engine.dictionaries, { 行く: { weight: 2 }, '行く（否定）': { weight: 5 } }),
    );
    const result = negated.analyze({ body: '週末は結局どこにも行かなかった。' });
    expect(result.evidence.filter((e) => e.category === 'learned').map((e) => e.text)).toEqual(['行かなかっ']);
    expect(result.notCounted).toEqual([]);
    expect(negated.analyze({ body: 'その日は病院に行きました。' }).evidence.map((e) => e.text)).toEqual(['行き']);
  });

  it('gives way to the manual where it speaks: 「最低」 is explained once, by the manual', () => {
    const result = engine.analyze({ body: '最低です。' });
    expect(result.evidence.some((e) => e.category !== 'learned' && e.text.includes('最低'))).toBe(true);
    expect(result.evidence.filter((e) => e.category === 'learned')).toEqual([]);
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
});
