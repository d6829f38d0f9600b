import { describe, expect, it } from 'vitest';
import { readAskedClause } from '../../src/drafting/asked-clause.js';

describe('readAskedClause: the errand in the customer’s own words', () => {
  it.each([
    ['定期便の届け先を、来月から実家に変更できますか。', '定期便の届け先を、来月から実家に変更できますか', true],
    [
      'お手数ですが、領収書の宛名を会社名で再発行していただけますでしょうか。',
      '領収書の宛名を会社名で再発行していただけますでしょうか',
      true,
    ],
    [
      'いつもありがとうございます。\n年間プランから月額プランに切り替えたいのですが。',
      '年間プランから月額プランに切り替えたいのですが',
      false,
    ],
  ])('quotes the asking clause of %s', (mail, text, question) => {
    expect(readAskedClause(mail)).toEqual({ text, question });
  });

  it.each([
    ['なぜ何度も同じ説明をさせるのですか。'], // a reproach, not an errand
    ['サポートに「再起動してください」と言われましたが直りません。'], // someone else's words
    ['よろしくお願いいたします。'], // courtesy only
    ['> 住所を変更してください。\n以上です。'], // a quoted line
  ])('quotes nothing from %s', (mail) => {
    expect(readAskedClause(mail)).toBeUndefined();
  });

  it('does not quote the words of anger the analysis found', () => {
    expect(readAskedClause('こんな不良品の代金を返金してください。', [{ text: '不良品' }])).toBeUndefined();
  });

  it('skips a run without sentence ends (a pasted log, a comma chain) and reads the sentences after it', () => {
    const chain = `${'エラー、'.repeat(5_000)}再送できますか。`;
    expect(readAskedClause(chain)).toBeUndefined();
    expect(readAskedClause(`${chain}\n請求書を再送していただけますか。`)).toEqual({
      text: '請求書を再送していただけますか',
      question: true,
    });
  });
});
