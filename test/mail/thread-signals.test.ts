import { describe, expect, it } from 'vitest';
import { countPriorContacts, readSubjectPrefixes } from '../../src/mail/thread-signals.js';

describe('readSubjectPrefixes', () => {
  it.each([
    ['返金の件', 0, false],
    ['Re: 返金の件', 1, false],
    ['Re: Re: Re: 返金の件', 3, false],
    ['RE: re: 返金の件', 2, false],
    ['Re[2]: 返金の件', 2, false],
    ['Re(3): 返金の件', 3, false],
    ['返信: 返金の件', 1, false],
    ['ＲＥ：返金の件', 1, false],
    ['Fw: Re: 返金の件', 1, true],
    ['Fwd: 返金の件', 0, true],
    ['転送: Re: 返金の件', 1, true],
    ['[support:01234] Re: Re: 返金の件', 2, false],
    ['Report: 月次', 0, false],
  ])('reads %s as depth %i', (subject, replyDepth, forwarded) => {
    expect(readSubjectPrefixes(subject)).toEqual({ replyDepth, forwarded });
  });
});

describe('countPriorContacts', () => {
  const sender = { name: '山田 太郎', address: 'Taro@Example.jp' };

  it('counts quoted messages the sender wrote, by address', () => {
    const history = [
      { author: { address: 'support@shop.example.jp' }, lines: ['確認中です。'] },
      { author: { address: 'taro@example.jp' }, lines: ['届きません。'] },
      { author: { address: 'taro@example.jp' }, lines: ['注文しました。'] },
    ];
    expect(countPriorContacts(history, sender)).toBe(2);
  });

  it('matches by name when the quote gives no address', () => {
    expect(countPriorContacts([{ author: { name: '山田太郎' }, lines: ['届きません。'] }], sender)).toBe(1);
  });

  it('counts one earlier inquiry when a quoted reply thanks for it', () => {
    expect(countPriorContacts([{ lines: ['お問い合わせありがとうございます。'] }], sender)).toBe(1);
  });

  it('finds none in a history of announcements', () => {
    expect(countPriorContacts([{ author: { address: 'noreply@shop.example.jp' }, lines: ['発送しました。'] }], sender)).toBe(0);
  });
});
