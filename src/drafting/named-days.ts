/**
 * Days the customer names by an occasion rather than a date: a day of the year everyone shares
 * (「バレンタイン」「年度末」「母の日」), resolved to its next date; or an occasion of their own
 * (「卒業式の前日」「引越しの日」「決算前」) that has a date only if the mail gives one.
 */

const DAY_MS = 86_400_000;

/** How a shared day falls in a year: a fixed month and day, or the nth weekday (0 = Sunday) of a month. */
type Rule = { month: number; date: number } | { month: number; nth: number; weekday: number };

/**
 * Shared days, by every way customers write them (the draft echoes the customer's own word).
 * 年度末 and 年度内 are the Japanese fiscal year's end (31 March), the one most offices and schools keep.
 */
const SHARED_DAYS: ReadonlyArray<readonly [readonly string[], Rule]> = [
  [['大晦日', 'おおみそか'], { month: 12, date: 31 }],
  [['元日', '元旦', 'お正月'], { month: 1, date: 1 }],
  [['クリスマスイブ', 'クリスマス・イブ'], { month: 12, date: 24 }],
  [['クリスマス'], { month: 12, date: 25 }],
  [['バレンタインデー', 'バレンタイン', 'バレンタインズデー'], { month: 2, date: 14 }],
  [['ホワイトデー'], { month: 3, date: 14 }],
  [['節分'], { month: 2, date: 3 }],
  [['ひな祭り', 'ひなまつり', '雛祭り', '桃の節句'], { month: 3, date: 3 }],
  [['こどもの日', '子供の日', '端午の節句'], { month: 5, date: 5 }],
  [['七夕'], { month: 7, date: 7 }],
  [['ハロウィン', 'ハロウィーン'], { month: 10, date: 31 }],
  [['母の日'], { month: 5, nth: 2, weekday: 0 }],
  [['父の日'], { month: 6, nth: 3, weekday: 0 }],
  [['敬老の日'], { month: 9, nth: 3, weekday: 1 }],
  [['年度末', '年度内', '年度中', '年度いっぱい'], { month: 3, date: 31 }],
];

const BY_NAME = new Map<string, Rule>(SHARED_DAYS.flatMap(([names, rule]) => names.map((n) => [n, rule] as const)));

/** Regex source for every shared day's name, longest first (「クリスマスイブ」 before 「クリスマス」). */
export const SHARED_DAY_NAMES = [...BY_NAME.keys()].sort((a, b) => b.length - a.length).join('|');

/** A shared day written as a period (年度内, 年度中): usable to that day's end, and echoed as 「年度内（3月31日（水）まで）」. */
export function isSharedPeriod(name: string): boolean {
  return /^年度(?:末|内|中|いっぱい)$/u.test(name);
}

/** The local day (days since the epoch) of a shared day on or after `today`, or undefined for an unknown name. */
export function nextSharedDay(name: string, today: number): number | undefined {
  const rule = BY_NAME.get(name);
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
  const firstWeekday = (first + 4) % 7; // 1970-01-01 was a Thursday
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
