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

  test('a trainer writes a path in Italian on a phone, and an Italian agent reads it in Italian', { timeout: 180_000 }, async () => {
    const code = 'en';
    const created = await api(server.url, trainer, 'POST', '/api/v1/coaching/paths', {
      title: 'Own the call',
      description: 'Solve it on the first contact.',
      locale: 'en',
      steps: [
        { title: 'Solve one call yourself', kind: 'practice_task', instructions: 'Solve one problem without a transfer.', due_after_days: 3 },
        { title: 'Review it with your lead', kind: 'coaching_session', due_after_days: 7 },
      ],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id;
    const t = await signedIn(browser, server, 'trainer', code);
    try {
      const { page } = t;
      await page.goto(`${server.url}/coaching/paths/${id}`);
      const languages = page.getByTestId('languages');
      await languages.getByText(msg(code, 'translation.writtenIn', { language: msg(code, 'language.en') })).waitFor(VISIBLE);
      await assertScreenOk(page, '/coaching/paths/:id with languages to write');
      await languages.getByRole('link', { name: msg(code, 'translation.translateInto', { language: msg(code, 'language.it') }) }).click();
      const form = page.getByTestId('translation-form');
      await form.waitFor(VISIBLE);
      await form.getByText('Solve one problem without a transfer.').waitFor(VISIBLE);
      // Saved half done: it says what is missing, on the field at fault.
      await page.locator('#words-title').fill('Prendi in mano la chiamata');
      await form.getByTestId('translation-save').click();
      await page.locator('#words-step-0[aria-invalid="true"]').waitFor(VISIBLE);
      await assertScreenOk(page, '/coaching/paths/:id/texts/it, a part missing');
      await page.locator('#words-description[aria-invalid="true"]').waitFor(VISIBLE);
      await page.locator('#words-description').fill('Risolvilo al primo contatto.');
      await page.locator('#words-step-0').fill('Risolvi tu una chiamata');
      await page.locator('#words-step-0-instructions').fill('Risolvi un problema senza trasferire la chiamata.');
      await page.locator('#words-step-1').fill('Rivedila con il tuo responsabile');
      await form.getByTestId('translation-save').click();
      await form.getByText(msg(code, 'translation.saved', { language: msg(code, 'language.it') })).waitFor(VISIBLE);
      await assertScreenOk(page, '/coaching/paths/:id/texts/it, saved');
      await page.getByRole('link', { name: msg(code, 'translation.back') }).click();
      await page.getByTestId('language-it').getByText(msg(code, 'translation.upToDate')).waitFor(VISIBLE);
      assert.deepEqual(t.problems, []);
    } finally {
      await t.context.close();
    }

    const agent = await signedIn(browser, server, 'agent08', 'it');
    try {
      const me = await api(server.url, agent.token, 'GET', '/api/v1/me');
      const admin = (await apiSignIn(server.url, demoEmail('admin'), DEMO_PASSWORD)).body.access_token;
      const given = await api(server.url, admin, 'POST', '/api/v1/coaching/assignments', {
        template_id: id,
        agent_ids: [me.body.id],
        include_later_joiners: false,
      });
      assert.equal(given.status, 201, JSON.stringify(given.body));
      const { page } = agent;
      await navTo(page, 'myPaths');
      const path = page.getByTestId('my-path').filter({ hasText: 'Prendi in mano la chiamata' });
      await path.getByText('Risolvi tu una chiamata').first().waitFor(VISIBLE);
      assert.equal(await path.getByTestId('other-language').count(), 0, 'it is in the agent’s language');
      assert.equal(await page.getByText('Own the call').count(), 0, 'not the English original');
      await assertScreenOk(page, '/paths in Italian');
      assert.deepEqual(agent.problems, []);
    } finally {
      await agent.context.close();
    }
  });

  test('a trainer writes a scorecard in Spanish on a phone; an Italian lead reads the demo one in Italian', { timeout: 180_000 }, async () => {
    const code = 'en';
    const created = await api(server.url, trainer, 'POST', '/api/v1/coaching/scorecards', {
      title: 'Refund calls',
      locale: 'en',
      items: [{ competency_key: 'empathy', indicator: 'Names the customer’s feeling' }],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const t = await signedIn(browser, server, 'trainer', code);
    try {
      const { page } = t;
      await page.goto(`${server.url}/coaching/scorecards`);
      const card = page.getByTestId('scorecard').filter({ hasText: 'Refund calls' });
      await card.getByTestId('language-es').waitFor(VISIBLE);
      await assertScreenOk(page, '/coaching/scorecards with languages');
      await card.getByRole('link', { name: msg(code, 'translation.translateInto', { language: msg(code, 'language.es') }) }).click();
      const form = page.getByTestId('translation-form');
      await form.getByText('Names the customer’s feeling').waitFor(VISIBLE);
      await page.locator('#words-title').fill('Llamadas de reembolso');
      await page.locator('#words-step-0').fill('Nombra lo que siente el cliente');
      await form.getByTestId('translation-save').click();
      await form.getByText(msg(code, 'translation.saved', { language: msg(code, 'language.es') })).waitFor(VISIBLE);
      await assertScreenOk(page, '/coaching/scorecards/:id/texts/es, saved');
      assert.deepEqual(t.problems, []);
    } finally {
      await t.context.close();
    }

    const lead = await signedIn(browser, server, 'lead2', 'it');
    try {
      const { page } = lead;
      await page.goto(`${server.url}/coaching/scorecards`);
      const demo = page.getByTestId('scorecard').filter({ hasText: 'Revisione della chiamata: empowerment ed empatia' });
      await demo.getByText('Risolve il problema in questa chiamata').waitFor(VISIBLE);
      assert.equal(await demo.getByTestId('other-language').count(), 0, 'it is in the lead’s language');
      // Not in Italian: the organisation's language (Spanish), with a line saying so.
      const refund = page.getByTestId('scorecard').filter({ hasText: 'Llamadas de reembolso' });
      await refund.getByTestId('other-language').getByText(msg('it', 'language.es')).waitFor(VISIBLE);
      await assertScreenOk(page, '/coaching/scorecards in Italian');
      assert.deepEqual(lead.problems, []);
    } finally {
      await lead.context.close();
    }
  });

  test('the demo track is written in Spanish and read in Italian by an Italian lead; its trainer edits the Italian', { timeout: 180_000 }, async () => {
    const code = 'en';
    const all = await api(server.url, trainer, 'GET', '/api/v1/tracks');
    const demo = all.body.find((t) => t.languages.source_locale === 'es');
    assert.ok(demo, JSON.stringify(all.body));
    const t = await signedIn(browser, server, 'trainer', code);
    try {
      const { page } = t;
      await page.goto(`${server.url}/tracks/${demo.id}`);
      const languages = page.getByTestId('languages');
      await languages.getByText(msg(code, 'translation.writtenIn', { language: msg(code, 'language.es') })).waitFor(VISIBLE);
      await page.getByTestId('language-it').getByText(msg(code, 'translation.upToDate')).waitFor(VISIBLE);
      await assertScreenOk(page, '/tracks/:id with its languages');
      await languages.getByRole('link', { name: msg(code, 'translation.edit', { language: msg(code, 'language.it') }) }).click();
      const title = page.locator('#words-title');
      await title.waitFor(VISIBLE);
      assert.equal(await title.inputValue(), "Coach per l'empowerment", 'the Italian version to edit');
      await page.locator('#words-step-3-criterion-0').fill('Fissa un solo obiettivo chiaro');
      await page.getByTestId('translation-save').click();
      await page.getByText(msg(code, 'translation.saved', { language: msg(code, 'language.it') })).waitFor(VISIBLE);
      await assertScreenOk(page, '/tracks/:id/texts/it, saved');
      assert.deepEqual(t.problems, []);
    } finally {
      await t.context.close();
    }

    const lead = await signedIn(browser, server, 'lead2', 'it');
    try {
      const { page } = lead;
      await page.goto(`${server.url}/my-tracks`);
      await page.getByRole('heading', { level: 2, name: "Coach per l'empowerment" }).waitFor(VISIBLE);
      assert.equal(await page.getByTestId('other-language').count(), 0, 'in the lead’s language');
      await assertScreenOk(page, '/my-tracks in Italian');
      assert.deepEqual(lead.problems, []);
    } finally {
      await lead.context.close();
    }
  });
});
