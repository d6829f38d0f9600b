/**
 * The dates ondo counts deadlines from (receivedAt, lastContactAt, now) lie in [2000-01-01, now + 2
 * years]: valid ISO 8601 is not enough, a year 9999 or 0001 is a typo, a probe or a sender's clock.
 */

export const EARLIEST_DATE = new Date('2000-01-01T00:00:00Z');
/** Scheduled previews may look ahead, never further than this. */
export const MAX_YEARS_AHEAD = 2;

export function latestDate(now: Date): Date {
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + MAX_YEARS_AHEAD);
  return latest;
}

export function isDateInRange(date: Date, now: Date): boolean {
  return !Number.isNaN(date.getTime()) && date >= EARLIEST_DATE && date <= latestDate(now);
}
