import { describe, expect, it } from 'vitest';
import { asksOfUs } from '../../src/analysis/asks-of-us.js';

describe('asksOfUs', () => {
  it.each([
    ['補修の方法などあれば教えていただけますでしょうか。'],
    ['正直かなりがっかりしましたので、返金をお願いできますか。'],
    ['次回の接種も予定通りで問題ないでしょうか。'],
    ['写真送るので対応お願いします。'],
  ])('reads an ask in 「%s」', (text) => {
    expect(asksOfUs(text)).toBe(true);
  });

  it.each([
    // Thanks passed on, a courtesy, an exclamation shaped as a question, someone else's question quoted.
    ['担当の方にどうぞよろしくお伝えください。'],
    ['次の案件もぜひお願いしたいので、また相談させてください。'],
    ['新イベントやばすぎません？'],
    ['寒さ厳しき折、皆様いかがお過ごしでしょうか。'],
    ['皆様お変わりございませんでしょうか。'],
    ['「何かお困りですか」と声をかけてくださいました。'],
  ])('reads no ask in 「%s」', (text) => {
    expect(asksOfUs(text)).toBe(false);
  });
});
