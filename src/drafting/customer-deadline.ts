/**
 * The customer's own deadline, read from the mail (「来週月曜の展示会」「本日15時の集荷まで」
 * 「12月10日までに」), and what it does to the reply: the promise comes before it while business
 * hours allow, or else the case is flagged so a person acts now.
 */
import type { BusinessCalendar } from './calendar.js';

export interface CustomerDeadline {
  /** The customer's words for it, as written: 「来週月曜の展示会」. */
  text: string;
  /** The latest moment the customer can use our answer (a date without a time counts from 00:00). */
  at: Date;
  /** How the draft names it: 「12月7日（月）の展示会」「12月4日（金）15:00の集荷」. */
  label: string;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MAX_BODY = 20_000;
const WEEKDAYS = '日月火水木金土';

/** Things a customer needs our answer before. */
const EVENT = '(展示会|展示|会議|イベント|集荷|出荷|発表|セミナー|撮影|出張|旅行|引っ越し|引越し|プレゼン|商談|打ち合わせ|打合せ|試験|本番|オープン|開店|納品|入稿|説明会|面接|更新日|更新|誕生日|式典|結婚式|式|発送|締め日|締め|支払日|支払期限|引き落とし日|お祝い|会合|大会|発表会|納期|使用日|利用日|予約日|チェックイン)';
const EVENT_AFTER = new RegExp(`^の?${EVENT}`, 'u');
const EVENT_BEFORE = new RegExp(`${EVENT}(は|が|の)?\\s*$`, 'u');
/** A date or day the mail names, optionally with a time. */
const DAY = '(?:(\\d{1,2})月(\\d{1,2})日|(本日|今日|明日|明朝|明後日|あさって)|(週明け)|(来週|今週|再来週)?(?:の)?([月火水木金土日])曜日?)';
const TIME = '(?:(?:の|は)?\\s*(午前中|午前|午後|朝|昼|夕方|夜)?\\s*(?:(\\d{1,2})(?:時|:(\\d{2}))(半)?)?)';
const EXPRESSION = new RegExp(`${DAY}(?:[（(][月火水木金土日][）)])?${TIME}`, 'gu');
/** Right after the expression: it is a limit, not just a date (「11月30日に注文した」 is not). */
const AFTER = new RegExp(`^.{0,3}(まで|迄|までに|中に|中には|前に|以内)|^.{0,12}(間に合|必要|使う|使いたい|使用|締め切り|締切)|^の?${EVENT}`, 'u');
/** Right before the expression: 「期限は12月10日」「更新日が12月10日」. */
const BEFORE = new RegExp(`(期限|締切|締め切り|更新日|予定日|納期|${EVENT})(は|が|の)?\\s*$`, 'u');

/** The earliest deadline the mail states, or undefined. Linear in the body; long bodies are cut first. */
export function findCustomerDeadline(body: string, receivedAt: Date, calendar: BusinessCalendar): CustomerDeadline | undefined {
  const normalized = body.slice(0, MAX_BODY).normalize('NFKC');
  let best: { text: string; at: Date; when: string; event?: string; hasTime: boolean } | undefined;
  for (const m of normalized.matchAll(EXPRESSION)) {
    const after = normalized.slice(m.index + m[0].length, m.index + m[0].length + 20);
    const before = normalized.slice(Math.max(0, m.index - 12), m.index);
    if (!AFTER.test(after) && !BEFORE.test(before)) continue;
    const at = resolve(m, receivedAt);
    if (!at || at.getTime() <= receivedAt.getTime()) continue;
    const eventAfter = EVENT_AFTER.exec(after)?.[1];
    const event = eventAfter ?? EVENT_BEFORE.exec(before)?.[1];
    const hasTime = m[8] !== undefined || m[7] !== undefined;
    const when = hasTime ? calendar.formatDateTime(at) : calendar.formatDate(at);
    const text = eventAfter ? `${m[0]}${after.slice(0, after.indexOf(eventAfter) + eventAfter.length)}` : m[0];
    if (best && sameDay(at, best.at)) {
      // Two mentions of one day: keep the time of the more precise and the event of either
      // (「来週月曜の展示会」 and 「12月7日の朝9時まで」 are one deadline).
      const precise = hasTime && (!best.hasTime || at < best.at);
      best = precise ? { text, at, when, hasTime, event: event ?? best.event } : { ...best, event: best.event ?? event };
    } else if (!best || at < best.at) {
      best = { text, at, when, hasTime, event };
    }
  }
  return best && { text: best.text, at: best.at, label: best.event ? `${best.when}の${best.event}` : best.when };
}

function sameDay(a: Date, b: Date): boolean {
  return japanDay(a) === japanDay(b);
}

/** Days since the epoch in Japan time (ja-JP is the only calendar locale). */
function japanDay(date: Date): number {
  return Math.floor((date.getTime() + 9 * HOUR_MS) / DAY_MS);
}

/** A Japan-time instant on local day `day` at hh:mm. */
function japanInstant(day: number, hour: number, minute: number): Date {
  return new Date(day * DAY_MS - 9 * HOUR_MS + hour * HOUR_MS + minute * 60_000);
}

function resolve(m: RegExpMatchArray, receivedAt: Date): Date | undefined {
  const today = japanDay(receivedAt);
  const weekday = (today + 4) % 7; // 1970-01-01 was a Thursday
  let day: number | undefined;
  if (m[1] && m[2]) {
    const local = new Date((today + 0.5) * DAY_MS);
    let year = local.getUTCFullYear();
    const month = Number(m[1]);
    if (month < 1 || month > 12 || Number(m[2]) < 1 || Number(m[2]) > 31) return undefined;
    if (month < local.getUTCMonth() + 1 - 6) year++; // 「1月10日」 written in December
    day = Math.floor(Date.UTC(year, month - 1, Number(m[2])) / DAY_MS);
  } else if (m[3]) {
    day = today + ({ 本日: 0, 今日: 0, 明日: 1, 明朝: 1, 明後日: 2, あさって: 2 } as Record<string, number>)[m[3]]!;
  } else if (m[4]) {
    day = today + ((8 - weekday) % 7 || 7); // next Monday
  } else if (m[6]) {
    const target = WEEKDAYS.indexOf(m[6]);
    const mondayThisWeek = today - ((weekday + 6) % 7);
    const offsetInWeek = (target + 6) % 7;
    if (m[5] === '来週') day = mondayThisWeek + 7 + offsetInWeek;
    else if (m[5] === '再来週') day = mondayThisWeek + 14 + offsetInWeek;
    else if (m[5] === '今週') day = mondayThisWeek + offsetInWeek;
    else day = today + (((target - weekday) % 7) + 7) % 7;
  }
  if (day === undefined) return undefined;
  const [hour, minute] = timeOf(m[7], m[8], m[9], m[10]) ?? (m[3] === '明朝' ? [9, 0] : [0, 0]);
  // 本日/今日 without a time: usable until the end of today.
  if (day === today && m[8] === undefined && m[7] === undefined) return japanInstant(day, 23, 59);
  return japanInstant(day, hour, minute);
}

function timeOf(period: string | undefined, h: string | undefined, mm: string | undefined, half: string | undefined): [number, number] | undefined {
  if (h !== undefined) {
    let hour = Number(h);
    if ((period === '午後' || period === '夕方' || period === '夜') && hour < 12) hour += 12;
    return hour > 23 ? undefined : [hour, mm ? Number(mm) : half ? 30 : 0];
  }
  const byPeriod: Record<string, [number, number]> = { 午前中: [12, 0], 午前: [12, 0], 朝: [9, 0], 昼: [12, 0], 午後: [13, 0], 夕方: [17, 0], 夜: [19, 0] };
  return period ? byPeriod[period] : undefined;
}

export interface PromisePlan {
  /** When the draft promises the next contact. */
  at: Date;
  /** The promise is on or close to the deadline's day, so its time matters (「12月4日（金）15:00まで」). */
  withTime: boolean;
  /** Business hours leave no time before the deadline: a person must act now. */
  atRisk: boolean;
}

/** Leave this much between our promise and the customer's deadline, and at least this much to work. */
const MARGIN_MS = HOUR_MS;
const MIN_WORK_MS = HOUR_MS / 2;

/**
 * The usual promise, moved before the customer's deadline: an hour before it when that falls in
 * business hours, else the close of the last business day before it. When even that is gone, the
 * promise is an hour of business time from now and the plan is at risk.
 */
export function planPromise(usual: Date, deadline: CustomerDeadline | undefined, receivedAt: Date, calendar: BusinessCalendar): PromisePlan {
  if (!deadline) return { at: usual, withTime: false, atRisk: false };
  const latest = latestBusinessMomentBefore(new Date(deadline.at.getTime() - MARGIN_MS), calendar);
  if (latest.getTime() - receivedAt.getTime() < MIN_WORK_MS) {
    return { at: calendar.addBusinessHours(receivedAt, 1), withTime: true, atRisk: true };
  }
  return latest < usual ? { at: latest, withTime: true, atRisk: false } : { at: usual, withTime: false, atRisk: false };
}

function latestBusinessMomentBefore(target: Date, calendar: BusinessCalendar): Date {
  if (calendar.isBusinessDay(target) && calendar.addBusinessHours(target, 0).getTime() === target.getTime()) return target;
  const opening = calendar.nextBusinessDayBefore(new Date(target.getTime() + DAY_MS));
  const close = calendar.addBusinessDays(opening, 0);
  return close <= target ? close : calendar.addBusinessDays(calendar.nextBusinessDayBefore(opening), 0);
}
