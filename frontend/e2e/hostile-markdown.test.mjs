// Hostile lesson Markdown in a phone browser against the real, demo-seeded server: a trainer
// publishes a lesson whose every block is full of script, event-handler and javascript:
// payloads; an agent takes it and nothing runs. The server's CSP would block inline script
// anyway, so the proof is the DOM: no script, handler, javascript: link or frame is ever
// made from the lesson, and the payloads are shown as the text they are.
//   CINCO_BIN=/abs/path/cinco REQUIRE_BROWSER=1 npm run test:e2e
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newPhonePage } from './browser.mjs';
import { DEMO_PASSWORD, demoEmail, e2eSkipReason, startServer } from './server.mjs';
import { VISIBLE, apiSignIn, assertScreenOk, msg, signInUi } from './ui.mjs';

const skip = e2eSkipReason();

const KEY = 'e2e-hostile';
const SCRIPT = '<script>window.__pwned=1</script>';
const IMG = '<img src=x onerror="window.__pwned=2">';
const MD_LINK = '[click](javascript:window.__pwned=3)';
const A = '<a href="javascript:window.__pwned=4">x</a>';
const IFRAME = '<iframe src="javascript:window.__pwned=5"></iframe>';
const SVG = '<svg onload="window.__pwned=6">';
const MD_IMAGE = '![x](javascript:window.__pwned=7)';
/** The payloads that are raw HTML: wherever they are, they must read exactly as written. */
const HTML_PAYLOADS = [SCRIPT, IMG, A, IFRAME, SVG];
const ALL = `${SCRIPT} ${IMG} ${MD_LINK} ${A} ${IFRAME} ${SVG} ${MD_IMAGE}`;

// Every payload inline and (for the HTML ones) as a block of its own, plus other ways to
// smuggle a script URL past a link filter: an autolink, odd case, an entity, a reference
// definition, data:, and an event handler on an element that fires by itself. **Bold** and
// one https link show that Markdown is still rendered.
const LESSON = `---
key: ${KEY}
title: Hostile ${SCRIPT} Markdown
locale: en
summary: ${IMG} Every payload here must show as text.
---

:::text
Inline, with **bold** kept: ${ALL} and a [safe link](https://example.test/text).

${SCRIPT}

${IMG}

${IFRAME}

${SVG}

${A}

<JAVASCRIPT:window.__pwned=8> [case](JaVaScRiPt:window.__pwned=9) [entity](&#106;avascript:window.__pwned=10) [reference][evil] [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMSk8L3NjcmlwdD4=) <details open ontoggle="window.__pwned=12">toggle</details> <math><mi xlink:href="javascript:window.__pwned=13">m</mi></math>

[evil]: javascript:window.__pwned=14
:::

:::tip
A tip (a line that opened with <script> would be one raw HTML block): ${ALL} and a [safe tip link](https://example.test/tip).
:::

:::checklist
- ${SCRIPT}
- ${IMG}
- ${MD_LINK}
- ${A}
- ${IFRAME}
- ${SVG}
- ${MD_IMAGE}
:::

:::dialogue
customer: ${SCRIPT} ${IMG}
agent: ${MD_LINK} ${A}
narrator: ${IFRAME} ${SVG} ${MD_IMAGE}
:::

:::single
Which of these is only text? ${SCRIPT} ${IMG} ${MD_LINK}
- [x] ${A}
- [ ] ${IFRAME}
- [ ] ${SVG}
> ${ALL}
:::

:::true-false
${SVG} is shown as text.
answer: true
> ${IMG} ${SCRIPT}
:::

:::ordering
Order these ${SCRIPT} steps.
1. ${IMG}
2. ${A}
3. ${IFRAME}
> ${SVG} ${MD_IMAGE}
:::
`;

/** What the lesson has left in the DOM: everything here should be empty or null. */
function inspectDom() {
  const main = document.querySelector('main');
  const show = (el) => el.outerHTML.slice(0, 160);
  const dangerous = /^\s*(javascript|vbscript|data):/i;
  const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc'];
  const everything = [...document.querySelectorAll('*')];
  return {
    pwned: window.__pwned === undefined ? null : String(window.__pwned),
    scripts: [...main.querySelectorAll('script')].map(show),
    handlers: everything.filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).map(show),
    scriptUrls: everything
      .filter((el) => urlAttributes.some((name) => dangerous.test(el.getAttribute(name) ?? '')))
      .map(show),
    jsLinks: [...document.querySelectorAll('a[href^="javascript:" i]')].map(show),
    frames: [...document.querySelectorAll('iframe, frame, object, embed, portal')].map(show),
    // The lesson has no image card, so no image, SVG or MathML may come out of its text.
    media: [...main.querySelectorAll('[data-testid="player-card"] :is(img, svg, math, details, video, audio)')].map(show),
  };
}

const CLEAN = { pwned: null, scripts: [], handlers: [], scriptUrls: [], jsLinks: [], frames: [], media: [] };

describe('hostile lesson Markdown on a phone', { skip }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const { body } = await apiSignIn(server.url, demoEmail('trainer'), DEMO_PASSWORD);
    const api = async (path, payload) => {
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${body.access_token}`, 'content-type': 'application/json' },
        body: payload === undefined ? undefined : JSON.stringify(payload),
      });
      const answer = await response.json();
      assert.equal(response.status, 200, `POST ${path}: ${JSON.stringify(answer)}`);
      return answer;
    };
    const draft = await api('/api/v1/lessons/import', { source: LESSON });
    await api(`/api/v1/lesson-versions/${draft.id}/publish`);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('an agent takes it: nothing runs, nothing dangerous is built, the payloads read as text', { timeout: 180_000 }, async () => {
    const { context, page, problems } = await newPhonePage(browser, { locale: 'en-GB' });
    const dialogs = [];
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    // The lesson's only real links point here; answer them without the network.
    await context.route('https://example.test/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/plain', body: 'ok' }),
    );
    const assertClean = async (where) => {
      assert.deepEqual(await page.evaluate(inspectDom), CLEAN, `hostile Markdown left something behind (${where})`);
      assert.deepEqual(dialogs, [], `dialogs (${where})`);
    };
    try {
      await page.goto(`${server.url}/sign-in`);
      await signInUi(page, server.url, demoEmail('agent06'), DEMO_PASSWORD, { code: 'en' });
      await page.getByTestId('nav-learn').click();
      await page.waitForURL(`${server.url}/learn`);
      const entry = page.getByTestId(`lesson-${KEY}`);
      await entry.waitFor(VISIBLE);
      assert.ok((await entry.innerText()).startsWith(`Hostile ${SCRIPT} Markdown`), 'the title reads as written');
      await assertClean('/learn');
      await assertScreenOk(page, '/learn with the hostile lesson');

      await entry.click();
      await page.waitForURL(`${server.url}/learn/${KEY}`);
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), `Hostile ${SCRIPT} Markdown`);
      const card = page.getByTestId('player-card');
      await card.waitFor(VISIBLE);

      const next = page.getByRole('button', { name: msg('en', 'player.next'), exact: true });
      const finish = page.getByRole('button', { name: msg('en', 'player.finish') });
      const seen = [];
      const opened = [];
      for (let step = 0; step < 10; step++) {
        const kind = await card.getAttribute('data-kind');
        seen.push(kind);
        await assertClean(`card ${step + 1}, ${kind}`);
        if (['single', 'true_false', 'ordering'].includes(kind)) {
          if (kind === 'single') await card.getByRole('radio').first().check();
          if (kind === 'true_false') await card.getByRole('radio', { name: msg('en', 'player.true') }).check();
          await card.getByRole('button', { name: msg('en', 'player.check') }).click();
          await card.getByTestId('explanation').waitFor(VISIBLE);
        }
        // Every payload written as HTML reads, character for character, as written.
        const text = await card.innerText();
        const expected = {
          text: HTML_PAYLOADS,
          tip: HTML_PAYLOADS,
          checklist: [...HTML_PAYLOADS, MD_LINK, MD_IMAGE],
          dialogue: [...HTML_PAYLOADS, MD_LINK, MD_IMAGE],
          single: [SCRIPT, IMG, MD_LINK, A, IFRAME, SVG, ALL],
          true_false: [SVG, IMG, SCRIPT],
          ordering: [SCRIPT, IMG, A, IFRAME, SVG, MD_IMAGE],
        }[kind];
        for (const payload of expected) assert.ok(text.includes(payload), `${kind} card does not show ${payload} as text:\n${text}`);
        await card.getByText(SCRIPT).first().waitFor(VISIBLE);

        // Markdown still works where it is meant to: bold, and https links (only those).
        if (kind === 'text') {
          assert.equal(await card.locator('strong').innerText(), 'bold');
          for (const label of ['click', 'case', 'entity', 'reference', 'data', 'JAVASCRIPT:window.__pwned=8']) {
            assert.ok(text.includes(label), `the text of the dropped link “${label}” is kept`);
          }
        }
        const links = await card.locator('a').all();
        assert.equal(links.length, ['text', 'tip'].includes(kind) ? 1 : 0, `links on the ${kind} card`);
        for (const link of links) {
          assert.match((await link.getAttribute('href')) ?? '', /^https:\/\/example\.test\//);
          assert.equal(await link.getAttribute('rel'), 'noopener noreferrer nofollow');
          const popup = context.waitForEvent('page', { timeout: 5_000 }).catch(() => null);
          await link.click();
          const tab = await popup;
          if (tab) {
            opened.push(tab.url());
            await tab.close();
          }
          await assertClean(`card ${step + 1}, ${kind}, after clicking a link`);
        }
        await assertScreenOk(page, `/learn/${KEY}, card ${step + 1} (${kind})`);
        if (await finish.isVisible()) break;
        await next.click();
      }
      assert.deepEqual(seen, ['text', 'tip', 'checklist', 'dialogue', 'single', 'true_false', 'ordering']);
      assert.deepEqual(opened, ['https://example.test/text', 'https://example.test/tip']);

      await finish.click();
      await page.getByTestId('score').waitFor(VISIBLE);
      await assertClean('finished');
      await assertScreenOk(page, `/learn/${KEY}, finished`);
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assert.deepEqual(dialogs, []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
