import { describe, expect, it } from 'vitest';
import { namesNothing, readErrand } from '../../src/drafting/mail-errand.js';

describe('readErrand', () => {
  it.each([
    ['電話がつながりません', '用件は、エアコンの修理の日程調整です。', 'エアコンの修理の日程調整'],
    ['先日の問い合わせについて', '12月1日に、住民票の写しの発行についてお問い合わせしました。', '住民票の写しの発行'],
    ['電話がつながりません', '引っ越し作業の予約を変更したくて、何度もお電話しました。', '引っ越し作業の予約の変更'],
    ['返信まだですか', '保育料の引き落とし日が変わったかどうか聞いただけです。', '保育料の引き落とし日'],
    ['2回目です。洗濯機の交換はどうなっていますか', 'まだ連絡がありません。', '洗濯機の交換'],
    ['ご連絡', '研修会場の収容人数と設備についてお伺いします。', '研修会場の収容人数と設備'],
    [
      '三度目の問い合わせです',
      '出品者への報酬（取引ID：T-77310）が、規定の振込日を過ぎても入金されていない件について、ご回答をいただけておりません。',
      '出品者への報酬',
    ],
    ['引っ越しのため、ガス開栓の予約をしたくてお電話しました。', '', 'ガス開栓の予約'],
    // A subject's bracketed noun phrase names the errand; one that counts the mail does not.
    ['サポートダイヤルにつながりません（予約変更）', '自動音声が流れるだけです。', '予約変更'],
    // The customer's family is named politely when quoted back.
    ['解約について', '母の電子版購読の解約についてご相談です。', 'お母様の電子版購読の解約'],
    // The goods that have not come, named by the body when the subject only says 「注文の品」.
    ['注文の品がまだ届きません', '11月28日に注文した卓上ガスコンロ2台（注文番号 A-58820193）がまだ届いていません。', '卓上ガスコンロ2台'],
    // Phone-typed: the particle dropped before まだ, and an act's own compound wished for.
    ['', 'クリスマスプレゼントで頼んだマフラーまだ届かないんですけど', 'マフラー'],
    ['', '引っ越したので住所変更したいんですが、アプリからできますか？', '住所変更'],
    // The goods named first and then that they will not come; the act that fails (in the body, not the subject's concern).
    ['ふざけないでください', '結婚式の引き出物、明日の式に間に合わないってどういうことですか。', '結婚式の引き出物'],
    ['ログインできません', '機種変したらデータ引き継ぎできなくなりました', 'データ引き継ぎ'],
  ])('names the errand of 「%s」「%s」', (subject, body, about) => {
    expect(readErrand(subject, body, []).about).toBe(about);
  });

  it('names nothing when the goods are only 「注文の品」', () => {
    expect(readErrand('注文の品がまだ届きません', '先週注文した商品が届いていません。', []).about).toBeUndefined();
  });

  it('names nothing when the mail only refers back to earlier mail', () => {
    expect(readErrand('先日の問い合わせの件', '前回のお問い合わせについて、まだ返信がありません。', []).about).toBeUndefined();
  });

  it('takes no errand from a bracket that counts or dates the mail', () => {
    expect(readErrand('返金がまだされていません（3週間経過）', '', []).about).toBeUndefined();
  });

  it('never quotes a phrase that carries anger back to the customer', () => {
    const evidence = [{ category: 'anger', text: 'クソ' }];
    expect(readErrand(undefined, 'クソ対応について回答してください。', evidence).about).toBeUndefined();
  });

  it('reads the day a follow-up says the customer first wrote', () => {
    expect(readErrand('再送', '11月27日に、在籍証明書の発行についてお問い合わせしましたが、まだです。', []).askedOn).toBe('11月27日');
    expect(readErrand('再送', '12月2日、12月10日にもお送りしております。', []).askedOn).toBe('12月2日');
  });
});

describe('readErrand: what the most evidenced sentence is about', () => {
  /** The scenario's evidence, as analysis/scenarios.ts reports it: where in the body the words are. */
  const spans = (body: string, ...words: Array<[string, number]>) =>
    words.map(([word, weight]) => ({ field: 'body' as const, start: body.indexOf(word), end: body.indexOf(word) + word.length, weight }));

  it('names a thing in 「」 the sentence treats as one, not words someone said', () => {
    const body =
      'プレイヤーIDは 7735 です。\n昨日の夜「ホリデーガチャ 石3000個パック」買ったら2回引き落とされてて、石は1回分しか入ってません。';
    expect(readErrand(undefined, body, [], spans(body, ['引き落とされ', 22])).about).toBe('ホリデーガチャ 石3000個パック');
    const said = '追跡を見たら「ご不在のため持ち戻り」と出ていました。まだ届きません。';
    expect(readErrand(undefined, said, [], spans(said, ['持ち戻り', 8])).about).toBeUndefined();
  });

  it('names the phrase the evidence says something of, in the writer’s own characters', () => {
    const body = '毎晩21時になると決まって回線が切れる、とても規則正しいインターネットです。';
    expect(readErrand(undefined, body, [], spans(body, ['切れる', 20])).about).toBe('回線');
    const halfWidth = '届いたｽﾆｰｶｰ ｻｲｽﾞが違うんですけど';
    expect(readErrand(undefined, halfWidth, [], spans(halfWidth, ['違う', 18])).about).toBe('ｻｲｽﾞ');
  });

  it('names no person, company or phrase far from the evidence', () => {
    const body = '子どもが2さいなので、チャイルドシートをかりることはできますか？';
    expect(readErrand(undefined, body, [], spans(body, ['できますか', 3])).about).toBeUndefined();
    // A company in 「」 is the addressee, not the errand: the phrase the evidence is about is.
    const receipt = '宛名を「合同会社ミナト」でお願いします。';
    expect(readErrand(undefined, receipt, [], spans(receipt, ['宛名', 10])).about).toBe('宛名');
  });
});

describe('readErrand: what the asking sentence is about', () => {
  it.each([
    // A question names what it asks after; a request, what it asks for.
    ['この炊飯器の内釜はフッ素加工でしょうか。', { about: '炊飯器の内釜', question: true }],
    ['先月分の利用明細を送っていただけますか。', { about: '先月分の利用明細', question: true }],
    ['至急、交換用のパッキンを送ってください。', { about: '交換用のパッキン', question: false }],
    // An act asked for on a noun is named with it; a verbal noun asked for alone is named too.
    ['来週から新人が2名入るので、アカウントを追加したいのですが。', { about: 'アカウントの追加', question: false }],
    ['合格証書はいつ再発行していただけるのでしょうか。', { about: '合格証書', question: true }],
    // 「〜した場合の」 and an adverb before the noun are not what is asked about.
    ['途中で退会した場合の違約金はかかりますか？', { about: '違約金', question: true }],
    // What they ask to be told, if there is one.
    ['補修の方法などあれば教えていただけますでしょうか。', { about: '補修の方法', question: true }],
    // The act whose day is asked, when no noun phrase is; another name in brackets is kept (the family named politely).
    ['いつ発送されるのか、具体的な日付で教えてください。', { about: '発送', question: true }],
    ['子どもの座席（チャイルドシート）をかりることはできますか？', { about: 'お子様の座席（チャイルドシート）', question: true }],
    // The casual topic 「〜って」 names what a question asks about, as 「〜は」 does.
    ['あと、延長保証って何年までつけられますか？', { about: '延長保証', question: true }],
  ])('reads 「%s」', (body, asked) => {
    expect(readErrand(undefined, body, []).asked).toEqual(asked);
  });

  it('reads the asking sentence, not the background before it', () => {
    const body = '先週は工事の音がうるさくて困りました。\nところで、駐車場の区画の変更はお願いできますか。';
    expect(readErrand(undefined, body, []).asked?.about).toBe('駐車場の区画の変更');
  });

  it('takes nothing from a question asked to accuse', () => {
    expect(readErrand(undefined, 'なぜ請求書の金額が先月と違うのですか？', []).asked).toBeUndefined();
    expect(readErrand(undefined, '何度同じ説明をさせるんですか。', []).asked).toBeUndefined();
  });

  it('takes nothing from words quoted or reported: an answer the customer got is not their ask', () => {
    expect(readErrand(undefined, '「ルーターを再起動してください」とのことでしたが、直りません。', []).asked).toBeUndefined();
    expect(readErrand(undefined, 'ブラウザを変えてくださいという回答はもう結構です。', []).asked).toBeUndefined();
  });

  it("reads the customer's own lines, not the quoted or forwarded mail under them", () => {
    const body = 'よろしくお願いします。\n\n-----Original Message-----\nお支払い方法をご選択ください。';
    expect(readErrand(undefined, body, []).asked).toBeUndefined();
    expect(readErrand(undefined, '> 保証書を同封してください。\n承知しました。', []).asked).toBeUndefined();
  });

  it('reads each later asking sentence as another errand, in order, none twice and no verb stem', () => {
    const body =
      '家族プランの料金は日割りになりますか。\n回線の名義変更の手続きを教えてください。\nそれと、全部消してください。\n回線の名義変更の手続きを急いでください。';
    const errand = readErrand(undefined, body, []);
    expect(errand.asked?.about).toBe('家族プランの料金');
    expect(errand.alsoAsked).toEqual(['回線の名義変更の手続き']);
  });

  it('skips what names nothing: a two-character word, a number, an act every mail asks of us', () => {
    expect(readErrand(undefined, '息子が使えるか教えてください。', []).asked).toBeUndefined();
    expect(readErrand(undefined, 'A-20931を確認してください。', []).asked).toBeUndefined();
    expect(readErrand(undefined, '書類の内容の確認をお願いします。', []).asked).toBeUndefined();
  });
});

describe('readErrand: what a suggestion is about', () => {
  it.each([
    ['ひとつ提案なのですが、朝クラスのあとは更衣室のドライヤーが混み合うので、もう1台あると助かります。', '更衣室のドライヤー'],
    ['とてもおいしかったです。ひとつだけ、個室の暖房が少し強めでした。', '個室の暖房'],
    ['We had a great time.\nOne small suggestion: 館内の案内表示がもう少し英語でもあると便利だと思います。', '館内の案内表示'],
  ])('reads 「%s」', (body, suggested) => {
    expect(readErrand(undefined, body, []).suggested).toBe(suggested);
  });

  it('reads none from a mail that suggests nothing', () => {
    expect(readErrand(undefined, 'スタッフの方がとても親切で、家族みんな喜んでいました。', []).suggested).toBeUndefined();
  });
});

describe('namesNothing', () => {
  it.each([
    ['先日の問い合わせ', true],
    ['前回のご質問', true],
    ['資材の納期', false],
  ])('「%s」 → %s', (phrase, expected) => {
    expect(namesNothing(phrase)).toBe(expected);
  });
});
