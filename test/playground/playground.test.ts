/**
 * The playground in a real browser: Debian's Chromium, driven by playwright-core, against ondo
 * listening on 127.0.0.1 and serving the page under a strict Content-Security-Policy.
 * Screenshots for README.ja.md are written to docs/screenshots when missing or when
 * UPDATE_SCREENSHOTS=1 (needs a Japanese font: apt-get install fonts-noto-cjk).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { chromiumTestsRun, collectPageErrors, launchChromium, squeezedTexts } from '../support/chromium.js';
import { sharedTokenizer } from '../support/engine.js';
import { deleteRedisPrefix } from '../support/redis-prefix.js';

// What a security-headers plugin is expected to send; the page must work under it.
const STRICT_CSP = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";
const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

const POLITE_BUT_ANNOYED =
  'お世話になっております。先日お問い合わせした件について、まだご回答をいただけておりません。再度ご連絡いたします。お忙しい中恐縮ですが、ご回答をお待ちしております。';
const BAD_REPLY = 'だから先ほども申し上げた通り、期限切れのクーポンはご利用いただけません。';

const FEEDBACK_PREFIX = `test-playground-${process.pid}-${Date.now().toString(36)}`;

describe.runIf(chromiumTestsRun('playground'))('playground in Chromium', () => {
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let feedbackApp: FastifyInstance;
  let feedbackBase: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    ({ app, base } = await startApp({}));
    ({ app: feedbackApp, base: feedbackBase } = await startApp({ feedback: true, queuePrefix: FEEDBACK_PREFIX }));
    browser = await launchChromium();
    // Reduced motion: the gauges are drawn at once, so screenshots never catch them mid-animation.
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ja-JP', reducedMotion: 'reduce' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    page = await context.newPage();
    collectPageErrors(page, consoleErrors);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await feedbackApp?.close();
    await deleteRedisPrefix(loadConfig({}).redisUrl, FEEDBACK_PREFIX);
  });

  async function startApp(overrides: Partial<Config>): Promise<{ app: FastifyInstance; base: string }> {
    const started = await buildApp({
      config: { ...loadConfig({}), rateLimitPerIp: 1_000_000, ...overrides },
      logger: false,
      tokenizer: sharedTokenizer(),
    });
    started.addHook('onSend', async (_request, reply, payload) => {
      reply.header('content-security-policy', STRICT_CSP);
      return payload;
    });
    await started.listen({ host: '127.0.0.1', port: 0 });
    await started.analysis.ready;
    return { app: started, base: `http://127.0.0.1:${(started.server.address() as AddressInfo).port}` };
  }

  async function openPage(at = base): Promise<void> {
    await page.goto(`${at}/`);
    await page.locator('html[data-ready="true"]').waitFor();
  }

  async function analyse(body: string): Promise<void> {
    await page.fill('#mail-body', body);
    await page.click('#analyze-button');
    await page.locator('#analyze-output').waitFor();
  }

  /** The text of all highlights that carry an id, joined: for one span, exactly the words it covers. */
  async function highlightedText(view: Locator, id: string): Promise<string> {
    return (await view.locator(`mark.hl[data-ids~="${id}"]`).allTextContents()).join('');
  }

  // Page-side expressions are strings: the project's TypeScript has no DOM library.
  const focusedId = () => page.evaluate<string>('document.activeElement?.id ?? ""');

  async function screenshot(name: string, options: { fullPage?: boolean } = {}): Promise<void> {
    const path = `${SCREENSHOTS}${name}`;
    if (existsSync(path) && process.env.UPDATE_SCREENSHOTS !== '1') return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    if (options.fullPage) await page.evaluate('window.scrollTo(0, 0)'); // the sticky form would otherwise sit lower
    await page.screenshot({ path, ...options });
  }

  it("loads in Japanese under a strict CSP (default-src 'self') without a console error", async () => {
    await openPage();
    await expect(page.title()).resolves.toBe('ondo プレイグラウンド');
    expect(await page.getAttribute('#tab-analyze', 'aria-selected')).toBe('true');
    expect(consoleErrors).toEqual([]);
  });

  it('shows a polite follow-up as 怒り, with the polite-but-annoyed explanation', async () => {
    await analyse(POLITE_BUT_ANNOYED);
    const badge = page.locator('#level-badge');
    expect(await badge.textContent()).toBe('怒り');
    expect(await badge.getAttribute('class')).toContain('level-angry');
    const pba = page.locator('#pba');
    expect(await pba.isVisible()).toBe(true);
    expect(await pba.textContent()).toMatch(/丁寧な文面ですが.*「いただけておりません」/s);
    expect(Number(await page.getAttribute('#gauge-anger', 'aria-valuenow'))).toBeGreaterThan(0);
    expect(await page.textContent('#analyze-status')).toMatch(/^判定しました。レベルは「怒り」/);
  });

  it('highlights every piece of evidence in place in the mail text', async () => {
    const body = page.locator('#mail-body-view .marked-text');
    expect(await body.textContent()).toBe(POLITE_BUT_ANNOYED);
    expect(await highlightedText(body, 'polite.itadakete-orimasen')).toBe('いただけておりません');
    expect(await highlightedText(body, 'urgency.moraete-inai')).toBe('回答をいただけておりません');
    expect(await highlightedText(body, 'rep.saido')).toBe('再度ご連絡');
    expect(await page.locator('#evidence-rows tr').count()).toBeGreaterThanOrEqual(3);
  });

  it('shows the tooltip of a highlight on hover, in words and without dictionary ids', async () => {
    // The phrase is one piece of evidence, but the learned words inside it (再度, 連絡) rank too, so it
    // is marked in three segments, each with its own explanation: the first names the phrase first.
    const saido = page.locator('#mail-body-view mark[data-ids~="rep.saido"]').first();
    await saido.hover();
    const tooltip = page.locator('#tooltip');
    expect(await tooltip.isVisible()).toBe(true);
    const tip = String(await tooltip.textContent());
    expect(tip).toMatch(/^再度の連絡点数を上げた表現（寄与 \+10）/);
    expect(tip).not.toMatch(/rep\.saido|repeated-contact|[a-z]+\.[a-z-]+/);
    await screenshot('playground-evidence-tooltip.png');
    await page.mouse.move(0, 0);
    expect(await tooltip.isVisible()).toBe(false);
  });

  it('shows the triage and the draft with its placeholders highlighted, and copies the draft', async () => {
    expect(await page.textContent('#triage-scenario')).toContain('催促'); // no-reply-followup, by its label in the templates
    expect(await page.textContent('#triage-priority')).toMatch(/^P[1-4] /);
    expect(await page.textContent('#triage-escalate')).toBe('いいえ');
    expect(await page.textContent('#triage-reply-by')).toMatch(/まで/);
    const placeholders = page.locator('#draft-text mark.hl-placeholder');
    expect(await placeholders.count()).toBeGreaterThan(0);
    for (const text of await placeholders.allTextContents()) expect(text).toMatch(/^【[^【】]+】$/);
    expect(await highlightedText(page.locator('#draft-text'), '担当者名')).toMatch(/^(【担当者名】)+$/);

    await page.click('#draft-copy');
    await expect.poll(() => page.textContent('#draft-copy-status')).toBe('下書きをコピーしました。');
    const copied = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(copied).toBe(await page.locator('#draft-text .marked-text').textContent());
  });

  it('takes the draft, the mail and its level to the reply check', async () => {
    const draft = await page.locator('#draft-text .marked-text').textContent();
    await page.click('#draft-to-lint');
    expect(await page.getAttribute('#tab-lint', 'aria-selected')).toBe('true');
    expect(await focusedId()).toBe('lint-reply');
    expect(await page.inputValue('#lint-reply')).toBe(draft);
    expect(await page.inputValue('#lint-customer')).toBe(POLITE_BUT_ANNOYED);
    expect(await page.inputValue('#lint-level')).toBe('angry');
  });

  it('reaches the analyse button with Tab, and a highlight shows its tooltip on keyboard focus', async () => {
    await openPage();
    await page.locator('#mail-body').focus();
    await page.keyboard.insertText(POLITE_BUT_ANNOYED);
    let focused = '';
    for (let presses = 0; presses < 10 && focused !== 'analyze-button'; presses++) {
      await page.keyboard.press('Tab');
      focused = await focusedId();
    }
    expect(focused).toBe('analyze-button');
    await page.keyboard.press('Enter');
    await page.locator('#analyze-output').waitFor();
    expect(await focusedId()).toBe('analyze-button');

    // From 判定する, the main actions come first: 判定が違う, then the draft's copy button, a few Tab presses away.
    const order: string[] = [];
    for (let presses = 0; presses < 8 && !order.includes('draft-copy'); presses++) {
      await page.keyboard.press('Tab');
      order.push(await focusedId());
    }
    expect(order).toContain('correction-open');
    expect(order.at(-1)).toBe('draft-copy');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#draft-copy-status')).toBe('下書きをコピーしました。');

    // Further on, the highlights in the mail: each one shows its tooltip on keyboard focus.
    let ids = '';
    for (let presses = 0; presses < 30 && !ids; presses++) {
      await page.keyboard.press('Tab');
      ids = await page.evaluate<string>(
        'document.activeElement.matches("#mail-body-view mark.hl") ? document.activeElement.dataset.ids : ""',
      );
    }
    expect(ids).not.toBe('');
    const tooltip = page.locator('#tooltip');
    expect(await tooltip.isVisible()).toBe(true);
    expect(await tooltip.textContent()).toMatch(/点数/);
    await page.keyboard.press('Escape');
    expect(await tooltip.isVisible()).toBe(false);
  });

  it('reads an .eml dropped on the form (ISO-2022-JP, quoted history) and highlights evidence in the text the server kept', async () => {
    await openPage();
    const fixture = fileURLToPath(new URL('../fixtures/mail/iso2022jp-qp-outlook-ja-block.eml', import.meta.url));
    await page.setInputFiles('#eml-file', fixture); // the 「.eml ファイルを選ぶ」 way
    expect(await page.textContent('#eml-name')).toContain('iso2022jp-qp-outlook-ja-block.eml');
    await page.click('#eml-clear');
    expect(await page.isVisible('#eml-status')).toBe(false);

    const base64 = readFileSync(fixture).toString('base64');
    const dataTransfer = await page.evaluateHandle(`(() => {
      const transfer = new DataTransfer();
      const bytes = Uint8Array.from(atob('${base64}'), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], 'dropped.eml', { type: 'message/rfc822' }));
      return transfer;
    })()`);
    await page.dispatchEvent('#eml-drop', 'drop', { dataTransfer });
    expect(await page.textContent('#eml-name')).toContain('dropped.eml');
    expect(await page.isDisabled('#mail-body')).toBe(true);
    await page.click('#analyze-button');
    await page.locator('#analyze-output').waitFor();

    const body = page.locator('#mail-body-view .marked-text');
    expect(await body.textContent()).toMatch(/^請求金額がまだ訂正されていません。/);
    expect(await body.textContent()).not.toContain('送信日時');
    expect(await page.textContent('#mail-meta')).toMatch(/文字コード：iso-2022-jp.*引用 \d+ 行/i);
    const marks = await body.locator('mark.hl').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    for (const text of marks) expect(text.length).toBeGreaterThan(0);
  });

  it('lints a bad reply: blame and a bare refusal, highlighted in place, with a cushion-first rewrite', async () => {
    await openPage();
    await page.click('#tab-lint');
    expect(await page.isVisible('#panel-lint')).toBe(true);
    await page.fill('#lint-reply', BAD_REPLY);
    await page.click('#lint-button');
    await page.locator('#lint-output').waitFor();

    const findings = page.locator('#findings');
    expect(await findings.locator('li[data-rule="blame"]').count()).toBe(1);
    expect(await findings.locator('li[data-rule="bare-refusal"]').count()).toBe(1);
    expect(await findings.locator('li[data-rule="blame"] .finding-message').textContent()).toContain('「だから先ほども申し上げた通り」');
    const view = page.locator('#lint-reply-view');
    expect(await highlightedText(view, 'blame')).toBe('だから先ほども申し上げた通り');
    expect(await highlightedText(view, 'bare-refusal')).toBe('ご利用いただけません');
    expect(await findings.locator('.rewrite-text').first().textContent()).toContain(
      '恐縮ですが、期限切れのクーポンはご利用いただけません。',
    );
    expect(await page.textContent('#lint-status')).toMatch(/^\d+ 件の指摘があります/);
    await screenshot('playground-lint.png', { fullPage: true });
  });

  it('moves between the tabs with the arrow keys', async () => {
    await openPage();
    await page.focus('#tab-analyze');
    await page.keyboard.press('ArrowRight');
    expect(await focusedId()).toBe('tab-lint');
    expect(await page.isVisible('#panel-lint')).toBe(true);
    expect(await page.isVisible('#panel-analyze')).toBe(false);
    await page.keyboard.press('Home');
    expect(await page.getAttribute('#tab-analyze', 'aria-selected')).toBe('true');
  });

  it('explains a 401 in Japanese and sends the API key once it is entered', async () => {
    await openPage();
    const sent: (string | undefined)[] = [];
    await page.route('**/v1/triage', (route) => {
      sent.push(route.request().headers().authorization);
      return route.fulfill({
        status: 401,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'urn:ondo:problem:unauthorized', title: 'API key required', status: 401 }),
      });
    });
    await page.fill('#mail-body', POLITE_BUT_ANNOYED);
    await page.click('#analyze-button');
    await page.locator('#analyze-error').waitFor();
    expect(await page.textContent('#analyze-error')).toContain('API キーが必要です');

    await page.click('.api-key summary');
    await page.fill('#api-key', 'ondo_test-key');
    await page.press('#api-key', 'Tab');
    await page.click('#analyze-button');
    await expect.poll(() => sent.length).toBe(2);
    expect(sent).toEqual([undefined, 'Bearer ondo_test-key']);
    await page.unroute('**/v1/triage');
    await page.evaluate('sessionStorage.clear()');
    // The browser logs each 401 itself, sometimes after the route has seen the request: wait for both.
    await expect.poll(() => consoleErrors.filter((e) => e.includes('401')).length).toBe(2);
    consoleErrors.splice(0);
  });

  it('reads a pasted reply chain as a mail: the quoted furious first mail and the signature are not scored', async () => {
    await openPage();
    await analyse(
      [
        '先日の件、交換品を受け取りました。ありがとうございました。',
        '',
        '山田 花子',
        'TEL: 090-0000-0000',
        '',
        '> 何度も連絡しているのに返事がありません。ふざけないでください。',
      ].join('\n'),
    );
    expect(await page.textContent('#level-badge')).toBe('平常');
    expect(await page.textContent('#mail-meta')).toMatch(/引用 1 行・署名 \d+ 行を除いて判定しました/);
    expect(await page.textContent('#mail-body-view')).not.toContain('ふざけないでください');
  });

  it('never turns mail text into markup', async () => {
    await openPage();
    await analyse('<img src=x onerror="document.title=1">再度ご連絡いたします。<b>至急</b>');
    expect(await page.locator('#mail-body-view img, #mail-body-view b').count()).toBe(0);
    expect(await page.textContent('#mail-body-view .marked-text')).toContain('<img src=x');
    expect(await page.title()).toBe('ondo プレイグラウンド');
    expect(consoleErrors).toEqual([]);
  });
  /** The JSON bodies the page POSTs to a path, in order. */
  function postsTo(path: string): Record<string, unknown>[] {
    const bodies: Record<string, unknown>[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === path)
        bodies.push(request.postDataJSON() as Record<string, unknown>);
    });
    return bodies;
  }

  it('marks only the signals that move the score; politeness and intensifiers appear on a toggle', async () => {
    await openPage();
    const answer = page.waitForResponse((r) => r.url().endsWith('/v1/triage'));
    await analyse(POLITE_BUT_ANNOYED);
    const tone = (await (await answer).json()).tone as { evidence: { entryId: string; weight: number }[] };
    const scoring = tone.evidence.filter((e) => e.weight !== 0).map((e) => e.entryId);
    const zero = tone.evidence.filter((e) => e.weight === 0).map((e) => e.entryId);
    expect(zero.length).toBeGreaterThan(0); // お世話になっております and friends: the marks that drowned the real signals
    const markedIds = async () =>
      new Set(
        (await page.locator('#mail-body-view mark.hl').evaluateAll((marks) => marks.map((m) => m.getAttribute('data-ids') ?? '')))
          .join(' ')
          .split(' ')
          .filter(Boolean),
      );
    const before = await markedIds();
    for (const id of zero) expect(before.has(id), id).toBe(false);
    for (const id of scoring) expect(before.has(id), id).toBe(true);

    await page.check('#show-all-marks');
    const after = await markedIds();
    for (const id of zero) expect(after.has(id), id).toBe(true);
    await page.uncheck('#show-all-marks');
    expect((await markedIds()).size).toBe(before.size);
  });

  it('fills a sample mail with one click and judges it', async () => {
    await openPage();
    await page.click('#samples button:has-text("配送遅延（激怒）")');
    expect(await page.inputValue('#mail-body')).toContain('消費者センターに相談します');
    expect(await page.inputValue('#mail-subject')).toBe('商品が届かない');
    await page.click('#analyze-button');
    await page.locator('#analyze-output').waitFor();
    expect(await page.textContent('#level-badge')).toBe('激怒');
  });

  it('edits the draft in place with the reply linter running as the agent types, and copies the edited text', async () => {
    await openPage();
    await analyse(POLITE_BUT_ANNOYED);
    await page.click('#draft-edit');
    expect(await page.isVisible('#draft-input')).toBe(true);
    expect(await focusedId()).toBe('draft-input');
    expect(await page.inputValue('#draft-input')).toBe(await page.locator('#draft-text .marked-text').textContent());
    await expect.poll(() => page.textContent('#draft-lint-status')).toBe('返信チェック：指摘はありません。');

    await page.locator('#draft-input').press('Control+End');
    await page.keyboard.type('だから先ほども申し上げた通りです。');
    await expect.poll(() => page.locator('#draft-findings li[data-rule="blame"]').count()).toBe(1);
    expect(await page.textContent('#draft-lint-status')).toMatch(/^返信チェック：\d+ 件の指摘があります。/);

    await page.click('#draft-copy');
    const copied = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(copied.endsWith('だから先ほども申し上げた通りです。')).toBe(true);
    await page.click('#draft-edit'); // 編集を終える
    expect(await page.isVisible('#draft-input')).toBe(false);
    expect(await page.locator('#draft-text .marked-text').textContent()).toBe(copied);
    expect(await page.locator('#draft-text mark.hl-placeholder').count()).toBeGreaterThan(0);
  });

  it('re-drafts for another scenario and another level in one click each, sending them as overrides', async () => {
    await openPage();
    const triage = postsTo('/v1/triage');
    await analyse(POLITE_BUT_ANNOYED);
    const firstDraft = await page.locator('#draft-text .marked-text').textContent();
    expect(await page.getAttribute('#scenario-choices button[aria-pressed="true"]', 'data-scenario')).toBe('no-reply-followup');

    // A scenario the mail does not name, from the full list: the change alone re-drafts.
    await page.selectOption('#scenario-other', 'receipt-invoice');
    await expect.poll(() => page.getAttribute('#scenario-choices button[aria-pressed="true"]', 'data-scenario')).toBe('receipt-invoice');
    expect(triage.at(-1)).toMatchObject({ scenario: 'receipt-invoice', body: POLITE_BUT_ANNOYED });
    expect(await page.textContent('#triage-scenario')).toContain('（担当者が選択）');
    expect(await page.locator('#draft-text .marked-text').textContent()).not.toBe(firstDraft);

    await page.click('#level-choices button[data-level="furious"]');
    await expect.poll(() => page.textContent('#level-badge')).toBe('激怒');
    expect(triage.at(-1)).toMatchObject({ scenario: 'receipt-invoice', level: 'furious' });
    expect(await page.textContent('#level-help')).toContain('担当者が選んだ温度');
    expect(await page.textContent('#analyze-status')).toMatch(/^下書きを作り直しました/);

    // Keyboard: a candidate chip re-drafts on Enter.
    const candidate = page.locator('#scenario-choices button[aria-pressed="false"]').first();
    const chosen = await candidate.getAttribute('data-scenario');
    await candidate.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getAttribute('#scenario-choices button[aria-pressed="true"]', 'data-scenario')).toBe(chosen);
  });

  it('keeps a history of the mails analysed in this browser only: listed after a reload, re-judged in one click, cleared', async () => {
    await openPage();
    await page.evaluate('localStorage.clear()');
    await openPage();
    expect(await page.textContent('#history-count')).toBe('0');
    await analyse(POLITE_BUT_ANNOYED);
    await page.click('#samples button:has-text("お礼")');
    await page.click('#analyze-button');
    await expect.poll(() => page.textContent('#history-count')).toBe('2');
    expect(await page.textContent('#history-help')).toContain('どこにも送信されません');

    // After a reload the list is still there; loading the page sent nothing but GETs.
    const sent: string[] = [];
    page.on('request', (r) => sent.push(`${r.method()} ${new URL(r.url()).pathname}`));
    await openPage();
    expect(sent.filter((r) => !r.startsWith('GET '))).toEqual([]);
    await page.click('#history summary');
    const items = page.locator('#history-list .history-item');
    expect(await items.count()).toBe(2);
    expect(await items.first().textContent()).toContain('交換品が届きました'); // newest first
    await items.nth(1).click();
    await page.locator('#analyze-output').waitFor();
    expect(await page.inputValue('#mail-body')).toBe(POLITE_BUT_ANNOYED);
    expect(await page.textContent('#level-badge')).toBe('怒り');
    expect(await page.textContent('#history-count')).toBe('2'); // the same mail moves to the top, not twice

    await page.uncheck('#history-keep');
    await page.click('#samples button:has-text("領収書の依頼")');
    await page.click('#analyze-button');
    await expect.poll(() => page.textContent('#analyze-status')).toMatch(/^判定しました/);
    expect(await page.textContent('#history-count')).toBe('2');
    await page.check('#history-keep');

    await page.click('#history-clear');
    expect(await page.textContent('#history-count')).toBe('0');
    expect(await page.evaluate<string | null>('localStorage.getItem("ondo.history")')).toBeNull();
  });

  it('says 「判定が違う」 cannot be sent when the server keeps no corrections (FEEDBACK off)', async () => {
    await openPage();
    await analyse(POLITE_BUT_ANNOYED);
    await page.click('#correction-open');
    expect(await page.isVisible('#correction-off')).toBe(true);
    expect(await page.textContent('#correction-off')).toContain('FEEDBACK=on');
    expect(await page.isVisible('#correction-send')).toBe(false);
  });

  it("sends 「判定が違う」 to POST /v1/feedback with ondo's first answer and the agent's label, stored masked", async () => {
    await openPage(feedbackBase);
    const mail = `${POLITE_BUT_ANNOYED}\n山田花子\n電話 090-1234-5678`;
    await analyse(mail);
    await page.click('#level-choices button[data-level="furious"]'); // the agent re-drafts first; ondo's own answer is what is corrected
    await expect.poll(() => page.textContent('#level-badge')).toBe('激怒');
    const feedback = postsTo('/v1/feedback');
    await page.click('#correction-open');
    expect(await focusedId()).toBe('correction-level');
    expect(await page.inputValue('#correction-level')).toBe('furious');
    await page.selectOption('#correction-scenario', 'delivery-delay');
    await page.check('#correction-pba');
    await page.click('#correction-send');
    await expect.poll(() => page.textContent('#correction-status')).toMatch(/^訂正を送りました。/);
    expect(await page.isVisible('#correction')).toBe(false);
    expect(feedback).toHaveLength(1);
    expect(feedback[0]).toMatchObject({
      source: 'playground',
      ondo: { level: 'angry', scenario: 'no-reply-followup' },
      agent: { level: 'furious', politeButAnnoyed: true, scenario: 'delivery-delay' },
    });

    const stored = (await feedbackApp.inject({ method: 'GET', url: '/v1/feedback' })).json();
    expect(stored.total).toBe(1);
    expect(stored.items[0]).toMatchObject({ source: 'playground', agent: { level: 'furious' }, ondo: { level: 'angry' } });
    expect(stored.items[0].mail.body).not.toContain('090-1234-5678');
  });

  it('puts the level, the triage, the draft and its copy button on a laptop screen without scrolling', async () => {
    await openPage();
    await analyse(POLITE_BUT_ANNOYED);
    await page.evaluate('window.scrollTo(0, 0)');
    for (const selector of ['#level-badge', '#triage-priority', '#draft-heading', '#draft-copy', '#correction-open']) {
      const box = await page.locator(selector).boundingBox();
      expect(box, selector).not.toBeNull();
      expect(box!.y + box!.height, selector).toBeLessThanOrEqual(800);
    }
    const draftTop = (await page.locator('#draft-text').boundingBox())!.y;
    expect(draftTop).toBeLessThan(800 - 100); // the draft's first lines are in view
    await screenshot('playground-analyze.png');
  });

  it('works at 390 px: nothing wider than the screen, no text broken one character per line, header, tabs and API key readable', async () => {
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'ja-JP',
      reducedMotion: 'reduce',
      deviceScaleFactor: 1,
    });
    const small = await phone.newPage();
    try {
      await small.goto(`${base}/`);
      await small.locator('html[data-ready="true"]').waitFor();
      await small.click('#samples button >> nth=0');
      await small.click('#analyze-button');
      await small.locator('#analyze-output').waitFor();
      await small.click('.api-key summary');
      await small.check('#show-all-marks');
      await small.click('.evidence-details summary');
      await small.click('#history summary');
      await small.click('#correction-open');

      expect(await small.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      // Every visible text node: how many lines it takes against how many characters it has.
      const squeezed = await squeezedTexts(small);
      expect(squeezed, JSON.stringify(squeezed)).toEqual([]);
      // The header's controls each keep to one line.
      for (const selector of ['#tab-analyze', '#tab-lint', '.api-key summary', '#analyze-button', '#draft-copy']) {
        const box = (await small.locator(selector).boundingBox())!;
        expect(box.height, selector).toBeLessThan(48);
        expect(box.x + box.width, selector).toBeLessThanOrEqual(390);
      }
      const keyBox = (await small.locator('#api-key').boundingBox())!;
      expect(keyBox.x).toBeGreaterThanOrEqual(0);
      expect(keyBox.x + keyBox.width).toBeLessThanOrEqual(390);
      await small.click('.api-key summary');
      await small.uncheck('#show-all-marks');
      await small.click('.evidence-details summary');
      await small.click('#history summary');
      await small.click('#correction-open');
      const path = `${SCREENSHOTS}playground-390.png`;
      if (!existsSync(path) || process.env.UPDATE_SCREENSHOTS === '1') await small.screenshot({ path, fullPage: true });
    } finally {
      await phone.close();
    }
  });
});
