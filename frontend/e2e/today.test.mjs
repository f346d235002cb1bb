// Today's session on a phone, offline: the demo agent with reviews due and a role-play
// loads today, loses the network, does the whole session, and gets it back; the server
// then has every result exactly once (sending the device's queue again changes nothing).
//   CINCO_BIN=/abs/path/cinco REQUIRE_BROWSER=1 npm run test:e2e
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newPhonePage, waitForServiceWorkerControl } from './browser.mjs';
import { DEMO_PASSWORD, demoEmail, e2eSkipReason, startServer } from './server.mjs';
import { VISIBLE, apiSignIn, assertScreenOk, msg, signInUi } from './ui.mjs';

const skip = e2eSkipReason();
const ITEM_KINDS = ['single', 'multiple', 'true_false', 'ordering'];

/** Answers the knowledge check inside `scope` (whatever its kind) and waits for the verdict. */
async function answer(scope, code) {
  const form = scope.getByTestId('card-item');
  if ((await form.getByRole('radio').count()) > 0) await form.getByRole('radio').first().check();
  else if ((await form.getByRole('checkbox').count()) > 0) await form.getByRole('checkbox').first().check();
  await form.getByRole('button', { name: msg(code, 'player.check') }).click();
  await form.getByTestId('explanation').waitFor(VISIBLE);
}

/** Clicks `button`, which ends an activity, and waits for the next one (or the end). */
async function nextActivity(page, button) {
  const before = await page.locator('#step-heading').textContent();
  await button.click();
  await page.waitForFunction(
    (text) => document.getElementById('step-heading')?.textContent !== text || !!document.querySelector('[data-testid="today-complete"]'),
    before,
  );
}

async function api(url, token, method, path, body) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

describe('today’s session on a phone', { skip }, () => {
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

  test('an agent does the whole session offline and loses nothing', { timeout: 180_000 }, async () => {
    const code = 'es';
    const { context, page, problems } = await newPhonePage(browser);
    try {
      await page.goto(`${server.url}/sign-in`);
      await signInUi(page, server.url, demoEmail('agent01'), DEMO_PASSWORD, { code });
      await waitForServiceWorkerControl(page);
      const card = page.getByTestId('today-card');
      await card.getByText(msg(code, 'home.streak', { n: 5 })).waitFor(VISIBLE);
      await assertScreenOk(page, '/home (agent with a streak)');

      await card.getByRole('link', { name: msg(code, 'home.todayGo') }).click();
      await page.waitForURL(`${server.url}/today`);
      const items = page.getByTestId('today-item');
      await items.first().waitFor(VISIBLE);
      const kinds = await items.evaluateAll((list) => list.map((li) => li.dataset.kind));
      assert.ok(kinds.filter((k) => k === 'review').length >= 1, `reviews are due: ${kinds}`);
      assert.ok(kinds.includes('lesson') || kinds.includes('scenario'), `and new material: ${kinds}`);
      await page.getByTestId('sync-status').getByText(msg(code, 'sync.synced')).waitFor(VISIBLE);
      await assertScreenOk(page, '/today');

      // The network goes away, and the phone even restarts the app: the whole session is
      // still there (the shell from the service worker, the session from the offline pack).
      await context.setOffline(true);
      await page.reload();
      await page.getByTestId('today-item').first().waitFor(VISIBLE);
      assert.deepEqual(await items.evaluateAll((list) => list.map((li) => li.dataset.kind)), kinds);
      await page.getByText(msg(code, 'today.stale')).waitFor(VISIBLE);
      await page.getByTestId('today-start').click();
      for (let step = 0; step < 80; step++) {
        if (await page.getByTestId('today-complete').isVisible()) break;
        const review = page.getByTestId('review-step');
        const lesson = page.getByTestId('lesson-step');
        const lessonDone = page.getByTestId('lesson-step-done');
        const scenario = page.getByTestId('scenario-step');
        if (await review.isVisible()) {
          await answer(review, code);
          if (step === 0) await assertScreenOk(page, '/today, a review answered offline');
          await nextActivity(page, page.getByTestId('review-next'));
        } else if (await lessonDone.isVisible()) {
          await nextActivity(page, page.getByTestId('lesson-next'));
        } else if (await lesson.isVisible()) {
          if (ITEM_KINDS.includes(await lesson.getAttribute('data-kind'))) await answer(lesson, code);
          const finish = page.getByTestId('lesson-finish');
          if (await finish.isVisible()) {
            // Finishing queues the completion first: wait for it rather than reading the
            // last (answered) card again as a new one.
            await finish.click();
            await lessonDone.waitFor(VISIBLE);
          } else await page.getByTestId('lesson-next-card').click();
        } else if (await scenario.isVisible()) {
          // Either the next reply to pick or, at the end, the way on.
          const target = page.locator('[data-testid="scenario-next"], [data-testid^="reply-"]:not([disabled])').first();
          await target.waitFor(VISIBLE);
          const id = await target.getAttribute('data-testid');
          if (id === 'scenario-next') {
            await page.getByTestId('debrief-later').waitFor(VISIBLE);
            await assertScreenOk(page, '/today, a role-play finished offline');
            await nextActivity(page, page.getByTestId('scenario-next'));
          } else {
            const at = await page.locator('section[data-node]').getAttribute('data-node');
            await page.getByTestId(id).click();
            await page.waitForFunction((node) => document.querySelector('section[data-node]')?.getAttribute('data-node') !== node, at);
          }
        } else {
          await page.waitForTimeout(100);
        }
      }
      await page.getByTestId('today-complete').waitFor(VISIBLE);
      const status = page.getByTestId('sync-status');
      const waiting = Number(await status.getAttribute('data-pending'));
      assert.ok(waiting >= kinds.length, `results wait on the phone: ${waiting}`);
      await status.getByText(msg(code, 'sync.waitingOffline', { n: waiting })).waitFor(VISIBLE);
      await assertScreenOk(page, '/today, done offline');

      // What the phone will send, read from its queue.
      const queued = await page.evaluate(
        () =>
          new Promise((resolve, reject) => {
            const open = indexedDB.open('cinco-queue');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const all = open.result.transaction('results').objectStore('results').getAll();
              all.onsuccess = () => resolve(all.result.map((q) => q.item));
              all.onerror = () => reject(all.error);
            };
          }),
      );
      assert.equal(queued.length, waiting);

      // The network comes back: everything is sent, the session counts.
      await context.setOffline(false);
      await page.waitForFunction(() => document.querySelector('[data-testid="sync-status"]')?.getAttribute('data-pending') === '0', null, {
        timeout: 20_000,
      });
      // Online and synced, the screen stops saying it is offline, without a reload
      // (issue #17: the notice stayed after everything had synced).
      await page.getByTestId('offline-indicator').waitFor({ state: 'hidden', timeout: 15_000 });
      await page.getByText(msg(code, 'today.stale')).waitFor({ state: 'hidden', timeout: 15_000 });
      await page.getByTestId('sync-status').getByText(msg(code, 'sync.synced')).waitFor(VISIBLE);
      await page.getByTestId('streak').and(page.locator('[data-days="6"]')).waitFor(VISIBLE);
      await assertScreenOk(page, '/today, back online and synced');
      const { body } = await apiSignIn(server.url, demoEmail('agent01'), DEMO_PASSWORD);
      const token = body.access_token;
      const today = await api(server.url, token, 'GET', '/api/v1/today');
      assert.equal(today.body.complete, true, JSON.stringify(today.body));
      assert.ok(today.body.items.every((i) => i.done));
      assert.equal(today.body.streak.days, 6);
      // Exactly once: every queued result is already on the server, and none is applied again.
      const again = await api(server.url, token, 'POST', '/api/v1/sync', { results: queued });
      assert.equal(again.status, 200);
      assert.equal(again.body.accepted, 0, JSON.stringify(again.body));
      assert.equal(again.body.rejected, 0, JSON.stringify(again.body));
      assert.equal(again.body.duplicates, queued.length);

      // Once online, the page shows the server's streak.
      await page.reload();
      await page.getByTestId('streak').and(page.locator('[data-days="6"]')).waitFor(VISIBLE);
      await page.getByTestId('today-next').waitFor(VISIBLE);
      await assertScreenOk(page, '/today, complete and synced');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the profile shows proficiency per competency', { timeout: 60_000 }, async () => {
    const code = 'en';
    const { context, page, problems } = await newPhonePage(browser, { locale: 'en-GB' });
    try {
      await page.goto(`${server.url}/sign-in`);
      await signInUi(page, server.url, demoEmail('agent06'), DEMO_PASSWORD, { code });
      await page.goto(`${server.url}/profile`);
      const list = page.getByTestId('proficiency');
      await list.getByTestId('proficiency-item').first().waitFor(VISIBLE);
      const levels = await list.getByTestId('proficiency-item').evaluateAll((l) => l.map((li) => Number(li.dataset.level)));
      assert.ok(levels.some((l) => l >= 2), `ten days of lessons show: ${levels}`);
      await assertScreenOk(page, '/profile with proficiency');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('an admin sets how much agents should remember between reviews', { timeout: 60_000 }, async () => {
    const code = 'es';
    const { context, page, problems } = await newPhonePage(browser);
    try {
      await page.goto(`${server.url}/sign-in`);
      await signInUi(page, server.url, demoEmail('admin'), DEMO_PASSWORD, { code });
      const card = page.getByTestId('learning-settings');
      const field = card.getByLabel(msg(code, 'learningSettings.retention'), { exact: true });
      await field.waitFor(VISIBLE);
      assert.equal(await field.inputValue(), '90');
      await field.fill('50');
      await card.getByRole('button', { name: msg(code, 'common.save') }).click();
      assert.equal(await field.evaluate((input) => input.validity.valid), false, 'the browser refuses 50 %');
      await field.fill('85');
      await card.getByRole('button', { name: msg(code, 'common.save') }).click();
      await card.getByText(msg(code, 'learningSettings.saved')).waitFor(VISIBLE);
      await assertScreenOk(page, '/home (admin, learning settings saved)');
      const { body } = await apiSignIn(server.url, demoEmail('admin'), DEMO_PASSWORD);
      const saved = await api(server.url, body.access_token, 'GET', '/api/v1/organisation/learning');
      assert.equal(saved.body.desired_retention.toFixed(2), '0.85');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
