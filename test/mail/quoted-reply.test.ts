import { describe, expect, it } from 'vitest';
import { stripQuotedReply } from '../../src/mail/quoted-reply.js';

const NEW_TEXT = '返金はまだですか。\n至急ご確認ください。';

describe('stripQuotedReply', () => {
  it.each([
    ['-----Original Message-----', '-----Original Message-----\nFrom: support@shop.example.jp\n\n確認します。'],
    ['--- 元のメッセージ ---', '--- 元のメッセージ ---\n差出人: サポート\n\n確認します。'],
    ['-----元のメッセージ-----', '-----元のメッセージ-----\n確認します。'],
    ['Forwarded message', '---------- Forwarded message ---------\nFrom: shop <noreply@shop.example.jp>\n\n発送しました。'],
    ['転送メッセージ', '-------- 転送メッセージ --------\n件名: 発送\n\n発送しました。'],
    ['Begin forwarded message:', 'Begin forwarded message:\n\n発送しました。'],
    ['a Gmail JA date header', '2026年11月20日(金) 10:15 山田太郎 <taro@example.jp>:\n\n確認します。'],
    ['an Apple Mail JA header', '2026/11/20 10:15、サポート <support@shop.example.jp>のメッセージ:\n\n確認します。'],
    ['「さんは書きました:」', 'サポート窓口さんは書きました:\n確認します。'],
    [
      'an English Outlook block',
      'From: Support <support@shop.example.jp>\nSent: Friday, November 20, 2026 10:15 AM\nTo: taro@example.jp\nSubject: RE: refund\n\nWe will check.',
    ],
    [
      'a Japanese Outlook block',
      '差出人: サポート <support@shop.example.jp>\n送信日時: 2026年11月20日 10:15\n宛先: taro@example.jp\n件名: RE: 返金\n\n確認します。',
    ],
  ])('cuts the history at %s', (_, history) => {
    const result = stripQuotedReply(`${NEW_TEXT}\n\n${history}\n`);
    expect(result.text).toBe(NEW_TEXT);
    expect(result.quotedLines).toBe(history.split('\n').filter((line) => line.trim() !== '').length);
    expect(result.history.length).toBeGreaterThanOrEqual(1);
  });

  it('removes > and ＞ quoted lines but keeps inline answers between them', () => {
    const result = stripQuotedReply('回答します。\n\n> 色は？\n黒です。\n＞ 数量は？\n2個です。');
    expect(result.text).toBe('回答します。\n\n黒です。\n2個です。');
    expect(result.quotedLines).toBe(2);
  });

  it('removes an attribution together with the quote below it, even above the new text', () => {
    const result = stripQuotedReply(
      'On Fri, Nov 20, 2026 at 10:15 AM Support <support@shop.example.jp> wrote:\n> 確認します。\n\nまだですか。',
    );
    expect(result.text).toBe('まだですか。');
    expect(result.history[0]?.author).toEqual({ address: 'support@shop.example.jp' });
  });

  it('does not cut at a customer sentence that ends in 書きました：', () => {
    const text = '前回のメールにこう書きました：\n商品が届かないので返金してほしい、と。\nまだ返事がありません。';
    expect(stripQuotedReply(text).text).toBe(text);
  });

  it('keeps the forwarded text when the mail is only a forward', () => {
    const result = stripQuotedReply(
      '---------- Forwarded message ---------\nFrom: 佐藤 <sato@example.jp>\nDate: 2026年11月20日\nSubject: 破損\nTo: desk@example.jp\n\n商品が破損していました。',
    );
    expect(result.text).toBe('商品が破損していました。');
    expect(result.history[0]?.author).toEqual({ address: 'sato@example.jp', name: '佐藤' });
  });

  it('reads nested quoted messages and their authors', () => {
    const result = stripQuotedReply(
      'まだです。\n\n2026年11月19日 18:02 Support <support@shop.example.jp>:\n> 確認中です。\n>\n> 2026年11月18日 9:00 山田 <taro@example.jp>:\n>> 届きません。',
    );
    expect(result.history.map((message) => message.author?.address)).toEqual(['support@shop.example.jp', 'taro@example.jp']);
    expect(result.history[1]?.lines).toEqual(['届きません。']);
  });

  it('keeps every line of a mail without history, unchanged', () => {
    const text = '  インデントも　全角スペースも  \nそのまま残します。';
    expect(stripQuotedReply(text)).toEqual({ text, quotedLines: 0, history: [] });
  });
});
