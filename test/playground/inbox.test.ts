/**
 * The review inbox (/inbox) in a real browser: Debian's Chromium, driven by playwright-core,
 * against ondo listening on 127.0.0.1 with real Redis and a triage worker drafting the mails the
 * test queues through POST /v1/triage/jobs. The server wants an API key (API_KEYS), as a team's
 * would: the agents' pages carry it in their tab's session. Every wait is for a state (a page
 * element, a record in Redis), never for a length of time.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../../src/config/api-keys.js';
import { chromiumTestsRun, collectPageErrors, launchChromium, squeezedTexts } from '../support/chromium.js';
import { deleteQueueKeys, queueTestApp, queueTestConfig, testWorkers, waitUntil } from '../queue/support.js';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const TEAM_KEY = newApiKey('support-team');

/** Mails of the kinds a team reviews every day; the first is drafted with an 【order number】 to fill in. */
const MAILS = [
  {
    subject: '商品が届かない',
    body: '11月18日に注文した商品がまだ届きません。\n何度も問い合わせているのに、いったいどうなっているんですか。\n至急確認してください。',
  },
  {
    subject: '領収書の発行について',
    body: 'いつもお世話になっております。\n先月分の利用料金について、領収書を発行していただくことは可能でしょうか。\nよろしくお願いいたします。',
  },
  {
    subject: '二重請求',
    body: '二重に請求されています。返金しないなら消費者センターに相談します。',
  },
  {
    subject: '配送日の確認',
    body: 'お世話になっております。先日注文した商品の配送予定日を教えていただけますでしょうか。よろしくお願いいたします。',
  },
];

describe.runIf(chromiumTestsRun('review inbox'))('review inbox in Chromium', { timeout: 120_000 }, () => {
  // A short lease, so the page is seen renewing it; FEEDBACK on, so a correction is stored.
  const config = queueTestConfig('inbox', {
    reviewLeaseSeconds: 15,
    feedback: true,
    apiKeys: [TEAM_KEY.entry],
    rateLimitPerKey: 1_000_000,
  });
  let app: FastifyInstance;
  let workers: Awaited<ReturnType<typeof testWorkers>>;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    app = await queueTestApp(config);
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    workers = await testWorkers(app, config, { queues: ['triage'] });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await workers?.close();
    await app?.close();
    await deleteQueueKeys(config);
  });

  /** A page of its own browser context (its own session storage): one agent, with the team's key entered unless told otherwise. */
  async function agentPage(viewport = { width: 1280, height: 800 }, { withKey = true } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'ja-JP', reducedMotion: 'reduce' });
    contexts.push(context);
    if (withKey) await context.addInitScript(`sessionStorage.setItem('ondo.apiKey', ${JSON.stringify(TEAM_KEY.key)})`);
    const page = await context.newPage();
    collectPageErrors(page, consoleErrors);
    return page;
  }

  async function openInbox(page: Page, agent?: string): Promise<void> {
    await page.goto(`${base}/inbox`);
    await page.locator('html[data-ready="true"]').waitFor();
    if (agent) await page.fill('#agent-name', agent);
  }

  /** The API as the team's own tools call it, with the key. */
  const api = (method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, ...(payload ? { payload } : {}), headers: { authorization: `Bearer ${TEAM_KEY.key}` } });

  /** Queues mails and waits until a worker has put each one's draft in the review queue: their review ids. */
  async function draft(...mails: { subject: string; body: string }[]): Promise<string[]> {
    const ids: string[] = [];
    for (const mail of mails) {
      const response = await api('POST', '/v1/triage/jobs', mail);
      ids.push(response.json().job.id);
    }
    for (const id of ids) {
      await waitUntil(async () => (await api('GET', `/v1/reviews/${id}`)).statusCode === 200, `draft ${id}`, 60_000);
    }
    return ids;
  }

  const draftOne = async (mail: { subject: string; body: string }) => (await draft(mail))[0]!;
  const review = async (id: string) => (await api('GET', `/v1/reviews/${id}`)).json();
  const listed = async () => (await api('GET', '/v1/reviews?limit=500')).json();

  /** Screenshots for the docs only on request (UPDATE_SCREENSHOTS=1): they need a Japanese font (apt-get install fonts-noto-cjk). */
  async function screenshot(page: Page, name: string): Promise<void> {
    if (process.env.UPDATE_SCREENSHOTS !== '1') return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}${name}`, fullPage: true });
  }

  /** The id of the draft the page holds, once it shows one. */
  async function heldId(page: Page): Promise<string> {
    // Shown and done opening (the mail behind the draft is fetched after the panel appears).
    await page.locator('#review:not([hidden])[aria-busy="false"]').waitFor();
    return (await page.getAttribute('#review', 'data-id')) ?? '';
  }

  /** Opens the inbox as the agent and takes the draft with this id from the list (its own button). */
  async function takeFromList(page: Page, agent: string, id: string): Promise<void> {
    await openInbox(page, agent);
    await page.click(`#review-list > li[data-id="${id}"] button`);
    expect(await heldId(page)).toBe(id);
  }

  /** Waits until the list's status line says what the test expects (a state; playwright's wait, however slow the machine). */
  async function queueStatus(page: Page, pattern: RegExp): Promise<void> {
    await page.locator('#queue-status', { hasText: pattern }).waitFor();
  }

  /** 「一覧に戻す」, and wait until the page says the draft is back in the list. */
  async function giveBack(page: Page): Promise<void> {
    await page.click('#review-release');
    await queueStatus(page, /を一覧に戻しました。$/);
  }

  it('lists the waiting drafts most urgent first, as the API orders them, without a console error', async () => {
    await draft(...MAILS);
    const page = await agentPage();
    await openInbox(page);
    await expect(page.title()).resolves.toBe('ondo 下書きレビュー');
    const { total, items } = await listed();
    expect(await page.textContent('#queue-total')).toBe(String(total));
    const rows = page.locator('#review-list > li');
    expect(await page.evaluate<string[]>('[...document.querySelectorAll("#review-list > li")].map((li) => li.dataset.id)')).toEqual(
      items.map((i: { id: string }) => i.id),
    );
    expect(await rows.first().locator('.priority').textContent()).toBe(items[0].priority);
    expect(await rows.first().textContent()).toContain(items[0].replyByLabel);
    expect(consoleErrors).toEqual([]);
    await screenshot(page, 'inbox-list.png');
  });

  it('gives two agents claiming at the same moment a different draft each, and shows each holder to the other', async () => {
    const [sato, suzuki] = [await agentPage(), await agentPage()];
    await Promise.all([openInbox(sato, 'sato'), openInbox(suzuki, 'suzuki')]);
    await Promise.all([sato.click('#claim-next'), suzuki.click('#claim-next')]);
    const [satoId, suzukiId] = await Promise.all([heldId(sato), heldId(suzuki)]);
    expect(satoId).not.toBe('');
    expect(suzukiId).not.toBe('');
    expect(satoId).not.toBe(suzukiId);
    expect(await review(satoId)).toMatchObject({ status: 'claimed', claim: { agent: 'sato' } });
    expect(await review(suzukiId)).toMatchObject({ status: 'claimed', claim: { agent: 'suzuki' } });

    // A third agent sees both drafts taken, by name, with no button to take them.
    const tanaka = await agentPage();
    await openInbox(tanaka, 'tanaka');
    expect(await tanaka.textContent(`#review-list > li[data-id="${satoId}"]`)).toContain('sato さんが確認中');
    expect(await tanaka.locator(`#review-list > li[data-id="${suzukiId}"] button`).count()).toBe(0);

    await Promise.all([giveBack(sato), giveBack(suzuki)]);
    expect((await review(satoId)).status).toBe('pending');
    expect((await review(suzukiId)).status).toBe('pending');
  });

  it("shows the customer's mail with its evidence beside the draft, and lints the draft as the agent types", async () => {
    const id = await draftOne(MAILS[2]!);
    const page = await agentPage();
    await takeFromList(page, 'sato', id);
    // Focus moves to the draft's heading, so a screen reader says what was opened.
    expect(await page.evaluate<string>('document.activeElement?.id ?? ""')).toBe('review-heading');

    const body = page.locator('#review-mail-body .marked-text');
    await body.waitFor();
    expect(await body.textContent()).toBe(MAILS[2]!.body);
    const mark = body.locator('mark.hl').first();
    expect(await mark.count()).toBe(1);
    await mark.focus();
    const tooltip = page.locator('#tooltip');
    expect(await tooltip.isVisible()).toBe(true);
    expect(await tooltip.textContent()).toMatch(/点数を上げた表現/);

    const text = page.locator('#review-text');
    expect(await text.inputValue()).toBe((await review(id)).draft.text);
    await text.focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('\nなお、返金はできません。');
    await page.locator('#review-findings li[data-rule="bare-refusal"]').waitFor();
    expect(await page.textContent('#review-lint-status')).toMatch(/^返信チェック：\d+ 件の指摘があります。$/);
    await screenshot(page, 'inbox-review.png');
    await giveBack(page);
  });

  it('approves the edited draft once its 【placeholders】 are filled, and the approved text is what the agent wrote', async () => {
    const id = await draftOne(MAILS[0]!);
    const placeholders: string[] = (await review(id)).draft.placeholders;
    expect(placeholders.length).toBeGreaterThan(0);
    const page = await agentPage();
    await takeFromList(page, 'sato', id);

    await page.click('#approve');
    expect(await page.textContent('#decision-error')).toMatch(/【】の項目が残っています/);
    expect(await page.evaluate<string>('document.activeElement?.id ?? ""')).toBe('review-text');
    expect((await review(id)).status).toBe('claimed');

    const filled = (await page.inputValue('#review-text')).replace(/【[^【】\n]+】/g, 'A-20261118-0042');
    await page.fill('#review-text', filled);
    await page.click('#approve');
    await queueStatus(page, /^承認しました：「/);
    expect(await review(id)).toMatchObject({ status: 'approved', decision: { agent: 'sato', text: filled, edited: true } });
    expect(await page.locator(`#review-list > li[data-id="${id}"]`).count()).toBe(0);
  });

  it('rejects a draft with a reason (none, and nothing is sent) and the optional correction', async () => {
    const id = await draftOne(MAILS[1]!);
    const page = await agentPage();
    await takeFromList(page, 'suzuki', id);

    await page.click('#reject');
    expect(await page.textContent('#decision-error')).toBe('差し戻す理由を書いてください。');
    expect(await page.evaluate<string>('document.activeElement?.id ?? ""')).toBe('reject-reason');
    expect(await page.getAttribute('#reject-reason', 'aria-invalid')).toBe('true');

    const feedbackBefore = (await api('GET', '/v1/feedback')).json().total;
    await page.fill('#reject-reason', 'お客様とは電話で解決済みのため');
    await page.click('.review-correction summary');
    await page.selectOption('#correction-level', 'calm');
    await page.click('#reject');
    await queueStatus(page, /^差し戻しました：「.*判定の訂正も送りました。$/);
    expect(await review(id)).toMatchObject({
      status: 'rejected',
      decision: { agent: 'suzuki', reason: 'お客様とは電話で解決済みのため' },
    });
    const feedback = (await api('GET', '/v1/feedback')).json();
    expect(feedback.total).toBe(feedbackBefore + 1);
    expect(feedback.items[0]).toMatchObject({ source: 'review', reviewId: id, agent: { level: 'calm' } });
  });

  it('renews the lease while the page is open', async () => {
    const id = await draftOne(MAILS[3]!);
    const page = await agentPage();
    await takeFromList(page, 'sato', id);
    const first = (await review(id)).claim.expiresAt;
    // The page renews a third of the way through the lease: wait for the lease to move, however long that takes here.
    const renewed = await waitUntil(
      async () => {
        const now = await review(id);
        return now.claim && now.claim.expiresAt > first ? now : undefined;
      },
      'the lease renewed',
      60_000,
    );
    expect(renewed.claim.agent).toBe('sato');
    await giveBack(page);
  });

  it('gives the draft back to the queue when the agent leaves the page or closes it', async () => {
    const id = await draftOne(MAILS[3]!);
    const page = await agentPage();
    await takeFromList(page, 'sato', id);
    await page.goto(`${base}/`);
    await waitUntil(async () => (await review(id)).status === 'pending', 'the draft given back on leaving', 30_000);

    await takeFromList(page, 'sato', id);
    await page.close();
    await waitUntil(async () => (await review(id)).status === 'pending', 'the draft given back on closing', 30_000);
  });

  it('asks for the API key in Japanese, lists the drafts once it is entered, and keeps nothing in the browser but the key', async () => {
    await draftOne(MAILS[1]!);
    const page = await agentPage(undefined, { withKey: false });
    await openInbox(page, 'tanaka');
    await page.locator('#queue-error:not([hidden])').waitFor();
    expect(await page.textContent('#queue-error')).toContain('API キーが必要です');

    await page.click('.api-key summary');
    await page.fill('#api-key', TEAM_KEY.key);
    await page.press('#api-key', 'Tab');
    await page.locator('#review-list > li').first().waitFor();
    expect(await page.isHidden('#queue-error')).toBe(true);
    expect(await page.getAttribute('.api-key', 'open')).toBeNull(); // the key's popover closed, the page is usable
    await page.click('#claim-next');
    const id = await heldId(page);
    await page.locator('#review-mail-body .marked-text').waitFor();

    const stored = await page.evaluate<{ session: string[]; local: number; cookie: string }>(
      '({ session: Object.keys(sessionStorage), local: localStorage.length, cookie: document.cookie })',
    );
    expect(stored).toEqual({ session: ['ondo.apiKey'], local: 0, cookie: '' });
    await giveBack(page);
    expect((await review(id)).status).toBe('pending');
  });

  it('works at 390 px: nothing wider than the screen, no text one character per line, in the list and on a draft', async () => {
    const id = await draftOne(MAILS[0]!);
    const page = await agentPage({ width: 390, height: 844 });
    await openInbox(page, 'sato');
    const check = async () => {
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      const squeezed = await squeezedTexts(page);
      expect(squeezed, JSON.stringify(squeezed)).toEqual([]);
      for (const selector of ['.api-key summary', '.site-nav a >> nth=0']) {
        const box = (await page.locator(selector).boundingBox())!;
        expect(box.height, selector).toBeLessThan(48);
        expect(box.x + box.width, selector).toBeLessThanOrEqual(390);
      }
    };
    await check();
    await page.click(`#review-list > li[data-id="${id}"] button`);
    await page.locator('#review-mail-body .marked-text').waitFor();
    await check();
    await screenshot(page, 'inbox-390.png');
    await giveBack(page);
  });
});
