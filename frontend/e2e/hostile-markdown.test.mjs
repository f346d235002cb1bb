// Lesson Markdown is stored as written and rendered safely: hostile content in every kind of
// card shows as text and never runs, in a phone browser against the real server.
//   CINCO_BIN=/abs/path/cinco REQUIRE_BROWSER=1 npm run test:e2e
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newPhonePage } from './browser.mjs';
import { DEMO_PASSWORD, demoEmail, e2eSkipReason, startServer } from './server.mjs';
import { VISIBLE, apiSignIn, assertScreenOk, msg, signInUi } from './ui.mjs';

const skip = e2eSkipReason();

const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=2">',
  '[click me](javascript:window.__pwned=3)',
  '<a href="javascript:window.__pwned=4">x</a>',
  '<iframe src="javascript:window.__pwned=5"></iframe>',
  '<svg onload="window.__pwned=6"></svg>',
  '![x](javascript:window.__pwned=7)',
];

const LESSON = `---
key: e2e-hostile
title: Hostile content
locale: en
---

:::text
Text card. ${PAYLOADS.join(' ')}
:::

:::tip
Tip card. ${PAYLOADS.join(' ')}
:::

:::checklist
- ${PAYLOADS[0]}
- ${PAYLOADS[1]}
:::

:::dialogue
customer: ${PAYLOADS[1]}
agent: ${PAYLOADS[0]}
:::

:::single
Which is safe? ${PAYLOADS[1]}
- [x] ${PAYLOADS[0]}
- [ ] ${PAYLOADS[5]}
> ${PAYLOADS[2]} ${PAYLOADS[1]}
:::
`;

async function api(server, token, path, body) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return response.json();
}

describe('hostile lesson content', { skip }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const trainer = (await apiSignIn(server.url, demoEmail('trainer'), DEMO_PASSWORD)).body;
    const draft = await api(server, trainer.access_token, '/api/v1/lessons/import', { source: LESSON });
    await api(server, trainer.access_token, `/api/v1/lesson-versions/${draft.id}/publish`, {});
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('shows as text and never runs, on every card', { timeout: 90_000 }, async () => {
    const { context, page, problems } = await newPhonePage(browser, { locale: 'en-GB' });
    const dialogs = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    try {
      await page.goto(`${server.url}/sign-in`);
      await signInUi(page, server.url, demoEmail('agent06'), DEMO_PASSWORD, { code: 'en' });
      await page.goto(`${server.url}/learn/e2e-hostile`);
      const card = page.getByTestId('player-card');
      await card.waitFor(VISIBLE);
      const kinds = [];
      for (let step = 0; step < 10; step++) {
        const kind = await card.getAttribute('data-kind');
        kinds.push(kind);
        // Nothing executable made it into the page: no script, handler, javascript: link or frame.
        const unsafe = await card.evaluate((el) => ({
          scripts: el.querySelectorAll('script').length,
          handlers: [...el.querySelectorAll('*')].filter((n) => [...n.attributes].some((a) => a.name.startsWith('on'))).length,
          jsLinks: el.querySelectorAll('a[href^="javascript:" i], img[src^="javascript:" i]').length,
          frames: el.querySelectorAll('iframe, object, embed, svg[onload]').length,
        }));
        assert.deepEqual(unsafe, { scripts: 0, handlers: 0, jsLinks: 0, frames: 0 }, `${kind} card`);
        // …and the payload is shown as text.
        assert.match(await card.innerText(), /<script>window\.__pwned=1<\/script>|onerror/, `${kind} card shows the payload as text`);
        for (const link of await card.locator('a').all()) await link.click({ trial: true });
        if (kind === 'single') {
          await card.getByRole('radio').first().check();
          await card.getByRole('button', { name: msg('en', 'player.check') }).click();
          await card.getByTestId('explanation').waitFor(VISIBLE);
          assert.match(await card.getByTestId('explanation').innerText(), /javascript:window\.__pwned=3|onerror/);
          await assertScreenOk(page, 'hostile item answered');
        }
        const next = page.getByRole('button', { name: msg('en', 'player.next'), exact: true });
        if (!(await next.isVisible())) break;
        await next.click();
      }
      assert.deepEqual(kinds, ['text', 'tip', 'checklist', 'dialogue', 'single']);
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assert.deepEqual(dialogs, []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
