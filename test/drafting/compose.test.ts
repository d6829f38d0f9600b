import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDictionaries } from '../../src/analysis/lexicon/load.js';
import { loadTokenizer, type Tokenizer } from '../../src/analysis/tokenizer/index.js';
import { SCENARIO_KINDS, type ScenarioKind } from '../../src/analysis/scenario-schema.js';
import { TONE_LEVELS, type ToneLevel } from '../../src/analysis/tone-schema.js';
import { composeReply, replySubject, type ReplyContext } from '../../src/drafting/compose.js';
import { loadDrafting, type Drafting } from '../../src/drafting/drafting.js';
import { lintReply } from '../../src/drafting/lint/index.js';
import { readMailFacts } from '../../src/drafting/mail-facts.js';
import { readSentenceConditions } from '../../src/drafting/stock-sentences.js';
import { route } from '../../src/drafting/routing.js';

let drafting: Drafting;
let tokenizer: Tokenizer;
beforeAll(async () => {
  drafting = loadDrafting(loadDictionaries());
  tokenizer = await loadTokenizer();
});

/** Received on Wednesday 26 Nov 2026, 10:15 Japan time. */
const RECEIVED = new Date('2026-11-26T10:15:00+09:00');
const VAGUE_TIMING = /近日中|追って|後ほど|しばらく|早めに|できるだけ早く/;

function context(scenario: ScenarioKind, level: ToneLevel, extra: Partial<ReplyContext> = {}): ReplyContext {
  const tone = { level, urgency: 0, evidence: [] };
  const { manual } = drafting;
  return {
    tone,
    scenarios: { primary: scenario, secondary: [] },
    routing: route(tone, RECEIVED, manual.calendar, manual.routing),
    receivedAt: RECEIVED,
    calendar: manual.calendar,
    agentName: '佐藤',
    companyName: '〇〇ストア',
    ...extra,
  };
}

describe('composeReply', () => {
  it('drafts every scenario at every level with zero lint findings', () => {
    for (const scenario of SCENARIO_KINDS) {
      for (const level of TONE_LEVELS) {
        const draft = composeReply(context(scenario, level), drafting.manual.templates);
        const findings = lintReply(draft.text, { customerLevel: level, rules: drafting.lintRules, tokenizer });
        expect(findings, `${scenario}/${level}:\n${draft.text}`).toEqual([]);
        expect(draft.text, `${scenario}/${level}`).not.toMatch(VAGUE_TIMING);
      }
    }
  });

  it('names the errands a guessed scenario weighs in one line of the general draft, never an act that ends something', () => {
    const guess = (primary: ScenarioKind, secondary: ScenarioKind[]) =>
      composeReply(context(primary, 'furious', { scenarios: { primary, secondary, generalDraft: true } }), drafting.manual.templates);
    const draft = guess('return-refund', ['revision-request']);
    expect(draft.scenario).toBe('other');
    const also = draft.sections.filter((s) => s.name === 'alsoMention').map((s) => draft.text.slice(s.start, s.end));
    expect(also).toEqual(['あわせて、ご返品・ご返金のお手続きや納品物の修正内容についても確認のうえ、ご連絡いたします。']);
    expect(lintReply(draft.text, { customerLevel: 'furious', rules: drafting.lintRules, tokenizer })).toEqual([]);
    // 「定期便」 alone weighs for a cancellation: a guess must not offer one.
    expect(guess('subscription-cancellation', ['plan-change']).text).not.toMatch(/解約/);
    expect(guess('subscription-cancellation', ['plan-change']).text).toMatch(/プラン変更のお手続き/);
  });

  it('opens with thanks and empathy before any fact, cushion first', () => {
    const draft = composeReply(context('delivery-delay', 'angry', { customerName: '山田' }), drafting.manual.templates);
    const order = draft.sections.map((s) => s.name);
    expect(order.indexOf('thanks')).toBeLessThan(order.indexOf('facts'));
    expect(order.indexOf('empathy')).toBeLessThan(order.indexOf('facts'));
    expect(draft.text.startsWith('山田様')).toBe(true);
    const empathy = draft.sections.find((s) => s.name === 'empathy')!;
    expect(draft.text.slice(empathy.start, empathy.end)).toMatch(/「.+」とのこと/);
  });

  it('promises a concrete date from the business calendar', () => {
    // Friday 27 Nov 2026 is one business day after Thursday the 26th.
    const draft = composeReply(context('delivery-delay', 'concerned'), drafting.manual.templates);
    expect(draft.text).toContain('11月27日（金）までに');
    expect(draft.promiseDate).toBe('2026-11-27T18:00:00+09:00');
  });

  it('skips the weekend and Japanese holidays when it promises a date', () => {
    // Received Friday 1 May 2026 17:00: 5/2–5/6 are a weekend and Golden Week holidays.
    const received = new Date('2026-05-01T17:00:00+09:00');
    const draft = composeReply(context('delivery-delay', 'calm', { receivedAt: received }), drafting.manual.templates);
    expect(draft.text).toContain('5月7日（木）までに');
  });

  it('promises to meet a deadline it can meet, and only acknowledges one it cannot', () => {
    const deadline = { text: '本日17時まで', at: new Date('2026-11-26T17:00:00+09:00'), label: '本日11月26日（木）17:00' };
    const at = new Date('2026-11-26T16:00:00+09:00');
    const met = composeReply(
      context('delivery-delay', 'concerned', { deadline, promise: { at, withTime: true, atRisk: false } }),
      drafting.manual.templates,
    );
    expect(met.text).toContain('本日11月26日（木）17:00に間に合うよう、');
    const late = composeReply(
      context('delivery-delay', 'concerned', { deadline, promise: { at, withTime: true, atRisk: true } }),
      drafting.manual.templates,
    );
    expect(late.text).toContain('本日11月26日（木）17:00が迫っていることは承知しております。');
    expect(late.text).not.toContain('間に合うよう');
  });

  it("names the body's errand when the subject names nothing, and fills the follow-up's placeholders from it", () => {
    const body = '11月20日に、在籍証明書の発行についてお問い合わせしましたが、まだご返信をいただけておりません。';
    const conditions = readSentenceConditions(body, readMailFacts(undefined, body), { followUp: true, thanks: false, deadline: false });
    const draft = composeReply(
      context('no-reply-followup', 'concerned', {
        subject: '先日の問い合わせについて（再送）',
        conditions,
        errand: { about: '在籍証明書の発行', askedOn: '11月20日' },
      }),
      drafting.manual.templates,
    );
    expect(draft.text).toContain('このたびは「在籍証明書の発行」についてお問い合わせいただき');
    expect(draft.text).toContain('11月20日にいただいた在籍証明書の発行のお問い合わせ');
    expect(draft.text).not.toContain('先日の問い合わせ');
    expect(draft.placeholders).not.toContain('お問い合わせ内容');
  });

  it('names the product the customer bought in their words instead of a placeholder', () => {
    const body = '駅前の店で「葛根湯エキス顆粒」を買いました。授乳中でも飲めますか？';
    const conditions = readSentenceConditions(body, readMailFacts(undefined, body), { followUp: false, thanks: false, deadline: false });
    const draft = composeReply(context('product-question', 'calm', { conditions }), drafting.manual.templates);
    expect(draft.text).toContain('お問い合わせの「葛根湯エキス顆粒」につきまして');
    expect(draft.placeholders).not.toContain('商品名');
  });

  it('apologises for the wait first in a follow-up', () => {
    const draft = composeReply(
      context('no-reply-followup', 'angry', { scenarios: { primary: 'no-reply-followup', secondary: [] } }),
      drafting.manual.templates,
    );
    expect(draft.sections[2]?.name).toBe('followUpApology');
  });

  it('says a responsible person is handling an escalated case', () => {
    const ctx = context('billing', 'furious');
    const draft = composeReply({ ...ctx, routing: { ...ctx.routing, escalate: true } }, drafting.manual.templates);
    expect(draft.sections.map((s) => s.name)).toContain('escalated');
    expect(draft.text).toMatch(/責任者/);
  });

  it('lists the facts the agent must supply as placeholders and invents none', () => {
    const draft = composeReply(context('delivery-delay', 'calm'), drafting.manual.templates);
    expect(draft.placeholders).toContain('注文番号');
    for (const span of draft.placeholderSpans) expect(draft.text.slice(span.start, span.end)).toBe(`【${span.name}】`);
  });

  it('uses お客様 when no name is known and marks a missing agent name as a placeholder', () => {
    const draft = composeReply(context('product-question', 'calm', { agentName: undefined }), drafting.manual.templates);
    expect(draft.text.startsWith('お客様')).toBe(true);
    expect(draft.placeholders).toContain('担当者名');
  });

  it('mentions a secondary scenario after the facts', () => {
    const draft = composeReply(
      context('delivery-delay', 'concerned', { scenarios: { primary: 'delivery-delay', secondary: ['return-refund'] } }),
      drafting.manual.templates,
    );
    expect(draft.sections.map((s) => s.name)).toContain('alsoMention');
  });

  it('lints clean for random names, companies, scenarios, levels and received times', () => {
    const name = fc.stringMatching(/^[一-龥]{1,4}$/);
    fc.assert(
      fc.property(
        fc.constantFrom(...SCENARIO_KINDS),
        fc.constantFrom(...TONE_LEVELS),
        fc.option(name, { nil: undefined }),
        // A company's name as shops write it (katakana, kanji, Latin): random hiragana makes words (っす, ね) the register rule rightly flags.
        fc.option(fc.stringMatching(/^[ァ-ヶ一-龥A-Za-z]{1,12}$/), { nil: undefined }),
        fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.subarray([...SCENARIO_KINDS], { maxLength: 2 }),
        (scenario, level, customerName, companyName, receivedAt, secondary) => {
          const ctx = context(scenario, level, { customerName, companyName, receivedAt });
          const draft = composeReply({ ...ctx, scenarios: { primary: scenario, secondary } }, drafting.manual.templates);
          expect(lintReply(draft.text, { customerLevel: level, rules: drafting.lintRules, tokenizer })).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('replySubject', () => {
  it('prefixes one Re: however many the mail had', () => {
    expect(replySubject('Re: RE: Re[2]: 注文について', '配送')).toBe('Re: 注文について');
    expect(replySubject(undefined, '配送遅延・未着')).toBe('Re: 配送遅延・未着');
  });
});

describe('loadTemplates', () => {
  it('rejects a 【placeholder】 that is used but not listed with a hint', async () => {
    const { loadTemplates } = await import('../../src/drafting/templates.js');
    const sources = new Map(loadDictionaries().sources);
    const name = 'templates/delivery-delay.yaml';
    const original = sources.get(name)!;
    sources.set(name, { name, text: original.text.replace('【注文番号】をお知らせ', '【注文番号】と【購入日】をお知らせ') });
    expect(() => loadTemplates(sources)).toThrow(/【購入日】 is used but not listed/);
  });

  it('rejects an unknown {{variable}}, which would reach a customer verbatim', async () => {
    const { loadTemplates } = await import('../../src/drafting/templates.js');
    const sources = new Map(loadDictionaries().sources);
    const name = 'templates/_common.yaml';
    const original = sources.get(name)!;
    sources.set(name, { name, text: original.text.replace('{{agentName}}でございます', '{{agentNmae}}でございます') });
    expect(() => loadTemplates(sources)).toThrow(/unknown variable \{\{agentNmae\}\}/);
  });

  it("names what the customer's asking sentence is about, in their words, as a question or a request", () => {
    const compose = (asked: { about: string; question: boolean }, extra: Partial<ReplyContext> = {}) =>
      composeReply(context('plan-change', 'calm', { errand: { asked }, ...extra }), drafting.manual.templates).text;
    expect(compose({ about: '管理者アカウントの追加', question: false })).toContain(
      'ご要望の「管理者アカウントの追加」につきましても、確認のうえご連絡いたします。',
    );
    expect(compose({ about: '年額プランの割引', question: true })).toContain(
      'お尋ねの「年額プランの割引」につきましても、確認のうえご回答いたします。',
    );
    for (const level of TONE_LEVELS) {
      const draft = composeReply(
        context('billing', level, { errand: { asked: { about: '二重の引き落とし', question: false } } }),
        drafting.manual.templates,
      );
      expect(lintReply(draft.text, { customerLevel: level, rules: drafting.lintRules, tokenizer }), draft.text).toEqual([]);
    }
  });

  it("names each of the customer's asks the draft has not said yet, in one line", () => {
    const draft = composeReply(
      context('plan-change', 'calm', {
        errand: { asked: { about: '月の途中の日割り', question: true }, alsoAsked: ['回線の名義', 'プラン'] },
      }),
      drafting.manual.templates,
    ).text;
    expect(draft).toContain('お尋ねの「月の途中の日割り」や「回線の名義」につきましても、確認のうえご回答いたします。');
  });

  it('names what a suggestion is about when the mail asks nothing, and lints clean at every level', () => {
    for (const level of TONE_LEVELS) {
      const draft = composeReply(context('thanks', level, { errand: { suggested: '館内の案内表示' } }), drafting.manual.templates);
      expect(draft.text).toContain('ご提案いただいた「館内の案内表示」の件につきましても、担当部署にて検討いたします。');
      expect(lintReply(draft.text, { customerLevel: level, rules: drafting.lintRules, tokenizer }), draft.text).toEqual([]);
    }
    // An ask is named instead: one line, the customer's ask.
    const asked = composeReply(
      context('thanks', 'calm', { errand: { suggested: '館内の案内表示', asked: { about: '駐車場', question: true } } }),
      drafting.manual.templates,
    ).text;
    expect(asked).not.toContain('ご提案いただいた');
  });

  it('does not name the ask again when the draft already says it in those words', () => {
    const draft = composeReply(
      context('product-question', 'calm', {
        subject: '加湿器のタンク容量について',
        errand: { asked: { about: '加湿器のタンク容量', question: true } },
      }),
      drafting.manual.templates,
    ).text;
    expect(draft.match(/加湿器のタンク容量/gu)).toHaveLength(1);
    expect(draft).not.toContain('お尋ねの');
  });

  it("names a secondary errand only when the mail uses the manual's words for it or gives it two pieces of evidence", () => {
    const body = '先月、足の怪我から復帰しました。コーチの方の丁寧な指導に感謝しています。';
    const conditions = readSentenceConditions(body, readMailFacts(undefined, body), { followUp: false, thanks: true, deadline: false });
    const evidence = (count: number) =>
      Array.from({ length: count }, (_, i) => ({
        scenario: 'service-outage' as const,
        entryId: `e${i}`,
        field: 'body' as const,
        text: '復帰',
        start: 0,
        end: 2,
        weight: 22,
      }));
    const draftWith = (n: number) =>
      composeReply(
        context('thanks', 'calm', { conditions, scenarios: { primary: 'thanks', secondary: ['service-outage'], evidence: evidence(n) } }),
        drafting.manual.templates,
      ).text;
    expect(draftWith(1)).not.toContain('障害');
    expect(draftWith(2)).toContain('サービスの障害と復旧の見込みについても');
  });
});
