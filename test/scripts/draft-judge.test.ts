import { describe, expect, it } from 'vitest';
import { askedFacts, FACT_KINDS, judgeDraft, summarise, type DraftLabel, type JudgedDraft } from '../../scripts/draft-judge.js';
import { FACT_KINDS as COMPOSER_FACT_KINDS } from '../../src/drafting/mail-facts.js';

const label = (over: Partial<DraftLabel> = {}): DraftLabel => ({
  id: 't1',
  receivedAt: '2026-12-04T10:00:00+09:00',
  subject: '注文した商品が届きません',
  body: '11月28日に注文した商品（注文番号 A-1234）がまだ届きません。',
  topic: { scenario: 'delivery-delay', anyOf: ['配送', 'お届け'] },
  deadline: null,
  givenFacts: ['order-number'],
  waited: false,
  feedback: false,
  rejectedExplanation: null,
  wrongTopics: ['返金'],
  customerName: null,
  ...over,
});

const draft = (text: string, over: Partial<JudgedDraft> = {}): JudgedDraft => ({
  text,
  promiseDate: '2026-12-04T18:00:00+09:00',
  replyBy: '2026-12-04T13:00:00+09:00',
  priority: 'P3',
  reasons: [],
  ...over,
});

const GOOD = 'お客様\n\nただいま配送業者にお届け状況を確認しております。\n12月4日（金）までにご連絡いたします。';

describe('judgeDraft', () => {
  it('passes a draft on topic that asks for nothing given', () => {
    expect(judgeDraft(label(), draft(GOOD)).failed).toEqual([]);
  });

  it('fails the topic when no topic word appears, or a wrong-topic word does', () => {
    expect(judgeDraft(label(), draft('お客様\n\nご請求内容を確認しております。')).failed).toContain('topic');
    expect(judgeDraft(label(), draft(`${GOOD}\nご返金の手続きをいたします。`)).failed).toContain('topic');
  });

  it('fails a draft that asks again for an order number the mail gave', () => {
    const text = `${GOOD}\n恐れ入りますが、ご注文番号をお知らせいただけますでしょうか。`;
    expect(judgeDraft(label(), draft(text)).failed).toEqual(['facts']);
    expect(judgeDraft(label({ givenFacts: [] }), draft(text)).failed).toEqual([]);
  });

  it('fails an apology for waiting unless the customer waited', () => {
    const text = `${GOOD}\nご返信が遅くなり、大変お待たせいたしました。`;
    expect(judgeDraft(label(), draft(text)).failed).toEqual(['waited']);
    expect(judgeDraft(label({ waited: true }), draft(text)).failed).toEqual([]);
  });

  it('fails 貴重なご意見 unless the mail is feedback', () => {
    const text = `${GOOD}\n貴重なご意見をお寄せいただき、ありがとうございます。`;
    expect(judgeDraft(label(), draft(text)).failed).toEqual(['feedback']);
    expect(judgeDraft(label({ feedback: true }), draft(text)).failed).toEqual([]);
  });

  it('fails a draft that repeats the explanation the customer rejected', () => {
    const text = `${GOOD}\nご利用方法についても確認いたします。`;
    expect(judgeDraft(label({ rejectedExplanation: 'ご利用方法' }), draft(text)).failed).toEqual(['rejected']);
  });

  it('wants the customer name in the salutation, or お客様 when there is none', () => {
    expect(judgeDraft(label({ customerName: '山田' }), draft(GOOD)).failed).toEqual(['salutation']);
    expect(judgeDraft(label({ customerName: '山田' }), draft(GOOD.replace('お客様', '山田様'))).failed).toEqual([]);
    expect(judgeDraft(label(), draft(GOOD.replace('お客様', '者様'))).failed).toEqual(['salutation']);
  });

  describe('a deadline in the mail', () => {
    const deadline = { text: '来週月曜の展示会', mustMention: ['展示会', '12月7日'], latest: '2026-12-07T09:00:00+09:00' };
    const withDeadline = `${GOOD}\n12月7日（月）の展示会に間に合うよう手配いたします。`;

    it('passes when acknowledged and promised before the latest time', () => {
      expect(judgeDraft(label({ deadline }), draft(withDeadline)).failed).toEqual([]);
    });

    it('fails when the draft does not mention it', () => {
      expect(judgeDraft(label({ deadline }), draft(GOOD)).failed).toEqual(['deadline']);
    });

    it('fails a promise after the latest time unless routed P1 with the deadline reason', () => {
      const late = { promiseDate: '2026-12-08T18:00:00+09:00' };
      expect(judgeDraft(label({ deadline }), draft(withDeadline, late)).failed).toEqual(['deadline']);
      const flagged = { ...late, priority: 'P1', reasons: ['お客様の期限に間に合わない恐れがあります'] };
      expect(judgeDraft(label({ deadline }), draft(withDeadline, flagged)).failed).toEqual([]);
    });

    it('reads a date alone (「本日中に」) as that whole day in Japan, not midnight UTC', () => {
      const today = { text: '本日中に', mustMention: ['本日'], latest: '2026-12-03' };
      const sameDay = { promiseDate: '2026-12-03T11:00:00+09:00', replyBy: '2026-12-03T11:00:00+09:00' };
      expect(judgeDraft(label({ deadline: today }), draft(`${GOOD}\n本日中にご連絡いたします。`, sameDay)).failed).toEqual([]);
      const nextDay = { promiseDate: '2026-12-04T10:00:00+09:00' };
      expect(judgeDraft(label({ deadline: today }), draft(`${GOOD}\n本日中にご連絡いたします。`, nextDay)).failed).toEqual(['deadline']);
    });
  });
});

describe('FACT_KINDS', () => {
  // The judge keeps its own copy on purpose (it must not share the composer's phrase lists), but the
  // kinds are the label format: a kind the composer reads and the judge does not would go unjudged.
  it('names the same kinds of fact as the composer, in the same order', () => {
    expect([...FACT_KINDS]).toEqual([...COMPOSER_FACT_KINDS]);
  });
});

describe('askedFacts', () => {
  it('reads only sentences that ask the customer for something', () => {
    expect(askedFacts('お写真を添付いただけますでしょうか。')).toEqual(['photo']);
    expect(askedFacts('ご注文番号A-1234の配送状況を確認しております。')).toEqual([]);
  });
});

describe('summarise', () => {
  it('gives the share meeting all checks, failures per check and scenario accuracy', () => {
    const j = summarise([
      { label: label(), scenario: 'delivery-delay', verdict: { failed: [], why: [] } },
      { label: label({ id: 't2' }), scenario: 'other', verdict: { failed: ['topic', 'facts'], why: ['topic: x', 'facts: y'] } },
    ]);
    expect(j.meetingAll).toBe(0.5);
    expect(j.scenarioAccuracy).toBe(0.5);
    expect(j.failures.topic).toBe(1);
    expect(j.failures.facts).toBe(1);
    expect(j.misses.map((m) => m.id)).toEqual(['t2']);
  });
});
