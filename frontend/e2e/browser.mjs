// Browser helpers for the e2e tests: Debian's Chromium driven by playwright-core.
import { chromium } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** A phone-sized context (iPhone 12-class: 390×844 CSS px at 3×). */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
  locale: 'es-ES',
};

export function launchBrowser(options = {}) {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS, ...options });
}

/** A persistent (non-incognito) context, needed e.g. for Chrome's installability check. */
export function launchPersistentPhone(userDataDir, options = {}) {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
    ...PHONE,
    ...options,
  });
}

/**
 * Records page errors and CSP violations so tests can assert there were none.
 * @param {import('playwright-core').Page} page
 */
export function watchPage(page) {
  const problems = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(text)) {
      problems.push(`csp: ${text}`);
    }
  });
  return problems;
}

/**
 * A new phone context + page in `browser`.
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, page: import('playwright-core').Page, problems: string[] }>}
 */
export async function newPhonePage(browser, options = {}) {
  const context = await browser.newContext({ ...PHONE, ...options });
  const page = await context.newPage();
  return { context, page, problems: watchPage(page) };
}

/** Waits until a service worker is active and controls `page` (reloading once if needed). */
export async function waitForServiceWorkerControl(page) {
  const controlled = () =>
    page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      return navigator.serviceWorker.controller !== null;
    });
  if (await controlled()) return;
  await page.reload();
  if (!(await controlled())) throw new Error('the service worker does not control the page after a reload');
}
