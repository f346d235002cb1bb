// The block editor on a phone against the real, demo-seeded server: a trainer writes a lesson
// with a text, a tip and a knowledge check block by block (saved as they type, kept on the
// phone while offline), publishes it, and an agent takes it.
//   CINCO_BIN=/abs/path/cinco REQUIRE_BROWSER=1 node --test e2e/lesson-editor.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newPhonePage } from './browser.mjs';
import { DEMO_PASSWORD, demoEmail, e2eSkipReason, startServer } from './server.mjs';
import { VISIBLE, apiSignIn, assertScreenOk, msg, signInUi } from './ui.mjs';

const skip = e2eSkipReason();

describe('the lesson editor on a phone', { skip }, () => {
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

  test('a trainer writes and publishes a lesson with a knowledge check; an agent takes it', { timeout: 180_000 }, async () => {
    const trainer = (await apiSignIn(server.url, demoEmail('trainer'), DEMO_PASSWORD)).body;
    const code = trainer.user.locale;
    const t = (key, values) => msg(code, key, values);
    const { context, page, problems } = await newPhonePage(browser);
    try {
      await page.goto(`${server.url}/sign-in`);
      await signInUi(page, server.url, demoEmail('trainer'), DEMO_PASSWORD, { code });
      await page.goto(`${server.url}/author/lessons`);
      await page.getByTestId('write-lesson').click();
      await page.waitForURL(`${server.url}/author/lessons/new/edit`);
      const blocks = page.getByTestId('editor-block');
      await blocks.first().waitFor(VISIBLE);
      await assertScreenOk(page, '/author/lessons/new/edit, empty');

      const status = page.getByTestId('editor-status').getByRole('status');
      await page.getByLabel(t('lessonEditor.lessonTitle'), { exact: true }).fill('Ofrece la solución antes que la política');
      await blocks.nth(0).getByLabel(t('lessonEditor.text'), { exact: true }).fill('Cuando el cliente llama por un cargo, **resuelve primero**.\n\nLa política se explica después.');

      const add = async (type) => {
        await page.getByLabel(t('lessonEditor.addLabel'), { exact: true }).selectOption(type);
        await page.getByRole('button', { name: t('lessonEditor.add'), exact: true }).click();
      };
      await add('tip');
      await blocks.nth(1).getByLabel(t('lessonEditor.tipText'), { exact: true }).fill('Di qué has hecho: «Le he quitado el cargo».');
      await add('single');
      const check = blocks.nth(2);
      await check.getByLabel(t('lessonEditor.prompt'), { exact: true }).fill('Un cargo de 30 dólares: ¿quién decide?');
      await check.getByLabel(t('lessonEditor.option', { n: 1 }), { exact: true }).fill('Tú');
      await check.getByLabel(t('lessonEditor.option', { n: 2 }), { exact: true }).fill('Tu supervisor');
      await check.getByLabel(t('lessonEditor.explanation'), { exact: true }).fill('Por debajo de 50 dólares decides tú.');
      await page.getByTestId('editor-status').getByText(t('lessonEditor.state.saved'), { exact: true }).waitFor(VISIBLE);
      assert.match(await page.getByTestId('editor-status').innerText(), /0:\d\d/);

      // Reordering with the buttons: the tip goes up, then back down.
      const types = () => blocks.evaluateAll((els) => els.map((el) => el.getAttribute('data-type')));
      const tipLabel = t('lessonEditor.blockLabel', { n: 2, kind: t('lessonEditor.type.tip') });
      await page.getByRole('button', { name: t('lessonEditor.moveUp', { block: tipLabel }) }).click();
      assert.deepEqual(await types(), ['tip', 'text', 'single']);
      const tipFirst = t('lessonEditor.blockLabel', { n: 1, kind: t('lessonEditor.type.tip') });
      await page.getByRole('button', { name: t('lessonEditor.moveDown', { block: tipFirst }) }).click();
      assert.deepEqual(await types(), ['text', 'tip', 'single']);

      // A missing explanation is named on its block; writing it again saves.
      await check.getByLabel(t('lessonEditor.explanation'), { exact: true }).fill('');
      await check.getByTestId('block-errors').getByText(t('lessonEditor.errors.required')).waitFor(VISIBLE);
      await assertScreenOk(page, '/author/lessons/new/edit, a field at fault');
      await check.getByLabel(t('lessonEditor.explanation'), { exact: true }).fill('Por debajo de 50 dólares decides tú.');
      await page.getByTestId('editor-status').getByText(t('lessonEditor.state.saved'), { exact: true }).waitFor(VISIBLE);
      assert.equal(await check.getByTestId('block-errors').count(), 0);

      // Offline: the change is kept on the phone and sent when the network returns.
      await context.setOffline(true);
      await blocks.nth(1).getByLabel(t('lessonEditor.tipText'), { exact: true }).fill('Di qué has hecho: «Le he quitado el cargo de 30 dólares».');
      await status.getByText(t('lessonEditor.state.offline'), { exact: true }).waitFor(VISIBLE);
      await context.setOffline(false);
      await status.getByText(t('lessonEditor.state.saved'), { exact: true }).waitFor(VISIBLE);
      await assertScreenOk(page, '/author/lessons/new/edit, written');

      await page.getByTestId('finish').click();
      await page.getByText(t('author.published', { title: 'Ofrece la solución antes que la política' })).waitFor(VISIBLE);
      assert.match(page.url(), /\/author\/lessons\/[0-9a-f-]+\/edit$|\/author\/lessons\/new\/edit$/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }

    // The server has what the phone wrote, offline change included.
    const list = await fetch(`${server.url}/api/v1/lessons?q=politica`, { headers: { authorization: `Bearer ${trainer.access_token}` } });
    const [version] = await list.json();
    assert.equal(version.status, 'published');
    const file = await (await fetch(`${server.url}/api/v1/lesson-versions/${version.id}/export`, { headers: { authorization: `Bearer ${trainer.access_token}` } })).text();
    assert.match(file, /:::tip\nDi qué has hecho: «Le he quitado el cargo de 30 dólares»\.\n:::/);

    // An agent takes it.
    const agent = await newPhonePage(browser, { locale: 'en-GB' });
    try {
      await agent.page.goto(`${server.url}/sign-in`);
      await signInUi(agent.page, server.url, demoEmail('agent06'), DEMO_PASSWORD, { code: 'en' });
      await agent.page.goto(`${server.url}/learn/${version.key}`);
      const card = agent.page.getByTestId('player-card');
      await card.waitFor(VISIBLE);
      assert.match(await card.innerText(), /resuelve primero/);
      const next = agent.page.getByRole('button', { name: msg('en', 'player.next'), exact: true });
      await next.click();
      assert.match(await card.innerText(), /Le he quitado el cargo/);
      await next.click();
      assert.equal(await card.getAttribute('data-kind'), 'single');
      await card.getByRole('radio', { name: 'Tú' }).check();
      await card.getByRole('button', { name: msg('en', 'player.check') }).click();
      await card.getByTestId('explanation').getByText('Por debajo de 50 dólares decides tú.').waitFor(VISIBLE);
      await agent.page.getByRole('button', { name: msg('en', 'player.finish') }).click();
      await agent.page.getByTestId('score').waitFor(VISIBLE);
      assert.equal(await agent.page.getByTestId('score').innerText(), 'You got 1 of 1 right.');
      assert.deepEqual(agent.problems, []);
    } finally {
      await agent.context.close();
    }
  });
});
