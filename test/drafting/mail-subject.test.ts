import { describe, expect, it } from 'vitest';
import { quotableSubject, readSubject } from '../../src/drafting/mail-subject.js';

describe('readSubject', () => {
  it.each([
    ['ワインが割れて届きました', { concern: 'ワインが割れて届きました' }],
    ['【至急】お通夜の供花が違います', { concern: 'お通夜の供花が違います' }],
    ['定期便を解約させてください', { concern: '定期便を解約させてください' }],
    ['寝袋の対応温度について質問です', { about: '寝袋の対応温度' }],
    // 「〜をお願いします」 leaves the thing asked for, not a dangling を.
    ['注文のキャンセルをお願いします', { about: '注文のキャンセル' }],
    ['Re: 10ギガプランへの変更について', { about: '10ギガプランへの変更' }],
    ['腎臓病の猫に与えてもよいフードか', { about: '腎臓病の猫に与えてもよいフードか' }],
    ['返信まだですか', {}],
    // A feeling that names nothing is no concern to quote.
    ['ﾏｼﾞでありえない', {}],
    // A noun phrase asked about names the topic (「また」 is no part of it).
    ['またメンテ延長ですか', { about: 'メンテ延長' }],
    // A thanks names what it thanks for; whom it is addressed to is no part of it.
    ['ありがとうございました 京都ツアー', { about: '京都ツアー' }],
    ['先日の内見のお礼', { about: '先日の内見' }],
    ['添乗員の松井さんへ', { about: '添乗員の松井' }],
    ['いつもありがとうございます', {}],
    // The customer's family, named politely.
    ['息子の成績について', { about: 'ご子息様の成績' }],
  ])('reads 「%s」', (subject, expected) => {
    expect(readSubject(subject, [])).toEqual(expected);
  });

  it('never quotes a subject that carries anger', () => {
    const evidence = [{ field: 'subject', category: 'anger' }];
    expect(readSubject('二度と使いません', evidence)).toEqual({});
    expect(quotableSubject('二度と使いません', evidence)).toBe('お問い合わせ');
  });

  it('quotes a subject whose only evidence is urgency', () => {
    expect(readSubject('【至急】認証コードが届きません', [{ field: 'subject', category: 'urgency' }])).toEqual({
      concern: '認証コードが届きません',
    });
  });
});
