import { describe, expect, it } from 'vitest';
import { loadDictionaries } from '../../src/analysis/lexicon/load.js';
import { SCENARIO_KINDS } from '../../src/analysis/scenario-schema.js';
import { TONE_LEVELS } from '../../src/analysis/tone-schema.js';
import { composeReply } from '../../src/drafting/compose.js';
import { loadDrafting } from '../../src/drafting/drafting.js';
import { FACT_KINDS, readMailFacts } from '../../src/drafting/mail-facts.js';
import {
  keepTrueSentences,
  readSentenceConditions,
  sentencesOf,
  STOCK_RULES,
  type SentenceConditions,
} from '../../src/drafting/stock-sentences.js';

const { manual } = loadDrafting(loadDictionaries());
const nothingGiven = readMailFacts(undefined, '');
const conditions = (over: Partial<SentenceConditions> = {}): SentenceConditions => ({
  waited: false,
  feedback: false,
  rejected: [],
  facts: nothingGiven,
  ...over,
});

describe('readMailFacts', () => {
  it('reads numbers, amounts and attachments the customer gave', () => {
    const facts = readMailFacts(
      '二重請求',
      '12月1日に5,980円が2回引き落とされています。会員番号は M-77120 です。注文番号：20261120-0457。写真を添付します。',
    );
    expect(facts.values).toMatchObject({ 'contract-number': 'M-77120', 'order-number': '20261120-0457', amount: '5,980円' });
    expect([...facts.given]).toEqual(expect.arrayContaining(['date', 'photo', 'amount']));
  });

  it('reads the reference for what was bought or booked under any name as the order number, and no postcode inside it', () => {
    for (const [text, number] of [
      ['申込番号は 2611-0048-7721 です。', '2611-0048-7721'],
      ['リターン発送の件（支援番号 CF-3302-881）', 'CF-3302-881'],
      ['予約番号：HT-88301', 'HT-88301'],
    ]) {
      const facts = readMailFacts(undefined, text!);
      expect(facts.values['order-number'], text).toBe(number);
      expect(facts.given.has('address'), text).toBe(false);
    }
  });

  it('reads a product named in brackets that the customer bought, ordered or is weighing up, and no message or quote', () => {
    expect(readMailFacts(undefined, '駅前の店で「葛根湯エキス顆粒」を買いました。').values['product-name']).toBe('葛根湯エキス顆粒');
    expect(readMailFacts(undefined, '「トレイルテント3」の購入を考えています。').values['product-name']).toBe('トレイルテント3');
    expect(readMailFacts(undefined, '追跡すると「準備中」のままです。').values['product-name']).toBeUndefined();
    expect(readMailFacts(undefined, '「仕様です」と言われました。').values['product-name']).toBeUndefined();
  });
});

describe('readSentenceConditions', () => {
  it('finds the wait, and the explanation the customer rejected', () => {
    const c = readSentenceConditions(
      '先週も問い合わせましたが、まだ返事がありません。「ご利用方法をご確認ください」と言われましたが納得できません。',
      nothingGiven,
      {
        followUp: false,
        thanks: false,
        deadline: false,
      },
    );
    expect(c.waited).toBe(true);
    expect(c.rejected).toContain('利用方法');
  });

  it('keeps the topic the customer names in their own words out of the rejected explanation', () => {
    const c = readSentenceConditions(
      '「期限切れのクーポンは復元できません」とのことですが、エラーで決済できなかったからです。クーポンは消えてました。',
      nothingGiven,
      { followUp: false, thanks: false, deadline: false },
    );
    expect(c.rejected).toContain('期限切');
    expect(c.rejected).not.toContain('クーポン');
  });

  const signals = { followUp: false, thanks: false, deadline: false };
  it.each([
    '11月30日に見積もりをお願いするメールを送りましたが、まだご連絡をいただいておりません。',
    '3回目の問い合わせです。交換はどうなっていますか。',
    '先週問い合わせしましたが、返信がありません。',
    // An earlier contact stays one when this mail's own reason follows it.
    '12月3日に連絡しましたが、何も変わらないので再度連絡しました。',
    // A quoted holding answer does not cancel a wait the mail states.
    'お電話も3回いたしましたが、「担当から折り返します」とのお言葉のみで、ご返信をいただいておりません。',
    // A wait for an answer, told with how long it has lasted.
    'もう2週間も返事を待っています。',
  ])('reads a wait in 「%s」', (body) => {
    expect(readSentenceConditions(body, nothingGiven, signals).waited).toBe(true);
  });

  it.each([
    // An answer they received, writing again now, asking again for a fix, a notice never sent, their own delay.
    '先日の回答で「ご利用方法をご確認ください」と言われましたが、説明書どおりに使っています。',
    '昨日お返事をいただきましたが、納得できないので再度連絡します。',
    'キャラクターの目の色、3回目のお願いになります。',
    '契約書では12月15日完成となっていましたが、完成日の連絡もありません。',
    'ご連絡が遅くなってしまい、すみません。先日いただいたお見積もりのAプランでお願いしたいと思います。',
    '11月7日に引越しをお願いした川口です。皆さんとても丁寧でした。',
    // Calls that never connected; an earlier contact whose answer the mail quotes.
    '窓口に昨日から何度も電話していますが、ずっと話し中です。通知書の金額について確認したいです。',
    '先日ご連絡した加湿器の件です。返品をお願いしたところ、「開封後の商品は返品をお受けできません」とのご回答でした。',
    '先週お電話した際、担当の方は「スマホ対応はベストエフォートという意味です」とおっしゃいました。',
    // The reason for this very mail (〜て／ので連絡しました); the date before it is the order's.
    '12月8日に注文したんですけど、まだ届いとらんくて連絡しました。',
    '12月1日に申し込んだのですが、確認メールが来ないので連絡しました。',
    // A condition for later, not a wait now.
    '12月10日までに書面でご回答ください。期限までにご回答がない場合、法的措置を検討いたします。',
    // Someone else who has not answered; a wait for the goods; the answer to this very mail awaited.
    '追跡では配達完了なのに、購入者の方が受取評価をしてくれず、取引メッセージにも返信がありません。',
    'こっちは1時間20分も待たされて、届いた料理は冷え切っていました。',
    '返金しないなら消費者センターに相談します。まともな回答を待っています。',
    // An earlier contact whose answer the mail quotes, told as said (言いましたよね).
    '先月電話したとき、オペレーターの人は「一時的に二重に見えるだけ」と言いましたよね。',
    // The earlier contact was helped; an earlier matter set against this one.
    '先日お電話した際に、丁寧に対応していただきました。今回はお礼を申し上げたくメールしました。',
    '前回も納期の件でご連絡しましたが、正直なところ今回は困っています。',
  ])('reads no wait in 「%s」', (body) => {
    expect(readSentenceConditions(body, nothingGiven, signals).waited).toBe(false);
  });

  it('reads no wait in a follow-up whose earlier contact was answered, unless no answer came since', () => {
    const follow = { ...signals, followUp: true };
    const answeredBody = '前回問い合わせた件です。返ってきた回答が「通信環境をご確認ください」だけでしたが、どの回線でも同じエラーです。';
    expect(readSentenceConditions(answeredBody, nothingGiven, follow).waited).toBe(false);
    expect(readSentenceConditions(`${answeredBody}その後、返事がありません。`, nothingGiven, follow).waited).toBe(true);
    expect(readSentenceConditions('先週問い合わせた件、どうなりましたか。', nothingGiven, follow).waited).toBe(true);
  });

  it('reads no wait for us when the customer waits on their own buyer', () => {
    const body = '購入者様から一切メッセージがありません。12月1日と4日にメッセージを送りましたが、既読もついていません。';
    expect(readSentenceConditions(body, nothingGiven, { ...signals, othersSilent: true }).waited).toBe(false);
    expect(readSentenceConditions(body, nothingGiven, signals).waited).toBe(true);
  });

  it('does not call a furious demand feedback', () => {
    const c = readSentenceConditions('連絡も一本もなし。二度とお宅には頼まへん。この損、どないしてくれるん。', nothingGiven, signals);
    expect(c.feedback).toBe(false);
  });

  it('does not call a fix that never came feedback', () => {
    const c = readSentenceConditions(
      '3回目のご指摘です。改善されていないようです。修正版の再発行をお願いいたします。',
      nothingGiven,
      signals,
    );
    expect(c.feedback).toBe(false);
    expect(readSentenceConditions('画面の改善をご検討いただけますと幸いです。', nothingGiven, signals).feedback).toBe(true);
  });

  it('does not call a remedy asked for feedback, however disappointed', () => {
    const body = '違うお店の料理が入っていました。正直かなりがっかりしましたので、返金をお願いできますか。';
    expect(readSentenceConditions(body, nothingGiven, signals).feedback).toBe(false);
    expect(readSentenceConditions('正直かなりがっかりしました。', nothingGiven, signals).feedback).toBe(true);
  });

  it.each([
    '卵が4個割れていて、少し残念でした。返金か交換、どちらかでお願いできますか。',
    '色もサイズも違ってがっかりです。正しい商品を送ってもらえますか。',
    '少し残念に思っています。今回で解約させていただきたくご連絡しました。',
    // Compensation and a refund by another name, asked of someone responsible further along the sentence.
    'その後の対応がひどすぎます。航空券の払い戻しとホテル代の補償について、責任のある方から連絡をください。',
    // A revision asked about: whether it can be done, at least a reply.
    '正直、がっかりしています。まずは修正が可能かどうか、お返事だけでもいただけますか。',
  ])('does not call 「%s」 feedback: the remedy is asked a few words later', (body) => {
    expect(readSentenceConditions(body, nothingGiven, signals).feedback).toBe(false);
  });

  it('reads no opinion from a word inside 「」, a name or a notice quoted', () => {
    const body = '「秋の感謝セール 20%OFF」のクーポンが決済画面で使えませんでした。使えるようにしていただけますか。';
    expect(readSentenceConditions(body, nothingGiven, signals).feedback).toBe(false);
  });

  it('does not call disappointment feedback when the customer asks what happens now', () => {
    const body = 'また違う色のセーターが届きました。正直残念です。届いた品はどうすればよいのか、教えてください。';
    expect(readSentenceConditions(body, nothingGiven, signals).feedback).toBe(false);
  });

  it('reads no wait from calls that were cut off, nor from notice of an act given', () => {
    const calls = '予約の変更をお願いしたく、朝から3回お電話しましたが、毎回「混み合っております」の案内の後に切れてしまいます。';
    expect(readSentenceConditions(calls, nothingGiven, signals).waited).toBe(false);
    const notice = '12月3日に、定期便を止める旨をフォームから送りました。それなのに今月分が届きました。';
    expect(readSentenceConditions(notice, nothingGiven, signals).waited).toBe(false);
    const unanswered = '12月3日にフォームから問い合わせましたが、まだ返事がありません。';
    expect(readSentenceConditions(unanswered, nothingGiven, signals).waited).toBe(true);
  });

  it("reads feedback from the customer's own lines, not their earlier mail forwarded under them", () => {
    const body =
      '12月分の返金と、解約が完了していることの確認をお願いします。\n\n-----Original Message-----\nFrom: 長野\nSubject: 解約の件\n\nいつも楽しみにしていたので残念ですが、家計の見直しのためです。';
    expect(readSentenceConditions(body, nothingGiven, signals).feedback).toBe(false);
  });

  it('does not call an urgent request feedback', () => {
    const c = readSentenceConditions('対応が悪いです。至急改善してください。', nothingGiven, {
      followUp: false,
      thanks: false,
      deadline: false,
    });
    expect(c.feedback).toBe(false);
  });
});

describe('keepTrueSentences', () => {
  const conditionsOf = (body: string) => readSentenceConditions(body, nothingGiven, { followUp: false, thanks: false, deadline: false });

  it('talks of no shipping when the mail sent or ordered nothing', () => {
    const paragraph = 'ただいまご登録内容の変更を進めております。すでに発送済みの場合は、配送業者へ転送を依頼いたします。';
    const registration = conditionsOf('引っ越したので、会員情報の住所を新しいものにしてください。');
    expect(keepTrueSentences(paragraph, registration, 'facts')).toBe('ただいまご登録内容の変更を進めております。');
    const order = conditionsOf('昨日注文した分のお届け先を、実家に変えてください。');
    expect(keepTrueSentences(paragraph, order, 'facts')).toBe(paragraph);
  });

  it('offers no refund when the mail mentions no money and no goods', () => {
    const paragraph = '担当部署にて確認しております。ご案内に誤りがあった場合は、ご返金を含めて対応させていただきます。';
    const screens = conditionsOf('新しい画面では検索ボタンが見つけにくくなりました。元の配置に戻してほしいです。');
    expect(keepTrueSentences(paragraph, screens, 'facts')).toBe('担当部署にて確認しております。');
    const paid = conditionsOf('年額9,800円を払ったのに、説明と違う機能しかありません。');
    expect(keepTrueSentences(paragraph, paid, 'facts')).toBe(paragraph);
  });

  it('offers no return of goods the mail never raised, and names only the refund', () => {
    const hotel = readSentenceConditions('家族の都合で行けなくなったので、予約のキャンセルをお願いします。', nothingGiven, {
      followUp: false,
      thanks: false,
      deadline: false,
    });
    const paragraph =
      'キャンセルにつきまして、ただいまお手続きの状況を確認しております。恐れ入りますが、すでに発送の準備に入っている場合は、商品到着後のご返品として承ることがございます。';
    expect(keepTrueSentences(paragraph, hotel, 'facts')).toBe('キャンセルにつきまして、ただいまお手続きの状況を確認しております。');
    expect(keepTrueSentences('あわせて、ご返品・ご返金のお手続きについても確認のうえ、ご連絡いたします。', hotel, 'alsoMention')).toBe(
      'あわせて、ご返金のお手続きについても確認のうえ、ご連絡いたします。',
    );
    const returning = readSentenceConditions('サイズが合わないので返品したいです。', nothingGiven, {
      followUp: false,
      thanks: false,
      deadline: false,
    });
    expect(keepTrueSentences(paragraph, returning, 'facts')).toBe(paragraph);
  });

  it('offers only the replacement a customer asked for when they never raised a refund', () => {
    const resend = conditionsOf('瓶が一本割れていました。割れた分だけ送り直していただけますか。');
    expect(keepTrueSentences('新しい商品への交換、またはご返金のいずれかで対応させていただきます。', resend, 'facts')).toBe(
      '新しい商品への交換で対応させていただきます。',
    );
    expect(keepTrueSentences('12月25日（金）までに、交換品の発送日またはご返金日をご連絡いたします。', resend, 'nextStep')).toBe(
      '12月25日（金）までに、交換品の発送日をご連絡いたします。',
    );
    const either = conditionsOf('瓶が一本割れていました。交換か返金をお願いできますか。');
    const both = '新しい商品への交換、またはご返金のいずれかで対応させていただきます。';
    expect(keepTrueSentences(both, either, 'facts')).toBe(both);
  });

  it('drops a request for a fact the mail gave and keeps the rest', () => {
    const facts = readMailFacts(undefined, '注文番号 A-1234 の商品です。');
    const paragraph = 'ただいま確認しております。恐れ入りますが、ご注文番号をお知らせいただけますでしょうか。';
    expect(keepTrueSentences(paragraph, conditions({ facts }))).toBe('ただいま確認しております。');
  });
});

// The rules over every template: whatever the scenario and level, a draft for a mail that gave every
// fact, waited for nothing and is no feedback contains none of the sentences those conditions forbid.
describe('every reply template under the stock-sentence rules', () => {
  const allGiven = { given: new Set(FACT_KINDS), values: {} };
  const c = conditions({ facts: allGiven, rejected: ['利用方法'] });
  it.each(SCENARIO_KINDS.flatMap((scenario) => TONE_LEVELS.map((level) => [scenario, level] as const)))('%s at %s', (scenario, level) => {
    const draft = composeReply(
      {
        tone: { level, evidence: [{ category: 'repeated-contact' } as never] },
        scenarios: { primary: scenario, secondary: [] },
        routing: { escalate: false, replyByLabel: '12月4日（金）13:00まで' },
        receivedAt: new Date('2026-12-04T10:00:00+09:00'),
        calendar: manual.calendar,
        conditions: c,
      },
      manual.templates,
    );
    for (const sentence of sentencesOf(draft.text)) {
      for (const rule of STOCK_RULES) expect(rule.applies(sentence, c), `${rule.id}: ${sentence}`).toBe(false);
      expect(repeatedContentWord(sentence), sentence).toBeUndefined();
    }
  });
});

/** A kanji word of two or more characters used twice in one sentence (「ご負担は…負担いたします」), placeholders aside. */
function repeatedContentWord(sentence: string): string | undefined {
  const words: string[] = sentence.replace(/【[^】]*】/g, '').match(/[一-龥々]{2,}/gu) ?? [];
  return words.find((w, i) => words.indexOf(w) !== i);
}
