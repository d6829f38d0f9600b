import { describe, expect, it } from 'vitest';
import { EMAIL_FIXTURES, readJsonLines, type LabelledMail } from '../../scripts/evaluation.js';
import { evaluateScenarios, formatScenarioEvaluation } from '../../scripts/scenario-evaluation.js';
import type { MailText } from '../../src/analysis/analyze.js';
import { detectScenarios } from '../../src/analysis/scenarios.js';
import { withScenarioModel } from '../../scripts/scenario-fit.js';
import { sharedEngine } from '../support/engine.js';

async function detect(mail: MailText) {
  const engine = await sharedEngine();
  return detectScenarios(engine.analyzeWithMatches(mail).fields, engine.dictionaries);
}

/** The manual's words alone, without the learned signal that decides when they are unsure (learned-scenarios.test.ts). */
async function detectByManual(mail: MailText) {
  const engine = await sharedEngine();
  return detectScenarios(engine.analyzeWithMatches(mail).fields, withScenarioModel(engine.dictionaries, undefined));
}

describe('detectScenarios', () => {
  it('detects a late delivery, with evidence whose offsets slice the original text', async () => {
    // Full-width digits and an emoji before the match: NFKC and code points must not shift the offsets.
    const body = 'お世話になります😡\n１１月３日に注文した商品が、まだ届いていません。\n追跡番号で調べても「発送準備中」のままです。';
    const result = await detect({ body });

    expect(result.primary).toBe('delivery-delay');
    const evidence = result.evidence.filter((e) => e.scenario === 'delivery-delay');
    expect(evidence.length).toBeGreaterThan(0);
    for (const e of evidence) {
      expect(e.field).toBe('body');
      expect(body.slice(e.start, e.end)).toBe(e.text);
    }
    expect(evidence.map((e) => e.text)).toContain('まだ届いていません');
  });

  it('reads thanks that lead into a question or a request as courtesy, not the errand', async () => {
    const thanks = 'いつも丁寧にご対応いただき、本当にありがとうございました。スタッフの皆様にもよろしくお伝えください。';
    expect((await detectByManual({ body: thanks })).primary).toBe('thanks');
    const asks = `${thanks}\nそのうえでご相談なのですが、届いたテーブルの天板に欠けがありました。補修の方法を教えていただけますでしょうか。`;
    const result = await detectByManual({ body: asks });
    expect(result.primary).not.toBe('thanks');
    // What the manual found stays visible.
    expect(result.scores.map((s) => s.scenario)).toContain('thanks');
  });

  it('counts words the customer cites in 「」 at half weight, and a 「>」-quoted earlier mail not at all', async () => {
    const said = await detect({ body: 'ロゴデータを確認しました。\n修正をお願いします。' });
    const cited = await detect({ body: 'ロゴデータを確認しました。\n> 修正をお願いします。' });
    const quoted = await detect({ body: 'ロゴデータを確認しました。\n「修正をお願いします」と書きました。' });
    const weight = (r: typeof said) => r.evidence.find((e) => e.text.startsWith('修正'))?.weight ?? 0;
    expect(weight(said)).toBeGreaterThan(0);
    expect(weight(cited)).toBe(0);
    expect(weight(quoted)).toBe(weight(said) / 2);
  });

  it('reads one piece of text as evidence for one scenario, the longer match', async () => {
    // 「反映されていません」 (a coupon not applied) sits inside 「変更が反映されていません」.
    const result = await detect({ subject: 'プラン変更が反映されていません', body: '変更完了のメールも届いています。' });
    expect(result.evidence.map((e) => e.entryId)).not.toContain('sc.expired-coupon.tekiyou-neg');
    expect(result.secondary).not.toContain('expired-coupon');
  });

  it('reports subject evidence against the subject text', async () => {
    const subject = '【至急】注文品が届きません';
    const result = await detect({ subject, body: 'よろしくお願いいたします。' });
    const inSubject = result.evidence.filter((e) => e.field === 'subject');
    expect(result.primary).toBe('delivery-delay');
    expect(inSubject.length).toBeGreaterThan(0);
    for (const e of inSubject) expect(subject.slice(e.start, e.end)).toBe(e.text);
  });

  it('gives a late delivery that also asks for a refund primary delivery-delay and secondary return-refund', async () => {
    const result = await detect({
      subject: '注文番号 A-1024 について',
      body:
        '11月3日に注文したコーヒーメーカーが、お届け予定日を過ぎてもまだ届いていません。\n' +
        'このまま届かないようでしたら、返金していただけますか。',
    });

    expect(result.primary).toBe('delivery-delay');
    expect(result.secondary).toContain('return-refund');
    expect(result.scores[0]?.scenario).toBe('delivery-delay');
  });

  it('treats a calm question about a product as product-question', async () => {
    const result = await detect({
      subject: '電気ケトルについて',
      body:
        'こんにちは。貴店の電気ケトル（KT-200）の購入を検討しています。\n' +
        '容量は何リットルでしょうか。また、空焚き防止の機能はありますか。\nよろしくお願いいたします。',
    });

    expect(result.primary).toBe('product-question');
  });

  it('falls back to other, with nothing secondary, when a mail carries no scenario signal', async () => {
    const result = await detect({
      subject: 'ご挨拶',
      body: 'いつもお世話になっております。来週の打ち合わせの件、承知いたしました。今後ともよろしくお願いいたします。',
    });

    const { minScore } = (await sharedEngine()).dictionaries.config.scenarios;
    expect(result.primary).toBe('other');
    expect(result.secondary).toEqual([]);
    expect(result.scores.every((s) => s.score < minScore)).toBe(true);
  });

  it('weighs a match in the subject subjectWeight times a match in the body', async () => {
    const { subjectWeight } = (await sharedEngine()).dictionaries.config;
    const phrase = '商品がまだ届いていません';
    const inBody = await detect({ body: phrase });
    const inSubject = await detect({ subject: phrase, body: 'よろしくお願いいたします。' });

    const bodyWeight = inBody.evidence.find((e) => e.scenario === 'delivery-delay')!.weight;
    const subjectEvidence = inSubject.evidence.find((e) => e.scenario === 'delivery-delay')!;
    expect(subjectEvidence.field).toBe('subject');
    expect(subjectEvidence.weight).toBeCloseTo(bodyWeight * subjectWeight, 2);
  });

  it('lets the subject decide between two of the manual’s signals of similar weight', async () => {
    const refund = '返金をお願いします';
    const delay = '商品がまだ届いていません';

    expect((await detectByManual({ subject: refund, body: `${delay}。` })).primary).toBe('return-refund');
    expect((await detectByManual({ subject: delay, body: `${refund}。` })).primary).toBe('delivery-delay');
  });

  it('finds the labelled primary scenario of the fixture mails with accuracy ≥ 0.85', async () => {
    const mails = readJsonLines<LabelledMail>(EMAIL_FIXTURES);
    expect(mails.filter((m) => m.scenario).length).toBeGreaterThanOrEqual(100);

    const evaluation = evaluateScenarios(await sharedEngine(), mails);
    expect(evaluation.accuracy, formatScenarioEvaluation(evaluation)).toBeGreaterThanOrEqual(0.85);
  });
});
