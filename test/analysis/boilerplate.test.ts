import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisEngine } from '../../src/analysis/analyze.js';
import { disclaimerRanges } from '../../src/analysis/disclaimer.js';
import { sharedEngine } from '../support/engine.js';

let engine: AnalysisEngine;
beforeAll(async () => {
  engine = await sharedEngine();
});

const DISCLAIMER =
  '本メールに含まれる情報は、宛先として意図された方のみを対象としています。誤って受信された場合は、直ちに送信者へご連絡のうえ、本メールを削除してください。' +
  '本メールの内容を利用したことにより生じたいかなる損害についても、当社は一切の責任を負いません。';

describe('a legal disclaimer under the signature', () => {
  it('is found as a paragraph of two or more cues, never the first paragraph', () => {
    const body = `領収書の再発行をお願いいたします。\n\n総務部 野口\n\n${DISCLAIMER}`;
    expect(disclaimerRanges(body)).toEqual([[body.indexOf('本メール'), body.length]]);
    expect(disclaimerRanges(DISCLAIMER)).toEqual([]);
    expect(disclaimerRanges('注文を誤って削除してしまいました。\n\n復元をお願いします。')).toEqual([]);
  });

  it('says nothing about how the writer feels: 直ちに and いかなる there do not count', () => {
    const result = engine.analyze({ body: `領収書の宛名を変えて再発行いただけますと幸いです。\n\n総務部 野口\n\n${DISCLAIMER}` });
    expect(result.level).toBe('calm');
    expect(result.evidence.filter((e) => e.contribution > 0)).toEqual([]);
  });

  it('leaves the writer’s own urgency above it counted', () => {
    const result = engine.analyze({ body: `請求書の誤りを直ちに訂正してください。\n\n総務部 野口\n\n${DISCLAIMER}` });
    expect(result.evidence.map((e) => e.entryId)).toContain('dl.tadachi-ni');
  });
});

describe('who a strong word is aimed at', () => {
  it('counts a cost claim that names the reader after the writer turns to another company', () => {
    const result = engine.analyze({ body: '他社に乗り換えました。かかった費用はすべてそちらに請求します。' });
    expect(result.evidence.map((e) => e.entryId)).toContain('esc.reg.cost-claim');
    expect(result.level).toBe('furious');
  });

  it('still leaves another provider’s trouble out', () => {
    expect(engine.analyze({ body: '去年、別の旅行会社のツアーで行ったのですが、本当にひどい旅でした。' }).level).toBe('calm');
  });
});
