// Authoring on a phone against the real, demo-seeded server: a trainer builds the
// competency framework, finds, translates and previews lessons, uploads an image; with
// review switched on, a second person sends a lesson back and then approves it.
//   CINCO_BIN=/abs/path/cinco REQUIRE_BROWSER=1 npm run test:e2e
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newPhonePage } from './browser.mjs';
import { DEMO_PASSWORD, demoEmail, e2eSkipReason, startServer } from './server.mjs';
import { VISIBLE, apiSignIn, assertScreenOk, msg, signInUi } from './ui.mjs';

const skip = e2eSkipReason();

/** The smallest valid PNG: one transparent pixel. */
const PIXEL_PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000a49444154789c63000100000500010d0a2db40000000049454e44ae426082',
  'hex',
);

const lessonFile = (key, title) => `---
key: ${key}
title: ${title}
locale: es
---

:::text
Saluda por tu nombre y ofrece ayuda.
:::

:::true-false
Un saludo cálido marca el tono de toda la llamada.
answer: true
> La primera impresión cambia cómo el cliente escucha todo lo demás.
:::
`;

async function api(server, token, method, path, body) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe('authoring on a phone', { skip }, () => {
  let server;
  let browser;
  let trainer;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    trainer = (await apiSignIn(server.url, demoEmail('trainer'), DEMO_PASSWORD)).body;
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a trainer adds, edits, archives, restores and deletes a competency', { timeout: 120_000 }, async () => {
    const code = trainer.user.locale;
    const { context, page, problems } = await newPhonePage(browser);
    page.on('dialog', (dialog) => void dialog.accept());
    try {
      await page.goto(`${server.url}/sign-in`);
      await signInUi(page, server.url, demoEmail('trainer'), DEMO_PASSWORD);
      await page.goto(`${server.url}/author/competencies`);
      await page.getByTestId('competency').first().waitFor(VISIBLE);
      await page.getByRole('button', { name: msg(code, 'competencies.add') }).click();
      const form = page.getByTestId('competency-form');
      await form.waitFor(VISIBLE);
      await assertScreenOk(page, '/author/competencies, adding');

      // A bad key is refused next to the field; nothing is lost from the form.
      const language = msg(code, `language.${code}`);
      await form.getByLabel(msg(code, 'competencies.key'), { exact: true }).fill('Calm Voice');
      await form.getByLabel(msg(code, 'competencies.nameIn', { language }), { exact: true }).fill('Voz serena');
      const indicators = ['Habla despacio\nBaja el tono', 'Mantiene la calma', 'Calma al cliente', 'Enseña a otros'];
      for (const [i, text] of indicators.entries()) {
        await form.getByLabel(msg(code, 'competencies.indicatorsFor', { level: i + 1, language }), { exact: true }).fill(text);
      }
      await form.getByRole('button', { name: msg(code, 'common.save') }).click();
      await form.getByTestId('field-error').waitFor(VISIBLE);
      assert.equal(await form.getByTestId('field-error').innerText(), msg(code, 'fieldErrors.invalid_key'));
      await assertScreenOk(page, '/author/competencies, refused key');
      await form.getByLabel(msg(code, 'competencies.key'), { exact: true }).fill('calm-voice');
      await form.getByRole('button', { name: msg(code, 'common.save') }).click();
      await page.getByText(msg(code, 'competencies.created', { name: 'Voz serena' })).waitFor(VISIBLE);
      const row = page.locator('[data-testid="competency"][data-key="calm-voice"]');
      await row.waitFor(VISIBLE);

      // Edit: the name changes, the indicators written before are still there.
      await row.getByRole('button', { name: msg(code, 'competencies.edit') }).click();
      const edit = row.getByTestId('competency-form');
      const level1 = edit.getByLabel(msg(code, 'competencies.indicatorsFor', { level: 1, language }), { exact: true });
      assert.equal(await level1.inputValue(), 'Habla despacio\nBaja el tono');
      await edit.getByLabel(msg(code, 'competencies.nameIn', { language }), { exact: true }).fill('Voz serena y clara');
      await assertScreenOk(page, '/author/competencies, editing');
      await edit.getByRole('button', { name: msg(code, 'common.save') }).click();
      await page.getByText(msg(code, 'competencies.saved', { name: 'Voz serena y clara' })).waitFor(VISIBLE);
      await row.getByRole('heading', { name: 'Voz serena y clara' }).waitFor(VISIBLE);

      // Archive hides it; the archived view shows it again; restore; delete for good.
      await row.getByRole('button', { name: msg(code, 'competencies.archive') }).click();
      await page.getByText(msg(code, 'competencies.archivedDone', { name: 'Voz serena y clara' })).waitFor(VISIBLE);
      await row.waitFor({ state: 'detached' });
      await page.getByLabel(msg(code, 'competencies.showArchived')).check();
      await page.locator('[data-testid="competency"][data-key="calm-voice"][data-archived="true"]').waitFor(VISIBLE);
      await assertScreenOk(page, '/author/competencies, archived shown');
      await row.getByRole('button', { name: msg(code, 'competencies.restore') }).click();
      await page.locator('[data-testid="competency"][data-key="calm-voice"][data-archived="false"]').waitFor(VISIBLE);
      await row.getByRole('button', { name: msg(code, 'competencies.delete') }).click();
      await page.getByText(msg(code, 'competencies.deleted', { name: 'Voz serena y clara' })).waitFor(VISIBLE);
      await row.waitFor({ state: 'detached' });

      // A competency the demo lessons are tagged with cannot be deleted: the reason is shown.
      const used = page.locator('[data-testid="competency"][data-key="empathy"]');
      await used.getByRole('button', { name: msg(code, 'competencies.delete') }).click();
      await page.locator('[data-testid="error-message"][data-code="competency_in_use"]').waitFor(VISIBLE);
      await used.waitFor(VISIBLE);
      const list = await api(server, trainer.access_token, 'GET', '/api/v1/competencies?include_archived=true');
      assert.ok(!list.body.some((c) => c.key === 'calm-voice'), 'deleted on the server');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a trainer searches, translates and previews a lesson, and uploads an image', { timeout: 120_000 }, async () => {
    const code = trainer.user.locale;
    const imported = await api(server, trainer.access_token, 'POST', '/api/v1/lessons/import', {
      source: lessonFile('e2e-saludo', 'Saludo con nombre propio'),
    });
    assert.equal(imported.status, 200);
    const { context, page, problems } = await newPhonePage(browser);
    try {
      await page.goto(`${server.url}/sign-in`);
      await signInUi(page, server.url, demoEmail('trainer'), DEMO_PASSWORD);
      await page.goto(`${server.url}/author/lessons`);
      await page.getByTestId('version').first().waitFor(VISIBLE);
      const all = await page.getByTestId('version').count();

      await page.getByLabel(msg(code, 'author.search'), { exact: true }).fill('saludo nombre');
      await page.locator('[data-testid="version"][data-key="e2e-saludo"]').waitFor(VISIBLE);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="version"]').length === 1);
      await page.getByRole('button', { name: msg(code, 'author.clearFilters') }).click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="version"]').length === n, all);
      await page.getByLabel(msg(code, 'author.filterStatus'), { exact: true }).selectOption('draft');
      await page.waitForFunction(() =>
        [...document.querySelectorAll('[data-testid="version"]')].every((v) => v.dataset.status === 'draft'),
      );
      await assertScreenOk(page, '/author/lessons, filtered to drafts');

      // Translate the draft into Italian: a new draft of the same lesson appears.
      const row = page.locator('[data-testid="version"][data-key="e2e-saludo"][data-locale="es"]');
      await row.getByText(msg(code, 'author.duplicate')).click();
      await row.getByLabel(msg(code, 'author.translateTo'), { exact: true }).selectOption('it');
      await assertScreenOk(page, '/author/lessons, translating');
      await row.getByRole('button', { name: msg(code, 'author.translate') }).click();
      await page
        .getByText(msg(code, 'author.translated', { title: 'Saludo con nombre propio', language: msg(code, 'language.it') }))
        .waitFor(VISIBLE);
      await page.locator('[data-testid="version"][data-key="e2e-saludo"][data-locale="it"][data-status="draft"]').waitFor(VISIBLE);

      // Preview the draft in a phone frame and check the answer: feedback, nothing recorded.
      await row.getByRole('link', { name: msg(code, 'author.preview') }).click();
      await page.waitForURL(/\/author\/lessons\/[^/]+\/preview$/);
      await page.getByTestId('phone-frame').waitFor(VISIBLE);
      await assertScreenOk(page, 'preview, first card');
      await page.getByRole('button', { name: msg(code, 'player.next'), exact: true }).click();
      const card = page.getByTestId('preview-card');
      assert.equal(await card.getAttribute('data-kind'), 'true_false');
      await card.getByRole('radio', { name: msg(code, 'player.true') }).check();
      await card.getByRole('button', { name: msg(code, 'player.check') }).click();
      await card.getByTestId('explanation').waitFor(VISIBLE);
      assert.match(await card.getByTestId('explanation').innerText(), /primera impresión/);
      await assertScreenOk(page, 'preview, answered');
      await page.getByRole('link', { name: msg(code, 'preview.back') }).click();
      await page.waitForURL(`${server.url}/author/lessons`);

      // Edit in the app: the lesson file comes into the editor, and importing it saves the draft.
      await row.getByRole('button', { name: msg(code, 'author.edit') }).click();
      const editor = page.getByLabel(msg(code, 'author.source'), { exact: true });
      await page.getByText(msg(code, 'author.loaded', { title: 'Saludo con nombre propio' })).waitFor(VISIBLE);
      assert.match(await editor.inputValue(), /^---\nkey: e2e-saludo\n/);
      await editor.fill((await editor.inputValue()).replace('title: Saludo con nombre propio', 'title: Saludo con tu nombre'));
      await page.getByRole('button', { name: msg(code, 'author.importSubmit') }).click();
      await page.getByText(msg(code, 'author.imported', { title: 'Saludo con tu nombre' })).waitFor(VISIBLE);
      await row.getByRole('heading', { name: 'Saludo con tu nombre' }).waitFor(VISIBLE);
      assert.equal(await row.getAttribute('data-status'), 'draft');

      // Upload an image: its block is offered to paste into a lesson file, and it is served.
      await page.getByLabel(msg(code, 'images.choose'), { exact: true }).setInputFiles({
        name: 'sonrisa.png',
        mimeType: 'image/png',
        buffer: PIXEL_PNG,
      });
      await page.getByText(msg(code, 'images.uploaded', { name: 'sonrisa.png' })).waitFor(VISIBLE);
      const snippet = await page.getByTestId('image-snippet').first().innerText();
      const src = snippet.replace(/^src: /, '');
      assert.match(src, /^\/api\/v1\/media\/[0-9a-f-]{36}$/);
      const image = await fetch(`${server.url}${src}`);
      assert.equal(image.status, 200);
      assert.deepEqual(Buffer.from(await image.arrayBuffer()), PIXEL_PNG);
      await assertScreenOk(page, '/author/lessons, image uploaded');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('with review on, an admin sends a lesson back with a comment, then approves it', { timeout: 120_000 }, async () => {
    const admin = (await apiSignIn(server.url, demoEmail('admin'), DEMO_PASSWORD)).body;
    const code = admin.user.locale;
    const on = await api(server, admin.access_token, 'PATCH', '/api/v1/organisation', { lesson_review_required: true });
    assert.equal(on.body.lesson_review_required, true);
    const draft = await api(server, trainer.access_token, 'POST', '/api/v1/lessons/import', {
      source: lessonFile('e2e-revision', 'Lección para revisar'),
    });
    const { context, page, problems } = await newPhonePage(browser);
    try {
      // The trainer submits it from the list (there is no Publish button now).
      await page.goto(`${server.url}/sign-in`);
      await signInUi(page, server.url, demoEmail('trainer'), DEMO_PASSWORD);
      await page.goto(`${server.url}/author/lessons`);
      const row = page.locator('[data-testid="version"][data-key="e2e-revision"]');
      await row.waitFor(VISIBLE);
      assert.equal(await row.getByRole('button', { name: msg(code, 'author.publish') }).count(), 0);
      await row.getByRole('button', { name: msg(code, 'author.submit') }).click();
      await page.locator('[data-testid="version"][data-key="e2e-revision"][data-status="in_review"]').waitFor(VISIBLE);
      await context.clearCookies();

      // The admin asks for changes with a comment.
      await page.goto(`${server.url}/sign-in`);
      await signInUi(page, server.url, demoEmail('admin'), DEMO_PASSWORD);
      await page.goto(`${server.url}/author/lessons`);
      await row.waitFor(VISIBLE);
      await row.getByRole('button', { name: msg(code, 'author.requestChanges') }).click();
      await row.getByLabel(msg(code, 'author.reviewComment'), { exact: true }).fill('Añade un diálogo de ejemplo.');
      await assertScreenOk(page, '/author/lessons, reviewing');
      await row.getByRole('button', { name: msg(code, 'author.sendReview') }).click();
      await page.locator('[data-testid="version"][data-key="e2e-revision"][data-status="draft"]').waitFor(VISIBLE);
      assert.match(await row.getByTestId('review-comment').innerText(), /Añade un diálogo de ejemplo\./);

      // Resubmitted, the admin approves: it is published.
      const resubmit = await api(server, trainer.access_token, 'POST', `/api/v1/lesson-versions/${draft.body.id}/submit`, {});
      assert.equal(resubmit.body.status, 'in_review');
      await page.reload();
      await row.getByRole('button', { name: msg(code, 'author.approve') }).click();
      await page.locator('[data-testid="version"][data-key="e2e-revision"][data-status="published"]').waitFor(VISIBLE);
      await assertScreenOk(page, '/author/lessons, approved');
      assert.deepEqual(problems, []);
    } finally {
      await api(server, admin.access_token, 'PATCH', '/api/v1/organisation', { lesson_review_required: false });
      await context.close();
    }
  });
});
