import { describe, expect, it } from 'vitest';
import { createBusinessCalendar } from '../../src/drafting/calendar.js';
import { describeSchedule, followUpSchedule } from '../../src/drafting/kinds.js';

// Weekdays 9:00–18:00, Japanese public holidays, closed over the new year.
const calendar = createBusinessCalendar({
  businessHours: { start: '09:00', end: '18:00' },
  workdays: ['月', '火', '水', '木', '金'],
  closures: [{ name: '年末年始', from: '12-29', to: '01-03' }],
});
const at = (iso: string) => new Date(iso);
const schedule = (lastContact: string, now: string, days = 7) =>
  describeSchedule(followUpSchedule(at(lastContact), days, at(now), calendar), calendar);

/** Business days after `from`'s local day up to and including `to`'s (counted day by day, Japan time). */
function businessDaysAfter(from: Date, to: Date): number {
  const day = (d: Date) => Math.floor((d.getTime() + 9 * 3_600_000) / 86_400_000);
  let count = 0;
  for (let d = day(from) + 1; d <= day(to); d++) if (calendar.isBusinessDay(new Date(d * 86_400_000 + 3 * 3_600_000))) count++;
  return count;
}

describe('followUpSchedule', () => {
  it('keeps the plain rule when it already paces the reminders: reminder-1 now, reminder-2 the business day before closing', () => {
    // Tuesday 24 Nov 10:00; 20 Nov + 7 days = Friday 27 Nov.
    expect(schedule('2026-11-20T15:00:00+09:00', '2026-11-24T10:00:00+09:00')).toEqual({
      reminder1At: '2026-11-24T10:00:00+09:00',
      reminder2At: '2026-11-26T09:00:00+09:00',
      closeAt: '2026-11-27T18:00:00+09:00',
    });
  });

  it('moves reminder-1 off a Sunday to Monday’s opening, and reminder-2 and the closing date so two business days pass between the reminders', () => {
    // Last contact Tuesday 1 Dec, five days before Sunday 6 Dec: the plain rule closes Tuesday 8 Dec with reminder-2 on Monday.
    const result = schedule('2026-12-01T15:00:00+09:00', '2026-12-06T11:00:00+09:00');
    expect(result.reminder1At).toBe('2026-12-07T09:00:00+09:00');
    expect(result.reminder2At).toBe('2026-12-09T09:00:00+09:00');
    expect(result.closeAt).toBe('2026-12-10T18:00:00+09:00');
    expect(result.shifts).toEqual([
      'reminder-1: 12月6日（日）は日曜日のため、12月7日（月）9:00に送ります',
      'reminder-2: 1通目から2営業日あけるため12月9日（水）9:00に送り、クローズを12月10日（木）18:00に延ばします',
    ]);
  });

  it('moves reminder-1 from after closing time to the next opening and says so', () => {
    const result = schedule('2026-11-16T15:00:00+09:00', '2026-11-24T20:30:00+09:00', 10);
    expect(result.reminder1At).toBe('2026-11-25T09:00:00+09:00');
    expect(result.shifts?.[0]).toBe('reminder-1: 11月24日（火）20:30は営業時間外のため、11月25日（水）9:00に送ります');
  });

  it('never puts the reminders less than two business days apart, over holidays and the new year closure', () => {
    const starts = ['2026-12-24T17:00:00+09:00', '2026-12-28T10:00:00+09:00', '2027-01-01T12:00:00+09:00', '2026-11-20T19:00:00+09:00'];
    for (const now of starts) {
      for (const days of [1, 3, 7]) {
        const times = followUpSchedule(new Date(new Date(now).getTime() - 5 * 86_400_000), days, at(now), calendar);
        expect(calendar.isBusinessDay(times.reminder1At), now).toBe(true);
        expect(calendar.isBusinessDay(times.reminder2At), now).toBe(true);
        expect(businessDaysAfter(times.reminder1At, times.reminder2At), `${now} +${days}`).toBeGreaterThanOrEqual(2);
        expect(times.closeAt.getTime()).toBeGreaterThan(times.reminder2At.getTime());
      }
    }
  });
});
