// Lessons in a phone browser against the real, demo-seeded server (with the repo's demo
// content): a trainer imports and publishes a lesson; an agent takes one and sees the score.
//   CINCO_BIN=/abs/path/cinco REQUIRE_BROWSER=1 npm run test:e2e
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newPhonePage } from './browser.mjs';
import { DEMO_PASSWORD, demoEmail, e2eSkipReason, startServer } from './server.mjs';
import { VISIBLE, apiSignIn, assertScreenOk, barItems, msg, navTo, signInUi } from './ui.mjs';

const skip = e2eSkipReason();

const LESSON = `---
key: e2e-greeting
title: Greeting the customer
locale: en
summary: A short lesson made by the browser tests.
---

:::text
Say **your name** and offer help. <script>alert(1)</script> [bad](javascript:alert(1))
:::

:::true-false
A warm greeting sets the tone of the whole call.
answer: true
> First impressions shape how the customer hears everything after.
:::
`;

describe('lessons on a phone', { skip }, () => {
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

  test('the trainer imports a lesson by pasting it, publishes it and sees it published', { timeout: 90_000 }, async () => {
    const { body } = await apiSignIn(server.url, demoEmail('trainer'), DEMO_PASSWORD);
    const code = body.user.locale;
    const { context, page, problems } = await newPhonePage(browser);
    try {
      await page.goto(`${server.url}/sign-in`);
      await signInUi(page, server.url, demoEmail('trainer'), DEMO_PASSWORD);
      assert.deepEqual(
        await barItems(page),
        ['nav-home', 'nav-authorLessons', 'nav-authorScenarios', 'nav-assessments', 'nav-more'],
      );
      await navTo(page, 'competencies');
      await page.getByTestId('competency').first().waitFor(VISIBLE);
      await assertScreenOk(page, '/author/competencies');

      await page.getByTestId('nav-authorLessons').click();
      await page.waitForURL(`${server.url}/author/lessons`);
      await page.getByTestId('version').first().waitFor(VISIBLE);
      await assertScreenOk(page, '/author/lessons');

      // A broken file is refused, naming the line.
      await page.getByLabel(msg(code, 'author.source'), { exact: true }).fill('---\nkey: e2e-broken\n---\n');
      await page.getByRole('button', { name: msg(code, 'author.importSubmit') }).click();
      await page.getByTestId('problem-detail').waitFor(VISIBLE);
      assert.match(await page.getByTestId('problem-detail').innerText(), /line/i);

      await page.getByLabel(msg(code, 'author.source'), { exact: true }).fill(LESSON);
      await page.getByRole('button', { name: msg(code, 'author.importSubmit') }).click();
      await page.getByText(msg(code, 'author.imported', { title: 'Greeting the customer' })).waitFor(VISIBLE);
      const row = page.locator('[data-testid="version"][data-key="e2e-greeting"]');
      assert.equal(await row.getAttribute('data-status'), 'draft');
      await assertScreenOk(page, '/author/lessons with a draft');

      await row.getByRole('button', { name: msg(code, 'author.publish') }).click();
      await page.getByText(msg(code, 'author.published', { title: 'Greeting the customer' })).waitFor(VISIBLE);
      await page.locator('[data-testid="version"][data-key="e2e-greeting"][data-status="published"]').waitFor(VISIBLE);
      await row.getByTestId('status').getByText(msg(code, 'author.status.published')).waitFor(VISIBLE);
      await assertScreenOk(page, '/author/lessons after publishing');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('an agent takes a lesson, sees the explanation and the score', { timeout: 120_000 }, async () => {
    const { context, page, problems } = await newPhonePage(browser, { locale: 'en-GB' });
    try {
      await page.goto(`${server.url}/sign-in`);
      await signInUi(page, server.url, demoEmail('agent06'), DEMO_PASSWORD, { code: 'en' });
      await page.getByTestId('nav-learn').getByText(msg('en', 'nav.learn')).waitFor(VISIBLE);
      await page.getByTestId('cx-statement').locator('blockquote').waitFor(VISIBLE);
      assert.equal(await page.getByRole('button', { name: msg('en', 'cx.edit') }).count(), 0);
      await assertScreenOk(page, '/home (agent)');
      await page.getByTestId('nav-learn').click();
      await page.waitForURL(`${server.url}/learn`);
      const lesson = page.getByTestId('lesson-aht-vs-fcr');
      await lesson.waitFor(VISIBLE);
      assert.match(await lesson.innerText(), /\d+ min/);
      await assertScreenOk(page, '/learn');

      await lesson.click();
      await page.waitForURL(`${server.url}/learn/aht-vs-fcr`);
      const card = page.getByTestId('player-card');
      await card.waitFor(VISIBLE);
      const progress = page.getByRole('progressbar');
      assert.equal(await progress.getAttribute('aria-valuenow'), '1');
      await assertScreenOk(page, '/learn/aht-vs-fcr, first card');

      const next = page.getByRole('button', { name: msg('en', 'player.next'), exact: true });
      const finish = page.getByRole('button', { name: msg('en', 'player.finish') });
      let explained = false;
      for (let step = 0; step < 30; step++) {
        const kind = await card.getAttribute('data-kind');
        if (['single', 'multiple', 'true_false', 'ordering'].includes(kind)) {
          if (kind === 'single' || kind === 'multiple') await card.getByRole(kind === 'single' ? 'radio' : 'checkbox').first().check();
          if (kind === 'true_false') await card.getByRole('radio', { name: msg('en', 'player.false') }).check();
          if (kind === 'ordering') await card.getByRole('button', { name: /^Move down: / }).first().click();
          await card.getByRole('button', { name: msg('en', 'player.check') }).click();
          await card.getByTestId('explanation').waitFor(VISIBLE);
          assert.ok((await card.getByTestId('explanation').innerText()).length > 10);
          if (!explained) {
            await assertScreenOk(page, `/learn/aht-vs-fcr, answered ${kind}`);
            explained = true;
          }
        }
        if (await finish.isVisible()) break;
        await next.click();
      }
      assert.ok(explained, 'no knowledge check in the lesson');
      await finish.click();
      const score = page.getByTestId('score');
      await score.waitFor(VISIBLE);
      assert.match(await score.innerText(), /^You got \d+ of \d+ right\.$/);
      await assertScreenOk(page, '/learn/aht-vs-fcr, finished');
      await page.getByRole('link', { name: msg('en', 'player.backToLessons') }).click();
      await page.waitForURL(`${server.url}/learn`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('an admin rewrites the customer-experience statement on Home', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await newPhonePage(browser);
    try {
      await page.goto(`${server.url}/sign-in`);
      await signInUi(page, server.url, demoEmail('admin'), DEMO_PASSWORD);
      const cx = page.getByTestId('cx-statement');
      await cx.locator('blockquote').waitFor(VISIBLE);
      await cx.getByRole('button', { name: msg('es', 'cx.edit') }).click();
      const spanish = cx.getByLabel(msg('es', 'cx.language', { language: msg('es', 'language.es') }), { exact: true });
      assert.ok((await spanish.inputValue()).length > 0, 'the current statement is offered for editing');
      await assertScreenOk(page, '/home (admin, editing the statement)');
      await spanish.fill('Resolvemos a la primera, con calidez.');
      await cx.getByRole('button', { name: msg('es', 'cx.save') }).click();
      await cx.getByText(msg('es', 'cx.saved')).waitFor(VISIBLE);
      assert.equal(await cx.locator('blockquote').innerText(), 'Resolvemos a la primera, con calidez.');
      await assertScreenOk(page, '/home (admin, statement saved)');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
