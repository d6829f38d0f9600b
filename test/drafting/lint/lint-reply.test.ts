import fc from 'fast-check';
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { LintFinding, lintReply } from '../../../src/drafting/lint/index.js';
import { rules, tokenizer } from './rule-tester.js';

/** The shape of a draft ondo's composer writes: it must lint clean, even for a furious customer. */
const COMPOSED =
  '山田様\n\nいつも〇〇ストアをご利用いただき、誠にありがとうございます。\n' +
  'このたびは、ご注文の商品がまだ届いていないとのこと、ご不便とご心配をおかけしており大変申し訳ございません。\n' +
  '恐れ入りますが、配送状況を確認いたしますので、【注文番号】をお知らせいただけますでしょうか。\n' +
  '11月27日（金）18:00までに、確認結果をご連絡いたします。\n' +
  '引き続きどうぞよろしくお願いいたします。\n\n〇〇ストア カスタマーサポート 佐藤';

const BAD =
  '松本様\n\nお世話になっております。\n開封済み商品の交換はお受けできません。\n' +
  '先ほども申し上げた通り、開封後の返品は承っておりません。\n' +
  '詳しくは追ってご連絡しますので、しばらくお待ちください。\n' +
  'お手元の控えをご確認ください。';

const checkFinding = Compile(LintFinding);

describe('lintReply', () => {
  it.each(['calm', 'concerned', 'angry', 'furious', undefined] as const)('passes a composed draft with zero findings (%s)', (level) => {
    expect(lintReply(COMPOSED, { customerLevel: level, rules, tokenizer })).toEqual([]);
  });

  it('lists findings in text order, each valid against the LintFinding schema', () => {
    const findings = lintReply(BAD, { customerLevel: 'angry', rules, tokenizer });
    expect(findings.map((f) => [f.ruleId, f.text])).toEqual([
      ['refusal-first', '開封済み商品の交換はお受けできません。'],
      ['no-empathy', '開封済み商品の交換はお受けできません。'],
      ['no-thanks', '開封済み商品の交換はお受けできません。'],
      ['bare-refusal', 'お受けできません'],
      ['blame', '先ほども申し上げた通り'],
      ['bare-refusal', '承っておりません'],
      ['vague-timing', '追って'],
      ['vague-timing', 'しばらく'],
      ['bare-command', 'ご確認ください'],
    ]);
    for (const finding of findings) expect(checkFinding.Check(finding), JSON.stringify(finding)).toBe(true);
  });

  it('gives severities from rules.yaml', () => {
    const severities = Object.fromEntries(lintReply(BAD, { customerLevel: 'angry', rules, tokenizer }).map((f) => [f.ruleId, f.severity]));
    expect(severities).toEqual({
      'refusal-first': 'error',
      'bare-refusal': 'error',
      'no-empathy': 'error',
      'no-thanks': 'warning',
      blame: 'error',
      'vague-timing': 'warning',
      'bare-command': 'warning',
    });
  });

  it('reports offsets in the reply as written, not in its normalised form', () => {
    // 全角英数字・半角カナは NFKC でそろえて探し、位置は元の文字列で返す
    const reply = 'ＩＤ：ＡＢ－１２３のｸｰﾎﾟﾝは、セール品にはご利用いただけません。';
    const [finding] = lintReply(reply, { rules, tokenizer }).filter((f) => f.ruleId === 'bare-refusal');
    expect(finding?.text).toBe('ご利用いただけません');
    expect(reply.slice(finding!.start, finding!.end)).toBe('ご利用いただけません');
  });

  it('returns nothing for a blank reply', () => {
    expect(lintReply(' \n\n　', { rules, tokenizer })).toEqual([]);
  });

  it('keeps every finding inside the reply, its text equal to the slice, for any mix of phrases', () => {
    const fragments = [
      'お世話になっております。',
      'ありがとうございます。',
      '申し訳ございません',
      'できません',
      '追って',
      'ご確認ください',
      'だから',
      '先ほども申し上げた通り',
      '11月26日',
      '「',
      '」',
      '、',
      '。',
      '\n',
      'ｶﾞ',
      '！！',
      'お客様の操作ミスにより',
      'あいにく',
      'お手数ですが',
      'ｱｲｳ',
      '😊',
      '様',
      'ー〜',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...fragments), { maxLength: 30 }),
        fc.constantFrom('calm', 'concerned', 'angry', 'furious', undefined),
        (parts, level) => {
          const reply = parts.join('');
          for (const f of lintReply(reply, { customerLevel: level, rules, tokenizer })) {
            expect(0 <= f.start && f.start <= f.end && f.end <= reply.length).toBe(true);
            expect(reply.slice(f.start, f.end)).toBe(f.text);
            expect(checkFinding.Check(f)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
