import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisEngine } from '../../src/analysis/analyze.js';
import { sharedEngine } from '../support/engine.js';

let engine: AnalysisEngine;
beforeAll(async () => {
  engine = await sharedEngine();
});

const analyze = (body: string) => engine.analyze({ body });

describe('negation scope: 〜じゃない and negated questions', () => {
  it('reads 〜じゃないです as a plain negation of the word before it', () => {
    expect(analyze('届いたのは不良品じゃないです。').level).toBe('calm');
    expect(analyze('届いたのは不良品じゃないです。').notCounted.some((n) => n.why === 'negated')).toBe(true);
  });

  it('reads a negated question as asserting the word: an accusation, at least angry', () => {
    for (const body of [
      'これ、不良品じゃないですか。',
      '届いた箱、壊れてるじゃないですか。',
      '昨日も今日も届いてないじゃないですか。',
      '返信もないじゃないですか。',
      '説明が違うのではないですか。',
      'ちょっとひどくないですか。',
    ]) {
      expect(analyze(body).level, body).toBe('angry');
    }
  });

  it('keeps a question that is no accusation, and a word a negated question does not assert, as they were', () => {
    expect(analyze('配送中に壊れていないか心配です。').level).toBe('concerned');
    expect(analyze('問題ないじゃないですか、よかった。').level).toBe('calm');
    expect(analyze('悪くないですね。').level).toBe('calm');
  });

  it('does not weigh a complaint word up for being asked about: the question only asserts it', () => {
    const contribution = (body: string) => analyze(body).evidence.find((e) => e.entryId === 'polite.mondai-ga-aru')?.contribution;
    expect(contribution('検品に問題があるのではないでしょうか。')).toBe(contribution('検品に問題があると思います。'));
    expect(contribution('検品に問題があると思います。')).toBeGreaterThan(0);
  });
});

describe('negation scope: the clause and the noun a word qualifies', () => {
  it('reads 〜わけではない as denying the clause before it', () => {
    expect(analyze('商品自体はとても良く、品質に不満があるわけではありません。').level).toBe('calm');
    expect(analyze('品質に不満があります。').level).toBe('angry');
  });

  it('reads a word that qualifies a noun as denied when the noun’s predicate is denied', () => {
    for (const body of ['休止機能のおかげで無駄な料金がかからず本当に助かりました。', '余計な手間はかかりませんでした。']) {
      expect(
        analyze(body).evidence.filter((e) => e.contribution > 0),
        body,
      ).toEqual([]);
    }
    expect(analyze('無駄な料金がかかりました。').level).toBe('angry');
  });
});
