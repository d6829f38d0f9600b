import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBusinessCalendar, formatJaDate, formatJaDateTime, type BusinessCalendarConfig } from '../../src/drafting/calendar.js';

/** The default of dictionaries/routing.yaml: 平日 9:00–18:00, 年末年始 12/29–1/3 closed. */
const JA_JP: BusinessCalendarConfig = {
  locale: 'ja-JP',
  businessHours: { start: '09:00', end: '18:00' },
  workdays: ['月', '火', '水', '木', '金'],
  closures: [{ name: '年末年始', from: '12-29', to: '01-03' }],
};
const calendar = createBusinessCalendar(JA_JP);

/** '2026-11-26 17:30' is Japan time; the instant does not depend on the machine's TZ. */
function jst(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+09:00`);
}

/** Back to '2026-11-27 09:30' in Japan time, for readable tables. */
function local(date: Date): string {
  return calendar.formatIso(date).slice(0, 16).replace('T', ' ');
}

describe('isBusinessDay and dayOffReason', () => {
  it.each([
    ['2026-11-26 12:00', undefined, '木曜日の平日'],
    ['2026-11-28 12:00', '土曜日', '土曜日'],
    ['2026-11-29 12:00', '日曜日', '日曜日'],
    ['2026-04-29 12:00', '昭和の日', 'ゴールデンウィークの昭和の日'],
    ['2026-05-01 12:00', undefined, 'ゴールデンウィークの谷間の金曜日'],
    ['2026-05-04 12:00', 'みどりの日', 'みどりの日'],
    ['2026-05-05 12:00', 'こどもの日', 'こどもの日'],
    ['2026-05-06 12:00', 'こどもの日 振替休日', '憲法記念日（日曜）の振替休日'],
    ['2026-05-07 12:00', undefined, '連休明け'],
    ['2026-07-20 12:00', '海の日', '海の日（7月第3月曜）'],
    ['2026-09-21 12:00', '敬老の日', '敬老の日'],
    ['2026-09-22 12:00', '国民の休日', '敬老の日と秋分の日に挟まれた国民の休日'],
    ['2026-09-23 12:00', '秋分の日', '秋分の日'],
    ['2026-12-28 12:00', undefined, '仕事納め'],
    ['2026-12-29 12:00', '年末年始', '会社の年末年始休業の初日'],
    ['2027-01-01 12:00', '元日', '元日（祝日が休業より先に名乗る）'],
    ['2027-01-03 12:00', '年末年始', '会社の年末年始休業の最終日'],
    ['2027-01-04 12:00', undefined, '仕事始め'],
    ['2027-01-11 12:00', '成人の日', '成人の日'],
  ] as [string, string | undefined, string][])('%s is %s (%s)', (at, reason) => {
    expect(calendar.dayOffReason(jst(at))).toBe(reason);
    expect(calendar.isBusinessDay(jst(at))).toBe(reason === undefined);
  });

  it('decides the day in Japan time: Saturday 0:30 in Tokyo is still Friday in UTC', () => {
    expect(calendar.isBusinessDay(jst('2026-11-27 23:30'))).toBe(true);
    expect(calendar.isBusinessDay(jst('2026-11-28 00:30'))).toBe(false);
    expect(calendar.isBusinessDay(new Date('2026-11-27T15:30:00Z'))).toBe(false);
  });
});

describe('addBusinessHours', () => {
  it.each([
    ['2026-11-26 08:59', 1, '2026-11-26 10:00', 'before opening: counts from 9:00'],
    ['2026-11-26 09:00', 1, '2026-11-26 10:00', 'at opening'],
    ['2026-11-26 17:00', 1, '2026-11-26 18:00', 'may end exactly at closing'],
    ['2026-11-26 17:30', 1, '2026-11-27 09:30', '30 minutes today, 30 the next business day'],
    ['2026-11-26 17:59', 1, '2026-11-27 09:59', 'one minute before closing'],
    ['2026-11-26 18:00', 1, '2026-11-27 10:00', 'at closing: counts from the next opening'],
    ['2026-11-26 23:00', 1, '2026-11-27 10:00', 'late at night'],
    ['2026-11-26 15:00', 4, '2026-11-27 10:00', 'four hours across the night'],
    ['2026-11-27 17:30', 1, '2026-11-30 09:30', 'Friday evening runs into Monday'],
    ['2026-11-28 10:00', 1, '2026-11-30 10:00', 'Saturday: counts from Monday 9:00'],
    ['2026-11-28 10:00', 0, '2026-11-30 09:00', 'zero hours on Saturday is Monday opening'],
    ['2026-11-26 17:45', 0.5, '2026-11-27 09:15', 'half an hour'],
    ['2026-04-28 16:00', 4, '2026-04-30 11:00', 'skips 昭和の日'],
    ['2026-05-01 17:00', 4, '2026-05-07 12:00', 'skips Golden Week 5/2–5/6 incl. 振替休日'],
    ['2026-07-17 17:00', 2, '2026-07-21 10:00', 'skips the weekend and 海の日'],
    ['2026-09-18 17:00', 2, '2026-09-24 10:00', 'skips the silver week incl. 国民の休日 9/22'],
    ['2026-12-28 17:00', 4, '2027-01-04 12:00', 'skips the company closing 12/29–1/3'],
  ])('%s + %sh → %s (%s)', (from, hours, expected) => {
    expect(local(calendar.addBusinessHours(jst(from), hours))).toBe(expected);
  });

  it('rejects negative hours', () => {
    expect(() => calendar.addBusinessHours(jst('2026-11-26 10:00'), -1)).toThrow(RangeError);
  });
});

describe('addBusinessDays', () => {
  it.each([
    ['2026-11-26 10:00', 0, '2026-11-26 18:00', 'zero days is closing time today'],
    ['2026-11-26 10:00', 1, '2026-11-27 18:00', 'Thursday + 1 is Friday closing'],
    ['2026-11-26 10:00', 2, '2026-11-30 18:00', 'Thursday + 2 skips the weekend'],
    ['2026-11-26 08:00', 1, '2026-11-27 18:00', 'before opening counts as that day'],
    ['2026-11-26 18:30', 1, '2026-11-30 18:00', 'after closing the clock starts on Friday'],
    ['2026-11-28 10:00', 1, '2026-12-01 18:00', 'Saturday: the clock starts on Monday'],
    ['2026-04-28 10:00', 2, '2026-05-01 18:00', 'skips 昭和の日'],
    ['2026-05-01 10:00', 1, '2026-05-07 18:00', 'skips Golden Week incl. 振替休日 5/6'],
    ['2026-09-18 10:00', 1, '2026-09-24 18:00', 'skips 敬老の日, 国民の休日 and 秋分の日'],
    ['2026-12-28 10:00', 1, '2027-01-04 18:00', 'year-end: the next business day is 仕事始め'],
    ['2026-12-28 10:00', 2, '2027-01-05 18:00', 'year-end, two days'],
    ['2027-01-08 10:00', 1, '2027-01-12 18:00', 'skips 成人の日'],
  ])('%s + %s days → %s (%s)', (from, days, expected) => {
    expect(local(calendar.addBusinessDays(jst(from), days))).toBe(expected);
  });

  it('rejects fractional days', () => {
    expect(() => calendar.addBusinessDays(jst('2026-11-26 10:00'), 1.5)).toThrow(RangeError);
  });
});

describe('nextBusinessDayBefore', () => {
  it.each([
    ['2026-11-27 15:00', '2026-11-26 09:00', 'Friday → Thursday'],
    ['2026-11-30 10:00', '2026-11-27 09:00', 'Monday → the Friday before'],
    ['2026-05-07 10:00', '2026-05-01 09:00', 'after Golden Week → the last day before it'],
    ['2026-09-24 10:00', '2026-09-18 09:00', 'after the silver week'],
    ['2027-01-04 10:00', '2026-12-28 09:00', '仕事始め → 仕事納め'],
    ['2026-11-27 00:10', '2026-11-26 09:00', 'just after midnight in Japan (still 11/26 in UTC)'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(local(calendar.nextBusinessDayBefore(jst(date)))).toBe(expected);
  });
});

describe('formatJaDate and formatJaDateTime', () => {
  it.each([
    ['2026-11-22 10:00', '11月22日（日）'],
    ['2026-11-23 10:00', '11月23日（月）'],
    ['2026-11-24 10:00', '11月24日（火）'],
    ['2026-11-25 10:00', '11月25日（水）'],
    ['2026-11-26 10:00', '11月26日（木）'],
    ['2026-11-27 10:00', '11月27日（金）'],
    ['2026-11-28 10:00', '11月28日（土）'],
  ])('writes %s as %s', (at, expected) => {
    expect(formatJaDate(jst(at))).toBe(expected);
  });

  it('writes the time without a leading zero on the hour', () => {
    expect(formatJaDateTime(jst('2026-11-26 18:00'))).toBe('11月26日（木）18:00');
    expect(formatJaDateTime(jst('2027-01-04 09:05'))).toBe('1月4日（月）9:05');
  });

  it('uses the Japan date of the instant', () => {
    expect(formatJaDateTime(new Date('2026-11-25T15:00:00Z'))).toBe('11月26日（木）0:00');
  });

  it('is what the ja-JP calendar uses, and formatIso carries +09:00', () => {
    const at = jst('2026-11-26 10:30');
    expect(calendar.formatDate(at)).toBe(formatJaDate(at));
    expect(calendar.formatDateTime(at)).toBe(formatJaDateTime(at));
    expect(calendar.formatIso(at)).toBe('2026-11-26T10:30:00+09:00');
  });
});

describe('calendar config', () => {
  it('closes お盆 when the team adds it as an annual range', () => {
    const obon = createBusinessCalendar({ ...JA_JP, closures: [...JA_JP.closures, { name: 'お盆', from: '08-13', to: '08-16' }] });
    expect(obon.dayOffReason(jst('2026-08-13 10:00'))).toBe('お盆');
    expect(local(obon.addBusinessDays(jst('2026-08-12 10:00'), 1))).toBe('2026-08-17 18:00');
    expect(calendar.isBusinessDay(jst('2026-08-13 10:00'))).toBe(true);
  });

  it('closes a one-off date only in its year', () => {
    const once = createBusinessCalendar({ ...JA_JP, closures: [{ name: '臨時休業', from: '2027-02-05', to: '2027-02-05' }] });
    expect(once.dayOffReason(jst('2027-02-05 10:00'))).toBe('臨時休業');
    expect(once.isBusinessDay(jst('2026-02-05 10:00'))).toBe(true);
  });

  it('counts Saturdays and other hours when the team works them', () => {
    const saturdays = createBusinessCalendar({
      ...JA_JP,
      businessHours: { start: '10:00', end: '19:00' },
      workdays: ['月', '火', '水', '木', '金', '土'],
    });
    expect(local(saturdays.addBusinessHours(jst('2026-11-27 18:30'), 1))).toBe('2026-11-28 10:30');
  });

  it('rejects business hours that end before they start', () => {
    expect(() => createBusinessCalendar({ ...JA_JP, businessHours: { start: '18:00', end: '09:00' } })).toThrow(
      /businessHours\/end: end 09:00 must be after start 18:00/,
    );
  });

  it('rejects a closure mixing an annual and a one-off date', () => {
    expect(() => createBusinessCalendar({ ...JA_JP, closures: [{ name: '混在', from: '12-29', to: '2027-01-03' }] })).toThrow(
      /closures\/0\/to/,
    );
  });
});

// The same answers whatever TZ the server runs in (Node re-reads process.env.TZ when it is set).
describe.each(['UTC', 'America/New_York', 'Pacific/Kiritimati'])('under TZ=%s', (zone) => {
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = zone;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('really runs in that zone', () => {
    const offset = { UTC: 0, 'America/New_York': 300, 'Pacific/Kiritimati': -840 }[zone];
    expect(new Date('2026-11-26T00:00:00Z').getTimezoneOffset()).toBe(offset);
  });

  it('counts 17:30 + 1 business hour as 9:30 the next morning', () => {
    expect(calendar.formatIso(calendar.addBusinessHours(jst('2026-11-26 17:30'), 1))).toBe('2026-11-27T09:30:00+09:00');
  });

  it('treats Saturday 0:30 in Tokyo as the weekend', () => {
    expect(calendar.isBusinessDay(jst('2026-11-28 00:30'))).toBe(false);
    expect(local(calendar.addBusinessHours(jst('2026-11-28 00:30'), 1))).toBe('2026-11-30 10:00');
  });

  it('skips the 国民の休日 and the year-end closing', () => {
    expect(local(calendar.addBusinessDays(jst('2026-09-18 10:00'), 1))).toBe('2026-09-24 18:00');
    expect(local(calendar.addBusinessHours(jst('2026-12-28 17:00'), 4))).toBe('2027-01-04 12:00');
  });

  it('formats the Japan date and weekday', () => {
    expect(formatJaDateTime(jst('2026-11-26 00:30'))).toBe('11月26日（木）0:30');
    expect(calendar.formatDate(jst('2026-11-28 23:30'))).toBe('11月28日（土）');
  });
});
