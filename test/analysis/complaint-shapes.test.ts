import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisEngine } from '../../src/analysis/analyze.js';
import { isEscalated } from '../../scripts/evaluation.js';
import { sharedEngine } from '../support/engine.js';

let engine: AnalysisEngine;
beforeAll(async () => {
  engine = await sharedEngine();
});

const analyze = (body: string) => engine.analyze({ body });

describe('complaints carried by shape rather than by words', () => {
  it('reads a question about what is normal as a complaint after time or effort was spent', () => {
    expect(analyze('注文から3週間たちました。普通は何日くらいで届くものなのでしょうか。').level).toBe('angry');
    expect(analyze('三度目の問い合わせです。返事をしないのが普通なのでしょうか。').level).toBe('angry');
  });

  it('takes the same question at its word when nothing was spent yet or the writer is worried', () => {
    expect(analyze('返金がまだ反映されていません。通常どのくらいで反映されるものなのでしょうか。').level).not.toMatch(/angry|furious/);
    expect(analyze('注文から3週間たちました。普通は何日くらいで届くものなのでしょうか。少し不安です。').level).not.toMatch(/angry|furious/);
  });

  it('reads a how-am-I-supposed-to question without か as a complaint, and a real question as a question', () => {
    const body = 'クーポンが届いたのは期限の1時間前でした。1時間で何を買えばよいのでしょう。使えなかった分、対応していただけますか。';
    expect(analyze(body).level).toBe('angry');
    expect(analyze(body).evidence.map((e) => e.category)).toContain('rhetorical-question');
    expect(analyze('電源が入りません。何をすればよいのでしょうか。').level).not.toMatch(/angry|furious/);
  });

  it('reads resignation as a complaint, not as furious', () => {
    for (const body of [
      'もう諦めましたので、返金だけしてください。',
      '待ちきれず、結局近所の店で買い直しました。注文は取り消してください。',
    ]) {
      const result = analyze(body);
      expect(result.level, body).toBe('angry');
      expect(
        result.evidence.some((e) => e.category === 'resignation'),
        body,
      ).toBe(true);
    }
    expect(analyze('他社で購入した部品も使えますか。').level).toBe('calm');
  });

  it('lets irony count beside a delay told with its length', () => {
    expect(analyze('配達が3日遅れました。さすがですね。').level).toBe('angry');
    expect(analyze('さすがプロの仕上がりです。').level).toBe('calm');
  });

  it('reads a written promise quoted back, still unkept, as a broken promise', () => {
    expect(analyze('自動返信には「3営業日以内にご回答します」とありました。しかし、まだ返信がありません。').level).toBe('angry');
    expect(analyze('画面に「エラーが発生しました」とあり、まだログインできません。').level).not.toMatch(/angry|furious/);
  });

  it('reads the company’s answer followed by what still did not come as a broken promise, unless told as a possible mix-up', () => {
    expect(analyze('12月3日にお届け予定とのご案内をいただきましたが、本日時点で届いておりません。').level).toBe('angry');
    expect(analyze('ご案内をいただきましたが、まだ届いておりません。行き違いでしたら申し訳ありません。').level).not.toMatch(
      /angry|furious/,
    );
    // The writer allows it may be their own miss (もしかしたら…出られなかったのかもしれない).
    const missed =
      '「11月中にご連絡します」と伺っておりましたが、まだお電話をいただいておりません。もしかしたら出られなかったのかもしれないと思い、メールしました。';
    expect(analyze(missed).level).not.toMatch(/angry|furious/);
  });

  it('reads the time a call took, told as a number, as a complaint', () => {
    const body = '本日お電話がつながるまでにかかった時間は1時間12分でした。用件は請求額の確認だけです。';
    expect(analyze(body).evidence.map((e) => e.category)).toContain('complaint-fact');
    expect(analyze('届くまでにかかった時間は2日でした。ありがとうございました。').level).toBe('calm');
  });

  it('escalates a demand that a superior call, and leaving if this is how the customer is treated', () => {
    for (const body of ['責任者から今日中に電話ください。', '20年以上使ってきてこの扱いなら、カードも口座も全部解約します。']) {
      expect(isEscalated(analyze(body)), body).toBe(true);
    }
    expect(analyze('この対応で問題なければ、解約の手続きを進めてください。').level).toBe('calm');
  });

  it('reads a long-standing customer’s understated disappointment as a complaint, but not regret at a farewell', () => {
    expect(analyze('創刊号からずっと楽しみにしている会員です。今月の内容は正直ちょっと言いにくいです。').level).toBe('angry');
    expect(analyze('長年お世話になりましたが、閉店とのこと、寂しいです。').level).not.toMatch(/angry|furious/);
    expect(analyze('今月の内容は少し寂しい気持ちです。').level).not.toMatch(/angry|furious/);
  });

  it('escalates billing the company and ending the dealings, in keigo', () => {
    for (const body of [
      '足りない分を他の問屋から取り寄せた差額は、御社に請求させていただきます。',
      '今後のお取引は停止させていただきます。',
    ]) {
      const result = analyze(body);
      expect(result.level, body).toBe('furious');
      expect(isEscalated(result), body).toBe(true);
    }
    expect(analyze('返品の送料はそちらでご負担いただけますか。').level).not.toBe('furious');
    expect(analyze('サービスの契約は今月で終了させていただきます。長い間ありがとうございました。').level).toBe('calm');
  });

  it('reads what was supposed to happen, then a しかし/ところが that it did not, as a complaint', () => {
    const body = 'カードでのお支払いは2,400円になるはずでした。ところが、明細には5,400円で請求されております。ご説明をお願いいたします。';
    expect(analyze(body).level).toBe('angry');
    expect(analyze('注文確認メールには3〜5日でお届けとありました。まだ届いておりません。').level).toBe('angry');
    // The writer's own plan is no expectation the company set.
    expect(analyze('一緒に行く予定だった父の都合で、日程がまだ確定ではありません。変更はできますか。').level).not.toMatch(/angry|furious/);
  });

  it('reads a wait for word, then buying elsewhere, as a customer who gave up', () => {
    expect(analyze('問い合わせの返事を待ってましたが\nもう大丈夫です\n\n他のお店で買いました\n注文キャンセルでお願いします').level).toBe(
      'angry',
    );
    expect(analyze('注文キャンセルでお願いします。他のお店で買いました。').level).not.toMatch(/angry|furious/);
  });

  it('reads a promise cited without quotes, then silence or time gone by, as a broken promise', () => {
    expect(analyze('今週中に折り返すとの御案内でしたが、その後ご連絡はなく、請求だけが届きました。').level).toBe('angry');
    expect(analyze('三日で返金とのことでしたが、既に二週間余りが経過しております。').level).toBe('angry');
    // The same promise still in time, or told as a worry, is no complaint.
    expect(analyze('今週中に折り返すとのことでしたので、お待ちしております。').level).not.toMatch(/angry|furious/);
    expect(analyze('三日で返金とのことでしたが、まだ確認できず少し心配しております。').level).not.toMatch(/angry|furious/);
  });

  it('reads the writer’s confirmed or dated request, then what really happened, as a complaint', () => {
    expect(analyze('解約完了メールも受け取っております。しかし、今月も会費が引き落とされていました。').level).toBe('angry');
    expect(analyze('資料は10日正午必着でお願いしておりました。実際に届いたのは12日の夕方でした。').level).toBe('angry');
    // Waiting after a shipping notice is a delivery worry, not a broken promise.
    expect(analyze('発送完了のメールをいただいてから4日経ちましたが、まだ届いていないようです。').level).not.toMatch(/angry|furious/);
  });

  it('reads disappointment in the same sentence as what was asked in advance as a complaint, but not the writer’s own regret', () => {
    expect(analyze('窓側の席を事前にお願いしていただけに、正直がっかりしました。').level).toBe('angry');
    expect(analyze('旅行は中止になりました。毎年楽しみにしていたので残念です。').level).not.toMatch(/angry|furious/);
  });

  it('reads counted failures, wasted time and redone work as complaints told as facts', () => {
    for (const body of [
      '2回も同じ部品が欠けた状態で届きました。',
      '確認メールを4回送って4回とも届きません。',
      'ヘルプの通りに40分ほど試しておりますが、退会できません。',
      '返送の手続きを2回もやらされました。',
      '窓口とのやりとりで半日が潰れました。',
    ])
      expect(analyze(body).level, body).toBe('angry');
    expect(analyze('1時間ほど試してみて、とても使いやすいと感じました。').level).not.toMatch(/angry|furious/);
  });

  it('reads もういいです followed by a refund or a cancellation as a cold final demand', () => {
    expect(analyze('もういいです。返金してください。').level).toBe('angry');
    expect(analyze('もういいですよ、自分で直せました。').level).not.toMatch(/angry|furious/);
  });

  it('reads a promise followed by nothing, a no-show and the same canned answer again as complaints', () => {
    for (const body of [
      '担当の方から折り返すと言われたきり、4日経ちます。',
      '点検の方が約束の時間に来ませんでした。',
      '問い合わせるたびに同じ定型文が何度も返ってきます。',
    ])
      expect(analyze(body).level, body).toBe('angry');
    expect(analyze('点検の方が約束の時間に来てくださり、助かりました。').level).not.toMatch(/angry|furious/);
  });

  it('reads being disregarded, staff contradicting each other and a hope let down as complaints', () => {
    for (const body of [
      '御社の都合ばかりで、こちらの事情は一切考慮されていないように感じます。',
      '先日の方と言っていることが違います。どちらが正しいのでしょうか。',
      '期待していたのですが、届いた商品は写真とだいぶ違いました。',
    ])
      expect(analyze(body).level, body).toBe('angry');
    // Silence from a buyer on a marketplace is no complaint about the company.
    expect(analyze('納品後、購入者の方から一切連絡がありません。自動で完了になるまでの日数を教えてください。').level).not.toMatch(
      /angry|furious/,
    );
  });

  it('reads praise followed by a length of silence or a polite 〜のはどうかと思います as a complaint', () => {
    expect(analyze('商品は最高です！ただ、問い合わせへの返信が1週間ないのはどうかと思います。').level).toBe('angry');
    expect(analyze('ご連絡が10日以上ありません。').level).toBe('angry');
    expect(analyze('回答期間は10日あります。').level).not.toMatch(/angry|furious/);
  });

  it('escalates a keigo notice that the dealings depend on the answer', () => {
    const result = analyze('納品物に誤りがありました。今後のお取引については、御社のご回答を見て社内で判断いたします。');
    expect(result.level).toBe('furious');
    expect(isEscalated(result)).toBe(true);
    expect(analyze('ご回答を見て、社内で日程を決めます。').level).not.toBe('furious');
  });
});
