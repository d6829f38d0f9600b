import { rangeOf, testRule } from './rule-tester.js';

const factsOnly = '山田様\n\nお問い合わせいただきありがとうございます。\nご注文の商品は11月28日（金）にお届け予定です。';
const cushionApology = '山田様\n\nご連絡ありがとうございます。\n申し訳ございませんが、返品はお受けいたしかねます。';
const requestCushion = 'お問い合わせいただきありがとうございます。\nお手数ですが、写真をお送りいただけますでしょうか。';

testRule('no-empathy', {
  valid: [
    // 「お気持ちはよく分かります」は共感の言葉
    { text: 'イベントが中止になり、がっかりされたお気持ちはよく分かります。返金は12月10日です。', level: 'angry' },
    { text: 'お問い合わせいただきありがとうございます。\nお届けが遅れており、大変申し訳ございません。', level: 'angry' },
    { text: 'このたびは大変ご不快な思いをおかけし、心よりお詫び申し上げます。', level: 'furious' },
    { text: 'ご入院されていたとのこと、さぞ大変だったことと存じます。', level: 'angry' },
    { text: '長らくお待たせしてしまい、失礼いたしました。', level: 'angry' },
    // 怒っていないお客様には、お詫びのない事務的な返信でもよい
    { text: factsOnly, level: 'calm' },
    { text: factsOnly, level: 'concerned' },
    // お客様の温度がわからないとき（エージェントから送る催促など）は見ない
    { text: factsOnly },
  ],
  invalid: [
    {
      text: factsOnly,
      level: 'angry',
      errors: [
        {
          // お礼の後、最初の事実の前にお詫びを入れる
          text: 'ご注文の商品は11月28日（金）にお届け予定です。',
          range: rangeOf(factsOnly, 'ご注文の商品は11月28日（金）にお届け予定です。'),
          message:
            'お客様はご不満のあるご様子ですが、返信にお詫びや共感の言葉がありません。「ご注文の商品は11月28日（金）にお届け予定です。」の前に、お客様の状況を受け止める一文を入れましょう。',
          rewrite: 'このたびはご迷惑とご心配をおかけしており、誠に申し訳ございません。\nご注文の商品は11月28日（金）にお届け予定です。',
        },
      ],
    },
    {
      // 断りのクッションとしての「申し訳ございませんが」はお詫びに数えない
      text: cushionApology,
      level: 'furious',
      errors: [
        {
          text: '申し訳ございませんが、返品はお受けいたしかねます。',
          range: rangeOf(cushionApology, '申し訳ございませんが、返品はお受けいたしかねます。'),
          message:
            'お客様は強くお怒りのご様子ですが、返信にお詫びや共感の言葉がありません。「申し訳ございませんが、返品はお受けいたしかねます。」の前に、お客様の状況を受け止める一文を入れましょう。',
        },
      ],
    },
    {
      // お願いのクッション「お手数ですが」もお詫びではない
      text: requestCushion,
      level: 'angry',
      errors: [
        {
          text: 'お手数ですが、写真をお送りいただけますでしょうか。',
          range: rangeOf(requestCushion, 'お手数ですが、写真をお送りいただけますでしょうか。'),
        },
      ],
    },
  ],
});
