/**
 * Days the customer names by an occasion rather than a date: a day of the year everyone shares
 * (「バレンタイン」「年度末」「母の日」, listed in dictionaries/named-days.yaml), resolved to its next
 * date; or an occasion of their own (「卒業式の前日」「引越しの日」「決算前」) that has a date only if
 * the mail gives one.
 */
import { Type, type Static } from 'typebox';
import { DictionaryError } from '../analysis/lexicon/errors.js';
import { locate, parsedDocument, parseYaml, type YamlSource } from '../analysis/lexicon/yaml-file.js';
import { Weekday, WEEKDAY_NAMES, weekdayOfDay } from './calendar.js';

/** The shared days are the manual's: dictionaries/named-days.yaml. */
export const NAMED_DAYS_FILE = 'named-days.yaml';

const DAY_MS = 86_400_000;

/** A fixed month and day, every year. */
const MonthDay = Type.String({ pattern: '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$', description: '"MM-DD", quoted in YAML' });
/** The nth weekday of a month: 母の日 is the second Sunday of May. */
const NthWeekday = Type.Object(
  { month: Type.Integer({ minimum: 1, maximum: 12 }), nth: Type.Integer({ minimum: 1, maximum: 5 }), weekday: Weekday },
  { additionalProperties: false },
);
/** Letters a name of a day is written in: no space and nothing a pattern would read as syntax. */
const DayName = Type.String({ minLength: 1, maxLength: 20, pattern: '^[^\\s.*+?^${}()|[\\]\\\\/]+$' });

export const NamedDaysFileSchema = Type.Object(
  {
    days: Type.Array(
      Type.Object(
        {
          id: Type.String({ pattern: '^[a-z][a-z0-9-]*$' }),
          /** Every way customers write it; the draft echoes the customer's own word. */
          names: Type.Array(DayName, { minItems: 1, maxItems: 20 }),
          on: Type.Union([MonthDay, NthWeekday]),
          /** A period (年度内): usable to that day's end, and echoed 「年度内（3月31日（水）まで）」. */
          period: Type.Optional(Type.Boolean()),
          /** A mail, the day it was received (Japan time) and the date it names: run through the deadline reader by the tests. */
          examples: Type.Array(
            Type.Object(
              {
                mail: Type.String({ minLength: 1, maxLength: 200 }),
                received: Type.String({ format: 'date' }),
                date: Type.String({ format: 'date' }),
              },
              { additionalProperties: false },
            ),
            { minItems: 1 },
          ),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);
export type NamedDaysFile = Static<typeof NamedDaysFileSchema>;

/** How a shared day falls in a year: a fixed month and day, or the nth weekday (0 = Sunday) of a month. */
type Rule = { month: number; date: number } | { month: number; nth: number; weekday: number };

export interface NamedDays {
  readonly byName: ReadonlyMap<string, { readonly rule: Rule; readonly period: boolean }>;
  /** Regex source for every shared day's name, longest first (「クリスマスイブ」 before 「クリスマス」). */
  readonly pattern: string;
}

/** Validates named-days.yaml: schema errors, a date no year has and a name given twice name the file and the line. */
export function parseNamedDays(source: YamlSource): NamedDays {
  const file = parseYaml(source, NamedDaysFileSchema);
  const byName = new Map<string, { rule: Rule; period: boolean }>();
  const fail = (pointer: string, message: string, id: string): never => {
    const { doc, lineCounter } = parsedDocument(source);
    throw new DictionaryError(source.name, `${pointer}: ${message}`, id, locate(doc, lineCounter, pointer).line);
  };
  file.days.forEach((day, i) => {
    let rule: Rule;
    if (typeof day.on === 'string') {
      const [month, date] = day.on.split('-').map(Number) as [number, number];
      // Any day of a leap year is a day some year has; 02-29 would skip three years in four, so it is refused too.
      if (date > new Date(Date.UTC(2027, month, 0)).getUTCDate()) fail(`/days/${i}/on`, `${day.on} is no day of the year`, day.id);
      rule = { month, date };
    } else {
      rule = { month: day.on.month, nth: day.on.nth, weekday: WEEKDAY_NAMES.indexOf(day.on.weekday) };
    }
    day.names.forEach((name, j) => {
      if (byName.has(name)) fail(`/days/${i}/names/${j}`, `「${name}」 is already another day's name`, day.id);
      byName.set(name, { rule, period: day.period ?? false });
    });
  });
  return { byName, pattern: [...byName.keys()].sort((a, b) => b.length - a.length).join('|') };
}

/** A shared day written as a period (年度内, 年度中): usable to that day's end, and echoed as 「年度内（3月31日（水）まで）」. */
export function isSharedPeriod(namedDays: NamedDays, name: string): boolean {
  return namedDays.byName.get(name)?.period ?? false;
}

/** The local day (days since the epoch) of a shared day on or after `today`, or undefined for an unknown name. */
export function nextSharedDay(namedDays: NamedDays, name: string, today: number): number | undefined {
  const rule = namedDays.byName.get(name)?.rule;
  if (!rule) return undefined;
  const year = new Date(today * DAY_MS).getUTCFullYear();
  for (const y of [year, year + 1]) {
    const day = dayIn(y, rule);
    if (day >= today) return day;
  }
  return undefined;
}

function dayIn(year: number, rule: Rule): number {
  if ('date' in rule) return Math.floor(Date.UTC(year, rule.month - 1, rule.date) / DAY_MS);
  const first = Math.floor(Date.UTC(year, rule.month - 1, 1) / DAY_MS);
  const firstWeekday = weekdayOfDay(first);
  return first + ((rule.weekday - firstWeekday + 7) % 7) + (rule.nth - 1) * 7;
}

/**
 * An occasion of the customer's own: a ceremony, a meeting, a move, a closing of the books. The
 * words end the noun (「卒業式」「院内会議」「引っ越し」「決算」); 会 only in a gathering's compound
 * (「発表会」, not 「機会」「退会」).
 */
const OCCASION_TAIL =
  '(?:式|(?<![機社都教出協商面入退再照開閉司])会|会議|祭り?|試験|テスト|検定|大会|本番|旅行|出張|帰省|引っ?越し?|決算|棚卸し?|入稿|開店|オープン|面接|法要|法事|葬儀|通夜|誕生日|記念日|連休|[夏冬春]休み|イベント|パーティー?|ライブ|公演|発表|入学|卒業|入社|手術|入院|退院|締め切り|締切|〆切|納期|監査|プレゼン|商談|撮影)';
const NOUN_CHAR = '[一-龥々ァ-ヶーA-Za-z]';
/** What makes the occasion a limit: 「までに」「前に」「に間に合わせたい」「で使う」「用に」. */
const LIMIT = '(?=(?:まで|迄)に?|前に|に(?:は|も)?(?:間に合|必要|使|渡|贈|着|持|配)|で(?:使|必要|渡|配|着)|用に)';
/**
 * 「卒業式の前日までに」「引越しの日までに」「決算前に」「娘の入学式に間に合わせたい」「イベントで使う」:
 * an occasion the customer must be ready for, with the limit word right after it.
 */
const OCCASION_LIMIT = new RegExp(
  `(?<![\\d${NOUN_CHAR.slice(1, -1)}])(?<occasion>(?:${NOUN_CHAR}{1,6}の)?${NOUN_CHAR}{0,6}${OCCASION_TAIL})` +
    `(?:(?<before>の前|より前|前)(?=(?:まで|迄)?に|まで|迄)|(?<when>の前日|の日|当日)?${LIMIT})`,
  'gu',
);
/** After the occasion: told as past (「結婚式に間に合いませんでした」), so no limit is left to meet. */
const TOLD_PAST = /^[^。\n、]{0,16}?(?:ました|でした|[いきしちりみびっえけれせてべめねぎじ]た)(?=[。、\n]|$|が|けど|のに|ので)/u;
/** 「もう印刷の締め切りに間に合わないので、別の写真で作ることにしました」: a limit given up, no longer to meet. */
const GIVEN_UP = /^[^。\n]*?(?:ことにしました|ことにします|諦め|あきらめ|急ぎません|結構です)/u;

export interface UndatedOccasion {
  /** The customer's words: 「卒業式の前日」「決算前」「引越しの日」. */
  words: string;
  index: number;
}

/**
 * The first occasion the mail needs an answer before but gives no date for. The caller reads dates
 * first: an occasion whose date the mail gives (「引越しは2月20日です」) is a dated deadline there.
 * Quoted words (someone else's) and narrated ones are skipped.
 */
export function findUndatedOccasion(text: string, quoted: (index: number) => boolean): UndatedOccasion | undefined {
  for (const m of text.matchAll(OCCASION_LIMIT)) {
    const g = m.groups!;
    if (quoted(m.index)) continue;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 80);
    if (TOLD_PAST.test(after) || GIVEN_UP.test(after)) continue;
    const when = g.before ? (g.before === 'より前' ? '前' : g.before) : (g.when ?? '');
    return { words: `${g.occasion!}${when}`, index: m.index };
  }
  return undefined;
}
