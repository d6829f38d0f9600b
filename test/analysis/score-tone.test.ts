import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisEngine } from '../../src/analysis/analyze.js';
import { matchMail } from '../../src/analysis/mail-matches.js';
import { scoreTone } from '../../src/analysis/score.js';
import { sharedEngine } from '../support/engine.js';

let engine: AnalysisEngine;
beforeAll(async () => {
  engine = await sharedEngine();
});

const analyze = (body: string, subject?: string) => engine.analyze({ subject, body });
const counted = (body: string, category: string) => analyze(body).evidence.filter((e) => e.category === category);

describe('scoreTone', () => {
  it('does not count negated anger (怒っていません)', () => {
    const result = analyze('決して怒っていません。確認したかっただけです。');
    expect(result.evidence.filter((e) => e.category === 'anger')).toEqual([]);
    expect(result.notCounted).toContainEqual(expect.objectContaining({ why: 'negated', text: expect.stringContaining('怒') }));
    expect(['calm', 'concerned']).toContain(result.level);
  });

  it('reads a follow-up that allows for a mix-up (行き違いでしたら) as concerned, not angry', () => {
    const chasing = '11月20日にお問い合わせした件、まだご返信をいただけていないようです。';
    expect(analyze(chasing).level).toBe('angry');
    expect(analyze(`${chasing}行き違いでしたら申し訳ありません。`).level).toBe('concerned');
    expect(analyze('二度目のご連絡となります。行き違いでしたらご容赦ください。').level).toBe('concerned');
  });

  it('reads the absence of trouble itself as relief (トラブルは一度もありません), the absence of an explanation as a complaint', () => {
    expect(analyze('3年目の更新です。トラブルらしいトラブルは一度もありません。').level).toBe('calm');
    expect(analyze('待ち時間についてのご説明は一度もありませんでした。').level).toBe('angry');
  });

  it('keeps 問題ありません calm', () => {
    expect(analyze('先日の件、問題ありませんでした。ありがとうございました。').level).toBe('calm');
  });

  it('counts 許せん, where the negation makes the complaint', () => {
    expect(counted('こんな対応は許せん', 'anger').length).toBeGreaterThan(0);
  });

  it('does not read a scolded writer (上司に怒られた) as angry at us', () => {
    expect(counted('上司に怒られてしまいました。', 'anger')).toEqual([]);
  });

  it('counts 返信がない and 返信がありません as urgency', () => {
    for (const body of ['一週間たっても返信がない。', '先週問い合わせましたが、まだ返信がありません。']) {
      expect(analyze(body).urgency, body).toBeGreaterThan(0);
    }
  });

  it('raises a complaint after an intensifier (本当に, 何度も)', () => {
    // Contributions, not the anger score: a complaint holds anger at the angry floor either way.
    const total = (body: string) => analyze(body).evidence.reduce((s, e) => s + e.contribution, 0);
    const plain = total('対応が遅すぎます。');
    const intensified = total('本当に対応が遅すぎます。');
    expect(intensified).toBeGreaterThan(plain);
  });

  it('counts ！！ next to a complaint but not in a thank-you mail', () => {
    const complaint = analyze('いつになったら届くんですか！！');
    const thanks = analyze('素敵な商品をありがとうございました！！また買います！！');
    expect(complaint.evidence.some((e) => e.category === 'symbols')).toBe(true);
    expect(thanks.evidence.some((e) => e.category === 'symbols')).toBe(false);
    expect(thanks.level).toBe('calm');
  });

  it('reads 💢 and angry kaomoji as signals on their own', () => {
    expect(analyze('まだ届きません💢').evidence.some((e) => e.text === '💢')).toBe(true);
  });

  it('lifts a polite follow-up to angry and flags it polite-but-annoyed', () => {
    const result = analyze(
      'お世話になっております。先日お問い合わせした件について、まだご回答をいただけておりません。\n再度ご連絡いたします。どういうことでしょうか。\nお忙しい中恐縮ですが、ご回答をお待ちしております。',
    );
    expect(result.politeButAnnoyed).toBe(true);
    expect(['angry', 'furious']).toContain(result.level);
    expect(result.reasons[0]?.code).toBe('polite-but-annoyed');
  });

  it('never lowers anger for politeness: adding keigo to a complaint does not cool it', () => {
    const blunt = analyze('納得できない。誠意ある対応をしろ。');
    const polite = analyze('大変恐縮ではございますが、納得いたしかねます。誠意あるご対応をお願い申し上げます。');
    expect(['angry', 'furious']).toContain(polite.level);
    expect(blunt.level === 'calm').toBe(false);
  });

  it('makes escalation threats furious', () => {
    const result = analyze('これ以上誠意のない対応が続くなら、消費者センターに相談します。');
    expect(result.level).toBe('furious');
    expect(result.reasons.some((r) => r.code === 'escalation')).toBe(true);
  });

  it('weighs the subject more than the body', () => {
    const inBody = analyze('至急ご確認をお願いします。', 'ご連絡');
    const inSubject = analyze('ご確認をお願いします。', '至急ご確認をお願いします');
    expect(inSubject.urgency).toBeGreaterThan(inBody.urgency);
    expect(inSubject.evidence.some((e) => e.field === 'subject')).toBe(true);
  });

  it('points every piece of evidence at the original text, full-width input included', () => {
    const body = 'ＳＮＳに書きますよ！！ ｲｲｶｹﾞﾝにしてください。返信がありません💢';
    const subject = '【至急】返金しろ';
    const result = analyze(body, subject);
    expect(result.evidence.length).toBeGreaterThan(2);
    for (const e of result.evidence) {
      const source = e.field === 'subject' ? subject : body;
      expect(source.slice(e.start, e.end), e.entryId).toBe(e.text);
      expect(e.end).toBeGreaterThan(e.start);
    }
  });

  it('gives a calm reason when nothing is found', () => {
    const result = analyze('商品のサイズについて教えてください。');
    expect(result.level).toBe('calm');
    expect(result.reasons.map((r) => r.code)).toContain('calm');
  });
});

describe('scoreTone after emoji', () => {
  it('still reads the complaint after a run of emoji (kuromoji 0.1.2 would swallow it)', () => {
    const result = analyze('😭😭😭返信がありません');
    expect(result.urgency).toBeGreaterThan(0);
    expect(result.evidence.some((e) => e.text.includes('返信'))).toBe(true);
  });
});

describe('scoreTone negation across は', () => {
  it('reads 「困ってはいません」 and 「至急ではありません」 as negated', () => {
    expect(analyze('特に困ってはいません。').evidence.filter((e) => e.contribution > 0)).toEqual([]);
    expect(analyze('至急ではありませんので、お手すきの際にご確認ください。').urgency).toBe(0);
  });

  it('reads a noun that denies the word before it as a negator (「不満ゼロ」「悪い点は皆無」)', () => {
    const scoring = (body: string) => analyze(body).evidence.filter((e) => e.contribution > 0);
    expect(scoring('買って一年、不満ゼロ。')).toEqual([]);
    expect(scoring('買って一年、不満だらけ。').length).toBeGreaterThan(0);
  });

  it('reaches the negator past する, quantities and adverbs (後悔はしてない, 不満は一切ありません)', () => {
    for (const body of ['後悔はしてない。', '不満は一切ありません。', '不満が一つもない。', '不満は何一つない。'])
      expect(analyze(body).notCounted.map((n) => n.why)).toContain('negated');
    // 心配 + する + いる is still a worry: reaching past する must not make いる look like 「心配いらない」.
    expect(analyze('請求額が倍になっていて心配しています。').urgency).toBeGreaterThan(0);
  });

  it('reaches the negator past 点, ところ and 見当たる (悪い点が見当たらない, 悪いところが一つもない)', () => {
    for (const body of ['悪い点が見当たらない。', '悪いところが一つもない。'])
      expect(analyze(body).notCounted.map((n) => n.why)).toContain('negated');
  });

  it('reads 〜にくい after a negative word as its denial (壊れにくい), not after one that complains when negated (分かりにくい)', () => {
    expect(analyze('子どもが毎日使ってます。壊れにくいのがいい。').evidence.filter((e) => e.contribution > 0)).toEqual([]);
    expect(analyze('説明書が分かりにくい。').anger).toBeGreaterThan(0);
  });

  it('reads kanji 無い like ない: 「返信が無い」 is a missing reply', () => {
    expect(analyze('一週間たっても返信が無い。').urgency).toBeGreaterThan(0);
  });
});

describe('scoreTone: the broad evaluative layer under the manual', () => {
  it('gives way to a manual entry that counts (「最悪の対応」 is explained once, by the manual)', () => {
    const result = analyze('最悪の対応でした。');
    expect(result.evidence.some((e) => e.category === 'anger')).toBe(true);
    expect(result.evidence.filter((e) => e.category === 'evaluation')).toEqual([]);
  });

  it('is not hidden by a negated-only manual entry found without its negation (「意味ある？」 is no 「意味がない」)', () => {
    const result = analyze('病院の予約時間から2時間待ち。予約の意味ある？');
    expect(result.evidence.filter((e) => e.category === 'anger' && e.text.includes('意味'))).toEqual([]);
    expect(result.evidence).toContainEqual(expect.objectContaining({ category: 'evaluation', text: '意味ある？' }));
  });

  it('tells a fact once: the longer implied match hides the defect inside it (「2週間で充電できなく」)', () => {
    const result = analyze('使い始めて2週間で充電できなくなりました。');
    expect(result.evidence).toContainEqual(expect.objectContaining({ category: 'implied', text: '2週間で充電できなく' }));
    expect(result.evidence.filter((e) => e.category === 'defect')).toEqual([]);
  });
});

describe('scoreTone: implied dissatisfaction (facts, comparisons, regret without complaint words)', () => {
  it('gives evidence to a review that never says it is unhappy', () => {
    for (const body of ['3日で動かなくなった。', '半分しか入っていない。', '前のモデルの方が使いやすかった。', '他のにすればよかった。']) {
      const result = analyze(body);
      expect(
        result.evidence.some((e) => e.category === 'implied'),
        body,
      ).toBe(true);
      expect(result.anger, body).toBeGreaterThan(0);
    }
  });

  it('never makes a mail angry on its own: the category is capped below the angry line', () => {
    const result = analyze(
      '3日で動かなくなりました。半分しか入っていませんでした。前のモデルの方が良かったです。他のにすればよかったです。',
    );
    expect(result.evidence.filter((e) => e.category === 'implied').length).toBeGreaterThan(2);
    expect(result.level).not.toBe('angry');
    expect(result.anger).toBeLessThan(engine.dictionaries.config.levels.angry.anger);
  });

  it('reads a comparison that ends in praise as contrast (期待して行ったけど、それ以上に最高でした)', () => {
    expect(analyze('期待して行ったけど、それ以上に最高でした。').evidence.filter((e) => e.category === 'implied')).toEqual([]);
  });
});

describe('scoreTone with belowFurious categories', () => {
  const facts = '3日も放置されています。何回かけてもつながらない。';
  /** Complaint facts made heavy enough to cross the furious line on their own. */
  const scoreWith = (belowFurious: boolean) => {
    const { dictionaries } = engine;
    const category = { ...dictionaries.config.categories['complaint-fact']!, anger: 5, belowFurious };
    const config = { ...dictionaries.config, categories: { ...dictionaries.config.categories, 'complaint-fact': category } };
    return scoreTone(matchMail(engine.prepare({ body: facts }), { ...dictionaries, config }), { ...dictionaries, config });
  };

  it('lets facts told calmly make a mail angry but not furious', () => {
    const below = scoreWith(true);
    expect(below.level).toBe('angry');
    expect(below.anger).toBe(engine.dictionaries.config.levels.furious.anger - 1);
    expect(scoreWith(false).level).toBe('furious');
  });
});

describe('a subject word the body holds only in a frame', () => {
  it('follows the body: a fraud only feared, a reply subject over a quoted and resolved trouble', () => {
    const feared = analyze(
      '不正利用かと思い心配していましたが、家族の購入で問題ありませんでした。調査は取り下げてください。',
      '不正利用調査の取り下げについて',
    );
    expect(feared.evidence.filter((e) => e.field === 'subject' && e.category === 'urgency')).toEqual([]);
    expect(feared.level).toBe('calm');
    const resolved = analyze(
      '先日「ログインできない」とご相談した件、無事入れるようになりました。助かりました！',
      'Re: ログインできない件',
    );
    expect(resolved.level).toBe('calm');
  });

  it('keeps a fresh subject that states what the body quotes from the screen', () => {
    const result = analyze('ログインしようとすると「アカウントがロックされています」と出ます。', 'アカウントがロックされました');
    expect(result.evidence.some((e) => e.field === 'subject')).toBe(true);
  });
});
