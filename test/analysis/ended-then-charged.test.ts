import { describe, expect, it } from 'vitest';
import { endedThenCharged } from '../../src/analysis/ended-then-charged.js';

describe('endedThenCharged', () => {
  it.each([
    // The end is done; what is asked for is the money: a wrong charge.
    ['無料期間中に解約したのに請求されています。すぐに返金してください。', 'billing'],
    ['11月中に管理画面から解約手続きを済ませました。にもかかわらず更新料が請求されました。すぐに全額返金してください。', 'billing'],
    ['退会済みなのに今月も引き落とされました。請求の停止と返金をお願いします。', 'billing'],
    // 「解約したのに…おかしくないですか」 argues from the end; it does not ask about it.
    ['解約したのに請求するのはおかしくないですか。返金してください。', 'billing'],
    // The end itself is asked for, or whether it went through.
    ['解約したのに課金されています。返金と、解約がちゃんとできているかの確認をお願いします。', 'subscription-cancellation'],
    ['解約後も請求が来ました。12月分の返金と、11月のお届けをもって解約させてください。', 'subscription-cancellation'],
    ['解約できているか不安です\n先週解約手続きをしたのですが、来月分が引き落とされないか心配です。', 'subscription-cancellation'],
  ])('reads 「%s」 as %s', (text, scenario) => {
    expect(endedThenCharged(text)).toBe(scenario);
  });

  it.each([
    // No end told as done, or no charge: the rule does not speak.
    ['定期便を今月で解約したいです。'],
    ['二重に請求されています。返金してください。'],
    ['解約手続きをしました。ありがとうございました。'],
  ])('stays out of 「%s」', (text) => {
    expect(endedThenCharged(text)).toBeUndefined();
  });
});
