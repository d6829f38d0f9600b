/**
 * The tone of a pasted mail is the customer's new text: quoted history under it (「> 」 lines, an
 * earlier message below a separator or a mail client's header block) carries no evidence, whatever
 * it says, and is shown as not counted. The same lines are what src/mail strips from a raw mail.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisEngine } from '../../src/analysis/analyze.js';
import { quotedHistoryRanges, withoutQuotedHistory } from '../../src/analysis/quoted-history.js';
import { sharedEngine } from '../support/engine.js';

let engine: AnalysisEngine;
beforeAll(async () => {
  engine = await sharedEngine();
});

const EARLIER_COMPLAINT = '何度問い合わせても返事がありません。いい加減にしてください。至急対応してください。';
const THANKS = 'お世話になっております。ご対応ありがとうございました。無事に届きました。';

/** The text of each range, for readable expectations. */
const historyOf = (text: string) => quotedHistoryRanges(text).map(([from, to]) => text.slice(from, to));

describe('quotedHistoryRanges', () => {
  it('finds nothing in a mail without quoting', () => {
    expect(quotedHistoryRanges(`${THANKS}\n\n山田`)).toEqual([]);
  });

  it('takes 「> 」 lines, with the attribution line above them', () => {
    const text = `${THANKS}\n\n2026年12月1日(火) 10:15 山田太郎 <taro@example.jp>:\n> 届いていません。\n> 至急確認してください。`;
    expect(historyOf(text)).toEqual(['2026年12月1日(火) 10:15 山田太郎 <taro@example.jp>:\n> 届いていません。\n> 至急確認してください。']);
  });

  it('takes everything below a separator or a header block, CRLF or not', () => {
    const separated = `${THANKS}\r\n\r\n-----Original Message-----\r\nFrom: 山田\r\n${EARLIER_COMPLAINT}`;
    expect(historyOf(separated)).toEqual([`-----Original Message-----\r\nFrom: 山田\r\n${EARLIER_COMPLAINT}`]);
    const outlook = `${THANKS}\n\n差出人: 山田 太郎\n送信日時: 2026年12月1日 10:15\n宛先: support@example.jp\n件名: 至急\n\n${EARLIER_COMPLAINT}`;
    expect(historyOf(outlook).join('')).toContain(EARLIER_COMPLAINT);
  });

  it('keeps the customer’s answers between quoted lines', () => {
    const text = '> 商品はお手元に届きましたか。\n届いていません。\n> 差し支えなければ注文番号を教えてください。\n12345です。';
    expect(historyOf(text)).toEqual(['> 商品はお手元に届きましたか。', '> 差し支えなければ注文番号を教えてください。']);
  });

  it('reads a forward without a note of its own as the text, dropping only its header', () => {
    const text = `---------- Forwarded message ---------\nFrom: 山田 <taro@example.jp>\nDate: 2026年12月1日\nSubject: 至急\n\n${EARLIER_COMPLAINT}`;
    expect(historyOf(text).join('\n')).not.toContain('いい加減');
  });

  it('ends a forward at a closing rule as wide as its opening, and reads the note under it as the writer’s', () => {
    const forwarded =
      '-------- Forwarded Message --------\n荷物届いたよ。箱が少しへこんでたけど大丈夫。\n-----------------------------------';
    const text = `父から下記のメールが来ました。\n\n${forwarded}\n\n念のため、中身に傷がないか確認したいです。`;
    expect(historyOf(text)).toEqual([forwarded]);
    // A rule of another width (a signature's frame inside the forward) closes nothing.
    const signed = `転送します。\n\n-------- Forwarded Message --------\n届きました。\n----------\n山田\n\n${EARLIER_COMPLAINT}`;
    expect(historyOf(signed).join('')).toContain(EARLIER_COMPLAINT);
  });

  it('sets nothing aside in a paste that is nothing but quotes: it is the message', () => {
    expect(quotedHistoryRanges('> 返品の件、まだ返金されていません。\n>\n> どうなっているのでしょうか。')).toEqual([]);
  });

  it('gives the writer’s own lines without the history', () => {
    expect(withoutQuotedHistory(`承知しました。\n> 保証書を同封してください。\n確認します。`)).toBe('承知しました。\n\n確認します。');
  });

  it('stays linear on a mail quoted line by line', () => {
    const text = Array.from({ length: 20_000 }, (_, i) => (i % 2 ? '> 引用です' : '了解しました')).join('\n');
    expect(quotedHistoryRanges(text)).toHaveLength(10_000);
  });
});

describe('the tone of a pasted mail with its history', () => {
  it('reads a thank-you calm although the complaint it answers is quoted under it', () => {
    for (const body of [
      `${THANKS}\n\n> ${EARLIER_COMPLAINT}`,
      `${THANKS}\n\n-----Original Message-----\nFrom: 山田\n${EARLIER_COMPLAINT}`,
      `${THANKS}\n\nOn Tue, 1 Dec 2026 at 10:15, 山田 <taro@example.jp> wrote:\n> ${EARLIER_COMPLAINT}`,
    ]) {
      const result = engine.analyze({ body });
      expect(result.level, body).toBe('calm');
      expect(result.notCounted).toContainEqual(expect.objectContaining({ why: 'quoted' }));
    }
  });

  it('keeps the anger of the new text above a quoted apology, with offsets into the body as sent', () => {
    const body = 'いい加減にしてください。何度目ですか。\n\n> この度はご迷惑をおかけし、誠に申し訳ございません。';
    const result = engine.analyze({ body });
    expect(['angry', 'furious']).toContain(result.level);
    expect(result.evidence.some((e) => e.text.startsWith('いい加減'))).toBe(true);
    for (const e of result.evidence) expect(body.slice(e.start, e.end)).toBe(e.text);
  });

  it('lets the history count when the new text presses on it, as the customer’s own earlier words', () => {
    const history = `\n\n-----Original Message-----\nFrom: 山田\n${EARLIER_COMPLAINT}`;
    const chasing = engine.analyze({ body: `先日の件、まだ返事をいただけていません。${history}` });
    const alone = engine.analyze({ body: '先日の件、まだ返事をいただけていません。' });
    expect(chasing.anger).toBeGreaterThan(alone.anger);
    expect(chasing.evidence.some((e) => e.text.startsWith('いい加減'))).toBe(true);
  });
});
