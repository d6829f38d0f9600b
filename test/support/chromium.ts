/**
 * Debian's Chromium for the browser tests (/docs, the playground), driven by playwright-core: one
 * place for where it is, when the tests run, how it is launched and how page errors are caught.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps dialling Google's hosts, which a closed network refuses.
const CHROMIUM_FLAGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Whether the browser tests run here: wherever Chromium is installed, and always on CI (which installs it). */
export function chromiumTestsRun(what: string): boolean {
  const run = existsSync(CHROMIUM) || Boolean(process.env.CI);
  if (!run) console.warn(`${what} browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium); CI always runs them`);
  return run;
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: .ci/run installs Chromium before the tests (CI=${process.env.CI})`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
}

/** Collects the page's console errors and uncaught script errors (CSP violations surface as console errors). */
export function collectPageErrors(page: Page, into: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error') into.push(message.text());
  });
  page.on('pageerror', (error) => into.push(error.message));
}

/**
 * Visible texts squeezed into a column too narrow for them: every text node of three characters or
 * more that takes three lines or more, and more lines than half its characters (the 390 px tests).
 */
export function squeezedTexts(page: Page): Promise<{ text: string; lines: number }[]> {
  // A string, not a function: the project's TypeScript has no DOM library.
  return page.evaluate<{ text: string; lines: number }[]>(`(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.trim();
      if (text.length < 3 || !node.parentElement || node.parentElement.closest('[hidden], .visually-hidden')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (tops.size >= 3 && tops.size * 2 > text.length) out.push({ text: text.slice(0, 20), lines: tops.size });
    }
    return out;
  })()`);
}
