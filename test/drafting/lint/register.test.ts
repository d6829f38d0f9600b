import { describe, expect, it } from 'vitest';
import { lintReplyReport } from '../../../src/drafting/lint/index.js';
import { rangeOf, rules, tokenizer, testRule } from './rule-tester.js';

/** A reply with one casual phrase, `words`, and the sentence it is rewritten to. */
const politely = (text: string, words: string, rewrite: string) => ({
  text,
  errors: [{ text: words, range: rangeOf(text, words), rewrite }],
});

testRule('register', {
  valid: [
    // 敬語で書いた返信にひとつだけの「ますね」「んです」は温かみ。ほかにくだけた言い方があれば、そちらと一緒に指摘する
    { text: 'うれしいクチコミをありがとうございます！後回しにした部分も、次の点検のときに一緒に見させていただきますね。' },
    { text: 'サイズのお選び間違い、スマホからのご注文だと本当によく起こるんです。どうぞお気になさらずに。' },
    // 気持ちに寄り添う「ご心配ですよね」はなれなれしい念押しではない
    { text: '届くはずの荷物が届かないと、ご心配ですよね。' },
    // 第三者にしてもらえるという案内（窓口で伝票を印刷してもらえます）は、お客様へのお願いではない
    { text: 'コンビニのレジでお見せいただければ、伝票を印刷してもらえます。' },
    // 「ご了解」はお客様へのお願いの言葉で、くだけた相づちではない
    { text: 'ご了解いただけますと幸いです。' },
    // 「原因がわかりました」は内容で、「わかりました」という返事ではない
    { text: '調査の結果、原因がわかりました。' },
    // 共感の「ですね」は丁寧
    { text: '食べてくれないと、ご心配ですね。' },
    // 「捨てます」「超えて」は動詞の一部
    { text: '不要な箱はこちらで捨てます。対応体重を超えてのご使用はお控えください。' },
    { text: 'この件について、担当よりご連絡いたします。' },
    // お客様の気がかりに寄り添う「〜ますね」「〜ますよね」（empathy.shared-feeling）は、約束の「連絡しますね」と違い友だち口調ではない
    { text: '知らない人からの電話は、ご心配になりますね。' },
    { text: 'お引っ越しの前後はお手続きが多く、大変でいらっしゃいますね。' },
    { text: '流しの下が濡れていると、床や収納の物も心配になりますよね。' },
    // 「ちょっとした」「ほんとうに」「〜のうちの」「〜ていけます」は、くだけた「ちょっと」「ほんと」「うち」「いけます」ではない
    { text: 'ちょっとしたお礼の品を同封いたしました。ほんとうにありがとうございます。' },
    { text: 'ご注文3点のうちの1点が欠品しております。これからも長く使っていけます。' },
    // 返信に引用したお客様のメール（「>」の行）はお客様の言葉で、担当者の言い方ではない
    { text: 'ご連絡ありがとうございます。\n\n> 了解です。ちょっと待ってて。\n\n12月10日に発送いたします。' },
  ],
  invalid: [
    // ほかにくだけた言い方（ちょっと）があれば、「ますね」もその口調の一部
    {
      text: 'ちょっと調べてみますね。',
      errors: [
        { text: 'ちょっと', range: [0, 4] },
        { text: 'ますね', range: [8, 11] },
      ],
    },
    { text: '了解です。確認します。', errors: [{ text: '了解です', range: [0, 4], rewrite: '承知いたしました。' }] },
    {
      text: 'ちょっと待ってていただけますでしょうか。',
      errors: [
        { text: 'ちょっと', range: [0, 4], rewrite: '少々お待ちいただけますでしょうか。' },
        { text: '待ってて', range: [4, 8] },
      ],
    },
    { text: '高校でもがんばってね！', errors: [{ text: 'てね', range: [8, 10] }] },
    {
      text: '荷物量よりだいぶ多かったんですよね。',
      errors: [{ text: 'たんですよね', range: [11, 17], rewrite: '荷物量よりだいぶ多かったのです。' }],
    },
    // A confirmation asked of the customer becomes 「〜でよろしいでしょうか」; OK meaning 'fine' (ならOKっす) becomes
    // 「問題ございません」, not the 了解 of a reply.
    politely('ご注文はMサイズですよね？', 'ですよね？', 'ご注文はMサイズでよろしいでしょうか？'),
    politely('返品は7日以内ならOKっす。', 'OKっす', '返品は7日以内なら問題ございません。'),
    politely('在庫、もうないんだよね。', 'ないんだよね', '在庫、もうないのです。'),
    politely('それ、説明書に書いてあるじゃん。', 'じゃん', 'それ、説明書に書いてあるかと存じます。'),
    {
      text: '確認しましたけど、問題はありませんでした。',
      errors: [{ text: 'ましたけど', range: [3, 8], rewrite: '確認しましたが、問題はありませんでした。' }],
    },
    {
      text: 'ホコリが入ったまま貼っちゃうとそうなります。',
      errors: [{ text: 'ちゃう', range: [11, 14], rewrite: 'ホコリが入ったまま貼ってしまうとそうなります。' }],
    },
    {
      // Stacked casual forms (ちゃって, てます, ますね) are rewritten together, not one of the overlapping three.
      text: '住所不明になっちゃってますね。',
      errors: [
        { text: 'ちゃって', range: [7, 11], rewrite: '住所不明になってしまっております。' },
        { text: 'ますね', range: [11, 14] },
      ],
    },
    {
      text: '上限を少しオーバーしちゃいますね。',
      errors: [{ text: 'ちゃいます', range: [10, 15], rewrite: '上限を少しオーバーしてしまいます。' }],
    },
  ],
});

describe('the reply register', () => {
  const registerOf = (reply: string) => lintReplyReport(reply, { rules, tokenizer }).register;

  it('is formal when humble forms carry the reply', () => {
    expect(registerOf('お問い合わせいただき、ありがとうございます。11月6日に発送いたします。')).toBe('formal');
  });

  it('is polite in plain です・ます', () => {
    expect(registerOf('お問い合わせありがとうございます。11月6日に発送します。')).toBe('polite');
  });

  it('is casual as soon as one sentence is', () => {
    expect(registerOf('お問い合わせいただき、ありがとうございます。了解です、発送しておきますね。')).toBe('casual');
  });
});
