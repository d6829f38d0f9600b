/**
 * The customer's own deadline, read from the mail (「来週月曜の展示会」「本日15時の集荷まで」
 * 「12月10日までに」), and what it does to the reply: the promise comes before it while business
 * hours allow, or else the case is flagged so a person acts now.
 */
import { weekdayOfDay, type BusinessCalendar } from './calendar.js';
import { findUndatedOccasion, isSharedPeriod, nextSharedDay, type NamedDays } from './named-days.js';
import { OKURIGANA_NOUNS } from './okurigana-nouns.js';

export interface CustomerDeadline {
  /** The customer's words for it, as written: 「来週月曜の展示会」. */
  text: string;
  /**
   * The latest moment the customer can use our answer (a date without a time counts from 00:00);
   * undefined for an occasion the mail gives no date for (「卒業式の前日」): acknowledged and flagged.
   */
  at?: Date;
  /** How the draft names it: 「12月7日（月）の展示会」「12月4日（金）15時の集荷」. */
  label: string;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MAX_BODY = 20_000;
const WEEKDAYS = '日月火水木金土';

/** A noun the customer names the occasion with: 「ホームパーティー」「院内会議」「お通夜」「母の誕生日」. */
const NOUN_PART = `(?:${OKURIGANA_NOUNS}|[一-龥々ァ-ヶーA-Za-z])`;
const NOUN = `[おご]?${NOUN_PART}{1,10}(?:の${NOUN_PART}{1,8})?`;
/** What ends the occasion's noun; 「今日の売上損失について」 is what the mail is about, no occasion. */
const EVENT_END = 'で|に(?!つい|関し|関す|対し|対す)|が|は|用|の前|前|より前|まで|から|、|。|\\(|$';
/** A limit written right after the time, without 「の」: 「1月1日の0時締め切り」. */
const LIMIT_NOUN = '締め切り|締切|〆切|必着';
/** After the expression: 「12月19日のホームパーティー」「9時からの定例会議」「15日中の納品」「0時締め切り」. */
const EVENT_AFTER = new RegExp(
  `^\\)?(?:ごろ|頃)?中?(?:(?:(?:から|まで)の?|の)(?:「([^」\\n]{2,30})」|(${NOUN})(?=${EVENT_END}))|(${LIMIT_NOUN}))`,
  'u',
);
/** Before it: 「お通夜は本日18時から」「更新日が12月10日」. */
const EVENT_BEFORE = new RegExp(`([おご]?${NOUN_PART}{1,10})(?:は|が|の|\\()\\s*$`, 'u');
/** Nouns in those positions that are no occasion. */
const NOT_EVENTS =
  /^([月火水木金土日]曜日?|.|前日|翌日|当社|弊社|貴社|当店|当院|僕|息子|娘|母|父|友人|親戚|会社|上司|担当者|担当|社員|スタッフ|先方|お客様|顧客|彼|彼女|時点|件|分|便|注文|予定|間|中|頃|朝|夜|昼|夕方|午前|午後|午前中|夜間|うち|方|私|当方|夫|妻|主人|家族|子ども|子供|日|期限|締切|締め切り|予定日|時|段階|連絡|こと|もの|ため|前|後|以降|以前|まで|最終日|当日|受付|お届け分|週末|今週末|来週末|週明け|年内|年末|月末|今週|来週|今月|来月)$/u;
/**
 * A day the mail names, by number, relative word, period or weekday, optionally with a time.
 * Group names: month/date (12月19日), rel (明日), holiday (バレンタイン: `sharedDays`, the manual's named days),
 * period (年内), week/weekday (来週月曜), dom (19日),
 * nextMonth/nmDay (来月1日), part/hour/minute/half (午後3時半).
 */
const DAY = (sharedDays: string) =>
  `(?:(?<month>\\d{1,2})月(?<date>\\d{1,2})日|(?<nextMonth>来月|今月)(?<nmDay>\\d{1,2})日|(?<rel>本日|今日|明日|明朝|明後日|あさって|今夜|今晩)|(?<holiday>${sharedDays})|(?<period>週明け|年内|(?:年末|(?<!\\d)月末)(?:(?=締|〆)|(?![一-龥ァ-ヶ]))|今月中(?!旬)|今月末|今週中|来週中|来月(?:頭|初め|早々)|来月(?![上中下]旬)|今月いっぱい|今週いっぱい|来週いっぱい|(?:今週|来週)のうち|来週(?:頭|初め|早々))|(?<weekend>今週末|来週末|週末)|(?<span>\\d{1,2})(?<unit>日|週間)以内|(?<week>来週|今週|再来週|先週)?(?:の)?(?<weekday>[月火水木金土日])曜日?|(?:(?<monthOnly>\\d{1,2})月|(?<monthRel>今月|来月)(?=[上中下]旬))(?<monthPart>[上中下]旬|初旬|初め|中|いっぱい|末)|(?:(?<=毎月)|(?<![月\\d後前約翌]))(?<dom>\\d{1,2})日(?![間前後目ぶ経]))`;
const TIME =
  '(?:(?:の|は)?\\s*(?=正午|午前|午後|朝|昼|夕方|夜|\\d{1,2}(?:時|:\\d))(?<part>正午|午前中|午前|午後|朝|昼|夕方|夜)?\\s*(?:(?<hour>\\d{1,2})(?:時|:(?<minute>\\d{2}))(?:(?<half>半)|(?<minutes>\\d{1,2})分)?)?)?';
/** 「明日（11日）の午後」「明後日（7日・月曜）の10時」: the date or weekday in brackets after a relative day. */
const BRACKETED_DAY = '(?:[（(](?:(?<dow>[月火水木金土日])|\\d{1,2}日(?:[・･、,\\s]?[月火水木金土日]曜?日?)?)[）)])?';
/** The day expression with the manual's named days (dictionaries/named-days.yaml), built once per manual. */
const expressions = new WeakMap<NamedDays, RegExp>();
function expressionOf(namedDays: NamedDays): RegExp {
  let expression = expressions.get(namedDays);
  if (!expression) expressions.set(namedDays, (expression = new RegExp(`${DAY(namedDays.pattern)}${BRACKETED_DAY}${TIME}`, 'gu')));
  return expression;
}
/** A time alone, for today: 「11時からランチ営業です」「15時までに」「14時半ごろまでに」. */
const TIME_ONLY =
  /(?<![\d:時日月])(?<part>午前|午後|夕方|夜)?(?<hour>\d{1,2})(?:時|:(?<minute>\d{2}))(?:(?<half>半)|(?<minutes>\d{1,2})分)?(?=(?:ごろ|頃|くらい|ぐらい)?(?:から|まで))/gu;
/** 「18時から19時に変更」「10時から11時へずらして」: after a time, the time it is moved to. */
const MOVED_TIME =
  /^(?:ごろ|頃|くらい|ぐらい)?から(?:午前|午後)?\d{1,2}(?:時|:\d{2})(?:半|\d{1,2}分)?(?:に|へ)(?:変更|変え|遅ら|早め|ずら|移|延ば|繰り)/u;
/**
 * Right after the expression: it is a limit, not just a date (「11月30日に注文した」 is not). 〜には is
 * one only before what the customer fears will happen then (「明日の朝には発送されてしまう」) or must do
 * by then (「15時には鍵を返さなければならない」).
 */
const AFTER = new RegExp(
  `^\\)?(?:ごろ|頃)?(?:.{0,3}(まで|迄|前に|以内)|中|から|(?:一番|いちばん)?に(?!は|でも)|は[^。\\n]{0,12}(?:引き落とし日|支払日|支払い日|締め切り|締切|期限|納期)|には[^。\\n]{0,16}(?:てしま|でしま|ちゃ|じゃ)[うい]|には[^。\\n]{0,20}(?:なければ|なくては|ないと|なきゃ|ねば)|で(?!は)|[がは]?(?:月末)?(締め|期限|締切|最終|満了|更新)|(必着|着|お届け|指定|開演|開始|開場|出発|集合)|.{0,12}(間に合|必要|使う|使いたい|使用|締め切り|締切|予約が\\s?(?:あ|入)))|^\\)?(?:(?:から|まで)の?|の)(?:「[^」\\n]{2,30}」(?:の|${EVENT_END})|「?${NOUN}」?(?:${EVENT_END}))|^[^。\\n]{0,30}(それまで|その日まで|その前に)`,
  'u',
);
/** A past-tense verb right after the expression. */
const PAST = /^\)?[^、。\n]{0,6}?(ました|でした|[いきしちりみびっえけれせてべめねぎじ]た)(?=[^ぁ-ん]|$|の|が|と|ところ|ら)/u;
/** 「月曜から毎日電話していますが」「水曜から止まったままです」: since then, told as still going on. */
const ONGOING_SINCE = /^\)?から[^。\n、]{0,20}?(?:てい(?:ます|る)|てお(?:ります|り)|まま)/u;
/** 「月曜にもこのアドレスに問い合わせたけど」: a bare weekday something was done on, told in the past. */
const DONE_THEN = /^\)?にも?[^。、\n]{0,20}?(?:ました|[いきしちりみびっえけれせてべめねぎじ]た)(?=[。、\n]|$|が|けど|のに|ところ)/u;
/** 「12月3日着で注文いたしました」「10日指定で予約した」: the terms of an order placed, told in the past. */
const ORDERED_FOR = /^\)?(?:必?着|指定|の便)で(?:注文|予約|購入|申し込|申込|お願い)[^、。\n]{0,8}?(ました|した)/u;
/** 「期限の10日を過ぎたら使えなくなる」: passing the day is what the customer fears, so the day is a limit. */
const PASSING = /^\)?を?過ぎ(?:たら|ると|てしまう|れば)/u;
/**
 * 「今週末に使う予定です」「週末に作業したいので、それまでに」「今週末のイベントで配る」: a weekend the customer
 * needs the answer for (a use, an occasion, それまでに) rather than one they say is convenient.
 */
const NEEDED_BY = new RegExp(
  `^(?:に[^。\\n]{0,12}?(?:間に合|必要|使う|使いたい|使用|作業|配る|渡す|予定)|[^。\\n]{0,30}(?:それまで|その前に)|の(?!昼|夜|朝|午前|午後|夕方|うち|間)${NOUN}(?:で|に|まで|用|が))`,
  'u',
);
/** 「本日に至るも」「今日で2週間」「今日でもう3日目」: the day a wait is counted to, told as a fact. */
const NARRATED_UNTIL = /^\)?(?:に至る|に至って|に至りま|になっても|で(?:もう|既に|すでに)?\s*\d{1,3}\s*(?:日|週間|か月|ヶ月|カ月|回))/u;
/** Right before the expression: 「期限は12月10日」「更新日が12月10日」. */
const BEFORE =
  /(期限|締切|締め切り|締め|更新日?|期日|納期|振替日|引き落とし日?|支払日?|支払い日|決済日|納品日|発送日|満了日?|予約(?:日時?|時間|したの))(は|が|の)?\s*$/u;
/** 「本日まで未着」「今日まで連絡がない」: a state that lasted until today, not a time the customer needs us by. */
const UNTIL_NOW = /^\)?(?:まで|迄)[^にで。\n、]{0,10}?(?:未|ない|ません|ず|なかった)/u;
/** 「11月末から今日までにメールを3通送りました」: what the customer did up to today, told in the past. */
const DONE_UNTIL_NOW = /^\)?(?:まで|迄)に?[^。\n]{0,24}?(?:ました|[いきしちりみびっえけれせてべめねぎじ]た)(?=[。、\n]|$|が|けど|のに)/u;
/** 「旧住所への配達は19日まででお願いします」: the end of a span of service, not a limit (「までに」 is). */
const SPAN_END = /^\)?(?:まで|迄)で(?![すし])/u;
/** Words the label repeats before the date, the customer's own: 「明日12月17日（木）」「年内（12月31日（木）まで）」. */
const POLITE: Record<string, string> = {
  今日: '本日',
  今晩: '今夜',
  明朝: '明日の朝',
  あさって: '明後日',
  年末: '年内',
  今月末: '月末',
  今週のうち: '今週中',
  来週のうち: '来週中',
};

/**
 * What ties a date to the customer's request, strongest first. The rest of its sentence points back at
 * it as what they need (「その回から…していただけると」「その前日までに」「手続きが間に合うか」): 2. Its
 * sentence asks or needs something (〜ください, 〜可能でしょうか, 〜したい, 〜ないなら, 〜必要です): 1.
 * Only told (「12月5日に引っ越します」「今日12月15日の予定が延期」): 0. The strongest tie wins, the earliest
 * day among equals: the day the customer asks us by, not the first day the mail happens to name.
 */
const POINTS_BACK = /それまで|その前|その日|その回|その便|その時|間に合/u;
const ASKS_OR_NEEDS =
  /ください|下さい|いただけ|頂け|いただきた|お願い(?:します|いたします|致します|申し上げ|でき|した|です)|願います|もらえ|ほしい|欲しい|たい(?:です|と|の|ので|ん|な)|たく|助か|可能でしょうか|でしょうか|ますか|ないなら|なければ|ないと|ない場合|必要|必須|求め|困ります/u;
/** 「22日の会議…、その前日までには」「卒業式は3月10日です。その前日までに」: the day before the date named. */
const DAY_BEFORE = /^[^。\n]*(?:。\s*[^。\n]{0,6})?その前日/u;

/** What ends a sentence for requestTies. */
const SENTENCE_BREAKS = new Set(['。', '！', '？', '!', '?', '\n']);

/**
 * The tie of each expression [start, end) of one text, in O(1) after one pass over it (made on the first
 * call): where each sentence starts and ends and where POINTS_BACK next occurs are read once, and a
 * sentence's request words once per sentence, not once per date in it (a sentence of 明日 was quadratic).
 */
function requestTies(text: string): (start: number, end: number) => number {
  let read: ReturnType<typeof readSentences> | undefined;
  const asks = new Map<string, boolean>();
  return (start, end) => {
    const { breakAtOrBefore, breakAtOrAfter, pointsBackAt, pointsBackEnd } = (read ??= readSentences(text));
    // lastIndexOf(c, start - 1) reads position 0 when start is 0, as this does.
    const sentenceStart = text.length === 0 ? 0 : breakAtOrBefore[Math.max(0, start - 1)]! + 1;
    const sentenceEnd = breakAtOrAfter[end]!;
    if (pointsBackAt[end]! < sentenceEnd && pointsBackEnd[end]! <= sentenceEnd) return 2;
    const key = `${sentenceStart} ${sentenceEnd}`;
    let ask = asks.get(key);
    if (ask === undefined) {
      const own = text.slice(sentenceStart, sentenceEnd).replace(/「[^「」\n]*」|『[^『』\n]*』/gu, '「」');
      asks.set(key, (ask = ASKS_OR_NEEDS.test(own)));
    }
    return ask ? 1 : 0;
  };
}

/** Per position: the sentence breaks around it and the next POINTS_BACK (one pass each way). */
function readSentences(text: string) {
  const n = text.length;
  // The last break at or before i; the first break at or after i (n when none).
  const breakAtOrBefore = new Int32Array(n);
  const breakAtOrAfter = new Int32Array(n + 1).fill(n);
  for (let i = 0; i < n; i++) breakAtOrBefore[i] = SENTENCE_BREAKS.has(text[i]!) ? i : i > 0 ? breakAtOrBefore[i - 1]! : -1;
  for (let i = n - 1; i >= 0; i--) breakAtOrAfter[i] = SENTENCE_BREAKS.has(text[i]!) ? i : breakAtOrAfter[i + 1]!;
  // The first position at or after i where POINTS_BACK matches and ends (n when none).
  const pointsBackAt = new Int32Array(n + 1).fill(n);
  const pointsBackEnd = new Int32Array(n + 1).fill(n + 1);
  const sticky = new RegExp(POINTS_BACK.source, 'uy');
  for (let i = n - 1; i >= 0; i--) {
    sticky.lastIndex = i;
    const found = sticky.exec(text);
    [pointsBackAt[i], pointsBackEnd[i]] = found ? [i, i + found[0].length] : [pointsBackAt[i + 1]!, pointsBackEnd[i + 1]!];
  }
  return { breakAtOrBefore, breakAtOrAfter, pointsBackAt, pointsBackEnd };
}

type Groups = Partial<Record<string, string>>;

/** What the deadline reader takes from the manual: the business calendar and the named days. */
export interface DeadlineManual {
  readonly calendar: BusinessCalendar;
  readonly namedDays: NamedDays;
}

/** The earliest deadline the mail states, or undefined. Linear in the body; long bodies are cut first. */
export function findCustomerDeadline(
  body: string,
  receivedAt: Date,
  { calendar, namedDays }: DeadlineManual,
): CustomerDeadline | undefined {
  // Lines quoting an earlier mail (「> 明日10時に伺います」) are our words, not the customer's deadline.
  const normalized = inKanji(
    body
      .slice(0, MAX_BODY)
      .normalize('NFKC')
      .replace(/^[ \t]*>.*$/gmu, ''),
  );
  let best: { text: string; at: Date; when: string; event?: string; hasTime: boolean; tied: number } | undefined;
  const consider = (m: RegExpMatchArray, at: Date | undefined, words: string | undefined) => {
    const index = m.index ?? 0;
    const after = normalized.slice(index + m[0].length, index + m[0].length + 40);
    const before = normalized.slice(Math.max(0, index - 14), index);
    const g: Groups = m.groups ?? {};
    // A period (年内, 今週中, 2週間以内) is a limit by itself; 来月 only with 「から」「まで」.
    // A weekend is one only with a limit word right after it (below).
    const period = (g.period !== undefined && g.period !== '来月') || g.span !== undefined || g.weekend !== undefined;
    const passing = PASSING.test(after);
    const tied = tieToRequest(index, index + m[0].length);
    // 「月末締めで経理に回すので、それまでに」 is a limit; 「毎月月末締め翌月払いです」 only says how billing runs.
    if (g.period === '月末' && /^(?:締|〆)/u.test(after) && tied < 1) return;
    if (!period && !passing && tied < 2 && !AFTER.test(after) && !BEFORE.test(before)) return;
    // 「本日午前に届いた」「31日の夜に開いたところ」: a date the mail narrates, not one it needs.
    if ((PAST.test(after) && !passing) || ORDERED_FOR.test(after)) return;
    // 「月曜から毎日電話していますが」: a bare weekday that something has gone on since is the last one, not a limit.
    if (g.weekday && !g.week && (ONGOING_SINCE.test(after) || DONE_THEN.test(after))) return;
    // 「週末の昼に便利で」 says when, not by when: a weekend is a limit only with から／まで／前／で (「今週末でお願いします」).
    if (g.weekend && !/^(?:\([^)\n]{0,12}\))?(?:から|まで|迄|前|中|いっぱい|の?うちに|で(?!は))/u.test(after) && !NEEDED_BY.test(after))
      return;
    // 「本日に至るも届いておりません」「今日で2週間以上」: today as the end of a wait told, not a limit.
    if (g.rel && NARRATED_UNTIL.test(after)) return;
    if (!at || at.getTime() <= receivedAt.getTime()) return;
    // 「今日になってしまいました」「本日になって再度延期の連絡」: today reached, not a limit.
    if (sameDay(at, receivedAt) && /^になっ/u.test(after)) return;
    // 「電源を入れて2日で」「届いてから3日で」: a span of days, not a date.
    if (g.dom && /(?:て|で|から)\s*$/u.test(before)) return;
    // 「12日の13時に「持ち戻り」て」 written on the 13th: a day of this month gone by is narrated; it is next
    // month's only when a limit word says so (「5日までに」 written on the 20th).
    if (
      g.dom &&
      !g.month &&
      !g.nextMonth &&
      japanMonth(at) !== japanMonth(receivedAt) &&
      // 「毎月20日の締め日までに」: the next 20th, this month's or the next.
      !/毎月$/u.test(before) &&
      !/^\)?(?:まで|迄|前に|以内|必着|締め?切|期限)/u.test(after)
    )
      return;
    // 「本日は12月7日です」「本日ですでに10日」: today named in a statement, no limit.
    if (/^\)?です/u.test(after) && sameDay(at, receivedAt)) return;
    if (SPAN_END.test(after) || ((UNTIL_NOW.test(after) || DONE_UNTIL_NOW.test(after)) && sameDay(at, receivedAt))) return;
    const quoted = EVENT_AFTER.exec(after);
    const event = (quoted?.[1] && `「${quoted[1]}」`) ?? occasion(quoted?.[2]) ?? quoted?.[3] ?? occasion(EVENT_BEFORE.exec(before)?.[1]);
    const hasTime = g.hour !== undefined || (g.part !== undefined && !(g.rel === '今夜' || g.rel === '今晩'));
    // The customer's own way of writing a time (「15時」, not 「15:00」; 「明日の朝」 stays 「の朝」).
    const date = !hasTime
      ? calendar.formatDate(at)
      : g.hour === undefined && g.part
        ? `${calendar.formatDate(at)}の${g.part}`
        : // 「14時半」 as the customer wrote it, not 「14時30分」.
          calendar.formatDateHour(at).replace(/30分$/u, g.half ? '半' : '30分');
    const when = !words
      ? date
      : g.weekday
        ? date.replace(/^(\d{1,2}月\d{1,2}日)（.）/u, `${words}（$1）`)
        : /旬$/u.test(words)
          ? words
          : g.weekend
            ? `${words}（${date}）`
            : /中|内|末/u.test(words)
              ? `${words}（${date}まで）`
              : g.holiday || /頭|初め|早々|月初/u.test(words)
                ? `${words}（${date}）`
                : words === '週明け'
                  ? `週明けの${date}`
                  : `${words}${date}`;
    const text = m[0];
    if (DAY_BEFORE.test(after)) {
      // The day before the date named, written as the customer put it: 「…会議の前日（12月21日（月））」.
      const dayBefore = japanInstant(japanDay(at) - 1, 0, 0);
      const named = event ? `${when}の${event}` : when;
      consider1({ text, at: dayBefore, when: `${named}の前日（${calendar.formatDate(dayBefore)}）`, hasTime: false, tied });
      return;
    }
    consider1({ text, at, when, hasTime, event, tied });
  };
  const consider1 = (c: NonNullable<typeof best>) => {
    if (best && sameDay(c.at, best.at)) {
      // Two mentions of one day: keep the time and words of the more precise and the event of
      // either (「来週月曜の展示会」 and 「12月7日の朝9時まで」 are one deadline).
      const precise = c.hasTime && (!best.hasTime || c.at < best.at);
      const tied = Math.max(c.tied, best.tied);
      best = precise ? { ...c, event: c.event ?? best.event, tied } : { ...best, event: best.event ?? c.event, tied };
      best.when = bothWords(best.when, c.when);
    } else if (!best || c.tied > best.tied || (c.tied === best.tied && c.at < best.at)) {
      best = c;
    }
  };
  const days: Array<[number, number, number | undefined]> = [];
  const quoted = quotedChars(normalized);
  const tieToRequest = requestTies(normalized);
  // Line and sentence ends (。 and line breaks) before each position: is a time in the same sentence as a day?
  const endsBefore = new Int32Array(normalized.length + 1);
  for (let i = 0; i < normalized.length; i++)
    endsBefore[i + 1] = endsBefore[i]! + (normalized[i] === '。' || normalized[i] === '\n' ? 1 : 0);
  const found = [...normalized.matchAll(expressionOf(namedDays))];
  const resolved = found.map((m) => resolve(m.groups ?? {}, receivedAt, namedDays));
  // The first day after today the mail names by its date, per weekday: 「2月27日（土）に引っ越します…土曜でも
  // 大丈夫でしょうか」 means that Saturday, not the next one.
  const datedOn = new Map<number, number>();
  found.forEach((m, i) => {
    const g = m.groups ?? {};
    const day = resolved[i] && japanDay(resolved[i]);
    if (!day || !(g.date || g.nmDay || g.dom) || day <= japanDay(receivedAt)) return;
    const weekday = weekdayOfDay(day);
    const seen = datedOn.get(weekday);
    if (seen === undefined || day < seen) datedOn.set(weekday, day);
  });
  for (const [i, m] of found.entries()) {
    let at = resolved[i];
    const g = m.groups ?? {};
    const dated = at && g.weekday && !g.week ? datedOn.get(weekdayOfDay(japanDay(at))) : undefined;
    // Within five weeks: a bare weekday reaches no further than that.
    if (at && dated !== undefined && dated > japanDay(at) && dated - japanDay(at) <= 35)
      at = new Date(at.getTime() + (dated - japanDay(at)) * DAY_MS);
    days.push([m.index, m.index + m[0].length, at && japanDay(at)]);
    // 「今週中にお電話します」と言われ, 「12月10日まで有効」: someone else's words, not the customer's limit.
    if (quoted[m.index]) continue;
    consider(m, at, customerWords(m.groups ?? {}, normalized, m));
  }
  let next = 0;
  for (const m of normalized.matchAll(TIME_ONLY)) {
    // 「明日の午後3時まで」 was read with its day above; both lists are in text order, so one pass.
    while (next < days.length && days[next]![1] <= m.index) next++;
    if (next < days.length && days[next]![0] <= m.index) continue;
    // 「11月28日の13時から19時まで」「本日15時に…、14時半ごろまでに」: a time after a day in the same sentence is that day's.
    const previous = days[next - 1];
    const sameSentence = previous !== undefined && endsBefore[m.index]! - endsBefore[previous[1]]! === 0;
    if (sameSentence && previous[2] !== japanDay(receivedAt)) continue;
    // 「夕食を18時から19時に遅らせる」: a time moved, neither end a limit of today's.
    if (MOVED_TIME.test(normalized.slice(m.index + m[0].length, m.index + m[0].length + 30))) continue;
    const clock = timeOf(m.groups ?? {});
    consider(m, clock && japanInstant(japanDay(receivedAt), clock[0], clock[1]), '本日');
  }
  if (best?.event && !best.when.includes('前日') && normalized.includes(`${best.event}の前日`)) {
    // 「卒業式は3月10日です」 and 「卒業式の前日までに」 elsewhere: the limit is the day before.
    const dayBefore = japanInstant(japanDay(best.at) - 1, 0, 0);
    return { text: best.text, at: dayBefore, label: `${best.when}の${best.event}の前日（${calendar.formatDate(dayBefore)}）` };
  }
  if (best) return { text: best.text, at: best.at, label: best.event ? `${best.when}の${best.event}` : best.when };
  // 「卒業式の前日までに」「決算前に」 with no date anywhere in the mail: acknowledged in the customer's words, and flagged.
  // An occasion right after a date (「12月1日の誕生日」) has one, even one gone by: never undated.
  const dated = (i: number) => days.some(([, end]) => end <= i && i - end <= 2);
  const undated = findUndatedOccasion(normalized, (i) => quoted[i] === 1 || dated(i));
  return undated && { text: undated.words, label: withHonorific(undated.words) };
}

/**
 * Days and times written in hiragana, as some older writers and phone mails write them (「あしたの ごご」
 * 「きょうじゅうに」), in kanji for the patterns; a word only where no hiragana runs into it before.
 */
const HIRAGANA_TIMES: ReadonlyArray<[RegExp, string]> = [
  [/(?<![ぁ-ゖ])あした(?![ぁ-ゖ]{2})/gu, '明日'],
  [/(?<![ぁ-ゖ])あす(?=の|は|まで|中|じゅう)/gu, '明日'],
  [/(?<![ぁ-ゖ])きょう(?=の|は|まで|中|じゅう|[ \t、,])/gu, '今日'],
  [/(?<![ぁ-ゖ])こんや(?![ぁ-ゖ]{2})/gu, '今夜'],
  [/(?<![ぁ-ゖ])ごご(?![ぁ-ゖ]{2})/gu, '午後'],
  [/(?<![ぁ-ゖ])ごぜん(?![ぁ-ゖ]{2})/gu, '午前'],
  [/(?<![ぁ-ゖ])ゆうがた(?![ぁ-ゖ]{2})/gu, '夕方'],
  [/(?<=[今明日])じゅう(?=に|まで)/gu, '中'],
];

function inKanji(text: string): string {
  return withArabicNumerals(HIRAGANA_TIMES.reduce((t, [pattern, kanji]) => t.replace(pattern, kanji), text));
}

const KANJI_DIGITS = '〇一二三四五六七八九';
/**
 * 「十一月三十日」「四日の金曜日」「午後三時」: dates and hours in kanji numerals, as older writers put
 * them, in digits for the patterns. 「一日」 alone stays (一日中, 一日も早く): only after a month is it the 1st.
 */
const KANJI_NUMBER =
  /(?<=^|[^一-龥]|月|午前|午後|朝|夜|夕方)([一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九〇])(?=月(?![曜間])|日|時(?!間))/gu;

function withArabicNumerals(text: string): string {
  return text.replace(KANJI_NUMBER, (numeral: string, _n: string, offset: number) => {
    if (numeral === '一' && text.charAt(offset + 1) === '日' && !/月$/u.test(text.slice(Math.max(0, offset - 1), offset))) return numeral;
    const [tens, ones] = numeral.includes('十') ? numeral.split('十') : ['', numeral];
    const value = numeral.includes('十')
      ? (tens ? KANJI_DIGITS.indexOf(tens) : 1) * 10 + (ones ? KANJI_DIGITS.indexOf(ones) : 0)
      : KANJI_DIGITS.indexOf(ones!);
    return String(value);
  });
}

/** 1 for every character inside 「」 or 『』 (nested or not), in one pass. */
function quotedChars(text: string): Uint8Array {
  const inside = new Uint8Array(text.length);
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '「' || c === '『') depth++;
    else if ((c === '」' || c === '』') && depth > 0) depth--;
    // A bracket left open does not run past its line.
    else if (c === '\n') depth = 0;
    inside[i] = depth > 0 ? 1 : 0;
  }
  return inside;
}

/** The relative word the customer used, politely: 「本日」「明日」「年内」; 今日中 stays 「本日中」. */
function customerWords(g: Groups, text: string, m: RegExpMatchArray): string | undefined {
  if (g.span) return `${g.span}${g.unit}以内`;
  if (g.monthOnly || g.monthRel) {
    const part = g.monthPart === '末' || /旬|初め/u.test(g.monthPart ?? '') ? g.monthPart! : '中';
    return `${g.monthOnly ? `${g.monthOnly}月` : g.monthRel!}${part}`;
  }
  // 「金曜日までに」 is echoed as the customer wrote it, with the date it means: 「金曜日（12月4日）」.
  if (g.weekday) return `${g.week ?? ''}${g.weekday}曜日`;
  const word = g.rel ?? g.period ?? g.holiday ?? g.weekend;
  if (!word) return undefined;
  const polite = POLITE[word] ?? word;
  const within = g.rel && !g.hour && !g.part && text.charAt((m.index ?? 0) + m[0].length) === '中';
  return within ? `${polite}中` : polite;
}

/**
 * 「週明けの月曜日までに」「今週末（土曜）に」: the customer named the day twice, and the draft repeats both
 * words (「週明けの月曜日（12月7日）」「今週末の土曜日（12月26日）」), not only the first (「週明けの12月7日（月）」).
 */
const WEEK_WORD = /^(週明け|今週末|来週末|週末)(?:の|（)/u;
function bothWords(kept: string, other: string): string {
  // 「金曜の夜に法事」 and 「明日中に」, one day: 「明日の金曜日（12月4日）の夜」, the relative word the customer used too.
  const relative = /^(本日|明日|明後日)/u.exec(other)?.[1];
  if (relative && /^[月火水木金土日]曜日（/u.test(kept)) return `${relative}の${kept}`;
  const [weekStart, weekday] = WEEK_WORD.test(kept) ? [kept, other] : [other, kept];
  const word = WEEK_WORD.exec(weekStart)?.[1];
  if (!word || !/^[月火水木金土日]曜日（/u.test(weekday)) return kept;
  return `${word}の${weekday}`;
}

/** The customer's family, named politely when the draft repeats their occasion (「お嬢様の誕生日会」). */
const HONORIFIC: Record<string, string> = {
  娘: 'お嬢様',
  息子: 'ご子息様',
  母: 'お母様',
  父: 'お父様',
  夫: 'ご主人様',
  主人: 'ご主人様',
  妻: '奥様',
  子ども: 'お子様',
  子供: 'お子様',
};

function occasion(noun: string | undefined): string | undefined {
  const trimmed = noun?.replace(/用$/u, '');
  if (!trimmed || NOT_EVENTS.test(trimmed) || NOT_EVENTS.test(trimmed.replace(/^[おご]/u, ''))) return undefined;
  return withHonorific(trimmed);
}

/** 「母の誕生日」 → 「お母様の誕生日」: the customer's family, when the draft repeats their words. */
export function withHonorific(phrase: string): string {
  return phrase.replace(/^(娘|息子|母|父|夫|主人|妻|子ども|子供)の/u, (_whole, who: string) => `${HONORIFIC[who]!}の`);
}

function sameDay(a: Date, b: Date): boolean {
  return japanDay(a) === japanDay(b);
}

/** The month (1–12) of an instant in Japan. */
function japanMonth(date: Date): number {
  return new Date(japanDay(date) * DAY_MS).getUTCMonth() + 1;
}

/** Days since the epoch in Japan time (ja-JP is the only calendar locale). */
function japanDay(date: Date): number {
  return Math.floor((date.getTime() + 9 * HOUR_MS) / DAY_MS);
}

/** A Japan-time instant on local day `day` at hh:mm. */
function japanInstant(day: number, hour: number, minute: number): Date {
  return new Date(day * DAY_MS - 9 * HOUR_MS + hour * HOUR_MS + minute * 60_000);
}

/** The local day of year/month/date (month 1-based; date 0 is the last day of the month before). */
function dayOf(year: number, month: number, date: number): number {
  return Math.floor(Date.UTC(year, month - 1, date) / DAY_MS);
}

function resolve(g: Groups, receivedAt: Date, namedDays: NamedDays): Date | undefined {
  const today = japanDay(receivedAt);
  const weekday = weekdayOfDay(today);
  const local = new Date((today + 0.5) * DAY_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + 1;
  let day: number | undefined;
  let endOfDay = false;
  if (g.month && g.date) {
    const m = Number(g.month);
    if (m < 1 || m > 12 || Number(g.date) < 1 || Number(g.date) > 31) return undefined;
    day = dayOf(m < month - 6 ? year + 1 : year, m, Number(g.date)); // 「1月10日」 written in December
  } else if (g.monthOnly || g.monthRel) {
    const m = g.monthRel ? month + (g.monthRel === '来月' ? 1 : 0) : Number(g.monthOnly);
    if (m < 1 || m > 13) return undefined;
    const y = m < month - 6 ? year + 1 : year;
    // 「3月上旬」「来月中旬」: from the first day of that third of the month, the earliest the customer may mean.
    const third = ({ 初め: 1, 初旬: 1, 上旬: 1, 中旬: 11, 下旬: 21 } as Record<string, number>)[g.monthPart ?? ''];
    day = third ? dayOf(y, m, third) : dayOf(y, m + 1, 0); // 「12月中」: the month's last day
    endOfDay = !third;
  } else if (g.nextMonth && g.nmDay) {
    day = dayOf(year, g.nextMonth === '来月' ? month + 1 : month, Number(g.nmDay));
  } else if (g.dom) {
    const d = Number(g.dom);
    day = dayOf(year, month, d);
    if (day < today) day = dayOf(year, month + 1, d); // 「5日まで」 written on the 20th: next month
    // 「22日（日）に問い合わせました」 written on Wednesday the 25th: the weekday says which month, here the past one.
    if (g.dow && WEEKDAYS[weekdayOfDay(day)] !== g.dow && WEEKDAYS[weekdayOfDay(dayOf(year, month, d))] === g.dow)
      day = dayOf(year, month, d);
    if (d < 1 || new Date(day * DAY_MS).getUTCDate() !== d) return undefined; // 「31日」 in a 30-day month
  } else if (g.span) {
    day = today + Number(g.span) * (g.unit === '週間' ? 7 : 1);
    endOfDay = true;
  } else if (g.holiday) {
    day = nextSharedDay(namedDays, g.holiday, today);
    endOfDay = isSharedPeriod(namedDays, g.holiday);
  } else if (g.rel) {
    day = today + ({ 本日: 0, 今日: 0, 今夜: 0, 今晩: 0, 明日: 1, 明朝: 1, 明後日: 2, あさって: 2 } as Record<string, number>)[g.rel]!;
  } else if (g.period) {
    endOfDay = true;
    if (g.period === '週明け') {
      day = today + ((8 - weekday) % 7 || 7); // next Monday
      endOfDay = false;
    } else if (g.period === '年内' || g.period === '年末') day = dayOf(year, 12, 31);
    else if (g.period.startsWith('来月')) {
      // 「来月頭」「来月初め」: the first of next month, from its start.
      day = dayOf(year, month + 1, 1);
      endOfDay = false;
    } else if (/^来週(?:頭|初め|早々)$/u.test(g.period)) {
      day = today - ((weekday + 6) % 7) + 7; // next Monday
      endOfDay = false;
    } else if (g.period === '今週中' || g.period === '今週いっぱい' || g.period === '今週のうち')
      day = today - ((weekday + 6) % 7) + 4; // Friday
    else if (g.period === '来週中' || g.period === '来週いっぱい' || g.period === '来週のうち') day = today - ((weekday + 6) % 7) + 11;
    else day = dayOf(year, month + 1, 0); // 今月中, 月末, 今月いっぱい
  } else if (g.weekend) {
    // The weekend starts on Saturday: 「今週末から家族が来る」 needs the answer before it.
    day = today - ((weekday + 6) % 7) + (g.weekend === '来週末' ? 12 : 5);
  } else if (g.weekday) {
    const target = WEEKDAYS.indexOf(g.weekday);
    const mondayThisWeek = today - ((weekday + 6) % 7);
    const offsetInWeek = (target + 6) % 7;
    if (g.week === '来週') day = mondayThisWeek + 7 + offsetInWeek;
    else if (g.week === '再来週') day = mondayThisWeek + 14 + offsetInWeek;
    else if (g.week === '今週') day = mondayThisWeek + offsetInWeek;
    else if (g.week === '先週')
      day = mondayThisWeek - 7 + offsetInWeek; // told, never a limit
    // 「木曜までに」 written on a Thursday is next Thursday: today would be 「今日」.
    else day = today + ((((target - weekday) % 7) + 7) % 7 || 7);
  }
  if (day === undefined) return undefined;
  const clock = timeOf(g) ?? (g.rel === '明朝' ? [9, 0] : undefined);
  // 「本日中」 written in the morning: answer by noon, so the customer still has the afternoon to act.
  if (!clock && day === today && !endOfDay && g.rel !== '今夜' && g.rel !== '今晩' && receivedAt < japanInstant(today, 11, 0))
    return japanInstant(today, 12, 0);
  // A day without a time that is today, or a period (年内, 今週中): usable until that day's end.
  if (!clock && (endOfDay || day === today)) return japanInstant(day, 23, 59);
  const [hour, minute] = clock ?? [0, 0];
  return japanInstant(day, hour, minute);
}

function timeOf(g: Groups): [number, number] | undefined {
  const period = g.part;
  if (g.hour !== undefined) {
    let hour = Number(g.hour);
    if ((period === '午後' || period === '夕方' || period === '夜') && hour < 12) hour += 12;
    const minute = g.minute ? Number(g.minute) : g.minutes ? Number(g.minutes) : g.half ? 30 : 0;
    return hour > 23 || minute > 59 ? undefined : [hour, minute];
  }
  const byPeriod: Record<string, [number, number]> = {
    正午: [12, 0],
    午前中: [12, 0],
    午前: [12, 0],
    朝: [9, 0],
    昼: [12, 0],
    午後: [13, 0],
    夕方: [17, 0],
    夜: [19, 0],
  };
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
export function planPromise(
  usual: Date,
  deadline: CustomerDeadline | undefined,
  receivedAt: Date,
  calendar: BusinessCalendar,
): PromisePlan {
  if (!deadline) return { at: usual, withTime: false, atRisk: false };
  // An occasion without a date: nothing to plan before, so a person reads the mail now.
  if (!deadline.at) return { at: usual, withTime: false, atRisk: true };
  const latest = latestBusinessMomentBefore(new Date(deadline.at.getTime() - MARGIN_MS), calendar);
  if (latest.getTime() - receivedAt.getTime() < MIN_WORK_MS) {
    return { at: calendar.addBusinessHours(receivedAt, 1), withTime: true, atRisk: true };
  }
  return latest < usual ? { at: latest, withTime: true, atRisk: false } : { at: usual, withTime: false, atRisk: false };
}

/**
 * The target itself when it is in business hours; else an hour before the last close before it, so
 * the customer still has business time to act on our answer (a reply at 18:00 reaches a closed office).
 */
function latestBusinessMomentBefore(target: Date, calendar: BusinessCalendar): Date {
  if (calendar.isBusinessDay(target) && calendar.addBusinessHours(target, 0).getTime() === target.getTime()) return target;
  const opening = calendar.nextBusinessDayBefore(new Date(target.getTime() + DAY_MS));
  const close = calendar.addBusinessDays(opening, 0);
  const lastClose = close <= target ? close : calendar.addBusinessDays(calendar.nextBusinessDayBefore(opening), 0);
  return new Date(lastClose.getTime() - MARGIN_MS);
}
