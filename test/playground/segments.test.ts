import { describe, expect, it } from 'vitest';
import { segmentText } from '../../src/http/playground/assets/segments.js';

describe('segmentText', () => {
  const mail = 'まだご回答をいただけておりません。再度ご連絡いたします。';
  const outer = { start: 3, end: 16, id: 'urgency.moraete-inai' }; // 回答をいただけておりません
  const inner = { start: 6, end: 16, id: 'polite.itadakete-orimasen' }; // いただけておりません

  it('splits nested spans into runs that each list every span covering them', () => {
    const runs = segmentText(mail, [outer, inner]).map((run) => ({ text: run.text, ids: run.spans.map((s) => s.id) }));
    expect(runs).toEqual([
      { text: 'まだご', ids: [] },
      { text: '回答を', ids: ['urgency.moraete-inai'] },
      { text: 'いただけておりません', ids: ['urgency.moraete-inai', 'polite.itadakete-orimasen'] },
      { text: '。再度ご連絡いたします。', ids: [] },
    ]);
  });

  it('handles spans that cross without nesting', () => {
    const text = '先日お問い合わせした件';
    const runs = segmentText(text, [
      { start: 0, end: 8, id: 'a' }, // 先日お問い合わせ
      { start: 3, end: 11, id: 'b' }, // 問い合わせした件
    ]);
    expect(runs.map((run) => [run.text, run.spans.map((s) => s.id).join('+')])).toEqual([
      ['先日お', 'a'],
      ['問い合わせ', 'a+b'],
      ['した件', 'b'],
    ]);
  });

  it('keeps the text whole: the runs join back to it', () => {
    const runs = segmentText(mail, [outer, inner, { start: 17, end: 22, id: 'rep.saido' }]);
    expect(runs.map((run) => run.text).join('')).toBe(mail);
  });

  it('ignores spans outside the text instead of cutting it wrongly', () => {
    const runs = segmentText('短い', [
      { start: 1, end: 40 },
      { start: 2, end: 1 },
      { start: -1, end: 1 },
    ]);
    expect(runs).toEqual([{ start: 0, end: 2, text: '短い', spans: [] }]);
  });
});
