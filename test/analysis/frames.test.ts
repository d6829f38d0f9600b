import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisEngine } from '../../src/analysis/analyze.js';
import { sharedEngine } from '../support/engine.js';

let engine: AnalysisEngine;
beforeAll(async () => {
  engine = await sharedEngine();
});

/** Each frame rule in scoring.yaml carries its own examples; they run here through the real engine. */
describe('frames (clause-level polarity) in scoring.yaml', () => {
  it('read every calm example calm and keep evidence in every counts example', () => {
    const failures: string[] = [];
    for (const [name, frame] of Object.entries(engine.dictionaries.config.frames)) {
      if (typeof frame !== 'object' || !('examples' in frame)) continue;
      for (const text of frame.examples.calm) {
        const result = engine.analyze({ body: text });
        if (result.level !== 'calm') failures.push(`${name}: 「${text}」 should read calm, got ${result.level}`);
      }
      for (const text of frame.examples.counts) {
        if (!engine.analyze({ body: text }).evidence.some((e) => e.contribution > 0))
          failures.push(`${name}: 「${text}」 lost its evidence`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('names the frame that cancelled a word', () => {
    const result = engine.analyze({ body: '肌荒れがひどくて困っていましたが、使い始めてから落ち着きました。' });
    expect(result.notCounted).toContainEqual(expect.objectContaining({ text: 'ひどく', why: 'resolved' }));
    expect(engine.analyze({ body: '『ひどい話』という本でした。' }).notCounted).toContainEqual(expect.objectContaining({ why: 'quoted' }));
  });

  it('names who a strong word is about: a third person, the writer, or what the writer accepts as natural', () => {
    const reason = (body: string, text: string) => engine.analyze({ body }).notCounted.find((n) => n.text === text)?.why;
    expect(reason('父が最近物忘れがひどく、暗証番号を思い出せません。', 'ひどく')).toBe('other-party');
    expect(reason('上司にひどく叱られてしまいました。', 'ひどく')).toBe('other-party');
    expect(reason('腹が立つのは自分に対してです。', '腹が立つ')).toBe('self');
    expect(reason('まだ届かなくて当然なのですが、確認させてください。', 'まだ届かなく')).toBe('accepted');
    // The same words aimed at the company count.
    expect(engine.analyze({ body: '店員にひどい態度を取られました。' }).level).toBe('angry');
    expect(engine.analyze({ body: '御社に対して腹が立ちます。' }).level).toBe('angry');
  });

  it('reads a word before 〜か and a worry as a feared possibility: concerned, never angry', () => {
    const result = engine.analyze({ body: '誰かに勝手に使われていないか心配なので、ログイン履歴の見方を教えてください。' });
    expect(result.notCounted).toContainEqual(expect.objectContaining({ text: '勝手に使われ', why: 'hypothetical' }));
    expect(result.level).toBe('concerned');
    expect(engine.analyze({ body: '勝手に使われました。' }).evidence.some((e) => e.category === 'anger')).toBe(true);
  });

  it('reads a hedged guess before a worry (〜のかな、と少し心配) as feared, and the same words told as fact as counted', () => {
    const reason = (body: string, text: string) => engine.analyze({ body }).notCounted.find((n) => n.text === text)?.why;
    expect(reason('もしかして部品が足りなくなったのかな、と少し心配しています。', '足りなく')).toBe('hypothetical');
    expect(reason('カードの情報が漏れたのかな、と不安になりました。', '漏れ')).toBe('hypothetical');
    const worried = engine.analyze({ body: '説明書のページが足りないのかなと、ちょっと不安です。' });
    expect(worried.level).not.toMatch(/angry|furious/);
    expect(engine.analyze({ body: '部品が足りなくなったので、組み立てられません。' }).evidence.some((e) => e.text === '足りなく')).toBe(
      true,
    );
  });

  it('reads a word in a case the writer asks about (〜場合、…可能でしょうか) as supposed, a case with a threat as counted', () => {
    const reason = (body: string, text: string) => engine.analyze({ body }).notCounted.find((n) => n.text === text)?.why;
    expect(reason('席が足りない場合、別の日に変更していただくことはできますか？', '足りない')).toBe('hypothetical');
    expect(engine.analyze({ body: '容量が足りない場合、上位プランに切り替えられますか。' }).level).toBe('calm');
    expect(engine.analyze({ body: '返事がない場合は法的措置を取ります。' }).level).toBe('furious');
  });

  it('denies a noun before the privative なし whatever the polarity of its entry: 「手抜きなし」', () => {
    expect(engine.analyze({ body: '手抜きなしの丁寧な仕事でした。' }).notCounted).toContainEqual(
      expect.objectContaining({ text: '手抜き', why: 'negated' }),
    );
    expect(engine.analyze({ body: '明らかに手抜きです。' }).level).toBe('angry');
  });

  it('reads a grievance with another provider on through 〜のに, to its line end or the end of the quotation that named it', () => {
    const reason = (body: string, text: string) => engine.analyze({ body }).notCounted.find((n) => n.text === text)?.why;
    // 〜のに that goes on with the grievance, not to the reader.
    expect(reason('以前ほかの旅行会社で予約したのに部屋が用意されておらず、ロビーで3時間待たされました。', '待たされ')).toBe('other-party');
    expect(reason('別の通販で注文したときは、こっちは急いでるっていうのに、何の連絡もなしでした。', '連絡もなし')).toBe('other-party');
    // 〜のに that compares: the next clause opens on the reader's side, or the other shop did a favour.
    expect(engine.analyze({ body: '他の店ではすぐ交換してくれたのに、こちらは何も対応してくれません。' }).level).not.toMatch(
      /calm|concerned/,
    );
    expect(engine.analyze({ body: '他の店ではすぐ返金してくれたのに、全然対応してくれない。' }).level).not.toMatch(/calm|concerned/);
    // A paragraph break, or the end of someone's quoted words, ends the other provider's scope.
    expect(engine.analyze({ body: '前に別のお店で頼んだら対応が最悪でした。\n\n今回の注文もまだ届かず、本当に困っています。' }).level).toBe(
      'angry',
    );
    expect(
      engine.analyze({ body: '母に「だから別の店にしようと言ったのに」と言われました。注文した商品がまだ届かず、本当に困っています。' })
        .level,
    ).toBe('angry');
  });

  it('reads あの店, あっちの店, 某大手 as another provider only when the text also speaks of the reader', () => {
    expect(engine.analyze({ body: '某大手の通販では二週間も待たされました。こちらは注文の翌日に届いて驚きました。' }).level).toBe('calm');
    expect(engine.analyze({ body: 'ここの修理は丁寧でした。あの店にはもう二度と頼みません。' }).level).toBe('calm');
    // A post addressed to nobody names the provider it complains of.
    expect(engine.analyze({ body: '某運送会社、荷物を投げてた。二度と使わない。' }).level).toBe('furious');
    expect(engine.analyze({ body: 'あのホテルには二度と泊まらない。' }).level).not.toMatch(/calm|concerned/);
  });

  it('reads a feeling set against thanks to the reader (〜ますが、こちらには感謝) as aimed at what it is compared with', () => {
    expect(engine.analyze({ body: '前の業者には今も腹が立っていますが、今回は本当に助かりました。' }).level).toBe('calm');
    expect(engine.analyze({ body: '電車の遅れには正直イライラしましたが、こちらのスタッフさんには感謝しかありません。' }).level).toBe(
      'calm',
    );
    // No thanks after the turn: the feeling counts.
    expect(engine.analyze({ body: '何度も電話していますが、こちらの窓口は全くつながりません。' }).level).not.toMatch(/calm|concerned/);
  });

  it('reads a trouble taken up by a favour done (足りなかったのもすぐ送ってくれました) as put right', () => {
    const reason = (body: string, text: string) => engine.analyze({ body }).notCounted.find((n) => n.text === text)?.why;
    expect(reason('ボタンが一つ足りなかったのも、翌日すぐに送っていただけました。', '足りなかっ')).toBe('resolved');
    expect(reason('外箱が潰れていたのを、すぐに新しいものと交換してくださいました。', '箱が潰れ')).toBe('resolved');
    // A favour asked for or refused takes nothing up.
    expect(engine.analyze({ body: '部品が足りないのを送ってくれない。' }).evidence.some((e) => e.text === '足りない')).toBe(true);
    expect(engine.analyze({ body: '部品が足りなかったのを指摘したら、怒鳴られました。' }).level).not.toMatch(/calm|concerned/);
  });

  it('keeps a prohibition an accusation: 「バカにしないでください」 is not a denial', () => {
    const result = engine.analyze({ body: '客をバカにしないでください。' });
    expect(result.evidence.some((e) => e.category === 'anger')).toBe(true);
  });
});
