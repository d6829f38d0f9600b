/**
 * Good replies of every message kind, written for issue 22 in the manner of public business-writing
 * guides: none may draw a finding a careful reader would call unjustified. Requests left without a
 * cushion (〜ください) are the manual's own bare-command finding and are checked elsewhere.
 */
import { describe, expect, it } from 'vitest';
import type { ToneLevel } from '../../../src/analysis/tone-schema.js';
import { lintReplyReport, type LintRuleId, type ReplyKind } from '../../../src/drafting/lint/index.js';
import { rules, tokenizer } from './rule-tester.js';

interface GoodReply {
  text: string;
  kind: ReplyKind;
  level?: ToneLevel;
  mail?: string;
}

/** Requests left uncushioned (ご返送ください) are the manual's own finding, not a false alarm. */
const MANUAL_ONLY: LintRuleId = 'bare-command';

const GOOD: Record<string, GoodReply[]> = {
  'apology-first complaint replies written as letters of apology': [
    {
      text: '佐藤様\n\nこのたびは、破損した商品をお届けしてしまい、誠に申し訳ございません。\n楽しみにお待ちいただいていたにもかかわらず、残念なお気持ちにさせてしまったことを深くお詫び申し上げます。\n新しい商品を本日手配し、12月8日（火）にお届けいたします。\n割れた商品は、お手数ですがそのまま処分していただいて構いません。',
      kind: 'complaint-reply',
      level: 'angry',
      mail: '届いたマグカップが割れていました。楽しみにしていたのに本当にがっかりです。',
    },
    {
      text: '田中様\n\nこのたびはお電話で長くお待たせしたうえ、何度も担当をおつなぎ替えしてしまい、大変申し訳ございませんでした。\nご不快な思いをおかけしたこと、心よりお詫び申し上げます。\nお問い合わせの件は私、鈴木が最後まで担当いたします。\n明日12月7日（月）の午前中に、私からお電話を差し上げます。',
      kind: 'complaint-reply',
      level: 'furious',
      mail: '電話したのに30分も待たされた上に、たらい回しにされました。どういう対応ですか。',
    },
  ],
  'deadline, closing and holiday notices': [
    {
      text: '高橋様\n\nお見積もりのご回答期限が12月10日（木）となっております。\nご検討の状況はいかがでしょうか。\n期限を過ぎますと、価格の改定によりお見積もり金額が変わる場合がございます。\nご不明な点がございましたら、お気軽にお知らせください。',
      kind: 'notice',
    },
    {
      text: 'お客様各位\n\n年末年始の休業についてお知らせいたします。\n12月29日（火）から1月3日（日）まで休業いたします。\n休業中にいただいたお問い合わせには、1月4日（月）以降、順にご返信いたします。',
      kind: 'notice',
    },
    {
      text: '伊藤様\n\n先日ご案内しましたお申し込みの件、まだご返信をいただけていないようでしたので、念のためご連絡いたしました。\n受付は12月11日（金）17時で締め切らせていただきます。\nすでにお手続き済みでしたら、行き違いをご容赦ください。',
      kind: 'notice',
    },
    {
      text: '小林様\n\nお預かりしている修理品の保管期限が12月15日（火）となっております。\n期限までにお受け取りのご連絡がない場合、恐れ入りますが処分させていただくことになります。\nご都合のよい受け取り方法をお知らせいただけますと幸いです。',
      kind: 'notice',
    },
    {
      text: '会員の皆様へ\n\n本サービスは2027年3月31日をもちまして、提供を終了いたします。\n長らくご利用いただき、誠にありがとうございました。\nポイントの払い戻しは3月31日まで受け付けております。',
      kind: 'notice',
    },
  ],
  'proactive apologies': [
    {
      text: '加藤様\n\n12月3日にお送りした請求書の金額に誤りがございました。\nご迷惑をおかけし、大変申し訳ございません。\n正しい請求書を本日お送りいたしましたので、先にお送りしたものは破棄していただけますでしょうか。',
      kind: 'proactive-apology',
    },
    {
      text: '吉田様\n\nご注文いただいた商品の発送が、倉庫の作業遅れにより2日ほど遅れる見込みとなりました。\nお待たせしてしまい、誠に申し訳ございません。\n12月9日（水）に発送し、12月10日（木）にお届けする予定です。',
      kind: 'proactive-apology',
    },
    {
      text: 'お客様各位\n\n12月5日の午後、当サイトで決済ができない障害が発生いたしました。\nご不便をおかけしましたことを深くお詫び申し上げます。\n現在は復旧しており、通常どおりご利用いただけます。',
      kind: 'proactive-apology',
    },
    {
      text: '山口様\n\n先ほどお送りしたメールに、別のお客様宛ての添付ファイルを誤って付けてしまいました。\n大変申し訳ございません。\nお手数ですが、該当のメールを削除していただけますと幸いです。\n今後は送信前の確認を二人で行うようにいたします。',
      kind: 'proactive-apology',
    },
  ],
  'replies to praise, whatever level was passed': [
    {
      text: '松本様\n\nうれしいお言葉をいただき、ありがとうございます。\nスタッフ一同、大変励みになりました。\nまたのご来店を心よりお待ちしております。',
      kind: 'praise-reply',
      level: 'angry',
      mail: 'スタッフの方がとても親切で感動しました！！本当にありがとう！！',
    },
    {
      text: '井上様\n\n温かいご感想をお寄せいただき、誠にありがとうございます。\n毎朝すっきりお目覚めとのこと、私どももとてもうれしく思います。\nこれからも末永くご愛用いただけましたら幸いです。',
      kind: 'praise-reply',
      level: 'calm',
      mail: '先日購入した枕、とても寝心地がよくて毎朝すっきり目覚めています。',
    },
    {
      text: '木村様\n\nこのたびは素敵なお便りをいただき、ありがとうございました。\n担当の者にも伝えましたところ、大変喜んでおりました。\n今後とも変わらぬご愛顧を賜りますよう、お願い申し上げます。',
      kind: 'praise-reply',
      level: 'angry',
    },
  ],
  receipts: [
    {
      text: '林様\n\nご注文を承りました。\nご注文番号：A-20481\nお支払い金額：5,280円（税込）\n発送のご準備が整いましたら、改めてメールでお知らせいたします。',
      kind: 'notice',
      level: 'angry',
    },
    {
      text: '清水様\n\nお支払いを確認いたしました。\nご入金額：12,000円\nご入金日：12月4日\nこのたびはご利用いただき、誠にありがとうございます。',
      kind: 'notice',
      level: 'angry',
    },
    {
      text: 'お申し込みを受け付けました。\n受付番号は20261206-015です。\n内容を確認のうえ、2営業日以内に担当者よりご連絡いたします。',
      kind: 'notice',
    },
  ],
  '今しばらく with the date given': [
    {
      text: 'お問い合わせいただき、ありがとうございます。\n部品の入荷を待っておりますので、今しばらくお待ちいただけますでしょうか。\n12月14日（月）には修理を終え、発送できる見込みです。',
      kind: 'inquiry-answer',
      level: 'concerned',
      mail: '修理はいつ終わりますか？',
    },
    {
      text: 'ご連絡ありがとうございます。\n返金の手続きは12月11日（金）に完了する予定ですので、今しばらくお待ちください。',
      kind: 'inquiry-answer',
      mail: '返金はいつになりますか？',
    },
    {
      text: 'お問い合わせありがとうございます。\n今しばらくお時間をいただきますが、12月下旬には入荷する見込みです。\n入荷しましたら、すぐにメールでお知らせいたします。',
      kind: 'inquiry-answer',
      mail: '在庫の入荷予定を教えてください。',
    },
  ],
  'the shop admitting its own error while citing its page': [
    {
      text: 'このたびはご不快な思いをおかけし、誠に申し訳ございません。\n公式HPに記載の通り、未使用品は到着後14日以内であれば返品を承っております。\n当店スタッフが誤ったご案内をいたしましたこと、深くお詫び申し上げます。\n返品の手続きは、同封の用紙でお申し込みいただけます。',
      kind: 'complaint-reply',
      level: 'angry',
      mail: '店員さんに返品できないと言われました。納得できません。',
    },
    {
      text: 'ご連絡いただき、ありがとうございます。\nご指摘のとおり、商品ページに記載しております通り、5,000円以上のご注文は送料無料です。\n当店の設定ミスにより送料をいただいてしまい、大変申し訳ございません。\nお支払いいただいた送料660円は、12月9日までに返金いたします。',
      kind: 'complaint-reply',
      level: 'angry',
      mail: '送料無料と書いてあったのに送料を取られました。',
    },
    {
      text: 'ご連絡ありがとうございます。\nご利用規約にも記載のとおり、発送前のキャンセルには料金は発生いたしません。\n今回のご請求は当社の処理漏れによるもので、誠に申し訳ございません。\nご請求は取り消しいたしましたので、お支払いの必要はございません。',
      kind: 'proactive-apology',
      level: 'concerned',
      mail: 'キャンセルしたのに請求が来ました。',
    },
  ],
  'factual corrections': [
    {
      text: 'お問い合わせいただき、ありがとうございます。\nこちらのジャケットは、洗濯ネットに入れていただければ洗濯機で洗うことができます。\n脱水は短めにしていただくと、型崩れを防げます。',
      kind: 'inquiry-answer',
      mail: 'このジャケットは洗濯機で洗えないんですよね？',
    },
    {
      text: 'ご質問いただき、ありがとうございます。\n当院は土曜日も午前中は診療しております。\n休診日は日曜日と祝日です。',
      kind: 'inquiry-answer',
      mail: '土曜日は休みですよね？',
    },
    {
      text: 'お問い合わせありがとうございます。\nセール品にもポイントはご利用いただけます。\nご注文画面の「ポイントを使う」にチェックを入れてください。',
      kind: 'inquiry-answer',
      mail: 'ポイントは使えないんですか？',
    },
  ],
};

describe('lintReply on good replies', () => {
  for (const [group, replies] of Object.entries(GOOD)) {
    describe(group, () => {
      it.each(replies)('finds nothing unjustified in 「$text」', (reply) => {
        const report = lintReplyReport(reply.text, { rules, tokenizer, customerLevel: reply.level, customerMail: reply.mail });
        expect(report.kind).toBe(reply.kind);
        expect(report.findings.filter((f) => f.ruleId !== MANUAL_ONLY).map((f) => `${f.ruleId}: ${f.text}`)).toEqual([]);
      });
    });
  }
});
