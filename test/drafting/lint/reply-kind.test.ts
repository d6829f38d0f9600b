import { describe, expect, it } from 'vitest';
import { classifyReply, lintReplyReport } from '../../../src/drafting/lint/index.js';
import { splitReply } from '../../../src/drafting/lint/sentences.js';
import { rules, tokenizer } from './rule-tester.js';

const kindOf = (reply: string, customerMail?: string, customerLevel?: 'calm' | 'concerned' | 'angry') =>
  classifyReply({ reply: splitReply(reply, tokenizer), rules, tokenizer, customerMail, customerLevel });

describe('classifyReply', () => {
  it('reads a message to many that answers nobody as a notice', () => {
    expect(kindOf('会員の皆様へ\n年末年始の休業についてお知らせいたします。12月29日から1月3日までお休みです。')).toBe('notice');
  });

  it('reads a deadline reminder to one silent customer as a notice', () => {
    expect(kindOf('山田様\nご回答の期限は12月4日（金）です。ご検討のほどよろしくお願いいたします。')).toBe('notice');
  });

  it('reads an apology for the shop’s own error, unprompted, as a proactive apology', () => {
    expect(kindOf('お客様各位\n9月分のご請求書の単価が誤って記載されておりました。深くお詫び申し上げます。')).toBe('proactive-apology');
  });

  it('reads a reply to praise as a praise reply, even at an angry level (exclamation marks read hot)', () => {
    expect(kindOf('温かいお言葉をいただき、ありがとうございます。', '先生のおかげで歯医者が怖くなくなりました！！', 'angry')).toBe(
      'praise-reply',
    );
  });

  it('reads a reply to a starred review as a review reply', () => {
    expect(kindOf('レビューをお寄せいただき、ありがとうございます。', '★3 味は美味しいけど、配送で少し潰れていました。')).toBe(
      'review-reply',
    );
  });

  it('reads a reply to an angry customer as a complaint reply, and an ordinary reply as an answer', () => {
    expect(kindOf('ご不便をおかけし申し訳ございません。', 'まだ届きません。どうなっているんですか。', 'angry')).toBe('complaint-reply');
    expect(kindOf('お問い合わせありがとうございます。発送は11月6日です。', '発送はいつですか。', 'calm')).toBe('inquiry-answer');
  });

  it('reads a mail that only reports a problem as a complaint, however calmly its reply answers', () => {
    // No question and no request: the customer is telling the shop something went wrong.
    expect(kindOf('ご連絡ありがとうございます。', '届いたお米に虫が湧きました。', 'concerned')).toBe('complaint-reply');
    expect(kindOf('ご連絡ありがとうございます。', '届いたお米に虫が湧きました。')).toBe('inquiry-answer');
    expect(kindOf('ご連絡ありがとうございます。', '届いた掃除機の付属品が1つ足りません。')).toBe('complaint-reply');
  });

  it('reads a mail that asks, even about a problem, as an inquiry (a question or a request ends a sentence)', () => {
    expect(kindOf('ご連絡ありがとうございます。', '回数券の有効期限が切れていました。延長してもらえませんか', 'concerned')).toBe(
      'inquiry-answer',
    );
    expect(kindOf('ご連絡ありがとうございます。', 'スマホに保護フィルムを貼ったら気泡が入りました。不良品ですか?', 'concerned')).toBe(
      'inquiry-answer',
    );
  });

  it('reads a calm mail that neither asks nor complains as praise', () => {
    expect(kindOf('嬉しいお知らせをありがとうございます。', 'レッスンに通い始めてから肩こりがなくなりました。', 'calm')).toBe(
      'praise-reply',
    );
  });

  it('reads a reply to a customer who asked as an answer, however its body opens (a notice is sent unprompted)', () => {
    const reply =
      '和田様\n\nいつもご利用いただき、ありがとうございます。\n\n年末年始の発送についてお知らせいたします。12月28日正午までのご注文は年内に発送いたします。';
    expect(kindOf(reply, '年末年始の発送スケジュールを教えてください。', 'calm')).toBe('inquiry-answer');
    // Without the customer's mail, the same announcing opening is all there is to go on: a notice.
    expect(kindOf(reply)).toBe('notice');
    // 「ご質問の件についてご案内いたします」 says it answers, even without the mail.
    expect(kindOf('お問い合わせありがとうございます。\nご質問の件についてご案内いたします。')).toBe('inquiry-answer');
  });

  it('reads a reply that discloses the shop’s own error, to a mail that reports no problem, as a proactive apology', () => {
    const reply =
      '小池様\n\n当センターの検査機器の不具合により、再検査が必要であることが分かりました。ご心配をおかけし、誠に申し訳ございません。';
    expect(kindOf(reply, '先週受けた健康診断の結果はいつ届きますか？', 'concerned')).toBe('proactive-apology');
    // お客様が不具合を訴えているなら、同じ言葉でも苦情への返信
    expect(kindOf(reply, '検査結果が届きません。どうなっているんですか？', 'concerned')).toBe('inquiry-answer');
  });

  it('reads an unprompted apology for the shop’s own slip as a proactive apology', () => {
    expect(kindOf('平松様\n当店の入力ミスにより、混乱を招いてしまい申し訳ございません。')).toBe('proactive-apology');
  });
});

describe('rules by message kind', () => {
  const ruleIds = (reply: string, options: { customerMail?: string; customerLevel?: 'angry' } = {}) =>
    lintReplyReport(reply, { rules, tokenizer, ...options }).findings.map((f) => f.ruleId);

  it('asks no thanks of a closing notice', () => {
    expect(ruleIds('山田様\nご返信がないため、本件は12月4日（金）18:00にクローズさせていただきます。')).toEqual([]);
  });

  it('asks no empathy of a praise reply', () => {
    const report = lintReplyReport('嬉しいご報告をいただき、ありがとうございます。引き続きサポートいたします。', {
      rules,
      tokenizer,
      customerMail: '3か月で体重が5kg減りました！最高です！',
      customerLevel: 'angry',
    });
    expect(report.kind).toBe('praise-reply');
    expect(report.findings).toEqual([]);
  });

  it('still asks thanks of an answer to an inquiry', () => {
    expect(ruleIds('発送は11月6日です。', { customerMail: '発送はいつですか。' })).toEqual(['no-thanks']);
  });
});
