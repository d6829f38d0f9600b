import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMAIL_FIXTURES, readJsonLines, type LabelledMail } from '../../scripts/evaluation.js';
import { testApp } from '../support/app.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

const POLITE_FOLLOW_UP = {
  subject: 'Re: 注文した商品が届きません',
  body: 'お世話になっております。山田です。\n11月18日に注文した商品がまだ届いておりません。\n先日もお問い合わせしましたが、ご回答をいただけておりません。\nお忙しい中恐縮ですが、ご回答をお待ちしております。',
};

describe('POST /v1/triage', () => {
  it('triages a polite follow-up: angry, delivery delay, a dated cushion-first draft', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/triage',
      payload: { ...POLITE_FOLLOW_UP, agentName: '佐藤', companyName: '〇〇ストア', receivedAt: '2026-11-26T10:15:00+09:00' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.tone.politeButAnnoyed).toBe(true);
    expect(['angry', 'furious']).toContain(body.tone.level);
    expect(body.scenario.primary).toBe('delivery-delay');
    expect(body.routing.replyBy).toBe('2026-11-26T14:15:00+09:00');
    expect(body.customer).toEqual({ name: '山田', nameSource: 'mail' });
    expect(body.draft.text.startsWith('山田様')).toBe(true);
    expect(body.draft.text).toContain('〇〇ストア');
    expect(body.draft.subject).toBe('Re: 注文した商品が届きません');
    expect(body.lint).toEqual([]);
  });

  it('escalates a threat to a supervisor with a one-business-hour deadline', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/triage',
      payload: { body: '二重に請求されています。返金しないなら消費者センターに相談します。', receivedAt: '2026-11-27T17:30:00+09:00' },
    });
    const body = res.json();
    expect(body.tone.level).toBe('furious');
    expect(body.routing).toMatchObject({ priority: 'P1', escalate: true });
    // Friday 17:30 + 1 business hour → Monday 30 Nov 09:30.
    expect(body.routing.replyBy).toBe('2026-11-30T09:30:00+09:00');
  });

  it('drafts every fixture mail with zero lint findings', async () => {
    const mails = readJsonLines<LabelledMail>(EMAIL_FIXTURES);
    for (const mail of mails) {
      const res = await app.inject({ method: 'POST', url: '/v1/triage', payload: { subject: mail.subject, body: mail.body } });
      expect(res.statusCode, mail.id).toBe(200);
      expect(res.json().lint, `${mail.id}: ${res.json().draft.text}`).toEqual([]);
    }
  });

  it('re-drafts for the scenario and level the agent chooses, and says the scenario is theirs', async () => {
    const payload = {
      subject: 'プラン変更について',
      body: '来月からライトプランに切り替えたいです。手続き方法を教えてください。',
      receivedAt: '2026-12-04T11:00:00+09:00',
    };
    const detected = (await app.inject({ method: 'POST', url: '/v1/triage', payload })).json();
    expect(detected.scenario).toMatchObject({ primary: 'plan-change', source: 'detected' });
    const res = await app.inject({
      method: 'POST',
      url: '/v1/triage',
      payload: { ...payload, scenario: 'subscription-cancellation', level: 'concerned' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.scenario).toMatchObject({ primary: 'subscription-cancellation', source: 'agent', confidence: 1, generalDraft: false });
    expect(body.draft).toMatchObject({ scenario: 'subscription-cancellation', level: 'concerned' });
    expect(body.draft.text).toContain('解約');
  });

  it('drafts the safe general reply when the scenario is a guess, says so, and re-drafts for a candidate the agent picks', async () => {
    const payload = {
      body: '商品が届いたのですが、箱が少しへこんでいました。中身は大丈夫そうですが、返品した方がいいのか迷っています。',
      receivedAt: '2026-12-04T11:00:00+09:00',
    };
    const guessed = (await app.inject({ method: 'POST', url: '/v1/triage', payload })).json();
    // The reading is unsure between a damaged box and a return: the draft commits to neither.
    expect(guessed.scenario.generalDraft).toBe(true);
    expect(guessed.scenario.confidence).toBeLessThan(0.4);
    expect(guessed.draft.scenario).toBe('other');
    const candidates = guessed.scenario.scores.map((s: { scenario: string }) => s.scenario);
    expect(candidates).toContain('return-refund');
    const chosen = (await app.inject({ method: 'POST', url: '/v1/triage', payload: { ...payload, scenario: 'return-refund' } })).json();
    expect(chosen.scenario).toMatchObject({ primary: 'return-refund', source: 'agent', generalDraft: false });
    expect(chosen.draft.scenario).toBe('return-refund');
  });

  it('rejects a scenario ondo does not know with a validation problem', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/triage', payload: { ...POLITE_FOLLOW_UP, scenario: 'lunch-menu' } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it("lets the customer's deadline set replyBy and the promise, and says so in the draft", async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/triage',
      payload: {
        subject: '展示会用の商品が届いていません',
        body: '11月30日に注文したパネルスタンド5台（注文番号 88-301-22）がまだ届いていません。\n来週月曜の展示会で使うため、12月7日の朝9時までに必ず必要です。',
        receivedAt: '2026-12-04T16:30:00+09:00',
      },
    });
    const body = res.json();
    expect(body.routing.customerDeadline).toMatchObject({ label: '12月7日（月）9時の展示会', atRisk: false });
    expect(Date.parse(body.routing.replyBy)).toBeLessThanOrEqual(Date.parse('2026-12-07T09:00:00+09:00'));
    expect(body.draft.promiseDate).toBe('2026-12-04T17:00:00+09:00');
    expect(body.draft.text).toContain('12月7日（月）9時の展示会に間に合うよう、12月4日（金）17:00までに');
    expect(body.draft.text).not.toMatch(/注文番号[^。]*お知らせ/);
  });

  it('flags an occasion the mail gives no date for as P1, and acknowledges it in words without promising to meet it', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/triage',
      payload: {
        subject: '名入れの記念品について',
        body: '先日注文した名入れの記念品（注文番号 KN-2207）の件です。\n娘の卒業式の前日までに届けてほしいのですが、間に合いますでしょうか。',
        receivedAt: '2027-02-08T10:30:00+09:00',
      },
    });
    const body = res.json();
    expect(res.statusCode).toBe(200);
    expect(body.routing.priority).toBe('P1');
    expect(body.routing.customerDeadline).toMatchObject({ label: 'お嬢様の卒業式の前日', atRisk: true });
    expect(body.routing.customerDeadline.at).toBeUndefined();
    expect(body.routing.customerDeadline.reason).toContain('お客様の期限に間に合わない恐れ');
    expect(body.draft.text).toContain('お嬢様の卒業式の前日に間に合わせる必要があることは承知しております。');
  });

  it('reads the deadline from a subject that states one, and not from one that only names a day', async () => {
    const triage = async (subject: string) =>
      (
        await app.inject({
          method: 'POST',
          url: '/v1/triage',
          payload: {
            subject,
            body: '注文番号 VC-3310 のチョコレートです。それまでに届きますか。',
            receivedAt: '2027-02-08T10:30:00+09:00',
          },
        })
      ).json();
    const stated = await triage('バレンタインまでに届けたいです');
    expect(stated.routing.customerDeadline).toMatchObject({ label: 'バレンタイン（2月14日（日））', at: '2027-02-14T00:00:00+09:00' });
    expect(stated.draft.text).toContain('バレンタイン（2月14日（日））に間に合うよう');
    expect((await triage('本日の配達について')).routing.customerDeadline).toBeUndefined();
  });

  it('apologises for a wait only when the mail says it waited, not for a fault that happened twice', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/triage',
      payload: {
        subject: '脚がへこんだデスクが届いた件',
        body: '注文番号 FD-77120 のデスクが本日届きましたが、脚がへこんでいます。\nこちらで家具を買って破損品が届くのは2回目です。\nどう対応するのか説明してください。\n竹内',
        receivedAt: '2026-11-21T16:55:00+09:00',
      },
    });
    const body = res.json();
    expect(body.draft.text).not.toMatch(/お待たせ|遅くなり/);
    expect(body.draft.text.startsWith('竹内様')).toBe(true);
    expect(body.draft.text).toContain('「脚がへこんだデスクが届いた」とのこと');
  });

  it('rejects an invalid receivedAt with a validation problem', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/triage', payload: { body: '確認です', receivedAt: '昨日' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().type).toBe('urn:ondo:problem:validation');
  });
});

describe('POST /v1/drafts/{kind}', () => {
  it('schedules reminder-2 on the business day before closing and names the close time', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/drafts/reminder-1',
      payload: {
        customerName: '田中',
        caseTitle: 'ロゴデザインのご依頼',
        lastContactAt: '2026-11-20T15:00:00+09:00',
        closeAfterDays: 7,
        now: '2026-11-24T10:00:00+09:00',
      },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // 20 Nov + 7 days = Friday 27 Nov; reminder 2 on Thursday 26 Nov.
    expect(body.schedule).toEqual({
      reminder1At: '2026-11-24T10:00:00+09:00',
      reminder2At: '2026-11-26T09:00:00+09:00',
      closeAt: '2026-11-27T18:00:00+09:00',
    });
    expect(body.draft.text).toContain('田中様');
    expect(body.draft.text).toContain('11月27日（金）18:00');
    expect(body.draft.text).toContain('7日');
    expect(body.lint).toEqual([]);
  });

  it('asks for revisions in one batch with the limit and a numbered example', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/drafts/revision-batching', payload: { revisionLimit: 2 } });
    const { draft, lint } = res.json();
    expect(draft.text).toContain('2回');
    expect(draft.text).toContain('①');
    expect(lint).toEqual([]);
  });

  it('asks the customer for a date instead of 進捗いかがでしょうか', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/drafts/ask-for-date', payload: { now: '2026-11-26T10:00:00+09:00' } });
    const { draft } = res.json();
    expect(draft.text).not.toContain('進捗いかが');
    expect(draft.text).toContain('12月1日（火）');
  });

  it('closing-notice says the case can be reopened', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/drafts/closing-notice', payload: {} });
    expect(res.json().draft.text).toMatch(/再開/);
  });

  it('closing-notice speaks of the close in the future before it, in the past after it', async () => {
    const draftAt = async (now: string) =>
      (
        await app.inject({
          method: 'POST',
          url: '/v1/drafts/closing-notice',
          payload: { lastContactAt: '2026-11-20T15:00:00+09:00', closeAfterDays: 7, now },
        })
      ).json().draft.text as string;
    const before = await draftAt('2026-11-27T10:30:00+09:00');
    expect(before).toContain('クローズとさせていただきます');
    expect(before).not.toContain('させていただきました');
    // Written when the close is due (as the follow-up queue writes it), it reports the close as of then.
    expect(await draftAt('2026-11-30T09:00:00+09:00')).toContain(
      '11月30日（月）9:00をもちまして、本件をいったんクローズとさせていただきました',
    );
  });

  it('revision-batching shows how to write a request without an example from another kind of work', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/drafts/revision-batching', payload: { caseTitle: 'ロゴデザインのご依頼' } });
    expect(res.json().draft.text).toContain('（修正したい箇所）');
    expect(res.json().draft.text).not.toMatch(/ランチ|メニュー/);
  });

  it('answers an unknown kind with a validation problem', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/drafts/reminder-9', payload: {} });
    expect(res.statusCode).toBe(400);
  });
});

describe('POST /v1/replies/lint', () => {
  it('finds a bare refusal and blame in an agent reply to an angry mail', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/replies/lint',
      payload: {
        text: 'お問い合わせの件ですが、だから先ほども申し上げた通り、期限切れのクーポンはご利用いただけません。',
        customerMail: { body: 'クーポンが使えないのはどういうことでしょうか。納得いたしかねます。' },
      },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(['angry', 'furious']).toContain(body.customerLevel);
    const rules = body.findings.map((f: { ruleId: string }) => f.ruleId);
    expect(rules).toEqual(expect.arrayContaining(['blame', 'bare-refusal', 'no-empathy']));
    for (const f of body.findings) expect(f.message.ja).toBeTruthy();
  });
  it('still accepts the deprecated name reply for text, and refuses both at once', async () => {
    const lint = (payload: object) => app.inject({ method: 'POST', url: '/v1/replies/lint', payload });
    const text = '返金はできません。';
    const [current, deprecated] = await Promise.all([
      lint({ text, customerLevel: 'angry' }),
      lint({ reply: text, customerLevel: 'angry' }),
    ]);
    expect(deprecated.statusCode).toBe(200);
    expect(deprecated.json()).toEqual(current.json());
    const both = await lint({ text, reply: text });
    expect(both.statusCode).toBe(400);
    expect(both.json()).toMatchObject({ type: 'urn:ondo:problem:validation', errors: [{ path: '/text' }] });
    expect((await lint({ customerLevel: 'angry' })).statusCode).toBe(400);
  });
});
