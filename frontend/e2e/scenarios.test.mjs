// Role-play scenarios against the real, demo-seeded server: a trainer builds a three-node
// scenario in the visual editor (tablet size) and publishes it; an agent plays it on a phone
// and reads the debrief with handle time, first-contact resolution and CSAT; a demo
// scenario over the agent's limit goes to approval.
//   CINCO_BIN=/abs/path/cinco REQUIRE_BROWSER=1 npm run test:e2e
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newPhonePage } from './browser.mjs';
import { DEMO_PASSWORD, demoEmail, e2eSkipReason, startServer } from './server.mjs';
import { VISIBLE, apiSignIn, assertNoAxeViolations, assertScreenOk, msg, signInUi } from './ui.mjs';

const skip = e2eSkipReason();
const TABLET = { viewport: { width: 820, height: 1180 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'es-ES' };

describe('scenarios', { skip }, () => {
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

  test('a trainer builds a three-node scenario in the editor and an agent plays it on a phone', { timeout: 180_000 }, async () => {
    const trainer = (await apiSignIn(server.url, demoEmail('trainer'), DEMO_PASSWORD)).body;
    const code = trainer.user.locale;
    const context = await browser.newContext(TABLET);
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/sign-in`);
      await signInUi(page, server.url, demoEmail('trainer'), DEMO_PASSWORD);
      await page.getByTestId('nav-authorScenarios').click();
      await page.waitForURL(`${server.url}/author/scenarios`);
      await page.getByRole('button', { name: msg(code, 'scenarios.create') }).waitFor(VISIBLE);
      await assertNoAxeViolations(page, '/author/scenarios (tablet)');

      await page.getByLabel(msg(code, 'editor.scenarioTitle'), { exact: true }).fill('Un reembolso de 20 €');
      await page.getByLabel(msg(code, 'scenarios.key'), { exact: true }).fill('e2e-refund');
      await page.locator('#new-locale').selectOption('es');
      await page.getByRole('button', { name: msg(code, 'scenarios.create') }).click();
      await page.waitForURL(/\/author\/scenarios\/[^/]+$/);
      await page.getByTestId('graph').waitFor(VISIBLE);
      // A start with no replies is a problem, shown on the node.
      await page.getByTestId('node-issues').waitFor(VISIBLE);
      await assertNoAxeViolations(page, 'editor, new scenario');

      // Two end nodes.
      for (const [outcome, text] of [
        ['Reembolso hecho en la llamada.', '¡Gracias, qué rápido!'],
        ['El cliente cuelga sin solución.', 'Pues me voy a otra compañía.'],
      ]) {
        await page.getByRole('button', { name: msg(code, 'editor.addNode') }).click();
        const panel = page.getByTestId('node-panel');
        await panel.getByLabel(msg(code, 'editor.end'), { exact: true }).check();
        await panel.getByLabel(msg(code, 'editor.text'), { exact: true }).fill(text);
        await panel.getByLabel(msg(code, 'editor.outcome'), { exact: true }).fill(outcome);
      }
      // The start node: what the customer says, and two replies.
      await page.getByTestId('node-start').click();
      const start = page.getByTestId('node-panel');
      await start.getByLabel(msg(code, 'editor.text'), { exact: true }).fill('Me cobraron 20 € de más este mes.');
      const replies = [
        { text: 'Tiene razón, se lo devuelvo ahora mismo.', next: 'n1', feedback: 'Dentro de tu margen: resuelto a la primera.', seconds: '45', sentiment: '2', resolution: 'resolves' },
        { text: 'Tiene que reclamarlo por escrito.', next: 'n2', feedback: 'Rápido, pero sin resolver.', seconds: '15', sentiment: '-2', resolution: 'none' },
      ];
      for (const [i, r] of replies.entries()) {
        await start.getByRole('button', { name: msg(code, 'editor.addReply') }).click();
        const reply = start.getByTestId('reply-editor').nth(i);
        await reply.getByLabel(msg(code, 'editor.replyText'), { exact: true }).fill(r.text);
        await reply.getByLabel(msg(code, 'editor.next'), { exact: true }).selectOption(r.next);
        await reply.getByLabel(msg(code, 'editor.feedback'), { exact: true }).fill(r.feedback);
        await reply.getByLabel(msg(code, 'editor.seconds'), { exact: true }).fill(r.seconds);
        await reply.getByLabel(msg(code, 'editor.sentiment'), { exact: true }).selectOption(r.sentiment);
        await reply.getByLabel(msg(code, 'editor.resolution'), { exact: true }).selectOption(r.resolution);
      }
      await assertNoAxeViolations(page, 'editor, replies filled in');
      await page.getByTestId('save').click();
      await page.getByText(msg(code, 'editor.savedReady')).waitFor(VISIBLE);
      assert.equal(await page.getByTestId('node-issues').count(), 0);

      // A preview run before publishing.
      await page.getByRole('button', { name: msg(code, 'author.preview'), exact: true }).click();
      const preview = page.getByTestId('preview-run');
      await preview.getByRole('button', { name: replies[0].text }).click();
      await preview.getByTestId('preview-outcome').getByText('Reembolso hecho en la llamada.').waitFor(VISIBLE);

      await page.getByRole('button', { name: msg(code, 'author.publish'), exact: true }).click();
      await page.getByText(msg(code, 'editor.published')).waitFor(VISIBLE);
      await assertNoAxeViolations(page, 'editor, published');
    } finally {
      await context.close();
    }

    // The agent plays it on a phone.
    const { context: phone, page: agent, problems } = await newPhonePage(browser);
    try {
      await agent.goto(`${server.url}/sign-in`);
      await signInUi(agent, server.url, demoEmail('agent01'), DEMO_PASSWORD);
      await agent.getByTestId('nav-practice').click();
      await agent.waitForURL(`${server.url}/practice`);
      await agent.getByTestId('your-limits').waitFor(VISIBLE);
      await assertScreenOk(agent, '/practice');
      await agent.getByTestId('scenario-e2e-refund').click();
      await agent.waitForURL(`${server.url}/practice/e2e-refund`);
      const now = agent.getByTestId('now');
      await now.getByText('Me cobraron 20 € de más este mes.').waitFor(VISIBLE);
      await assertScreenOk(agent, '/practice/e2e-refund, first node');
      await now.getByRole('button', { name: 'Tiene razón, se lo devuelvo ahora mismo.' }).click();
      const debrief = agent.getByTestId('debrief');
      await debrief.waitFor(VISIBLE);
      assert.equal(await agent.getByTestId('metric-aht').locator('dd').innerText(), '0:45');
      assert.equal(await agent.getByTestId('metric-fcr').locator('dd').innerText(), msg('es', 'practice.yes'));
      assert.match(await agent.getByTestId('metric-csat').locator('dd').innerText(), /^5\/5/);
      await agent.getByTestId('debrief-step').first().getByText('Dentro de tu margen: resuelto a la primera.').waitFor(VISIBLE);
      await assertScreenOk(agent, '/practice/e2e-refund, debrief');
      assert.deepEqual(problems, []);
    } finally {
      await phone.close();
    }
  });

  test('over the limit, a demo call goes to approval and the debrief explains the limit', { timeout: 120_000 }, async () => {
    const { context, page, problems } = await newPhonePage(browser, { locale: 'en-GB' });
    try {
      await page.goto(`${server.url}/sign-in`);
      await signInUi(page, server.url, demoEmail('agent06'), DEMO_PASSWORD, { code: 'en' });
      await page.goto(`${server.url}/practice/suite-upgrade-difference`);
      const now = page.getByTestId('now');
      await now.waitFor(VISIBLE);
      assert.equal(await now.getAttribute('data-node'), 'start');
      // The free suite costs $120, over the agent's $50: the call goes to approval.
      await page.getByTestId('reply-suite').click();
      await page.getByTestId('approval-notice').waitFor(VISIBLE);
      assert.equal(await now.getAttribute('data-node'), 'needs-approval');
      await assertScreenOk(page, '/practice/suite-upgrade-difference, waiting for approval');
      await page.getByTestId('reply-propose').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="now"]')?.getAttribute('data-node') === 'supervisor-answer');
      await page.getByTestId('reply-warm-confirm').click();
      await page.getByTestId('debrief').waitFor(VISIBLE);
      assert.equal(
        await page.getByTestId('over-limit').first().innerText(),
        msg('en', 'practice.overLimit', { amount: '$120', limit: '$50' }),
      );
      assert.equal(await page.getByTestId('metric-fcr').locator('dd').innerText(), msg('en', 'practice.no'));
      await page.getByTestId('best-path').waitFor(VISIBLE);
      await assertScreenOk(page, '/practice/suite-upgrade-difference, debrief');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('an admin changes an agent limit and adds a decision type; agents see their limits', { timeout: 120_000 }, async () => {
    const admin = (await apiSignIn(server.url, demoEmail('admin'), DEMO_PASSWORD)).body;
    const code = admin.user.locale;
    const { context, page, problems } = await newPhonePage(browser);
    page.on('dialog', (dialog) => void dialog.accept());
    try {
      await page.goto(`${server.url}/sign-in`);
      await signInUi(page, server.url, demoEmail('admin'), DEMO_PASSWORD);
      await page.getByRole('link', { name: msg(code, 'home.authority') }).click();
      await page.waitForURL(`${server.url}/admin/authority`);
      const waiver = page.locator('[data-testid="decision"][data-key="fee-waiver"]');
      await waiver.waitFor(VISIBLE);
      await assertScreenOk(page, '/admin/authority');
      const agentLimit = waiver.getByLabel(msg(code, 'authority.limitFor', { role: msg(code, 'roles.agent'), currency: 'USD' }), { exact: true });
      assert.equal(await agentLimit.inputValue(), '50');
      await agentLimit.fill('60');
      await waiver.getByRole('button', { name: msg(code, 'common.save') }).click();
      await page.getByTestId('success-message').waitFor(VISIBLE);

      await page.getByLabel(msg(code, 'authority.newName'), { exact: true }).fill('Envío urgente gratis');
      await page.getByLabel(msg(code, 'authority.newKey'), { exact: true }).fill('express-shipping');
      await page.getByRole('button', { name: msg(code, 'authority.add'), exact: true }).click();
      await page.locator('[data-testid="decision"][data-key="express-shipping"]').waitFor(VISIBLE);
      await assertScreenOk(page, '/admin/authority, decision added');
      // A bad key is refused with a message, and nothing is lost.
      await page.getByLabel(msg(code, 'authority.newName'), { exact: true }).fill('Otra');
      await page.getByLabel(msg(code, 'authority.newKey'), { exact: true }).fill('Not A Key');
      await page.getByRole('button', { name: msg(code, 'authority.add'), exact: true }).click();
      await page.getByTestId('error-message').waitFor(VISIBLE);
      assert.equal(await page.getByLabel(msg(code, 'authority.newName'), { exact: true }).inputValue(), 'Otra');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
    const agent = (await apiSignIn(server.url, demoEmail('agent02'), DEMO_PASSWORD)).body;
    const limits = await (await fetch(`${server.url}/api/v1/authority-limits`, { headers: { authorization: `Bearer ${agent.access_token}` } })).json();
    const byKey = Object.fromEntries(limits.decisions.map((d) => [d.key, d.your_limit]));
    assert.equal(byKey['fee-waiver'], 60);
    assert.equal(byKey['express-shipping'], 50);
  });
});
