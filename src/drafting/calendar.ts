/**
 * The support team's business calendar: which days and hours count, and deadlines counted in them,
 * always in the calendar's own time zone (Japan time for ja-JP), whatever the machine's TZ is.
 *
 * Holidays: @holiday-jp/holiday_jp — a typed table (1970–2050, 振替休日 and 国民の休日 included)
 * generated from the shared holiday-jp dataset and still released; japanese-holidays derives them
 * from rules in untyped CoffeeScript output and is released less often.
 */
import holidayJp from '@holiday-jp/holiday_jp';
import { Type, type Static } from 'typebox';

export const WEEKDAY_NAMES = ['日', '月', '火', '水', '木', '金', '土'] as const;

/** The weekday (0 = Sunday, as WEEKDAY_NAMES) of a day counted from 1970-01-01, which was a Thursday. */
export function weekdayOfDay(day: number): number {
  return (day + 4) % 7;
}

const HourMinute = Type.String({
  pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
  description: '24-hour local time, quoted in YAML: "09:00"',
});

/** MM-DD repeats every year; YYYY-MM-DD is a one-off date. */
const ClosureDay = Type.String({ pattern: '^([0-9]{4}-)?(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' });

export const ClosureSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 40, description: 'Shown as the reason the day is closed: 年末年始' }),
    from: ClosureDay,
    to: ClosureDay,
  },
  { additionalProperties: false },
);
export type Closure = Static<typeof ClosureSchema>;

export const CalendarLocale = Type.Literal('ja-JP', {
  description: 'Selects time zone, public holidays and date format. ja-JP: Asia/Tokyo and Japanese public holidays',
});
export type CalendarLocale = Static<typeof CalendarLocale>;

export const Weekday = Type.Union([
  Type.Literal('日'),
  Type.Literal('月'),
  Type.Literal('火'),
  Type.Literal('水'),
  Type.Literal('木'),
  Type.Literal('金'),
  Type.Literal('土'),
]);

export const BusinessCalendarConfigSchema = Type.Object(
  {
    locale: Type.Optional(CalendarLocale),
    businessHours: Type.Object({ start: HourMinute, end: HourMinute }, { additionalProperties: false }),
    workdays: Type.Array(Weekday, { minItems: 1, maxItems: 7 }),
    /** Company closing days on top of public holidays; a range may wrap the year (12-29 → 01-03). */
    closures: Type.Array(ClosureSchema, { maxItems: 50 }),
  },
  { additionalProperties: false },
);
export type BusinessCalendarConfig = Static<typeof BusinessCalendarConfigSchema>;

export interface BusinessCalendar {
  readonly locale: CalendarLocale;
  /** A working weekday that is neither a public holiday nor a company closing day (in local time). */
  isBusinessDay(date: Date): boolean;
  /** Why the local day of `date` is not a business day ('土曜日', '海の日', '年末年始'), or undefined. */
  dayOffReason(date: Date): string | undefined;
  /**
   * `hours` of business time after `from`. The clock starts at the next opening when `from` is
   * outside business hours (before opening, at or after closing, or on a day off).
   */
  addBusinessHours(from: Date, hours: number): Date;
  /**
   * Closing time of the `days`-th business day after the day the clock starts on (as in
   * addBusinessHours); 0 days is the close of that first day.
   */
  addBusinessDays(from: Date, days: number): Date;
  /** Opening time of the last business day strictly before the local day of `date`. */
  nextBusinessDayBefore(date: Date): Date;
  /** 「11月26日（木）」 for ja-JP. */
  formatDate(date: Date): string;
  /** 「11月26日（木）18:00」 for ja-JP. */
  formatDateTime(date: Date): string;
  /** 「12月11日（金）15時」「15時30分」 for ja-JP: a time as customers write it, for their own deadlines. */
  formatDateHour(date: Date): string;
  /** ISO 8601 with the local offset, to the second: 2026-11-26T18:00:00+09:00. */
  formatIso(date: Date): string;
}

/** Wall-clock fields of an instant in some zone. */
interface LocalParts {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
  second: number;
}

/** What a locale contributes: its offset, its public holidays and how it writes dates. */
interface LocaleRules {
  /** Minutes east of UTC. A fixed offset is exact only for zones without DST. */
  utcOffsetMinutes: number;
  /** Name of the public holiday on a local date (YYYY-MM-DD), or undefined. */
  publicHoliday(isoDate: string): string | undefined;
  weekdayOff(weekday: number): string;
  formatDate(parts: LocalParts): string;
  formatDateTime(parts: LocalParts): string;
  formatDateHour(parts: LocalParts): string;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Japan has kept UTC+9 all year since 1951. */
const JAPAN_OFFSET_MINUTES = 9 * 60;
/** A calendar whose closures cover a whole year would otherwise search forever. */
const MAX_SEARCH_DAYS = 400;

const japaneseHolidays = new Map<string, string>(
  Object.values(holidayJp.holidays as Record<string, { date: string; name: string }>).map((h) => [
    h.date,
    // The dataset names 国民の休日 (a weekday between two holidays) just 「休日」.
    h.name === '休日' ? '国民の休日' : h.name,
  ]),
);

/** 「11月26日（木）」 in Japan time, whatever the machine's TZ. */
export function formatJaDate(date: Date): string {
  return jaDate(partsAt(date, JAPAN_OFFSET_MINUTES));
}

/** 「11月26日（木）18:00」 in Japan time, whatever the machine's TZ. */
export function formatJaDateTime(date: Date): string {
  return jaDateTime(partsAt(date, JAPAN_OFFSET_MINUTES));
}

function jaDate(p: LocalParts): string {
  return `${p.month}月${p.day}日（${WEEKDAY_NAMES[p.weekday]}）`;
}

function jaDateTime(p: LocalParts): string {
  return `${jaDate(p)}${p.hour}:${pad2(p.minute)}`;
}

function jaDateHour(p: LocalParts): string {
  return `${jaDate(p)}${p.hour}時${p.minute ? `${p.minute}分` : ''}`;
}

const LOCALES: Record<CalendarLocale, LocaleRules> = {
  'ja-JP': {
    utcOffsetMinutes: JAPAN_OFFSET_MINUTES,
    publicHoliday: (isoDate) => japaneseHolidays.get(isoDate),
    weekdayOff: (weekday) => `${WEEKDAY_NAMES[weekday]}曜日`,
    formatDate: jaDate,
    formatDateTime: jaDateTime,
    formatDateHour: jaDateHour,
  },
};

/** Problems a schema cannot express, as JSON pointers into the calendar config and messages. */
export function calendarConfigProblems(config: BusinessCalendarConfig): { pointer: string; message: string }[] {
  const problems: { pointer: string; message: string }[] = [];
  const { start, end } = config.businessHours;
  if (minutesOf(start) >= minutesOf(end)) {
    problems.push({ pointer: '/businessHours/end', message: `end ${end} must be after start ${start}` });
  }
  config.closures.forEach((closure, i) => {
    if (closure.from.length !== closure.to.length) {
      problems.push({
        pointer: `/closures/${i}/to`,
        message: 'from and to must both be MM-DD (every year) or both YYYY-MM-DD (once)',
      });
    } else if (closure.from.length > 5 && closure.from > closure.to) {
      problems.push({ pointer: `/closures/${i}/to`, message: `${closure.to} is before ${closure.from}` });
    }
  });
  return problems;
}

export function createBusinessCalendar(config: BusinessCalendarConfig): BusinessCalendar {
  const problem = calendarConfigProblems(config)[0];
  if (problem) throw new RangeError(`business calendar ${problem.pointer}: ${problem.message}`);
  const locale = config.locale ?? 'ja-JP';
  const rules = LOCALES[locale];
  const offsetMs = rules.utcOffsetMinutes * MINUTE_MS;
  const openMs = minutesOf(config.businessHours.start) * MINUTE_MS;
  const closeMs = minutesOf(config.businessHours.end) * MINUTE_MS;
  const workdays = new Set<number>(config.workdays.map((name) => WEEKDAY_NAMES.indexOf(name)));

  // Local time as milliseconds since the local epoch; local day n runs from n × DAY_MS.
  const localMs = (date: Date): number => timeOf(date) + offsetMs;
  const instant = (local: number): Date => new Date(local - offsetMs);
  const dayOf = (date: Date): number => Math.floor(localMs(date) / DAY_MS);
  const opening = (day: number): Date => instant(day * DAY_MS + openMs);
  const closing = (day: number): Date => instant(day * DAY_MS + closeMs);

  const reasonOff = (day: number): string | undefined => {
    const noon = new Date(day * DAY_MS + DAY_MS / 2);
    // not toISOString: past year 9999 it writes "+010000-…" and the MM-DD closures would misread it
    const isoDate = `${String(noon.getUTCFullYear()).padStart(4, '0')}-${pad2(noon.getUTCMonth() + 1)}-${pad2(noon.getUTCDate())}`;
    const holiday = rules.publicHoliday(isoDate);
    if (holiday) return holiday;
    const closure = config.closures.find((c) => closureCovers(c, isoDate));
    if (closure) return closure.name;
    return workdays.has(noon.getUTCDay()) ? undefined : rules.weekdayOff(noon.getUTCDay());
  };
  const isOpen = (day: number): boolean => reasonOff(day) === undefined;
  // A calendar closed all year (or a date the holiday table cannot place) counts the next calendar
  // day instead of failing: a draft with a plain date beats a 500.
  const step = (day: number, direction: 1 | -1): number => {
    for (let next = day + direction, n = 0; n < MAX_SEARCH_DAYS; next += direction, n++) {
      if (isOpen(next)) return next;
    }
    return day + direction;
  };

  /** Where the clock starts for a mail received at `from`: the local day and the moment. */
  const clockStart = (from: Date): { day: number; at: number } => {
    const local = localMs(from);
    const day = Math.floor(local / DAY_MS);
    if (isOpen(day)) {
      const sinceMidnight = local - day * DAY_MS;
      if (sinceMidnight < openMs) return { day, at: day * DAY_MS + openMs };
      if (sinceMidnight < closeMs) return { day, at: local };
    }
    const next = step(day, 1);
    return { day: next, at: next * DAY_MS + openMs };
  };

  return {
    locale,
    isBusinessDay: (date) => isOpen(dayOf(date)),
    dayOffReason: (date) => reasonOff(dayOf(date)),
    addBusinessHours(from, hours) {
      if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`hours must be ≥ 0, got ${hours}`);
      let { day, at } = clockStart(from);
      let remaining = hours * HOUR_MS;
      for (;;) {
        const available = day * DAY_MS + closeMs - at;
        if (remaining <= available) return instant(at + remaining);
        remaining -= available;
        day = step(day, 1);
        at = day * DAY_MS + openMs;
      }
    },
    addBusinessDays(from, days) {
      if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number ≥ 0, got ${days}`);
      let { day } = clockStart(from);
      for (let i = 0; i < days; i++) day = step(day, 1);
      return closing(day);
    },
    nextBusinessDayBefore: (date) => opening(step(dayOf(date), -1)),
    formatDate: (date) => rules.formatDate(partsAt(date, rules.utcOffsetMinutes)),
    formatDateTime: (date) => rules.formatDateTime(partsAt(date, rules.utcOffsetMinutes)),
    formatDateHour: (date) => rules.formatDateHour(partsAt(date, rules.utcOffsetMinutes)),
    formatIso(date) {
      const p = partsAt(date, rules.utcOffsetMinutes);
      return (
        `${p.year}-${pad2(p.month)}-${pad2(p.day)}T${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}` +
        offsetLabel(rules.utcOffsetMinutes)
      );
    },
  };
}

function closureCovers(closure: Closure, isoDate: string): boolean {
  const key = closure.from.length === 5 ? isoDate.slice(5) : isoDate;
  return closure.from <= closure.to ? closure.from <= key && key <= closure.to : key >= closure.from || key <= closure.to; // wraps the new year: 12-29 → 01-03
}

function timeOf(date: Date): number {
  const t = date.getTime();
  if (Number.isNaN(t)) throw new RangeError('invalid date');
  return t;
}

function partsAt(date: Date, offsetMinutes: number): LocalParts {
  const local = new Date(timeOf(date) + offsetMinutes * MINUTE_MS);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    weekday: local.getUTCDay(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

function minutesOf(hhmm: string): number {
  const [hours = 0, minutes = 0] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
}

function offsetLabel(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
