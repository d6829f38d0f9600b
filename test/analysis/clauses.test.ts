import { beforeAll, describe, expect, it } from 'vitest';
import { quotedTokens, segmentClauses } from '../../src/analysis/clauses.js';
import type { Tokenizer } from '../../src/analysis/tokenizer/index.js';
import { sharedTokenizer } from '../support/engine.js';

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await sharedTokenizer();
});

/** Clauses as text with how each ends, e.g. ['心配でしたが、|が|past', …]. */
function clausesOf(text: string): string[] {
  const tokens = tokenizer.tokenize(text);
  return segmentClauses(tokens).map(
    (c) =>
      `${tokens
        .slice(c.tokenStart, c.tokenEnd)
        .map((t) => t.surface)
        .join('')}|${c.end}|${c.sentence}${c.past ? '|past' : ''}${c.question ? '|?' : ''}`,
  );
}

describe('segmentClauses', () => {
  it('splits at が and keeps the comma with the clause it closes', () => {
    expect(clausesOf('心配していましたが、今のところ全く問題ありません。')).toEqual([
      '心配していましたが、|が|0|past',
      '今のところ全く問題ありません。|sentence|0',
    ]);
  });

  it('does not split at て (困って いる is one predicate) but does at ても', () => {
    expect(clausesOf('壊れても交換してもらえるので安心です')).toEqual([
      '壊れても|ても|0',
      '交換してもらえるので|ので|0',
      '安心です|text|0',
    ]);
    expect(clausesOf('肌荒れがひどくて困っていました')).toEqual(['肌荒れがひどくて困っていました|text|0|past']);
  });

  it('closes 〜にもかかわらず as the written のに', () => {
    expect(clausesOf('解約したにもかかわらず、請求されております。')).toEqual([
      '解約したにもかかわらず、|のに|0|past',
      '請求されております。|sentence|0',
    ]);
  });

  it('reads conditionals written as auxiliaries (たら, なら) and ば', () => {
    expect(clausesOf('届いたら連絡します。遅れれば困ります')).toEqual([
      '届いたら|たら|0',
      '連絡します。|sentence|0',
      '遅れれば|ば|1',
      '困ります|text|1',
    ]);
  });

  it('counts sentences at ！？ and line breaks, and marks questions', () => {
    expect(clausesOf('まだですか？待っています')).toEqual(['まだですか？|sentence|0|?', '待っています|text|1']);
    expect(clausesOf('まだです\n待っています')).toEqual(['まだです\n|sentence|0', '待っています|text|1']);
  });

  it('keeps a line break right after 。 with its sentence (no empty sentence between 「ました。」 and 「でも」)', () => {
    expect(clausesOf('心配していました。\nでも無事でした')).toEqual(['心配していました。\n|sentence|0|past', 'でも無事でした|text|1|past']);
    expect(clausesOf('いつ届きますか')).toEqual(['いつ届きますか|text|0|?']);
  });

  it('ends sentences at half-width ?! too (NFKC makes them ASCII, which IPADIC tags as nouns)', () => {
    expect(clausesOf('大丈夫でしょうか?問題ない!')).toEqual(['大丈夫でしょうか?|sentence|0|?', '問題ない!|sentence|1']);
  });

  it('ends a sentence at a closing parenthesis joined to 。 (kuromoji gives 「(笑)。」 the token 「)。」)', () => {
    expect(clausesOf('うんざりです(笑)。また頼みます')).toEqual(['うんざりです(笑)。|sentence|0', 'また頼みます|text|1']);
  });

  it('does not split at the comma of a digit group (3,980円)', () => {
    expect(clausesOf('金額は3,980円のままでした')).toEqual(['金額は3,980円のままでした|text|0|past']);
  });

  it('is empty for no tokens', () => {
    expect(segmentClauses([])).toEqual([]);
  });
});

describe('quotedTokens', () => {
  it('marks the words inside 「」 and 『』 but not the brackets', () => {
    const tokens = tokenizer.tokenize('『ひどい話』という本を読みました');
    const quoted = quotedTokens(tokens);
    expect(
      tokens
        .filter((_, i) => quoted[i])
        .map((t) => t.surface)
        .join(''),
    ).toBe('ひどい話');
  });

  it('quotes nothing after an unclosed bracket', () => {
    const tokens = tokenizer.tokenize('「ひどい対応です。本当に困っています');
    expect([...quotedTokens(tokens)].every((q) => q === 0)).toBe(true);
  });
});
