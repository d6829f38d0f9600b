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
