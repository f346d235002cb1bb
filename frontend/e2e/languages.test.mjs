// Everyone reads their own language, or is told why not, on phones (390 px) against the
// real, demo-seeded server: an Italian agent practises the Italian role-plays; a lesson
// written only in Spanish is shown to him in Spanish with a line saying so; the trainer sees
// which languages that lesson misses and starts its Italian translation, and starts a
// scenario's translation into the editor; the admin's promise form warns about an empty
// language, and its Italian readers are told which language they get. axe at each state.
//   CINCO_BIN=/abs/path/cinco REQUIRE_BROWSER=1 node --test e2e/languages.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser } from './browser.mjs';
import { DEMO_PASSWORD, demoEmail, e2eSkipReason, startServer } from './server.mjs';
import { api, apiSignIn, assertScreenOk, msg, navTo, signedInSpeaking as signedIn, VISIBLE } from './ui.mjs';

const skip = e2eSkipReason();
const SPANISH_ONLY = `---
key: solo-en-espanol
title: Solo en español
locale: es
---

:::tip
Escucha primero, decide después.
:::
`;
const SCENARIO = {
  key: 'solo-scenario',
  title: 'Una llamada corta',
  locale: 'es',
  persona: { name: 'Rosa', mood: 'tranquila', facts: [] },
  brief: 'Una clienta pregunta por su factura.',
  competencies: [],
  nodes: [
    {
      id: 'start',
      start: true,
      speaker: 'customer',
      text: '¿Por qué ha subido mi factura?',
      choices: [
        { id: 'explain', text: 'Se lo explico ahora mismo.', next: 'ok', feedback: 'Bien: explicas y resuelves.', seconds: 30, sentiment: 1, resolution: 'resolves' },
        { id: 'transfer', text: 'Le paso con facturación.', next: 'bye', feedback: 'Podías resolverlo tú.', seconds: 20, sentiment: -1, resolution: 'transfers' },
      ],
    },
    { id: 'ok', speaker: 'customer', text: 'Gracias.', outcome: 'Resuelto.' },
    { id: 'bye', speaker: 'narrator', text: 'La clienta espera otra vez.', outcome: 'Transferida.' },
  ],
};

describe('content in the reader’s language', { skip }, () => {
  let server;
  let browser;
  let trainer;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // A lesson and a scenario the trainer wrote only in Spanish.
    trainer = (await apiSignIn(server.url, demoEmail('trainer'), DEMO_PASSWORD)).body.access_token;
    const lesson = await api(server.url, trainer, 'POST', '/api/v1/lessons/import', { source: SPANISH_ONLY });
    assert.ok(lesson.status < 300, JSON.stringify(lesson.body));
    const published = await api(server.url, trainer, 'POST', `/api/v1/lesson-versions/${lesson.body.id}/publish`);
    assert.equal(published.status, 200, JSON.stringify(published.body));
    const scenario = await api(server.url, trainer, 'POST', '/api/v1/scenarios/import', { scenario: SCENARIO });
    assert.equal(scenario.status, 200, JSON.stringify(scenario.body));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('an Italian agent practises in Italian, and is told when a lesson is only in Spanish', { timeout: 180_000 }, async () => {
    const code = 'it';
    const { page, context, problems } = await signedIn(browser, server, 'agent08', code);
    try {
      await navTo(page, 'practice');
      const fee = page.getByTestId('scenario-late-fee-waiver');
      await fee.getByText('Una penale di 35 $ a una cliente fedele').waitFor(VISIBLE);
      assert.equal(await page.getByTestId('scenarios').getByTestId('other-language').count(), 0, 'every demo role-play is in Italian');
      await assertScreenOk(page, '/practice in Italian');

      await navTo(page, 'learn');
      const lesson = page.getByTestId('lesson-solo-en-espanol');
      await lesson.getByTestId('other-language').getByText(msg(code, 'language.es')).waitFor(VISIBLE);
      assert.equal(await page.getByTestId('lessons').getByTestId('other-language').count(), 1, 'only the Spanish-only lesson says so');
      await assertScreenOk(page, '/learn with a lesson in another language');
      await lesson.click();
      await page.getByText(msg(code, 'content.otherLanguage', { language: msg(code, 'language.es') })).waitFor(VISIBLE);
      await assertScreenOk(page, '/learn/:key in another language');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the trainer sees what is missing and starts the translations', { timeout: 180_000 }, async () => {
    const code = 'en';
    const { page, context, problems } = await signedIn(browser, server, 'trainer', code);
    try {
      await navTo(page, 'authorLessons');
      const card = page.locator('[data-testid="version"][data-key="solo-en-espanol"]');
      await card.getByTestId('translation-missing').waitFor(VISIBLE);
      await assertScreenOk(page, '/author/lessons, a lesson missing languages');
      await card.getByTestId('translate-it').click();
      const italian = page.locator('[data-testid="version"][data-key="solo-en-espanol"][data-locale="it"]');
      await italian.waitFor(VISIBLE);
      assert.equal(await italian.getByTestId('status').innerText(), msg(code, 'author.status.draft'));
      await assertScreenOk(page, '/author/lessons, translation started');

      await navTo(page, 'authorScenarios');
      const scenario = page.locator('[data-testid="scenario-version"][data-key="solo-scenario"]');
      await scenario.getByTestId('translation-missing').waitFor(VISIBLE);
      await assertScreenOk(page, '/author/scenarios, a scenario missing languages');
      await scenario.getByTestId('translate-en').click();
      await page.getByTestId('editor-meta').waitFor(VISIBLE);
      assert.match(await page.getByTestId('editor-meta').innerText(), / EN /);
      await assertScreenOk(page, '/author/scenarios/:id, a translation to write');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the promise form warns about an empty language, and readers are told which they get', { timeout: 180_000 }, async () => {
    const admin = await signedIn(browser, server, 'admin', 'en');
    try {
      const { page } = admin;
      const cx = page.getByTestId('cx-statement');
      await cx.getByRole('button', { name: msg('en', 'cx.edit') }).click();
      await page.locator('#cx-it').fill('   ');
      await cx.getByTestId('cx-blank-it').getByText(msg('en', 'cx.blank', { language: msg('en', 'language.it') })).waitFor(VISIBLE);
      await assertScreenOk(page, '/home, promise with an empty language');
      await cx.getByRole('button', { name: msg('en', 'cx.save') }).click();
      await cx.getByText(msg('en', 'cx.saved')).waitFor(VISIBLE);
      assert.deepEqual(admin.problems, []);
    } finally {
      await admin.context.close();
    }
    const reader = await signedIn(browser, server, 'agent07', 'it');
    try {
      const cx = reader.page.getByTestId('cx-statement');
      await cx.getByTestId('cx-other-language').waitFor(VISIBLE);
      await assertScreenOk(reader.page, '/home, promise in another language');
      assert.deepEqual(reader.problems, []);
    } finally {
      await reader.context.close();
    }
  });
});
