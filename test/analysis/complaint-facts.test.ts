import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisEngine } from '../../src/analysis/analyze.js';
import { sharedEngine } from '../support/engine.js';

let engine: AnalysisEngine;
beforeAll(async () => {
  engine = await sharedEngine();
});

const analyze = (body: string, subject?: string) => engine.analyze({ subject, body });
const ids = (body: string) => analyze(body).evidence.map((e) => e.entryId);

describe('complaints told as facts', () => {
  it('reads a count of wasted attempts as angry, whatever the number (#数)', () => {
    for (const body of ['昨日から6回電話しました。水漏れの件です。', '手順は既に三度試しております。', '今日だけで15回かけてます。']) {
      expect(analyze(body).level, body).toBe('angry');
    }
  });

  it('reads counted attempts the writer tells as worry or haste as concern, not anger', () => {
    const body = 'パスワード再設定を3回試したのですが、メールが届きません。明日が締め切りなので、少し焦っています。';
    expect(analyze(body).level).toBe('concerned');
    expect(analyze('パスワード再設定を3回試したのですが、メールが届きません。').level).toBe('angry');
  });

  it('does not count one attempt, a vague 何度か, or a plan with a number in it', () => {
    for (const body of [
      '1回かけてみます。',
      '何度かお電話したのですが、混み合っていたようなのでメールで失礼します。',
      '月8回プランで通っています。',
    ]) {
      expect(
        ids(body).filter((id) => id.startsWith('fact.counted') || id === 'rep.suukai'),
        body,
      ).toEqual([]);
    }
  });

  it('reads a broken promise (「…いたします」とのご連絡…まだ) as angry even in keigo', () => {
    const result = analyze(
      'お世話になっております。「1週間以内に返金いたします」とのご連絡をいただきましたが、本日12月2日現在、返金が確認できておりません。',
    );
    expect(result.level).toBe('angry');
    expect(result.politeButAnnoyed).toBe(true);
    expect(result.evidence.some((e) => e.category === 'complaint-fact')).toBe(true);
  });

  it('leaves a kept promise and a wait already resolved calm', () => {
    expect(analyze('「明日届きます」とのご連絡をいただきましたが、無事に届きました。ありがとうございました。').level).toBe('calm');
    expect(analyze('3日待ちましたが、無事に届きました。').level).toBe('calm');
  });

  it('lifts to angry but never to furious on facts alone: the category is capped', () => {
    const result = analyze('注文してから3週間。6回電話しました。3日も放置されています。本日で12営業日です。手順は既に三度試しております。');
    expect(result.level).toBe('angry');
    const facts = result.evidence.filter((e) => e.category === 'complaint-fact').reduce((s, e) => s + e.contribution, 0);
    expect(facts).toBeLessThanOrEqual(engine.dictionaries.config.categories['complaint-fact']!.maxContribution!);
  });
});

describe('furious words in any register', () => {
  it('makes an insult furious on its own and names it in a reason', () => {
    const result = analyze('なめてんの？');
    expect(result.level).toBe('furious');
    const reason = result.reasons.find((r) => r.code === 'furious-word');
    expect(reason?.ja).toContain('なめてん');
  });

  it('reads the plain ultimatum いい加減にしろ as furious and the polite request as angry', () => {
    expect(analyze('いつ届くんだよ。いい加減にしてくれ。').level).toBe('furious');
    expect(analyze('強制ログアウトされるの、いい加減にしてください。').level).toBe('angry');
  });

  it('reads keigo declarations (damages, a review of the business, an authority) as furious with a named reason', () => {
    for (const body of [
      'つきましては、損害補償についての御社のご見解を書面にてご提示くださいますようお願い申し上げます。',
      'ご対応次第では、御社とのお取引自体を見直させていただきます。',
      'ご回答の内容によっては、個人情報保護委員会への申告も視野に入れております。',
      '責任者の方から直接説明してください。',
    ]) {
      const result = analyze(body);
      expect(result.level, body).toBe('furious');
      expect(
        result.reasons.some((r) => r.code === 'declaration'),
        body,
      ).toBe(true);
    }
  });

  it('reads a plain money demand and exposure as furious, but not an ordinary refund request', () => {
    expect(analyze('チケット代と交通費全部返せ').level).toBe('furious');
    expect(analyze('写真もレシートも全部Xに上げます。').level).toBe('furious');
    expect(analyze('返金していただけますか。').level).not.toBe('furious');
  });
});

describe('a promise and what is still not done (pairs)', () => {
  it('reads a promise reported and still not kept as angry, in keigo too', () => {
    const result = analyze(
      'お世話になっております。\n返品受領のご連絡から3週間経ちますが、まだ返金が確認できておりません。\n当初「1週間程度で返金いたします」とご案内いただいておりました。',
    );
    expect(result.level).toBe('angry');
    expect(result.politeButAnnoyed).toBe(true);
    const reason = result.reasons.find((r) => r.code === 'polite-but-annoyed');
    expect(reason?.ja).toContain('まだ返金が確認できておりません');
  });

  it('reads a timeline of promises that ends without resolution as angry', () => {
    const body = '11/30　「12/2発送予定」とのメール受信\n12/3　未発送のまま\n12/8　本日。ご連絡なし、商品も未着です。';
    expect(analyze(body).level).toBe('angry');
  });

  it('reads an answer quoted and asked to be checked again as a dispute of that answer', () => {
    const body =
      'チャットで伺ったところ「期限切れのため」とのご回答でしたが、期限は12月3日23:59で、注文は同日21:14です。\nお手数ですが、改めてご確認いただけますでしょうか。';
    expect(analyze(body).level).toBe('angry');
    expect(analyze('お手数ですが、改めてご確認いただけますでしょうか。').level).not.toBe('angry');
  });

  it('does not complain with either fact alone', () => {
    expect(analyze('11月25日に注文した薬箱がまだ届きません。いつ頃になりますか。').level).not.toBe('angry');
    expect(analyze('「結果は郵送でお知らせします」と伺いましたので、お待ちしております。').level).not.toBe('angry');
  });

  it('leaves a promise passed that the writer tells as worry at concerned', () => {
    const body = '昨日お届け予定だったベビーカーがまだ届いていません。週末に使う予定なので、少し心配になってご連絡しました。';
    expect(analyze(body).level).toBe('concerned');
    const notWorried = '昨日お届け予定だったベビーカーがまだ届いていません。心配はしていませんが、いつ届くのでしょうか。';
    expect(analyze(notWorried).level).toBe('angry');
  });
});

describe('conditional frames and apologies around a complaint', () => {
  it('reads leaving if nothing changes as a threat, angry at least', () => {
    for (const body of [
      'このままなら解約も検討します。',
      '改善されないようであれば、退会を考えます。',
      '次も同じようなら、他のお店にします。',
    ]) {
      expect(['angry', 'furious'], body).toContain(analyze(body).level);
    }
  });

  it('does not read the writer’s own circumstance or a question about cancelling as a threat', () => {
    for (const body of [
      '引っ越しする場合、解約の手続きはどうすればよいですか。',
      'もし解約したら返金されますか。',
      'もし壊れたら修理できますか。',
    ]) {
      expect(analyze(body).level, body).not.toBe('angry');
    }
  });

  it('does not lower a complaint for the writer’s apology for asking again', () => {
    for (const body of [
      '何度もご連絡してしまい申し訳ありませんが、まだ返金されておりません。',
      '何度もすみません。まだ返金されていません。',
    ]) {
      expect(analyze(body).level, body).toBe('angry');
    }
    expect(analyze('何度も質問してしまい失礼いたしました。ありがとうございました。').level).toBe('calm');
  });
});

/** Every body reads at this level (the body names the failing case). */
const expectAll = (bodies: readonly string[], level: string) => {
  for (const body of bodies) expect(analyze(body).level, body).toBe(level);
};

describe('a reply to a reply: the company’s earlier answer and what came of it (ordered pairs)', () => {
  it('lifts an answer that did not work to angry, in keigo, and names both sides in the reason', () => {
    const result = analyze(
      'お世話になっております。\nご案内いただいた手順を試しましたが、やはりログインできません。\nほかに方法はありますでしょうか。',
    );
    expect(result.level).toBe('angry');
    expect(result.politeButAnnoyed).toBe(true);
    const reason = result.reasons.find((r) => r.code === 'polite-but-annoyed');
    expect(reason?.ja).toContain('ご案内いただいた');
    expect(reason?.ja).toContain('ログインできません');
  });

  it('reads other wordings of the same discourse as angry', () => {
    expectAll(
      [
        'ご案内の通りに設定しましたが、依然としてエラーが表示されます。',
        'ご回答ありがとうございます。ただ、下記のご回答では解決になっておりません。',
        'その都度ご連絡し、返金のご案内はいただきましたが、状況は変わりませんでした。',
        '再度お願いいたします。前回お送りした修正指示が反映されておりません。',
      ],
      'angry',
    );
  });

  it('needs the order: a failure told first and thanks for an answer after it is no dispute of the answer', () => {
    expect(analyze('ログインできませんでしたが、ご案内いただいた手順で無事に解決しました。').level).not.toBe('angry');
    expect(analyze('長らくお返事できずに申し訳ございませんでした。10月にご連絡いただいていた書類を添付します。').level).not.toBe('angry');
    expect(analyze('ご回答いただきありがとうございました。無事にログインできました。').level).toBe('calm');
  });

  it('does not read half a pair as the writer’s mood: quoted history stays uncounted', () => {
    const body = 'ご丁寧に対応いただきありがとうございました。\n\n> この度は初期不良品をお届けしてしまい、大変ご迷惑をおかけいたしました。';
    expect(analyze(body).level).toBe('calm');
  });

  it('reads a promised date followed by today’s date alone, and a demand for a definite date after an answer, as angry', () => {
    expect(analyze('11月20日にご連絡した際、11月25日発送予定と伺いました。\n本日は12月3日です。').level).toBe('angry');
    expect(analyze('先日お電話でお伝えした件、具体的にいつ対応していただけるのか日付でお答えください。').level).toBe('angry');
    expect(analyze('振替授業の具体的な日程を教えてください。').level).not.toBe('angry');
  });
});

describe('the same problem still there, icy closings and answers that miss the question', () => {
  it('reads a fault that persists or happens again as angry', () => {
    expectAll(
      [
        '相変わらずつながりません。いつ復旧するのでしょうか。',
        '前回と同じエラーがまた発生しました。',
        '交換したばかりなのに、また壊れました。',
      ],
      'angry',
    );
    expect(analyze('相変わらず美味しいです。').level).toBe('calm');
  });

  it('reads a cold closing, an answer that missed the question and a refused explanation as angry', () => {
    expectAll(
      [
        '承知いたしました。では結構です。\n解約の手続きだけ進めてください。',
        'ご回答ありがとうございます。ただ、私がお伺いしたのは返金の時期です。',
        '「システムの仕様です」とのことですが、それでは困ります。',
      ],
      'angry',
    );
    expect(analyze('日程は来週で結構です。よろしくお願いいたします。').level).toBe('calm');
  });

  it('reads a dated timeline of a stalled case as angry', () => {
    const body =
      '11/30　チケット起票（SSL証明書の更新エラー）\n12/2　「担当部署に確認中です」\n12/4　「引き続き確認中です」\n12/7　現時点で返信なし';
    expect(analyze(body).level).toBe('angry');
  });
});

describe('what came of an answer, told by its shape', () => {
  it('reads a sentence opening with しかし after a confirmation, and a step already tried, as a dispute of the answer', () => {
    expectAll(
      [
        '色校正の段階では問題ないとご確認いただいておりました。\nしかし本日納品された刷り上がりは、赤が明らかにくすんでおります。',
        'ご案内いただいた「パスワード再設定」の手順は、最初のお問い合わせの時点で既に三度試しております。',
        'お客様窓口の方に伺ったところ、「より多くのお客様に好まれる香りに変更しました」とのことでした。\nそうですか。',
      ],
      'angry',
    );
    expect(analyze('ルーターの再起動はすでに試しました。ほかに確認できることはありますか。').level).not.toBe('angry');
  });
});

describe('the follow-up rules stay quiet on praise, thanks and questions about a case', () => {
  it('reads an answer that worked, a case asked about, praise and a declined offer as calm', () => {
    expectAll(
      [
        'ご案内いただいた手順で設定したところ、無事にログインできました。ありがとうございました。',
        '先日ご回答いただいた件、おかげさまで解決しました。念のためですが、今後同じ症状が出た場合はどうすればよいでしょうか。',
        '前回のご案内どおり再起動したら直りました。助かりました。',
        '相変わらずの美味しさで、家族みんな大喜びです。',
        'また壊れたらどうしようと不安でしたが、今のところ順調です。',
        'ご丁寧にありがとうございます。お詫びの品はもう結構ですので、お気になさらないでください。',
        'お電話で「明日発送します」と伺いました。本日は12月3日です。明日の到着を楽しみにしています。',
      ],
      'calm',
    );
  });

  it('does not read the writer’s own slip after an answer as a dispute of it', () => {
    const body = 'ご案内いただいた手順を試しましたが、私の操作ミスでうまくいきませんでした。もう一度やってみます。';
    expect(analyze(body).level).not.toBe('angry');
  });
});
