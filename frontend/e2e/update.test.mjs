// The "new version available" prompt: a changed sw.js installs, waits, and only takes
// over when the user presses Reload (registerType: 'prompt').
import assert from 'node:assert/strict';
import { appendFile, cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newPhonePage, waitForServiceWorkerControl } from './browser.mjs';
import { DIST_DIR, FRONTEND_DIR, e2eSkipReason, startServer } from './server.mjs';

const en = JSON.parse(await readFile(join(FRONTEND_DIR, 'src/locales/en.json'), 'utf8'));
const VISIBLE = { state: 'visible', timeout: 15_000 };
const skip = e2eSkipReason();

describe('update prompt', { skip }, () => {
  let server;
  let browser;
  let staticDir;

  before(async () => {
    // A private copy of dist/, so the test can publish a "new version" of sw.js.
    staticDir = await mkdtemp(join(tmpdir(), 'cinco-dist-'));
    await cp(DIST_DIR, staticDir, { recursive: true });
    server = await startServer({ env: { CINCO_STATIC_DIR: staticDir } });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (staticDir) await rm(staticDir, { recursive: true, force: true });
  });

  test('a waiting service worker shows the prompt; Reload activates it', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await newPhonePage(browser, { locale: 'en-US' });
    try {
      await page.goto(`${server.url}/sign-in`);
      await waitForServiceWorkerControl(page);
      const prompt = page.getByTestId('update-prompt');
      assert.equal(await prompt.count(), 0);

      await appendFile(join(staticDir, 'sw.js'), `\n// e2e: new version ${Date.now()}\n`);
      await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        await registration?.update();
      });
      await prompt.getByText(en.update.available).waitFor(VISIBLE);
      assert.equal(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting), true);

      await Promise.all([
        page.waitForEvent('load', { timeout: 15_000 }),
        prompt.getByRole('button', { name: en.update.reload }).click(),
      ]);
      await page.getByRole('heading', { level: 1, name: en.signIn.title }).waitFor(VISIBLE);
      const state = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return { waiting: !!registration?.waiting, controlled: !!navigator.serviceWorker.controller };
      });
      assert.deepEqual(state, { waiting: false, controlled: true });
      assert.equal(await prompt.count(), 0);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
