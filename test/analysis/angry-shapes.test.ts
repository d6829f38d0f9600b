import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisEngine } from '../../src/analysis/analyze.js';
import { isEscalated } from '../../scripts/evaluation.js';
import { sharedEngine } from '../support/engine.js';

let engine: AnalysisEngine;
beforeAll(async () => {
  engine = await sharedEngine();
});

const analyze = (body: string) => engine.analyze({ body });
const high = /angry|furious/;

describe('polite anger carried by the shape of a demand', () => {
  it('reads a demand for the bare minimum (せめて…だけでも) as a complaint about what came before', () => {
    for (const body of [
      'お問い合わせから10日になります。せめて受け付けたかどうかだけでもご返信いただけますか。',
      '配送が遅れるのは仕方ありませんが、せめて遅れると分かった時点でご連絡がほしかったです。',
      '解約できない理由について、せめて担当部署の名前くらいは教えてください。',
    ])
      expect(analyze(body).level, body).toMatch(high);
  });

  it('leaves せめて that asks nothing of the company, or is told as worry, below angry', () => {
    for (const body of [
      'お世話になりました。せめて一言お礼を申し上げたく、ご連絡しました。',
      '見つからなかったのは残念ですが、ポイントが戻ったのがせめてもの救いです。',
      '母の荷物がまだ届きません。せめていつ頃になるかだけでも知りたく、不安でご連絡しました。',
    ])
      expect(analyze(body).level, body).not.toMatch(high);
  });

  it('reads what the company could or should have foreseen, asked back, as a complaint', () => {
    for (const body of [
      'セール初日にサーバーが落ちて何も買えませんでした。アクセスが集中することは予測できたのではないでしょうか。',
      '割れた状態で届きました。梱包の段階で確認すべきだったのではないですか。',
    ])
      expect(analyze(body).level, body).toMatch(high);
    expect(analyze('パスワードを打ち間違えていたのではないかと心配になりました。').level).not.toMatch(high);
  });

  it('reads a quiet conditional ultimatum after a delay (これ以上…と/ようでしたら) as angry, not furious', () => {
    for (const body of [
      '納品予定日を二週間過ぎております。これ以上遅れるようでしたら、別の業者への切り替えを検討いたします。',
      '修正のたびに別の箇所が崩れています。これ以上同じことが続くと、社内での説明が難しくなります。',
    ]) {
      const result = analyze(body);
      expect(result.level, body).toBe('angry');
    }
    expect(analyze('これ以上ないほど丁寧に対応していただきました。').level).toBe('calm');
  });

  it('counts a request or a pointed-out fault by its number, as it counts contacts', () => {
    expect(analyze('ロゴの色について、今回で3回目のご依頼となります。ご確認をお願いいたします。').level).toMatch(high);
    expect(analyze('同じ誤字について、これで4回目のご指摘です。').level).toMatch(high);
    expect(analyze('こちらでの購入は今回で3回目の利用です。いつもありがとうございます。').level).not.toMatch(high);
  });
});

describe('promises, answers and thanks turned against the company', () => {
  it('reads a promised date gone by, or a promise then nothing, as a broken promise', () => {
    for (const body of [
      'お約束いただいた納期はすでに過ぎております。',
      '20日に発送とのお約束でしたが、今日になっても発送のご連絡がありません。',
      '約束の時刻から一時間過ぎても、作業の方がいらっしゃいません。',
    ])
      expect(analyze(body).level, body).toMatch(high);
    expect(analyze('約束の時刻を過ぎてしまい、大変申し訳ありませんでした。').level).not.toMatch(high);
    expect(analyze('お約束の日にきちんと届きました。ありがとうございました。').level).toBe('calm');
  });

  it('reads not one word from the company (何の説明も…ない) as a complaint, and no problem at all as calm', () => {
    expect(analyze('回線が止まってから三日、御社からは何の説明もありません。').level).toMatch(high);
    expect(analyze('工事の日程について、何のご案内もいただけておりません。').level).toMatch(high);
    expect(analyze('使い始めて半年、何の問題もありません。').level).toBe('calm');
  });

  it('reads an answer that does not answer, and being told or sent something one cannot use, as polite annoyance', () => {
    for (const body of [
      'ご返信ありがとうございます。ですが、こちらの質問にはお答えいただけていません。',
      '今になってそう言われても困ります。',
      '頼んでいない商品を送られても困ります。',
    ])
      expect(analyze(body).level, body).toMatch(high);
    for (const body of ['担当の方が私の質問に丁寧に答えてくださいました。', '多少汚れても困らないよう、カバーを付けています。'])
      expect(analyze(body).level, body).not.toMatch(high);
  });

  it('reads thanks whose object is the company’s failure as irony, even beside other thanks', () => {
    const body = 'いつもありがとうございます。\n毎回のように新しいバグを増やしてくださって、ありがとうございます。いつ直りますか。';
    expect(analyze(body).level).toMatch(high);
    expect(analyze('不具合をすぐに直してくださって、ありがとうございます。').level).not.toMatch(high);
  });

  it('reads 「これが御社の…なんですね」 said of a failure as irony', () => {
    const body = '送料無料と書いてあったのに、送料が請求されていました。これが御社の送料無料なんですね。';
    expect(analyze(body).level).toMatch(high);
  });
});

describe('furious in any register', () => {
  it('escalates a refund demand said outright, plain or keigo', () => {
    for (const body of [
      '講座の後半はすべて録画の使い回しでした。受講料の返金を求めます。',
      '契約内容と異なる工事でした。前払い金全額の返還を請求いたします。',
    ]) {
      const result = analyze(body);
      expect(result.level, body).toBe('furious');
      expect(isEscalated(result), body).toBe(true);
      expect(
        result.reasons.some((r) => r.ja.includes('返')),
        body,
      ).toBe(true);
    }
  });

  it('does not escalate a refund asked about or declined', () => {
    for (const body of [
      'サイズが合わなかったのですが、返金を求めることはできますか。',
      '返金を求めるつもりはありません。交換だけお願いします。',
    ])
      expect(analyze(body).level, body).not.toBe('furious');
  });

  it('escalates posting the whole story on social media, whatever the kana', () => {
    const result = analyze('三回続けて違う色が届きました。経緯は全部インスタにあげます。');
    expect(result.level).toBe('furious');
    expect(isEscalated(result)).toBe(true);
  });
});
