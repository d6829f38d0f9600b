import { describe, expect, it } from 'vitest';
import { loadDictionaries } from '../../src/analysis/lexicon/load.js';
import { findCustomerDeadline, planPromise } from '../../src/drafting/customer-deadline.js';
import { loadDrafting } from '../../src/drafting/drafting.js';

const { manual } = loadDrafting(loadDictionaries());
const { calendar } = manual;
const FRIDAY_1030 = new Date('2026-12-04T10:30:00+09:00');
const iso = (d: Date | undefined) => (d ? calendar.formatIso(d) : undefined);

describe('findCustomerDeadline', () => {
  it.each([
    ['本日15時の集荷までに出荷データを登録しなければなりません。', '2026-12-04T15:00:00+09:00', '本日12月4日（金）15時の集荷'],
    ['来週月曜の展示会で使います。12月7日の朝9時までに必要です。', '2026-12-07T09:00:00+09:00', '12月7日（月）9時の展示会'],
    ['次回の更新日が12月10日なので、それまでに解約したいです。', '2026-12-10T00:00:00+09:00', '12月10日（木）の更新日'],
    ['明日の午後3時までにご連絡ください。', '2026-12-05T15:00:00+09:00', '明日12月5日（土）15時'],
    ['週明けまでに必要です。', '2026-12-07T00:00:00+09:00', '週明けの12月7日（月）'],
    // 〜には before what the customer fears will happen then; a part of the day stays in their words.
    ['明日の朝には発送されてしまうかもしれないと思うと心配です。', '2026-12-05T09:00:00+09:00', '明日12月5日（土）の朝'],
    ['14時30分までに必要です。', '2026-12-04T14:30:00+09:00', '本日12月4日（金）14時30分'],
    // 「ごろ」 before まで, and 半 kept as written; the time asked by comes before the event after it.
    [
      '本日15時に締め処理を予定しておりますので、14時半ごろまでに教えていただけると助かります。',
      '2026-12-04T14:30:00+09:00',
      '本日12月4日（金）14時半',
    ],
  ])('reads 「%s」', (body, at, label) => {
    const deadline = findCustomerDeadline(body, FRIDAY_1030, manual);
    expect(iso(deadline?.at)).toBe(at);
    expect(deadline?.label).toBe(label);
  });

  it.each([
    ['12月19日のホームパーティーで出すために買ったものです。', '2026-12-19T00:00:00+09:00', '12月19日（土）のホームパーティー'],
    ['11時からランチ営業です。それまでに届かないと困ります。', '2026-12-04T11:00:00+09:00', '本日12月4日（金）11時のランチ営業'],
    ['年内に注文したいと思っています。', '2026-12-31T23:59:00+09:00', '年内（12月31日（木）まで）'],
    ['今夜中に業者を手配してください。', '2026-12-04T23:59:00+09:00', '今夜中（12月4日（金）まで）'],
    ['2週間以内に書面で回答を求めます。', '2026-12-18T23:59:00+09:00', '2週間以内（12月18日（金）まで）'],
    ['12月中に手続きを終えたいです。', '2026-12-31T23:59:00+09:00', '12月中（12月31日（木）まで）'],
    // The weekend begins on Saturday; 来週中 runs to next Friday's end.
    ['今週末から家族が泊まりに来るので、それまでに直してほしいです。', '2026-12-05T00:00:00+09:00', '今週末（12月5日（土））'],
    ['来週中に届かないならキャンセルしてください。', '2026-12-11T23:59:00+09:00', '来週中（12月11日（金）まで）'],
    ['再工事は今週末（5日か6日）でお願いします。', '2026-12-05T00:00:00+09:00', '今週末（12月5日（土））の再工事'],
    // Written in hiragana, as some older writers do; a time 〜には something must be done by.
    ['あしたの ごご 3時までに おしえて ください', '2026-12-05T15:00:00+09:00', '明日12月5日（土）15時'],
    ['今日の15時には今の部屋の鍵を返さなければなりません。', '2026-12-04T15:00:00+09:00', '本日12月4日（金）15時'],
    ['今月25日にカードの引き落としがあるので、それまでに返金してください。', '2026-12-25T00:00:00+09:00', '12月25日（金）'],
    ['母の誕生日（12月13日）に渡すつもりで注文したものです。', '2026-12-13T00:00:00+09:00', '12月13日（日）の誕生日'],
    ['今週土曜日の娘の誕生日会で使います。', '2026-12-05T00:00:00+09:00', '今週土曜日（12月5日）のお嬢様の誕生日会'],
    // A weekday is echoed in the customer's words, with the date it means.
    ['できれば月曜日までにお届けいただけると本当に助かります。', '2026-12-07T00:00:00+09:00', '月曜日（12月7日）'],
    ['大晦日に届くように今すぐ手配してください。', '2026-12-31T00:00:00+09:00', '大晦日（12月31日（木））'],
    ['12月22日の検収期限より前に、修正予定をご回答ください。', '2026-12-22T00:00:00+09:00', '12月22日（火）の検収期限'],
    // The shop's promise they quote is not their limit; the limit they set is.
    ['「今週中にお電話します」と言われたままです。来週月曜日までにご連絡ください。', '2026-12-07T00:00:00+09:00', '来週月曜日（12月7日）'],
    // 「それまでに」 points back at the date; 決済日 names the occasion before it.
    ['次回の決済日が12月25日なので、それまでに解約できると助かります。', '2026-12-25T00:00:00+09:00', '12月25日（金）の決済日'],
    // 「本日まで未着」 is how long they have waited, not when they need us.
    ['注文した資材が本日まで未着でございます。12月10日中の納品が必須です。', '2026-12-10T00:00:00+09:00', '12月10日（木）の納品'],
    // 「19日まででお願いします」 ends a span of service; the move is the date that limits us.
    ['12月20日に引っ越します。旧住所への配達は19日まででお願いします。', '2026-12-20T00:00:00+09:00', '12月20日（日）'],
    ['12月5日の0時締め切りと書いてあるのに、申し込めません。', '2026-12-05T00:00:00+09:00', '12月5日（土）0時の締め切り'],
    // Nouns with okurigana come from the drafts' one list (okurigana-nouns.ts), as the errand reads them.
    ['次回のお届けが12月8日（火）の予定ですが、その回から変更できますか。', '2026-12-08T00:00:00+09:00', '12月8日（火）のお届け'],
    ['手続きは12月中に済ませておきたいです。', '2026-12-31T23:59:00+09:00', '12月中（12月31日（木）まで）の手続き'],
    // Passing the day is what the customer fears: 〜を過ぎたら is a limit, not a past event.
    ['期限の10日を過ぎたら使えなくなってしまうので、それまでに解決をお願いします。', '2026-12-10T00:00:00+09:00', '12月10日（木）'],
    // The day an order was placed for is told in the past; the limit they set now wins.
    ['12月4日着で注文いたしました。代替品を5日（土）の午前11時までに届けてください。', '2026-12-05T11:00:00+09:00', '12月5日（土）11時'],
  ])('reads 「%s」 as a limit', (body, at, label) => {
    const deadline = findCustomerDeadline(body, FRIDAY_1030, manual);
    expect(iso(deadline?.at)).toBe(at);
    expect(deadline?.label).toBe(label);
  });

  it('answers 「本日中」 written in the morning by noon, so the customer can still act that day', () => {
    const early = new Date('2026-12-04T07:20:00+09:00');
    expect(iso(findCustomerDeadline('本日中にご回答ください。', early, manual)?.at)).toBe('2026-12-04T12:00:00+09:00');
  });

  it.each([
    ['本日午前に届いた冷凍ガニが解けていました。'],
    ['31日の夜にサイトを開いたところ、メンテナンス中でした。'],
    ['購入後10日で充電できなくなりました。'],
    ['年末調整のデータでエラーが出た際、丁寧に対応してくださいました。'],
    ['11月28日の13時から19時まで、予約システムが停止していました。'],
    // 〜には before a plain fact is a date, not a limit.
    ['12月3日には届くと聞いています。'],
    // Someone else's words in brackets: a promise made to them, a term printed on a page.
    ['「2週間以内に返金します」と言われてから、もう3週間です。'],
    ['規約にも「初期不良の場合は到着後7日以内に連絡」とあります。'],
    // Today named in a statement, today reached, a span of days.
    ['本日は11月30日です。カートでエラーが出ます。'],
    ['気づいたら今日になってしまいました。'],
    ['電源を入れて2日で異音がするようになりました。'],
    // A line quoting the shop's earlier mail is not the customer's deadline.
    ['> 台所下の水漏れについて、明日10時に伺います。\n\nとお返事をいただいてから、時間どおりに来ていただきました。'],
    // What the customer did up to today, told in the past.
    ['先週から今日までにメールを3通送りました。一通も返事がありません。'],
  ])('takes no deadline from 「%s」', (body) => {
    expect(findCustomerDeadline(body, new Date('2026-11-30T10:05:00+09:00'), manual)).toBeUndefined();
  });

  it('takes no limit from a weekend that only says when something is done', () => {
    expect(findCustomerDeadline('週末の昼に便利で、家族でよく使っています。', FRIDAY_1030, manual)).toBeUndefined();
  });

  it('does not take a past date that only says when something happened', () => {
    expect(findCustomerDeadline('11月30日に注文した商品がまだ届きません。昨日も問い合わせました。', FRIDAY_1030, manual)).toBeUndefined();
  });
});

describe('findCustomerDeadline: what the sentence around the day says', () => {
  it("reads the month a written weekday names: 「1日（火）」 on Friday the 4th is this month's, so it is past", () => {
    expect(findCustomerDeadline('1日（火）にフォームから問い合わせたきりです。', FRIDAY_1030, manual)).toBeUndefined();
    // Without the weekday, the 1st written on the 4th is next month's.
    expect(iso(findCustomerDeadline('1日までに返事をください。', FRIDAY_1030, manual)?.at)).toBe('2027-01-01T00:00:00+09:00');
  });

  it('takes no limit from a bare weekday something has gone on since', () => {
    expect(findCustomerDeadline('月曜にもこのアドレスに問い合わせたけど返事ないし。', FRIDAY_1030, manual)).toBeUndefined();
    expect(findCustomerDeadline('火曜から毎晩ネットが切れています。', FRIDAY_1030, manual)).toBeUndefined();
    expect(findCustomerDeadline('水曜からずっと止まったままです。', FRIDAY_1030, manual)).toBeUndefined();
    // 来週 names the day ahead: 「来週火曜から使う予定です」 is still a limit.
    expect(iso(findCustomerDeadline('来週火曜から使う予定です。', FRIDAY_1030, manual)?.at)).toBe('2026-12-08T00:00:00+09:00');
  });

  it('reads an occasion named in brackets, whatever its characters, with the day before it', () => {
    const deadline = findCustomerDeadline(
      '12月20日（日）の「市民オーケストラ・冬の定期演奏会」のチケットが届きません。',
      FRIDAY_1030,
      manual,
    );
    expect(deadline?.label).toBe('12月20日（日）の「市民オーケストラ・冬の定期演奏会」');
  });

  it('reads a day said to be a due date, and 「明日の朝一番に」', () => {
    expect(findCustomerDeadline('明後日は車検代の支払日なんです。', FRIDAY_1030, manual)?.label).toBe('明後日12月6日（日）');
    expect(findCustomerDeadline('明日の朝一番にお電話ください。', FRIDAY_1030, manual)?.label).toBe('明日12月5日（土）の朝');
  });
});

describe('findCustomerDeadline: how older and phone writers put the day', () => {
  it.each([
    // Kanji numerals, as in a letter: the day and the hour in digits for the patterns, the label in the house style.
    ['八日の火曜日に法事を控えておりますので、間に合いますかどうか。', '2026-12-08T00:00:00+09:00', '12月8日（火）'],
    ['十二月十日までにご返答をお願い申し上げます。', '2026-12-10T00:00:00+09:00', '12月10日（木）'],
    ['午後三時までに必要でございます。', '2026-12-04T15:00:00+09:00', '本日12月4日（金）15時'],
    // The date or weekday in brackets after a relative day, with spaces as a phone mail types them.
    ['あした（5日）の ごご 診察の 予約が あるのですが 時間を かえたいです', '2026-12-05T13:00:00+09:00', '明日12月5日（土）の午後'],
    // A time 〜ごろ before the occasion it is the time of, and それまでに further along the sentence.
    [
      '明日の朝9時ごろの新幹線で実家に帰らないといけないので、それまでに受け取りたいです。',
      '2026-12-05T09:00:00+09:00',
      '明日12月5日（土）9時の新幹線',
    ],
    // 週明け and the weekday both said: the draft repeats both.
    ['週明けの月曜日までにお電話がなければ、消費者センターに相談します。', '2026-12-07T00:00:00+09:00', '週明けの月曜日（12月7日）'],
    // A weekend the customer needs the answer for: a use, an occasion, or それまでに.
    ['今週末にまとめて作業したいので、それまでに分かると嬉しいです。', '2026-12-05T00:00:00+09:00', '今週末（12月5日（土））'],
    ['今週末のバザーで配る予定なので困っています。', '2026-12-05T00:00:00+09:00', '今週末（12月5日（土））のバザー'],
    // The weekend with its day in brackets, and a weekday that is tomorrow: both words, no repeated one.
    [
      '今週末（土曜）にまとめ買いをするので、それまでに使えるようにしてほしいです。',
      '2026-12-05T00:00:00+09:00',
      '今週末の土曜日（12月5日）',
    ],
    [
      '土曜の夜に親戚が集まるので心配です。明日中に届くかだけでも教えてください。',
      '2026-12-05T19:00:00+09:00',
      '明日の土曜日（12月5日）の夜',
    ],
  ])('reads 「%s」', (body, at, label) => {
    const deadline = findCustomerDeadline(body, FRIDAY_1030, manual);
    expect(iso(deadline?.at)).toBe(at);
    expect(deadline?.label).toBe(label);
  });

  it.each([
    // Today as the end of a wait told: no limit, so the day the customer needs the goods for wins.
    ['注文の品が本日に至るも届いておりません。'],
    ['今日で2週間以上、何の説明もありません。'],
    ['今日でもう3日目です。'],
    // 「一日」 alone is no date (一日中, 一日も早く).
    ['一日中電話をかけ続けましたが、つながりませんでした。'],
    ['十時間も待たされました。'],
    // A day of this month gone by is narrated (written on Friday the 4th), not next month's limit.
    ['追跡を見たら2日の13時に「持ち戻り」と出ていました。'],
  ])('takes no deadline from 「%s」', (body) => {
    expect(findCustomerDeadline(body, FRIDAY_1030, manual)).toBeUndefined();
  });

  it('reads the day an event is on past a wait counted to today', () => {
    const body = '十一月三十日に届く予定でしたが、本日に至るも届いておりません。実は十日の木曜日に法事を控えております。';
    expect(findCustomerDeadline(body, FRIDAY_1030, manual)?.label).toBe('12月10日（木）');
  });
});

describe('planPromise', () => {
  const usual = new Date('2026-12-07T18:00:00+09:00');

  it('keeps the usual promise without a deadline', () => {
    expect(planPromise(usual, undefined, FRIDAY_1030, calendar)).toEqual({ at: usual, withTime: false, atRisk: false });
  });

  it('promises an hour before a deadline that falls in business hours', () => {
    const deadline = findCustomerDeadline('本日15時の集荷までに必要です。', FRIDAY_1030, manual);
    expect(iso(planPromise(usual, deadline, FRIDAY_1030, calendar).at)).toBe('2026-12-04T14:00:00+09:00');
  });

  it('promises an hour before the close of the last business day before a Monday-morning deadline', () => {
    const deadline = findCustomerDeadline('12月7日の朝9時までに必要です。', FRIDAY_1030, manual);
    expect(iso(planPromise(usual, deadline, FRIDAY_1030, calendar).at)).toBe('2026-12-04T17:00:00+09:00');
  });

  it('flags the plan at risk when business hours leave no time', () => {
    const late = new Date('2026-12-04T17:45:00+09:00');
    const deadline = findCustomerDeadline('明日の朝までに必要です。', late, manual);
    expect(planPromise(usual, deadline, late, calendar).atRisk).toBe(true);
  });
});

describe('findCustomerDeadline: the day tied to what the customer asks', () => {
  it.each([
    // A day only told (a move, a postponed delivery) gives way to the day the request names.
    ['12月12日に施設へ入居することになりました。14日（月）の配達分から、こちらにお届けいただけますか。', '2026-12-14T00:00:00+09:00'],
    [
      '今日12月4日の予定が、昨日また延期になりました。次の配送日を7日の正午までに確約できないならキャンセルします。',
      '2026-12-07T12:00:00+09:00',
    ],
    // The request points back at a later day (「その回から」「間に合うか」) rather than naming it.
    [
      '12月5日に引っ越しますので、お届け先を変更したいです。次回が12月8日の予定なので、その回から新住所にお願いします。',
      '2026-12-08T00:00:00+09:00',
    ],
    ['今週末5日に引っ越します。次回のお届けが6日（日）の予定ですが、手続きが間に合うか心配です。', '2026-12-06T00:00:00+09:00'],
    // Asked only as a wish, it still beats the appointment the customer wants moved.
    ['12月26日（土）10時から清掃をお願いしている者です。日程を変更できますか。できれば年内に済ませたいです。', '2026-12-31T23:59:00+09:00'],
  ])('reads 「%s」', (body, at) => {
    expect(iso(findCustomerDeadline(body, FRIDAY_1030, manual)?.at)).toBe(at);
  });

  it("reads 「その前日までに」 as the day before the date named, in the customer's words", () => {
    const deadline = findCustomerDeadline(
      '来週火曜（8日）の会議でオーナーに見せる予定ですので、その前日までには修正版をいただけますでしょうか。',
      FRIDAY_1030,
      manual,
    );
    expect(iso(deadline?.at)).toBe('2026-12-07T00:00:00+09:00');
    expect(deadline?.label).toBe('来週火曜日（12月8日）の会議の前日（12月7日（月））');
  });

  it('reads 「今週末のうちに」 as a limit', () => {
    expect(iso(findCustomerDeadline('今週末のうちに一度見ていただけると助かります。', FRIDAY_1030, manual)?.at)).toBe(
      '2026-12-05T00:00:00+09:00',
    );
  });
});

describe('findCustomerDeadline: days named by an occasion or a bare number (received in February 2027)', () => {
  // Monday 8 February 2027; 11 February (Thursday) and 23 February (Tuesday) are public holidays.
  const MONDAY = new Date('2027-02-08T10:30:00+09:00');
  it.each([
    ['バレンタインまでに届くようにお願いします。', '2027-02-14T00:00:00+09:00', 'バレンタイン（2月14日（日））'],
    ['母の日に贈りたいので、それまでに届きますか。', '2027-05-09T00:00:00+09:00', '母の日（5月9日（日））'],
    ['年度末までに納品が必要です。', '2027-03-31T23:59:00+09:00', '年度末（3月31日（水）まで）'],
    ['月末までに返金してください。', '2027-02-28T23:59:00+09:00', '月末（2月28日（日）まで）'],
    ['20日までに回答をください。', '2027-02-20T00:00:00+09:00', '2月20日（土）'],
    ['27日に使うので、それまでに届けてください。', '2027-02-27T00:00:00+09:00', '2月27日（土）'],
    ['木曜までにお返事いただけますか。', '2027-02-11T00:00:00+09:00', '木曜日（2月11日）'],
    ['あさってまでに必要です。', '2027-02-10T00:00:00+09:00', '明後日2月10日（水）'],
    ['来週火曜の朝までに連絡ください。', '2027-02-16T09:00:00+09:00', '来週火曜日（2月16日）の朝'],
    ['3月中に手続きを終えたいです。', '2027-03-31T23:59:00+09:00', '3月中（3月31日（水）まで）'],
    // A third of a month from its first day, the earliest the customer may mean.
    ['3月上旬までに届けてください。', '2027-03-01T00:00:00+09:00', '3月上旬'],
    ['来月中旬に使いたいです。', '2027-03-11T00:00:00+09:00', '来月中旬'],
    ['来月頭までに必要です。', '2027-03-01T00:00:00+09:00', '来月頭（3月1日（月））'],
    ['来週早々にご回答ください。', '2027-02-15T00:00:00+09:00', '来週早々（2月15日（月））'],
    ['今週のうちにご連絡ください。', '2027-02-12T23:59:00+09:00', '今週中（2月12日（金）まで）'],
    // A bare weekday that is today's is next week's: today would be 「今日」.
    ['月曜の朝までに必要です。', '2027-02-15T09:00:00+09:00', '月曜日（2月15日）の朝'],
    // An occasion with its date elsewhere in the mail, and the day before it.
    ['引越しは2月20日です。引越しの日までに解約したいです。', '2027-02-20T00:00:00+09:00', '2月20日（土）の引越し'],
    ['卒業式は3月10日です。その前日までに届けてほしいです。', '2027-03-09T00:00:00+09:00', '3月10日（水）の卒業式の前日（3月9日（火））'],
    [
      '卒業式は3月10日です。卒業式の前日までに届けてほしいです。',
      '2027-03-09T00:00:00+09:00',
      '3月10日（水）の卒業式の前日（3月9日（火））',
    ],
    ['決算が2月26日なので、それまでに請求書を再発行してください。', '2027-02-26T00:00:00+09:00', '2月26日（金）の決算'],
  ])('reads 「%s」', (body, at, label) => {
    const deadline = findCustomerDeadline(body, MONDAY, manual);
    expect(iso(deadline?.at)).toBe(at);
    expect(deadline?.label).toBe(label);
  });

  it.each([
    ['卒業式の前日までに届けてほしいです。', '卒業式の前日'],
    ['決算前に処理を終えたいので、早めにご対応ください。', '決算前'],
    ['娘の入学式に間に合わせたいです。', 'お嬢様の入学式'],
  ])('acknowledges 「%s」, an occasion with no date, in the customer words and without a time', (body, label) => {
    const deadline = findCustomerDeadline(body, MONDAY, manual);
    expect(deadline).toEqual({ text: expect.any(String), label });
    expect(deadline?.at).toBeUndefined();
  });

  it.each([
    ['先週金曜日に見積もりをお願いするメールをお送りしました。'],
    ['先週の木曜日に抜歯をしていただいた山内です。'],
    // 「にでも」 is no limit.
    ['また来年の父の日にでも改めて利用させていただきます。'],
    // An occasion right after a date gone by has that date: never undated.
    ['2月1日の誕生日に間に合うように注文した花束ですが、まだ届きません。'],
  ])('takes no deadline from 「%s」', (body) => {
    expect(findCustomerDeadline(body, MONDAY, manual)).toBeUndefined();
  });

  it.each([
    // Across the turn of the month and the year.
    ['月末までに返金してください。', '2026-12-30T10:00:00+09:00', '2026-12-31T23:59:00+09:00'],
    ['月末までに返金してください。', '2027-01-31T20:00:00+09:00', '2027-01-31T23:59:00+09:00'],
    ['20日までに回答をください。', '2026-12-25T10:00:00+09:00', '2027-01-20T00:00:00+09:00'],
    ['元旦に届くようにお願いします。', '2026-12-30T10:00:00+09:00', '2027-01-01T00:00:00+09:00'],
    ['バレンタインまでに届けてください。', '2027-02-15T10:00:00+09:00', '2028-02-14T00:00:00+09:00'],
    ['年度末までに納品が必要です。', '2027-04-08T10:00:00+09:00', '2028-03-31T23:59:00+09:00'],
  ])('reads 「%s」 received at %s as %s', (body, received, at) => {
    expect(iso(findCustomerDeadline(body, new Date(received), manual)?.at)).toBe(at);
  });
});

describe('findCustomerDeadline: a bare date, weekday or month-end read against the mail (received Monday 8 February 2027)', () => {
  const MONDAY = new Date('2027-02-08T10:30:00+09:00');
  it.each([
    // 月末締め is a limit when the customer needs something by it.
    ['当社は月末締めなので、それまでに請求書を送ってください。', '2027-02-28T23:59:00+09:00', '月末（2月28日（日）まで）'],
    ['うちは月末〆で精算するので、それまでに領収書をいただけますか。', '2027-02-28T23:59:00+09:00', '月末（2月28日（日）まで）'],
    // 毎月N日: the next one, this month's or the next.
    ['解約は毎月25日の締め日までに連絡が必要とのことでした。', '2027-02-25T00:00:00+09:00', '2月25日（木）の締め日'],
    ['毎月5日の締めまでに申し込みたいです。', '2027-03-05T00:00:00+09:00', '3月5日（金）の締め'],
    // A bare weekday the mail has given a date for elsewhere is that day, not the next one.
    ['2月26日（金）に法事があります。金曜までに届けてください。', '2027-02-26T00:00:00+09:00', '2月26日（金）'],
    [
      '納品は金曜の朝に間に合えば大丈夫でしょうか。会場の設営は2月19日（金）です。',
      '2027-02-19T09:00:00+09:00',
      '金曜日（2月19日）の朝の納品',
    ],
    // What the mail is about (について) is no occasion; the limit asked for wins.
    ['水曜の午前中までに報告書をください。今日の損害についても説明を求めます。', '2027-02-10T12:00:00+09:00', '水曜日（2月10日）の午前中'],
    // A time moved from one hour to another is no limit of today's.
    ['夕食を18時から19時に変更できますか。今週中に手続きを済ませたいです。', '2027-02-12T23:59:00+09:00', '今週中（2月12日（金）まで）'],
  ])('reads 「%s」', (body, at, label) => {
    const deadline = findCustomerDeadline(body, MONDAY, manual);
    expect(iso(deadline?.at)).toBe(at);
    expect(deadline?.label).toBe(label);
  });

  it.each([
    ['お支払いは毎月月末締め、翌月末払いでお願いしております。'],
    ['会議の開始を10時から11時にずらしていただけますか。'],
    ['今日の障害についての説明を求めます。'],
  ])('takes no deadline from 「%s」', (body) => {
    expect(findCustomerDeadline(body, MONDAY, manual)).toBeUndefined();
  });

  it('keeps the next weekday when the dated day of that weekday is more than five weeks away', () => {
    const deadline = findCustomerDeadline('4月30日（金）に開店します。金曜までにお返事ください。', MONDAY, manual);
    expect(iso(deadline?.at)).toBe('2027-02-12T00:00:00+09:00');
  });
});

describe('planPromise: occasions and holidays', () => {
  const usual = new Date('2027-02-12T18:00:00+09:00');

  it('promises before a deadline on a public holiday by the last business day before it', () => {
    // 木曜 is 11 February, 建国記念の日: the promise is Wednesday's close, an hour before it.
    const received = new Date('2027-02-09T16:00:00+09:00');
    const deadline = findCustomerDeadline('木曜までにお返事いただけますか。', received, manual);
    const plan = planPromise(usual, deadline, received, calendar);
    expect(iso(plan.at)).toBe('2027-02-10T17:00:00+09:00');
    expect(plan.atRisk).toBe(false);
  });

  it('flags an occasion with no date: the usual promise, at risk, so a person reads it now', () => {
    const received = new Date('2027-02-08T10:30:00+09:00');
    const deadline = findCustomerDeadline('卒業式の前日までに届けてほしいです。', received, manual);
    expect(planPromise(usual, deadline, received, calendar)).toEqual({ at: usual, withTime: false, atRisk: true });
  });

  it('flags 「月末までに」 written on the month’s last evening, when no business hours are left', () => {
    const received = new Date('2027-01-31T20:00:00+09:00');
    const deadline = findCustomerDeadline('月末までに返金してください。', received, manual);
    expect(planPromise(usual, deadline, received, calendar).atRisk).toBe(true);
  });
});
