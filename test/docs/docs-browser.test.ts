/**
 * /docs (swagger-ui) in a real browser: Debian's Chromium, driven by playwright-core, against ondo
 * listening on 127.0.0.1 with its own Content-Security-Policy. "Try it out" on POST /v1/analyze
 * must answer 200, and the page must log no CSP violation.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { chromiumTestsRun, collectPageErrors, launchChromium } from '../support/chromium.js';
import { sharedTokenizer } from '../support/engine.js';

describe.runIf(chromiumTestsRun('/docs'))('/docs in Chromium', () => {
  let app: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let base: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    app = await buildApp({
      config: { ...loadConfig({}), docs: true, rateLimitPerIp: 1_000_000 },
      logger: false,
      tokenizer: sharedTokenizer(),
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    await app.analysis.ready;
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    collectPageErrors(page, consoleErrors);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('runs "Try it out" on POST /v1/analyze with a 200 and no CSP violation', async () => {
    const response = await page.goto(`${base}/docs`);
    const csp = (await response?.headerValue('content-security-policy')) ?? '';
    expect(csp).toMatch(/style-src [^;]*'sha256-/);
    expect(csp).not.toContain('unsafe-inline');
    const operation = page.locator('#operations-analysis-analyzeMail');
    await operation.locator('.opblock-summary').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    await operation.getByRole('button', { name: 'Execute' }).click();
    const status = operation.locator('.live-responses-table .response .response-col_status').first();
    await status.waitFor();
    expect((await status.textContent())?.trim()).toBe('200');
    expect(await operation.locator('.live-responses-table .response .microlight').first().textContent()).toContain('"anger"');
    expect(consoleErrors.filter((text) => /Content Security Policy|Content-Security-Policy/i.test(text))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 60_000);
});
