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
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { sharedTokenizer } from '../support/engine.js';

const CHROMIUM = '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps dialling Google's hosts, which a closed network refuses.
const CHROMIUM_FLAGS = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// What a security-headers plugin is expected to send; the page must work under it.
const STRICT_CSP = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";
const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

const POLITE_BUT_ANNOYED =
  'お世話になっております。先日お問い合わせした件について、まだご回答をいただけておりません。再度ご連絡いたします。お忙しい中恐縮ですが、ご回答をお待ちしております。';
const BAD_REPLY = 'だから先ほども申し上げた通り、期限切れのクーポンはご利用いただけません。';

const runInThisEnvironment = existsSync(CHROMIUM) || Boolean(process.env.CI);
if (!runInThisEnvironment) {
  console.warn(`playground browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium); CI always runs them`);
}

describe.runIf(runInThisEnvironment)('playground in Chromium', () => {
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: .ci/run installs Chromium before the tests (CI=${process.env.CI})`);
    app = await buildApp({ config: { ...loadConfig({}), rateLimitPerIp: 1_000_000 }, logger: false, tokenizer: sharedTokenizer() });
    app.addHook('onSend', async (_request, reply, payload) => {
      reply.header('content-security-policy', STRICT_CSP);
      return payload;
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    await app.analysis.ready;
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
    // Reduced motion: the gauges are drawn at once, so screenshots never catch them mid-animation.
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ja-JP', reducedMotion: 'reduce' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    page = await context.newPage();
    // CSP violations and script errors both surface here.
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function openPage(): Promise<void> {
    await page.goto(`${base}/`);
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
    await screenshot('playground-analyze.png', { fullPage: true });
  });

  it('highlights every piece of evidence in place in the mail text', async () => {
    const body = page.locator('#mail-body-view .marked-text');
    expect(await body.textContent()).toBe(POLITE_BUT_ANNOYED);
    expect(await highlightedText(body, 'polite.itadakete-orimasen')).toBe('いただけておりません');
    expect(await highlightedText(body, 'urgency.moraete-inai')).toBe('回答をいただけておりません');
    expect(await highlightedText(body, 'rep.saido')).toBe('再度ご連絡');
    expect(await page.locator('#evidence-rows tr').count()).toBeGreaterThanOrEqual(3);
  });

  it('shows the tooltip of a highlight on hover', async () => {
    const saido = page.locator('#mail-body-view mark[data-ids~="rep.saido"]');
    await saido.hover();
    const tooltip = page.locator('#tooltip');
    expect(await tooltip.isVisible()).toBe(true);
    expect(await tooltip.textContent()).toMatch(/rep\.saido.*分類：再度の連絡（repeated-contact）.*重み 10/s);
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

    await page.keyboard.press('Tab'); // the first highlight in the results
    const ids = await page.evaluate<string>('document.activeElement.matches("mark.hl") ? document.activeElement.dataset.ids : ""');
    expect(ids).not.toBe('');
    const tooltip = page.locator('#tooltip');
    expect(await tooltip.isVisible()).toBe(true);
    expect(await tooltip.textContent()).toContain(String(ids).split(' ')[0]);
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
    expect(await findings.locator('.rewrite-text').first().textContent()).toContain('恐縮ですが、期限切れのクーポンはご利用いただけません。');
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
      ['先日の件、交換品を受け取りました。ありがとうございました。', '', '山田 花子', 'TEL: 090-0000-0000', '', '> 何度も連絡しているのに返事がありません。ふざけないでください。'].join('\n'),
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
});
