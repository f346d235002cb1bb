// Coaching on phones against the real, demo-seeded server: a lead builds a path and assigns
// it to their team, an agent of the team does its practice task from Today, and the lead's
// dashboard shows it; then the lead records a coaching session and the agent acknowledges it.
//   CINCO_BIN=/abs/path/cinco REQUIRE_BROWSER=1 node --test --test-concurrency=1 e2e/coaching.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newPhonePage } from './browser.mjs';
import { DEMO_PASSWORD, demoEmail, e2eSkipReason, startServer } from './server.mjs';
import { VISIBLE, actionOn, apiSignIn, assertNoAxeViolations, assertScreenOk, msg, signInUi } from './ui.mjs';

const skip = e2eSkipReason();
const code = 'es';
const PATH_TITLE = 'Empatía en cada llamada';
const TASK_TITLE = 'Usa la lista de empatía en tus próximas 5 llamadas';
const TASK_TEXT = 'Nombra el sentimiento del cliente antes de proponer una solución.';
const SESSION_STEP = 'Sesión de seguimiento con tu líder';
// Lucía Fernández (agent03) is in Equipo Madrid, which Laura Gómez (lead1) leads; six agents.
const AGENT = { email: demoEmail('agent03'), name: 'Lucía Fernández' };
const TEAM_AGENTS = 6;

async function api(url, token, method, path, body) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function signedIn(browser, server, email, landing = '/home') {
  const phone = await newPhonePage(browser);
  await phone.page.goto(`${server.url}/sign-in`);
  await signInUi(phone.page, server.url, email, DEMO_PASSWORD, { code, landing });
  return phone;
}

const heading = (page, key, values) => page.getByRole('heading', { level: 1, name: msg(code, key, values) });

describe('coaching paths and sessions on a phone', { skip }, () => {
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

  test('a lead assigns a path to the team, an agent does its task from Today, the dashboard shows it', { timeout: 240_000 }, async () => {
    const lead = await signedIn(browser, server, demoEmail('lead1'));
    let agent;
    try {
      const { page } = lead;
      // From Home's coaching card to the path templates, and a new path.
      await page.getByTestId('home-coaching').waitFor(VISIBLE);
      await page.getByTestId('nav-coaching').waitFor(VISIBLE);
      await page.getByTestId('home-paths').click();
      await heading(page, 'coaching.paths.title').waitFor(VISIBLE);
      await page.getByTestId('loading').waitFor({ state: 'detached' });
      await assertScreenOk(page, '/coaching/paths');
      await page.getByTestId('path-new').click();
      await heading(page, 'coaching.editor.newTitle').waitFor(VISIBLE);
      const editor = page.getByTestId('path-editor');
      await editor.waitFor(VISIBLE);

      // Saving with nothing filled in says what is missing, next to the fields.
      await page.getByTestId('path-save').click();
      await editor.getByText(msg(code, 'coaching.editor.errors.chooseTarget')).waitFor(VISIBLE);
      await assertScreenOk(page, '/coaching/paths/new with errors');

      await page.getByLabel(msg(code, 'coaching.editor.pathTitle'), { exact: true }).fill(PATH_TITLE);
      await page.getByLabel(msg(code, 'coaching.editor.description'), { exact: true }).fill('Una semana para practicar la empatía.');
      const step = page.getByTestId('step-editor').first();
      await step.getByLabel(msg(code, 'coaching.editor.kind'), { exact: true }).selectOption('practice_task');
      await step.getByLabel(msg(code, 'coaching.editor.stepTitle'), { exact: true }).fill(TASK_TITLE);
      await step.getByLabel(msg(code, 'coaching.editor.instructions'), { exact: true }).fill(TASK_TEXT);
      await step.getByLabel(msg(code, 'coaching.editor.days'), { exact: true }).fill('3');

      // A second step of a chosen kind goes to the end; moving it up by keyboard keeps focus
      // on it and says where it went; removing it says so too and leaves the first as it was.
      const steps = page.getByTestId('step-editor');
      const announced = (text) => page.getByTestId('step-editor-announce').getByText(text, { exact: true }).waitFor({ state: 'attached' });
      await page.getByLabel(msg(code, 'coaching.editor.newKind'), { exact: true }).selectOption('coaching_session');
      await page.getByTestId('step-editor-add').click();
      assert.equal(await steps.count(), 2);
      const added = steps.nth(1);
      assert.equal(await added.getByLabel(msg(code, 'coaching.editor.kind'), { exact: true }).inputValue(), 'coaching_session');
      assert.equal(await added.getByLabel(msg(code, 'coaching.editor.kind'), { exact: true }).evaluate((el) => el === document.activeElement), true);
      await added.getByLabel(msg(code, 'coaching.editor.stepTitle'), { exact: true }).fill(SESSION_STEP);
      const second = msg(code, 'orderedList.named', { label: msg(code, 'coaching.editor.stepN', { n: 2 }), name: SESSION_STEP });
      await page.getByRole('button', { name: actionOn(msg(code, 'orderedList.up'), second) }).focus();
      await page.keyboard.press('Enter');
      await announced(msg(code, 'orderedList.moved', { item: second, n: 1, total: 2 }));
      assert.equal(await steps.first().getByLabel(msg(code, 'coaching.editor.stepTitle'), { exact: true }).inputValue(), SESSION_STEP);
      const first = msg(code, 'orderedList.named', { label: msg(code, 'coaching.editor.stepN', { n: 1 }), name: SESSION_STEP });
      const down = page.getByRole('button', { name: actionOn(msg(code, 'orderedList.down'), first) });
      assert.equal(await down.evaluate((el) => el === document.activeElement), true);
      await assertScreenOk(page, '/coaching/paths/new with two steps');
      await page.getByRole('button', { name: actionOn(msg(code, 'orderedList.remove'), first) }).click();
      await announced(msg(code, 'orderedList.removed', { item: first, total: 1 }));
      assert.equal(await steps.count(), 1);
      assert.equal(await steps.first().getByLabel(msg(code, 'coaching.editor.stepTitle'), { exact: true }).inputValue(), TASK_TITLE);
      await page.getByTestId('path-save').click();
      await page.getByTestId('success-message').getByText(msg(code, 'coaching.editor.created')).waitFor(VISIBLE);
      await page.waitForURL(/\/coaching\/paths\/[0-9a-f-]{36}$/);
      await heading(page, 'coaching.editor.title').waitFor(VISIBLE);
      await assertScreenOk(page, '/coaching/paths/:id');

      // Assign it to the whole team, later joiners too, due per step: three choices.
      await page.getByTestId('nav-coaching').click();
      await heading(page, 'coaching.hub.title').waitFor(VISIBLE);
      await page.getByTestId('coaching-team').first().waitFor(VISIBLE);
      await assertScreenOk(page, '/coaching');
      await page.getByTestId('coaching-assign').click();
      await heading(page, 'coaching.assign.title').waitFor(VISIBLE);
      await page.getByRole('radio', { name: new RegExp(PATH_TITLE) }).check();
      assert.equal(await page.getByRole('radio', { name: msg(code, 'coaching.assign.aTeam') }).isChecked(), true);
      const team = page.getByLabel(msg(code, 'coaching.assign.team'), { exact: true });
      await team.selectOption({ label: 'Equipo Madrid' });
      assert.equal(await page.getByRole('checkbox', { name: msg(code, 'coaching.assign.laterJoiners') }).isChecked(), true);
      assert.equal(await page.getByRole('radio', { name: msg(code, 'coaching.assign.dueSteps') }).isChecked(), true);
      await assertScreenOk(page, '/coaching/assign');
      await page.getByTestId('assign-submit').click();
      await page
        .getByTestId('success-message')
        .getByText(msg(code, 'coaching.assign.assigned', { n: TEAM_AGENTS }))
        .waitFor(VISIBLE);
      await assertScreenOk(page, '/coaching/assign, assigned');

      // The agent finds the task in today's session and reports it done.
      agent = await signedIn(browser, server, AGENT.email);
      const a = agent.page;
      // Home composes today's session first (the server adds a path step assigned during the
      // day when the session is read again, so Today is opened once Home has it).
      await a.getByTestId('today-card').locator('.streak').waitFor(VISIBLE);
      await a.getByTestId('home-today').click();
      await a.waitForURL(`${server.url}/today`);
      const card = a.getByTestId('path-step').filter({ hasText: TASK_TITLE });
      await card.waitFor(VISIBLE);
      await card.getByText(msg(code, 'today.fromPath', { title: PATH_TITLE })).waitFor(VISIBLE);
      await card.getByText(TASK_TEXT).waitFor(VISIBLE);
      // Shown once: in its card, not again in the plan's list of activities.
      assert.equal(await a.getByTestId('today-item').filter({ hasText: TASK_TITLE }).count(), 0);
      await assertScreenOk(a, '/today with a path step');
      await card.getByLabel(msg(code, 'coaching.task.note'), { exact: true }).fill('Dos clientes me dieron las gracias.');
      await card.getByTestId('task-done').click();
      await a.getByText(msg(code, 'coaching.task.doneMessage', { title: TASK_TITLE })).waitFor(VISIBLE);
      await a.getByTestId('path-step').filter({ hasText: TASK_TITLE }).and(a.locator('[data-done="true"]')).waitFor(VISIBLE);
      await assertScreenOk(a, '/today, path step done');

      // My paths: the path is completed (its only step is done), with the note.
      await a.getByTestId('nav-myPaths').click();
      await heading(a, 'myPaths.title').waitFor(VISIBLE);
      const mine = a.getByTestId('my-path').filter({ hasText: PATH_TITLE });
      await mine.waitFor(VISIBLE);
      assert.equal(await mine.getByTestId('step').first().getAttribute('data-state'), 'done');
      await mine.getByText('Dos clientes me dieron las gracias.', { exact: false }).waitFor(VISIBLE);
      await assertScreenOk(a, '/paths');

      // The lead's dashboard: the step counts for the agent and the week.
      await page.getByTestId('nav-coaching').click();
      await page.getByTestId('coaching-team').filter({ hasText: 'Equipo Madrid' }).click();
      await page.getByTestId('dashboard-title').getByText('Equipo Madrid').waitFor(VISIBLE);
      const row = page.getByTestId('dashboard-agent').filter({ hasText: AGENT.name });
      await row.waitFor(VISIBLE);
      assert.equal(await row.getAttribute('data-completed'), '1');
      assert.ok(Number(await page.getByTestId('total-steps').innerText()) >= 1);
      const behind = await page.getByTestId('dashboard-agent').evaluateAll((rows) => rows.map((r) => r.dataset.behind));
      assert.deepEqual(behind, [...behind].sort().reverse(), `behind first: ${behind}`);
      await page.getByTestId('heatmap').getByRole('table').waitFor(VISIBLE);
      // The path goes on to agents who join the team later, until the lead stops it.
      await page.getByTestId('team-rules').getByText(PATH_TITLE).waitFor(VISIBLE);
      // Stopping it asks first; keeping it changes nothing.
      const rule = page.getByTestId('team-rules').getByRole('listitem').filter({ hasText: PATH_TITLE });
      await rule.getByRole('button', { name: msg(code, 'coaching.rules.stop') }).click();
      await rule.getByTestId('rule-confirm').waitFor(VISIBLE);
      await assertScreenOk(page, '/coaching/teams/:id (stop a rule?)');
      await rule.getByRole('button', { name: msg(code, 'common.cancel') }).click();
      await rule.getByRole('button', { name: msg(code, 'coaching.rules.stop') }).waitFor(VISIBLE);
      await assertScreenOk(page, '/coaching/teams/:id');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dashboard-csv').click()]);
      assert.match(download.suggestedFilename(), /\.csv$/);
      await page.getByText(msg(code, 'coaching.dashboard.downloaded')).waitFor(VISIBLE);

      // Drill down to the agent: the path and its done step.
      await row.getByRole('link', { name: AGENT.name }).click();
      await page.getByRole('heading', { level: 1, name: AGENT.name }).waitFor(VISIBLE);
      await page.getByTestId('agent-proficiency').waitFor(VISIBLE);
      await page.getByTestId('agent-status').waitFor(VISIBLE);
      await assertScreenOk(page, '/coaching/teams/:team/agents/:user');
      // Our path is done; a path still running (the demo's) gets a later due date.
      const running = page.getByTestId('assignment').and(page.locator('[data-status="active"]')).first();
      if ((await running.count()) > 0) {
        await running.getByRole('button', { name: msg(code, 'coaching.assignment.extend') }).click();
        const due = running.getByLabel(msg(code, 'coaching.assignment.newDue'), { exact: true });
        await due.waitFor(VISIBLE);
        await assertScreenOk(page, '/coaching/teams/:team/agents/:user, extending');
        await running.getByRole('button', { name: msg(code, 'coaching.assignment.extendSave') }).click();
        await page.getByTestId('success-message').waitFor(VISIBLE);
      }

      // A tablet gets the dashboard wider, still without sideways scrolling.
      const tablet = await browser.newContext({ viewport: { width: 820, height: 1180 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'es-ES' });
      try {
        const t = await tablet.newPage();
        await t.goto(`${server.url}/sign-in`);
        await signInUi(t, server.url, demoEmail('lead1'), DEMO_PASSWORD, { code });
        await t.goto(page.url().replace(/\/agents\/.*$/, ''));
        await t.getByTestId('heatmap').getByRole('table').waitFor(VISIBLE);
        const width = await t.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 820, `tablet scrollWidth ${width}`);
        await assertNoAxeViolations(t, '/coaching/teams/:id on a tablet');
      } finally {
        await tablet.close();
      }
      assert.deepEqual(lead.problems, []);
      assert.deepEqual(agent.problems, []);
    } finally {
      await lead.context.close();
      await agent?.context.close();
    }
  });

  test('an admin sets quiet hours and when agents count as without coaching', { timeout: 90_000 }, async () => {
    const admin = await signedIn(browser, server, demoEmail('admin'));
    try {
      const { page } = admin;
      const card = page.getByTestId('coaching-settings');
      const idle = card.getByLabel(msg(code, 'coachingSettings.idle'), { exact: true });
      await idle.waitFor(VISIBLE);
      await assertScreenOk(page, '/home (admin, coaching reminders)');
      await card.getByLabel(msg(code, 'coachingSettings.from'), { exact: true }).fill('21:00');
      await card.getByLabel(msg(code, 'coachingSettings.to'), { exact: true }).fill('08:00');
      await idle.fill('10');
      await card.getByRole('button', { name: msg(code, 'common.save') }).click();
      await card.getByText(msg(code, 'coachingSettings.saved')).waitFor(VISIBLE);
      const { body } = await apiSignIn(server.url, demoEmail('admin'), DEMO_PASSWORD);
      const settings = await api(server.url, body.access_token, 'GET', '/api/v1/organisation/coaching-settings');
      assert.deepEqual(
        { start: settings.body.quiet_hours_start, end: settings.body.quiet_hours_end, idle: settings.body.idle_days },
        { start: '21:00', end: '08:00', idle: 10 },
      );
      assert.deepEqual(admin.problems, []);
    } finally {
      await admin.context.close();
    }
  });

  test('a lead records a coaching session on a scorecard and the agent acknowledges it', { timeout: 240_000 }, async () => {
    const lead = await signedIn(browser, server, demoEmail('lead1'));
    let agent;
    try {
      const { page } = lead;
      await page.goto(`${server.url}/coaching/sessions/new?agent=${agentId}`);
      await heading(page, 'coaching.session.newTitle').waitFor(VISIBLE);
      const who = page.getByLabel(msg(code, 'coaching.session.agent'), { exact: true });
      await page.waitForFunction((id) => document.querySelector('#session-agent')?.value === id, agentId);
      assert.equal(await who.inputValue(), agentId);
      await page.getByLabel(msg(code, 'coaching.session.callReference'), { exact: true }).fill('CRM-48213');
      await assertScreenOk(page, '/coaching/sessions/new');
      await page.getByTestId('schedule-submit').click();
      await page.waitForURL(/\/coaching\/sessions\/[0-9a-f-]{36}$/);
      await page.getByText(msg(code, 'coaching.session.scheduled')).waitFor(VISIBLE);
      // "It won't happen" asks first; keeping the session leaves it scheduled.
      const planned = page.getByTestId('session-scheduled');
      await planned.getByRole('button', { name: msg(code, 'coaching.session.cancel') }).click();
      await planned.getByTestId('session-cancel-confirm').waitFor(VISIBLE);
      await assertScreenOk(page, '/coaching/sessions/:id (cancel?)');
      await planned.getByRole('button', { name: msg(code, 'coaching.session.keep') }).click();
      await planned.getByRole('button', { name: msg(code, 'coaching.session.cancel') }).waitFor(VISIBLE);
      const form = page.getByTestId('record-form');
      await form.waitFor(VISIBLE);
      assert.equal(await form.getByLabel(msg(code, 'coaching.session.callReference'), { exact: true }).inputValue(), 'CRM-48213');

      // Two scorecard items, one rated 3 and one N/A, each with a note.
      const competency = form.getByLabel(msg(code, 'coaching.session.competency'), { exact: true });
      await form.locator('#add-competency option:not([disabled])').first().waitFor({ state: 'attached' });
      for (const [index, indicator] of [
        [1, 'Nombra el sentimiento del cliente'],
        [2, 'Ofrece la solución sin escalar'],
      ]) {
        await competency.selectOption({ index });
        await form.getByLabel(msg(code, 'coaching.session.indicator'), { exact: true }).fill(indicator);
        await form.getByTestId('add-item').click();
        await form.getByTestId('rating-item').filter({ hasText: indicator }).waitFor(VISIBLE);
      }
      // Saving with an item unrated says so.
      await page.getByTestId('record-submit').click();
      await page.getByText(msg(code, 'coaching.session.unrated', { n: 2 })).waitFor(VISIBLE);
      const items = form.getByTestId('rating-item');
      await items.nth(0).getByRole('radio', { name: new RegExp(`^3 ${msg(code, 'coaching.rating.3')}`) }).check();
      await items.nth(0).getByLabel(msg(code, 'coaching.session.note'), { exact: true }).fill('Lo hizo dos veces sin que se lo pidieran.');
      await items.nth(1).getByRole('radio', { name: new RegExp(msg(code, 'coaching.rating.na')) }).check();
      await items.nth(1).getByLabel(msg(code, 'coaching.session.note'), { exact: true }).fill('No hizo falta en esta llamada.');
      await form.getByLabel(msg(code, 'coaching.session.notes'), { exact: true }).fill('Muy buena llamada: cliente tranquilo al final.');
      await form.getByRole('button', { name: msg(code, 'coaching.session.addAction') }).click();
      await form.getByLabel(msg(code, 'coaching.session.actionN', { n: 1 }), { exact: true }).fill('Ofrece tú el reembolso por debajo de 50 €');
      await assertScreenOk(page, '/coaching/sessions/:id, recording');
      await page.getByTestId('record-submit').click();
      await page.getByText(msg(code, 'coaching.session.recorded')).waitFor(VISIBLE);
      const report = page.getByTestId('session-report');
      await report.waitFor(VISIBLE);
      assert.equal(await report.getAttribute('data-status'), 'awaiting');
      assert.deepEqual(
        await report.getByTestId('report-ratings').locator('[data-rating]').evaluateAll((list) => list.map((p) => p.dataset.rating)),
        ['3', 'na'],
      );
      await assertScreenOk(page, '/coaching/sessions/:id, recorded');
      const sessionUrl = page.url();

      // The agent reads it and acknowledges it, with a comment.
      agent = await signedIn(browser, server, AGENT.email);
      const a = agent.page;
      await a.getByTestId('home-my-sessions').click();
      await heading(a, 'mySessions.title').waitFor(VISIBLE);
      const mine = a.getByTestId('session-report').filter({ hasText: 'CRM-48213' });
      await mine.waitFor(VISIBLE);
      await mine.getByText('Muy buena llamada: cliente tranquilo al final.').waitFor(VISIBLE);
      await assertScreenOk(a, '/coaching/mine');
      await mine.getByLabel(msg(code, 'coaching.ack.comment'), { exact: true }).fill('Gracias, lo aplico desde hoy.');
      await mine.getByTestId('acknowledge').click();
      await a.getByText(msg(code, 'coaching.ack.acknowledged')).waitFor(VISIBLE);
      await mine.getByTestId('agent-reply').getByText('Gracias, lo aplico desde hoy.').waitFor(VISIBLE);
      assert.equal(await mine.getAttribute('data-status'), 'acknowledged');
      await assertScreenOk(a, '/coaching/mine, acknowledged');

      // The agreed action reaches the agent's paths.
      await a.getByTestId('nav-myPaths').click();
      await a.getByTestId('my-path').filter({ hasText: 'Ofrece tú el reembolso por debajo de 50 €' }).waitFor(VISIBLE);

      // The lead sees the reply.
      await page.goto(sessionUrl);
      const replied = page.getByTestId('session-report');
      await replied.getByTestId('agent-reply').getByText('Gracias, lo aplico desde hoy.').waitFor(VISIBLE);
      assert.equal(await replied.getAttribute('data-status'), 'acknowledged');
      await assertScreenOk(page, '/coaching/sessions/:id, acknowledged');

      // And the server agrees.
      const { body } = await apiSignIn(server.url, demoEmail('lead1'), DEMO_PASSWORD);
      const sessions = await api(server.url, body.access_token, 'GET', `/api/v1/coaching/sessions?agent_id=${agentId}`);
      assert.equal(sessions.status, 200);
      const recorded = sessions.body.find((s) => s.call_reference === 'CRM-48213');
      assert.equal(recorded.status, 'recorded');
      assert.equal(recorded.agent_comment, 'Gracias, lo aplico desde hoy.');
      assert.equal(recorded.disputed, false);
      assert.deepEqual(lead.problems, []);
      assert.deepEqual(agent.problems, []);
    } finally {
      await lead.context.close();
      await agent?.context.close();
    }
  });
});

describe('scorecard templates and an assignment’s history on a phone', { skip }, () => {
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

  test('a trainer creates a scorecard; a lead sees it and an assignment’s history after extending it', { timeout: 240_000 }, async () => {
    const SCORECARD = 'Llamada de reclamación';
    const trainer = await signedIn(browser, server, demoEmail('trainer'));
    let lead;
    try {
      const { page } = trainer;
      await page.getByTestId('home-scorecards').click();
      await heading(page, 'coaching.scorecards.title').waitFor(VISIBLE);
      await page.getByTestId('loading').waitFor({ state: 'detached' });
      const form = page.getByTestId('scorecard-form');
      await form.waitFor(VISIBLE);
      await assertScreenOk(page, '/coaching/scorecards (trainer)');

      // Saving with nothing filled in says what is missing, next to the fields.
      await page.getByTestId('scorecard-save').click();
      await form.getByText(msg(code, 'coaching.scorecards.errors.chooseCompetency')).waitFor(VISIBLE);
      assert.equal(await page.getByLabel(msg(code, 'coaching.scorecards.cardTitle'), { exact: true }).getAttribute('aria-invalid'), 'true');
      await assertScreenOk(page, '/coaching/scorecards with errors');

      await page.getByLabel(msg(code, 'coaching.scorecards.cardTitle'), { exact: true }).fill(SCORECARD);
      const items = form.getByTestId('scorecard-item');
      await form.locator('select option:not([disabled])').first().waitFor({ state: 'attached' });
      await items.nth(0).getByLabel(msg(code, 'coaching.session.competency'), { exact: true }).selectOption({ index: 1 });
      await items.nth(0).getByLabel(msg(code, 'coaching.session.indicator'), { exact: true }).fill('Nombra el sentimiento del cliente');
      await page.getByTestId('scorecard-add-item').click();
      await items.nth(1).getByLabel(msg(code, 'coaching.session.competency'), { exact: true }).selectOption({ index: 2 });
      await items.nth(1).getByLabel(msg(code, 'coaching.session.indicator'), { exact: true }).fill('Ofrece la solución sin escalar');
      await page.getByTestId('scorecard-save').click();
      await page.getByTestId('success-message').getByText(msg(code, 'coaching.scorecards.created', { title: SCORECARD })).waitFor(VISIBLE);
      const saved = page.getByTestId('scorecard').filter({ hasText: SCORECARD });
      await saved.getByText(msg(code, 'coaching.scorecards.items', { n: 2 })).waitFor(VISIBLE);
      await assertScreenOk(page, '/coaching/scorecards, saved');
      assert.deepEqual(trainer.problems, []);

      // The lead sees it (and no form: only trainers and admins make scorecards).
      lead = await signedIn(browser, server, demoEmail('lead1'));
      const l = lead.page;
      await l.getByTestId('nav-coaching').click();
      await heading(l, 'coaching.hub.title').waitFor(VISIBLE);
      await l.getByTestId('coaching-scorecards').click();
      await heading(l, 'coaching.scorecards.title').waitFor(VISIBLE);
      await l.getByTestId('scorecard').filter({ hasText: SCORECARD }).waitFor(VISIBLE);
      assert.equal(await l.getByTestId('scorecard-form').count(), 0);
      await assertScreenOk(l, '/coaching/scorecards (lead)');

      // The lead gives an agent a path, extends it, and reads its history in the drill-down.
      const { body: signIn } = await apiSignIn(server.url, demoEmail('lead1'), DEMO_PASSWORD);
      const token = signIn.access_token;
      const path = await api(server.url, token, 'POST', '/api/v1/coaching/paths', {
        title: 'Historia de una ruta',
        description: '',
        steps: [{ title: 'Practica la escucha activa', kind: 'practice_task', instructions: 'En tres llamadas.', due_after_days: 3 }],
      });
      assert.equal(path.status, 201, JSON.stringify(path.body));
      const given = await api(server.url, token, 'POST', '/api/v1/coaching/assignments', {
        template_id: path.body.id,
        agent_ids: [agentId],
        include_later_joiners: false,
      });
      assert.equal(given.status, 201, JSON.stringify(given.body));
      await l.getByTestId('nav-coaching').click();
      await l.getByTestId('coaching-team').filter({ hasText: 'Equipo Madrid' }).click();
      await l.getByTestId('dashboard-agent').filter({ hasText: AGENT.name }).getByRole('link', { name: AGENT.name }).click();
      await l.getByRole('heading', { level: 1, name: AGENT.name }).waitFor(VISIBLE);
      const card = l.getByTestId('assignment').filter({ hasText: 'Historia de una ruta' });
      await card.waitFor(VISIBLE);
      await card.getByRole('button', { name: msg(code, 'coaching.assignment.extend') }).click();
      await card.getByLabel(msg(code, 'coaching.assignment.newDue'), { exact: true }).fill('2099-01-10');
      await card.getByRole('button', { name: msg(code, 'coaching.assignment.extendSave') }).click();
      await l.getByTestId('success-message').waitFor(VISIBLE);

      const history = card.getByTestId('assignment-history');
      await history.getByText(msg(code, 'coaching.history.title'), { exact: true }).click();
      const events = history.getByTestId('history-event');
      await events.nth(1).waitFor(VISIBLE);
      assert.deepEqual(await events.evaluateAll((list) => list.map((e) => e.dataset.kind)), ['assigned', 'extended']);
      await events.nth(0).getByText(msg(code, 'coaching.history.kind.assigned')).waitFor(VISIBLE);
      const extended = events.nth(1);
      await extended.getByText(msg(code, 'coaching.history.kind.extended')).waitFor(VISIBLE);
      await extended.getByText(msg(code, 'coaching.history.by', { name: 'Laura Gómez' })).waitFor(VISIBLE);
      const day = new Intl.DateTimeFormat(code, { dateStyle: 'medium' }).format(new Date('2099-01-10T12:00:00'));
      await extended.getByText(msg(code, 'coaching.history.detail.extended', { date: day })).waitFor(VISIBLE);
      await assertScreenOk(l, '/coaching/teams/:team/agents/:user, history');
      assert.deepEqual(lead.problems, []);
    } finally {
      await trainer.context.close();
      await lead?.context.close();
    }
  });
});
