import { describe, expect, it } from 'vitest';
import { loadDictionaries } from '../../src/analysis/lexicon/load.js';
import { findCustomerDeadline, planPromise } from '../../src/drafting/customer-deadline.js';
import { loadDrafting } from '../../src/drafting/drafting.js';

const calendar = loadDrafting(loadDictionaries()).manual.calendar;
const FRIDAY_1030 = new Date('2026-12-04T10:30:00+09:00');
const iso = (d: Date | undefined) => (d ? calendar.formatIso(d) : undefined);

describe('findCustomerDeadline', () => {
  it.each([
    ['本日15時の集荷までに出荷データを登録しなければなりません。', '2026-12-04T15:00:00+09:00', '12月4日（金）15:00の集荷'],
    ['来週月曜の展示会で使います。12月7日の朝9時までに必要です。', '2026-12-07T09:00:00+09:00', '12月7日（月）9:00の展示会'],
    ['次回の更新日が12月10日なので、それまでに解約したいです。', '2026-12-10T00:00:00+09:00', '12月10日（木）の更新日'],
    ['明日の午後3時までにご連絡ください。', '2026-12-05T15:00:00+09:00', '12月5日（土）15:00'],
    ['週明けまでに必要です。', '2026-12-07T00:00:00+09:00', '12月7日（月）'],
  ])('reads 「%s」', (body, at, label) => {
    const deadline = findCustomerDeadline(body, FRIDAY_1030, calendar);
    expect(iso(deadline?.at)).toBe(at);
    expect(deadline?.label).toBe(label);
  });

  it('does not take a past date that only says when something happened', () => {
    expect(findCustomerDeadline('11月30日に注文した商品がまだ届きません。昨日も問い合わせました。', FRIDAY_1030, calendar)).toBeUndefined();
  });
});

describe('planPromise', () => {
  const usual = new Date('2026-12-07T18:00:00+09:00');

  it('keeps the usual promise without a deadline', () => {
    expect(planPromise(usual, undefined, FRIDAY_1030, calendar)).toEqual({ at: usual, withTime: false, atRisk: false });
  });

  it('promises an hour before a deadline that falls in business hours', () => {
    const deadline = findCustomerDeadline('本日15時の集荷までに必要です。', FRIDAY_1030, calendar);
    expect(iso(planPromise(usual, deadline, FRIDAY_1030, calendar).at)).toBe('2026-12-04T14:00:00+09:00');
  });

  it('promises by the close of the last business day before a Monday-morning deadline', () => {
    const deadline = findCustomerDeadline('12月7日の朝9時までに必要です。', FRIDAY_1030, calendar);
    expect(iso(planPromise(usual, deadline, FRIDAY_1030, calendar).at)).toBe('2026-12-04T18:00:00+09:00');
  });

  it('flags the plan at risk when business hours leave no time', () => {
    const late = new Date('2026-12-04T17:45:00+09:00');
    const deadline = findCustomerDeadline('明日の朝までに必要です。', late, calendar);
    expect(planPromise(usual, deadline, late, calendar).atRisk).toBe(true);
  });
});
