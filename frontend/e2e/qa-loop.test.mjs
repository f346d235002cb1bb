// Closing the QA loop on phones against the real, demo-seeded server: the admin turns the
// loop on; a lead records a coaching session rating a competency 1 of 4; the agent finds a
// refresher path titled with why in My paths; the lead finds it on the dashboard's agent
// page, its history saying which score and threshold gave it.
//   CINCO_BIN=/abs/path/cinco REQUIRE_BROWSER=1 node --test e2e/qa-loop.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newPhonePage } from './browser.mjs';
import { DEMO_PASSWORD, demoEmail, e2eSkipReason, startServer } from './server.mjs';
import { VISIBLE, apiSignIn, assertScreenOk, msg, signInUi } from './ui.mjs';

const skip = e2eSkipReason();
const code = 'es';
// Lucía Fernández (agent03) is in Equipo Madrid, which Laura Gómez (lead1) leads.
const AGENT = { email: demoEmail('agent03'), name: 'Lucía Fernández' };
const WHY = /Refuerzo: [^—]+ — valorado 1\/4 el \d{4}-\d{2}-\d{2} \(umbral 2\)/;

async function signedIn(browser, server, email, landing = '/home') {
  const phone = await newPhonePage(browser);
  await phone.page.goto(`${server.url}/sign-in`);
  await signInUi(phone.page, server.url, email, DEMO_PASSWORD, { code, landing });
  return phone;
}

const heading = (page, key, values) => page.getByRole('heading', { level: 1, name: msg(code, key, values) });

describe('closing the QA loop on a phone', { skip }, () => {
  let server;
  let browser;
  let agentId;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const { body } = await apiSignIn(server.url, AGENT.email, DEMO_PASSWORD);
    agentId = body.user.id;
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a low rating gives the agent a refresher path that says why, seen by both', { timeout: 240_000 }, async () => {
    const admin = await signedIn(browser, server, demoEmail('admin'));
    let lead;
    let agent;
    try {
      // The admin turns the loop on.
      const card = admin.page.getByTestId('qa-loop-settings');
      await card.getByTestId('qa-loop-enabled').waitFor(VISIBLE);
      await card.getByTestId('qa-loop-enabled').scrollIntoViewIfNeeded();
      await assertScreenOk(admin.page, '/home (admin, QA loop)');
      const percent = card.getByLabel(msg(code, 'qaLoop.percent'), { exact: true });
      await percent.fill('101');
      await card.getByTestId('qa-loop-enabled').check();
      // The form holds the server's bounds: 101 % is not sent.
      assert.equal(await percent.evaluate((el) => el.validity.rangeOverflow), true);
      await percent.fill('70');
      await card.getByRole('button', { name: msg(code, 'common.save') }).click();
      await card.getByText(msg(code, 'qaLoop.saved')).waitFor(VISIBLE);
      assert.deepEqual(admin.problems, []);

      // The lead records a session rating one competency 1 of 4.
      lead = await signedIn(browser, server, demoEmail('lead1'));
      const page = lead.page;
      await page.goto(`${server.url}/coaching/sessions/new?agent=${agentId}`);
      await heading(page, 'coaching.session.newTitle').waitFor(VISIBLE);
      await page.waitForFunction((id) => document.querySelector('#session-agent')?.value === id, agentId);
      await page.getByTestId('schedule-submit').click();
      await page.waitForURL(/\/coaching\/sessions\/[0-9a-f-]{36}$/);
      const form = page.getByTestId('record-form');
      await form.waitFor(VISIBLE);
      const competency = form.getByLabel(msg(code, 'coaching.session.competency'), { exact: true });
      await form.locator('#add-competency option:not([disabled])').first().waitFor({ state: 'attached' });
      await competency.selectOption({ index: 1 });
      await form.getByLabel(msg(code, 'coaching.session.indicator'), { exact: true }).fill('Nombra el sentimiento del cliente');
      await form.getByTestId('add-item').click();
      const item = form.getByTestId('rating-item').first();
      await item.waitFor(VISIBLE);
      await item.getByRole('radio', { name: new RegExp(`^1 ${msg(code, 'coaching.rating.1')}`) }).check();
      await page.getByTestId('record-submit').click();
      await page.getByText(msg(code, 'coaching.session.recorded')).waitFor(VISIBLE);

      // The agent sees the refresher path, titled with why, in My paths.
      agent = await signedIn(browser, server, AGENT.email);
      const a = agent.page;
      await a.getByTestId('nav-myPaths').click();
      await heading(a, 'myPaths.title').waitFor(VISIBLE);
      const mine = a.getByTestId('my-path').filter({ hasText: WHY });
      await mine.waitFor(VISIBLE);
      const steps = await mine.getByTestId('step').count();
      assert.ok(steps >= 1, 'at least the follow-up session');
      await assertScreenOk(a, '/paths (a refresher path)');
      assert.deepEqual(agent.problems, []);

      // The lead sees it from the dashboard, with the reason in its history.
      await page.getByTestId('nav-coaching').click();
      await page.getByTestId('coaching-team').filter({ hasText: 'Equipo Madrid' }).click();
      const row = page.getByTestId('dashboard-agent').filter({ hasText: AGENT.name });
      await row.waitFor(VISIBLE);
      await row.getByRole('link', { name: AGENT.name }).click();
      await page.getByRole('heading', { level: 1, name: AGENT.name }).waitFor(VISIBLE);
      const path = page.getByTestId('assignment').filter({ hasText: WHY });
      await path.waitFor(VISIBLE);
      await path.getByTestId('assignment-history').locator('summary').click();
      const low = path.locator('[data-testid="history-event"][data-kind="low_score"]');
      await low.waitFor(VISIBLE);
      assert.match(await low.innerText(), /valorado 1\/4 en la sesión de coaching del \d{4}-\d{2}-\d{2}; el umbral de la organización es 2/);
      await low.getByText(msg(code, 'coaching.history.kind.low_score')).waitFor(VISIBLE);
      await assertScreenOk(page, '/coaching/teams/:team/agents/:user (a refresher path)');
      assert.deepEqual(lead.problems, []);
    } finally {
      await agent?.context.close();
      await lead?.context.close();
      await admin.context.close();
    }
  });
  test('the admin links the QA metric to a competency on the Data screen; a lead reads it', { timeout: 180_000 }, async () => {
    const admin = await signedIn(browser, server, demoEmail('admin'));
    let lead;
    try {
      const page = admin.page;
      await page.goto(`${server.url}/admin/data`);
      await heading(page, 'results.data.title').waitFor(VISIBLE);
      const qa = page.locator('[data-testid="metric"][data-key="qa"]');
      const link = qa.getByTestId('metric-competency');
      const select = link.getByLabel(msg(code, 'results.metricCompetency.label'), { exact: true });
      await select.locator('option').nth(1).waitFor({ state: 'attached' });
      assert.equal(await select.inputValue(), '', 'the built-in QA metric measures no competency at first');
      const save = link.getByRole('button', { name: msg(code, 'common.save') });
      assert.equal(await save.isDisabled(), true, 'nothing to save before a change');
      await select.selectOption({ index: 1 });
      const chosen = (await select.locator('option:checked').innerText()).trim();
      await save.click();
      // The confirmation appears beside the control, where the admin is looking.
      const saved = link.getByText(msg(code, 'results.metricCompetency.linked', { name: chosen }));
      await saved.waitFor(VISIBLE);
      assert.ok(await saved.isVisible());
      await assertScreenOk(page, '/admin/data (a metric linked to a competency)');
      await page.reload();
      await heading(page, 'results.data.title').waitFor(VISIBLE);
      await page.waitForFunction(() => {
        const el = document.querySelector('[data-testid="metric"][data-key="qa"] select');
        return el && el.value !== '';
      });
      assert.equal((await select.locator('option:checked').innerText()).trim(), chosen, 'the link is stored');
      assert.deepEqual(admin.problems, []);

      lead = await signedIn(browser, server, demoEmail('lead1'));
      await lead.page.goto(`${server.url}/admin/data`);
      const measures = lead.page.locator('[data-testid="metric"][data-key="qa"]').getByTestId('metric-measures');
      await measures.waitFor(VISIBLE);
      assert.equal((await measures.innerText()).trim(), msg(code, 'results.metricCompetency.measures', { name: chosen }));
      assert.equal(await lead.page.getByTestId('metric-competency').count(), 0, 'leads read the link, admins change it');
      await assertScreenOk(lead.page, '/admin/data (lead, a linked metric)');
      assert.deepEqual(lead.problems, []);
    } finally {
      await lead?.context.close();
      await admin.context.close();
    }
  });
});
