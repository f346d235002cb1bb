// Browser tests of the PWA shell against the real Cinco server (see server.mjs).
//   CINCO_BIN=/abs/path/cinco REQUIRE_BROWSER=1 npm run test:e2e
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import {
  launchBrowser,
  launchPersistentPhone,
  newPhonePage,
  waitForServiceWorkerControl,
  watchPage,
} from './browser.mjs';
import { FRONTEND_DIR, e2eSkipReason, startServer } from './server.mjs';

const LOCALES = ['es', 'en', 'it'];
const MESSAGES = Object.fromEntries(
  LOCALES.map((code) => [code, JSON.parse(readFileSync(join(FRONTEND_DIR, 'src/locales', `${code}.json`), 'utf8'))]),
);
/** The message `key` ("signIn.title") in locale `code`. */
const msg = (code, key) => key.split('.').reduce((node, part) => node[part], MESSAGES[code]);
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const VISIBLE = { state: 'visible', timeout: 15_000 };

async function assertNoHorizontalScroll(page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `horizontal scroll: scrollWidth ${width} > 390`);
}

async function assertNoAxeViolations(page, label) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const summary = violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  assert.deepEqual(summary, [], `axe violations (${label}):\n  ${summary.join('\n  ')}`);
}

const skip = e2eSkipReason();

describe('PWA shell on a phone', { skip }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('renders at 390×844 in es, en and it', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await newPhonePage(browser);
    try {
      await page.goto(`${server.url}/`);
      await page.waitForURL(`${server.url}/sign-in`);
      // The browser says es-ES, so the first paint is Spanish.
      assert.equal(await page.locator('html').getAttribute('lang'), 'es');

      for (const code of LOCALES) {
        await page.getByTestId('language-switcher').selectOption(code);
        const heading = page.getByRole('heading', { level: 1, name: msg(code, 'signIn.title') });
        await heading.waitFor(VISIBLE);
        assert.equal(await page.locator('html').getAttribute('lang'), msg(code, 'meta.lang'));
        await page.getByText(msg(code, 'app.tagline')).waitFor(VISIBLE);
        await page.getByLabel(msg(code, 'signIn.email'), { exact: true }).waitFor(VISIBLE);
        await page.getByRole('link', { name: msg(code, 'signIn.forgot') }).waitFor(VISIBLE);
        await page.getByTestId('server-status').getByText(msg(code, 'server.connected')).waitFor(VISIBLE);
        assert.equal(await page.title(), msg(code, 'meta.pageTitle').replace('{page}', msg(code, 'signIn.title')));
        await assertNoHorizontalScroll(page);
      }

      // The switcher's choice survives a reload.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: msg('it', 'signIn.title') }).waitFor(VISIBLE);
      assert.equal(await page.locator('html').getAttribute('lang'), 'it');

      // Client-side route to the placeholder page and back.
      await page.getByRole('link', { name: msg('it', 'signIn.forgot') }).click();
      await page.waitForURL(`${server.url}/forgot-password`);
      await page.getByRole('heading', { level: 1, name: msg('it', 'forgot.title') }).waitFor(VISIBLE);
      await assertNoHorizontalScroll(page);
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: msg('it', 'signIn.title') }).waitFor(VISIBLE);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('submitting sign-in shows the server’s answer as an error, not a crash', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await newPhonePage(browser, { locale: 'en-US' });
    try {
      await page.goto(`${server.url}/sign-in`);
      await page.getByLabel(msg('en', 'signIn.email'), { exact: true }).fill('agent@example.com');
      await page.getByLabel(msg('en', 'signIn.password'), { exact: true }).fill('not-the-password');
      await page.getByRole('button', { name: msg('en', 'signIn.submit') }).click();
      const error = page.getByTestId('error-message');
      await error.waitFor(VISIBLE);
      assert.notEqual((await error.innerText()).trim(), '');
      assert.equal(await page.locator('[aria-live] [data-testid="error-message"]').count(), 1);
      await assertNoHorizontalScroll(page);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('axe finds no WCAG 2.1 A/AA violations in light and dark themes', { timeout: 120_000 }, async () => {
    for (const scheme of ['light', 'dark']) {
      const { context, page, problems } = await newPhonePage(browser, { colorScheme: scheme });
      try {
        await page.goto(`${server.url}/sign-in`);
        await page.getByTestId('server-status').getByText(msg('es', 'server.connected')).waitFor(VISIBLE);
        assert.equal(await page.locator('html').getAttribute('data-theme'), scheme);
        await assertNoAxeViolations(page, `${scheme} (system), /sign-in`);

        // With an error message showing.
        await page.getByLabel(msg('es', 'signIn.email'), { exact: true }).fill('agent@example.com');
        await page.getByLabel(msg('es', 'signIn.password'), { exact: true }).fill('x');
        await page.getByRole('button', { name: msg('es', 'signIn.submit') }).click();
        await page.getByTestId('error-message').waitFor(VISIBLE);
        await assertNoAxeViolations(page, `${scheme} (system), /sign-in with an error`);

        await page.goto(`${server.url}/forgot-password`);
        await page.getByRole('heading', { level: 1 }).waitFor(VISIBLE);
        await assertNoAxeViolations(page, `${scheme} (system), /forgot-password`);

        // The toggle flips the theme and the choice persists.
        const other = scheme === 'light' ? 'dark' : 'light';
        await page.getByTestId('theme-toggle').click();
        assert.equal(await page.locator('html').getAttribute('data-theme'), other);
        await page.goto(`${server.url}/sign-in`);
        await page.getByTestId('server-status').getByText(msg('es', 'server.connected')).waitFor(VISIBLE);
        assert.equal(await page.locator('html').getAttribute('data-theme'), other);
        await assertNoAxeViolations(page, `${other} (toggle), /sign-in`);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    }
  });

  test('Chrome finds the app installable', { timeout: 60_000 }, async () => {
    const profile = await mkdtemp(join(tmpdir(), 'cinco-chromium-'));
    const context = await launchPersistentPhone(profile);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const problems = watchPage(page);
      await page.goto(`${server.url}/sign-in`);
      await waitForServiceWorkerControl(page);
      const cdp = await context.newCDPSession(page);
      const manifest = await cdp.send('Page.getAppManifest');
      assert.deepEqual(manifest.errors, [], 'manifest errors');
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      assert.deepEqual(installabilityErrors, [], 'installability errors');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  });

  test('works offline once the service worker is installed', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await newPhonePage(browser, { locale: 'en-GB' });
    try {
      await page.goto(`${server.url}/sign-in`);
      await waitForServiceWorkerControl(page);
      const offline = page.getByTestId('offline-indicator');
      assert.equal(await offline.count(), 0);

      await context.setOffline(true);
      const response = await page.reload();
      assert.ok(response?.fromServiceWorker(), 'the reload was not answered by the service worker');
      await page.getByRole('heading', { level: 1, name: msg('en', 'signIn.title') }).waitFor(VISIBLE);
      await offline.waitFor(VISIBLE);
      await page.getByTestId('server-status').getByText(msg('en', 'server.offline')).waitFor(VISIBLE);
      await assertNoHorizontalScroll(page);

      // A deep link that was never visited is served from the precached shell.
      await page.goto(`${server.url}/forgot-password`);
      await page.getByRole('heading', { level: 1, name: msg('en', 'forgot.title') }).waitFor(VISIBLE);
      await offline.waitFor(VISIBLE);

      // Submitting while offline says the server can't be reached.
      await page.goto(`${server.url}/sign-in`);
      await page.getByLabel(msg('en', 'signIn.email'), { exact: true }).fill('agent@example.com');
      await page.getByLabel(msg('en', 'signIn.password'), { exact: true }).fill('x');
      await page.getByRole('button', { name: msg('en', 'signIn.submit') }).click();
      await page.getByTestId('error-message').getByText(msg('en', 'errors.unreachable')).waitFor(VISIBLE);
      await assertNoAxeViolations(page, 'offline, light');

      // Back online: the indicator goes away and the server is reachable again.
      await context.setOffline(false);
      await offline.waitFor({ state: 'detached', timeout: 15_000 });
      await page.getByTestId('server-status').getByText(msg('en', 'server.connected')).waitFor(VISIBLE);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
