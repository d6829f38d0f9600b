import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DictionaryError } from '../../src/analysis/lexicon/errors.js';
import { DEFAULT_DICTIONARIES_DIR, loadDictionaries } from '../../src/analysis/lexicon/load.js';
import { parseYaml, readYamlSource } from '../../src/analysis/lexicon/yaml-file.js';
import { findCustomerDeadline } from '../../src/drafting/customer-deadline.js';
import { loadDrafting } from '../../src/drafting/drafting.js';
import { findUndatedOccasion, NAMED_DAYS_FILE, NamedDaysFileSchema, nextSharedDay, parseNamedDays } from '../../src/drafting/named-days.js';

const DAY_MS = 86_400_000;
const day = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const date = (d: number | undefined) => (d === undefined ? undefined : new Date(d * DAY_MS).toISOString().slice(0, 10));
const unquoted = () => false;
const { manual } = loadDrafting(loadDictionaries());
const { namedDays } = manual;
const source = readYamlSource(join(DEFAULT_DICTIONARIES_DIR, NAMED_DAYS_FILE), NAMED_DAYS_FILE);

function parseError(text: string): DictionaryError {
  try {
    parseNamedDays({ name: NAMED_DAYS_FILE, text });
  } catch (err) {
    if (err instanceof DictionaryError) return err;
    throw err;
  }
  throw new Error('expected a DictionaryError');
}

describe('dictionaries/named-days.yaml', () => {
  // Examples are tests: each mail, received at 10:30 Japan time on its day, has its deadline on the date the entry says.
  const examples = parseYaml(source, NamedDaysFileSchema).days.flatMap((day) =>
    day.examples.map((example) => ({ id: day.id, ...example })),
  );
  it.each(examples)('$id: 「$mail」 received $received names $date', ({ mail, received, date }) => {
    const deadline = findCustomerDeadline(mail, new Date(`${received}T10:30:00+09:00`), manual);
    expect(deadline?.at && manual.calendar.formatIso(deadline.at).slice(0, 10)).toBe(date);
  });

  it('names the line of a day no year has', () => {
    const error = parseError(
      'days:\n  - id: bad\n    names: [ある日]\n    on: "02-30"\n    examples: [{ mail: ある日までに, received: "2027-01-01", date: "2027-02-28" }]\n',
    );
    expect(error.message).toBe('named-days.yaml:4 (entry bad): /days/0/on: 02-30 is no day of the year');
  });

  it('refuses a name given to two days', () => {
    const text = source.text.replace('names: [ホワイトデー]', 'names: [ホワイトデー, バレンタイン]');
    expect(parseError(text).message).toMatch(
      /^named-days\.yaml:\d+ \(entry white-day\): \/days\/\d+\/names\/1: 「バレンタイン」 is already another day's name$/u,
    );
  });

  it('refuses a name a pattern would read as syntax, and an unknown field', () => {
    expect(parseError(source.text.replace('names: [七夕]', 'names: [七夕|.*]')).message).toMatch(
      /^named-days\.yaml:\d+ \(entry tanabata\): \/days\/\d+\/names\/0: /u,
    );
    expect(parseError(source.text.replace('period: true', 'periods: true')).message).toMatch(/unknown field "periods"/u);
  });
});

describe('nextSharedDay', () => {
  it.each([
    ['バレンタイン', '2027-02-08', '2027-02-14'],
    // On the day itself it is still ahead; the day after, it is next year's.
    ['バレンタインデー', '2027-02-14', '2027-02-14'],
    ['バレンタイン', '2027-02-15', '2028-02-14'],
    ['ホワイトデー', '2027-02-08', '2027-03-14'],
    // The fiscal year ends on 31 March: written in April, it is next year's.
    ['年度末', '2027-02-08', '2027-03-31'],
    ['年度内', '2027-04-02', '2028-03-31'],
    // Across the turn of the year.
    ['元旦', '2026-12-30', '2027-01-01'],
    ['大晦日', '2027-01-02', '2027-12-31'],
    // The nth weekday of a month: 母の日 the second Sunday of May, 父の日 the third Sunday of June.
    ['母の日', '2027-02-08', '2027-05-09'],
    ['父の日', '2027-02-08', '2027-06-20'],
    ['敬老の日', '2027-02-08', '2027-09-20'],
  ])('%s after %s is %s', (name, today, expected) => {
    expect(date(nextSharedDay(namedDays, name, day(today)))).toBe(expected);
  });

  it('knows no other name', () => {
    expect(nextSharedDay(namedDays, '誕生日', day('2027-02-08'))).toBeUndefined();
  });
});

describe('findUndatedOccasion', () => {
  it.each([
    ['卒業式の前日までに届けてほしいです。', '卒業式の前日'],
    ['引越しの日までに解約したいです。', '引越しの日'],
    ['決算前に処理を終えたいので、早めにご対応ください。', '決算前'],
    ['娘の入学式に間に合わせたいです。', '娘の入学式'],
    ['連休前に届けてほしいです。', '連休前'],
    ['発表会で使うので急いでいます。', '発表会'],
    ['引越しまでもう日がないのに、工事の予約すら取れていない。', '引越し'],
  ])('reads 「%s」 as 「%s」', (text, words) => {
    expect(findUndatedOccasion(text, unquoted)?.words).toBe(words);
  });

  it.each([
    // Told in the past, or given up: no limit is left to meet.
    ['結婚式に間に合いませんでした。'],
    ['もう印刷の締め切りに間に合わないので、今年は別の写真で作ることにしました。'],
    // 会 only as a gathering: 機会 and 退会 are no occasion.
    ['この機会に使ってみたいです。'],
    ['退会までに残高を使いたいです。'],
    // An occasion only mentioned, with no limit word after it.
    ['撮影の日に「2週間ほどでお送りします」と伺っておりました。'],
    ['卒業式の写真をありがとうございました。'],
  ])('takes no occasion from 「%s」', (text) => {
    expect(findUndatedOccasion(text, unquoted)).toBeUndefined();
  });

  it("skips someone else's words in brackets", () => {
    const text = '「決算前に対応します」と言われました。';
    expect(findUndatedOccasion(text, (i) => i > 0 && i < text.indexOf('」'))).toBeUndefined();
  });
});
