// Train-the-trainer on phones against the real, demo-seeded server: a trainer builds a small
// track (one teach-back, two rubric points) and enrols a lead; the lead sends the teach-back;
// the trainer rates one point below the bar, the lead reads the feedback and sends it again;
// the trainer passes it; the lead opens the certificate, and the public page shows it valid
// to someone signed out. An observed coaching session is sent and rated.
//   CINCO_BIN=/abs/path/cinco REQUIRE_BROWSER=1 node --test --test-concurrency=1 e2e/tracks.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newPhonePage } from './browser.mjs';
import { DEMO_PASSWORD, demoEmail, startServer } from './server.mjs';
import { VISIBLE, actionOn, apiSignIn, assertScreenOk, msg } from './ui.mjs';
import { CRITERIA, LEAD, MODULE, TRACK, api, code, heading, loaded, signedIn, skip } from './tracks-shared.mjs';

describe('train-the-trainer on a phone', { skip }, () => {
  let server;
  let browser;
  /** A competency the track certifies: its key and Spanish name. */
  let competency;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const { body } = await apiSignIn(server.url, demoEmail('trainer'), DEMO_PASSWORD);
    const list = await api(server.url, body.access_token, 'GET', '/api/v1/competencies');
    assert.equal(list.status, 200);
    const c = list.body.find((x) => !x.archived && x.name.es);
    competency = { key: c.key, name: c.name.es };
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a trainer builds a track, a lead sends a teach-back twice, passes and shows a verifiable certificate', { timeout: 300_000 }, async () => {
    const trainer = await signedIn(browser, server, demoEmail('trainer'));
    let lead;
    let guest;
    try {
      const { page } = trainer;
      // Home → Train-the-trainer → a new track.
      await page.getByTestId('home-tracks').waitFor(VISIBLE);
      await page.getByTestId('home-tracks-manage').click();
      await heading(page, 'tracks.hub.title').waitFor(VISIBLE);
      await loaded(page);
      await assertScreenOk(page, '/tracks');
      await page.getByTestId('track-new').click();
      await heading(page, 'tracks.editor.newTitle').waitFor(VISIBLE);
      const editor = page.getByTestId('track-editor');
      await editor.waitFor(VISIBLE);

      // Saving it empty says what is missing, next to the fields.
      await page.getByTestId('track-save').click();
      await editor.getByText(msg(code, 'tracks.editor.errors.title')).waitFor(VISIBLE);
      await editor.getByText(msg(code, 'tracks.editor.errors.scope')).waitFor(VISIBLE);
      await editor.getByText(msg(code, 'tracks.editor.errors.rubric')).waitFor(VISIBLE);
      await assertScreenOk(page, '/tracks/new with errors');

      await page.getByLabel(msg(code, 'tracks.editor.trackTitle'), { exact: true }).fill(TRACK);
      await page.getByLabel(msg(code, 'tracks.editor.description'), { exact: true }).fill('Un itinerario corto para líderes.');
      await page.getByLabel(msg(code, 'tracks.editor.level'), { exact: true }).selectOption('coach');
      await page.getByLabel(msg(code, 'tracks.editor.validity'), { exact: true }).fill('12');
      await page.getByTestId('scope-picker').getByRole('checkbox', { name: competency.name, exact: true }).check();
      const module = page.getByTestId('module-editor').first();
      assert.equal(await module.getByLabel(msg(code, 'tracks.editor.kind'), { exact: true }).inputValue(), 'teach_back');
      await module.getByLabel(msg(code, 'tracks.editor.moduleTitle'), { exact: true }).fill(MODULE);
      await module.getByLabel(msg(code, 'tracks.editor.instructions'), { exact: true }).fill('Prepara una reunión de 10 minutos y envía el guion.');
      for (const [i, criterion] of CRITERIA.entries()) {
        await module.getByLabel(msg(code, 'tracks.editor.criterionN', { n: i + 1 }), { exact: true }).fill(criterion);
      }
      // A track keeps at least one module: its only one can't be removed, and it is named by its title.
      const only = msg(code, 'orderedList.named', { label: msg(code, 'tracks.editor.moduleN', { n: 1 }), name: MODULE });
      assert.equal(await module.getByRole('button', { name: actionOn(msg(code, 'orderedList.remove'), only) }).isDisabled(), true);
      await page.getByTestId('track-save').click();
      await page.getByTestId('success-message').getByText(msg(code, 'tracks.editor.created')).waitFor(VISIBLE);
      await page.waitForURL(/\/tracks\/[0-9a-f-]{36}$/);
      await heading(page, 'tracks.editor.title').waitFor(VISIBLE);
      await assertScreenOk(page, '/tracks/:id');

      // Enrol the lead (a trainer picks from the teams' leads and the cascade).
      await page.getByTestId('editor-trainees').click();
      await heading(page, 'tracks.trainees.title').waitFor(VISIBLE);
      await page.getByTestId('enrolments-empty').waitFor(VISIBLE);
      const form = page.getByTestId('enrol-form');
      await form.getByRole('checkbox', { name: LEAD.name, exact: true }).check();
      await assertScreenOk(page, '/tracks/:id/trainees');
      await page.getByTestId('enrol-submit').click();
      await page.getByTestId('success-message').getByText(msg(code, 'tracks.trainees.enrolled', { n: 1 })).waitFor(VISIBLE);
      const enrolment = page.getByTestId('enrolment').filter({ hasText: LEAD.name });
      await enrolment.waitFor(VISIBLE);
      assert.equal(await enrolment.getAttribute('data-status'), 'active');
      // Once enrolled, the lead is no longer offered.
      assert.equal(await form.getByRole('checkbox', { name: LEAD.name, exact: true }).count(), 0);
      await assertScreenOk(page, '/tracks/:id/trainees, enrolled');

      // Today names the track's next module and leads to it.
      lead = await signedIn(browser, server, LEAD.email);
      const l = lead.page;
      await l.goto(`${server.url}/today`);
      const next = l.getByTestId('today-track').filter({ hasText: TRACK });
      await next.getByText(msg(code, 'today.trackNext', { module: MODULE })).waitFor(VISIBLE);
      await assertScreenOk(l, '/today with a track');
      await next.click();
      await l.getByRole('heading', { level: 1, name: MODULE }).waitFor(VISIBLE);

      // The lead finds the track from Home too, with the teach-back as the next module.
      await l.goto(`${server.url}/`);
      await l.getByTestId('home-my-tracks').click();
      await heading(l, 'tracks.mine.title').waitFor(VISIBLE);
      const mine = l.getByTestId('my-track').filter({ hasText: TRACK });
      await mine.waitFor(VISIBLE);
      await mine.getByText(msg(code, 'tracks.progress', { done: 0, total: 1 })).waitFor(VISIBLE);
      assert.equal(await mine.getByTestId('track-module').getAttribute('data-state'), 'next');
      await assertScreenOk(l, '/my-tracks');
      await mine.getByTestId('my-track-next').click();
      await l.getByRole('heading', { level: 1, name: MODULE }).waitFor(VISIBLE);
      await l.getByTestId('teach-back-hint').waitFor(VISIBLE);
      await l.getByTestId('module-rubric').getByText(CRITERIA[1]).waitFor(VISIBLE);
      await assertScreenOk(l, '/my-tracks/:e/modules/:m');

      // Sending without a plan, or with a link that isn't one, is caught before it leaves.
      const plan = l.getByLabel(msg(code, 'tracks.submit.plan'), { exact: true });
      const recording = l.getByLabel(msg(code, 'tracks.submit.recording'), { exact: true });
      await recording.fill('grabación del martes');
      await l.getByTestId('submit-send').click();
      await l.getByText(msg(code, 'tracks.submit.errors.plan')).waitFor(VISIBLE);
      await l.getByText(msg(code, 'tracks.submit.errors.link')).waitFor(VISIBLE);
      await assertScreenOk(l, '/my-tracks/:e/modules/:m with errors');
      await plan.fill('Objetivo: que cada agente sepa hasta dónde decide solo.\nEjemplo: la llamada del recargo.');
      await recording.fill('https://videos.example.com/reunion-martes');
      await l.getByLabel(msg(code, 'tracks.submit.notes'), { exact: true }).fill('La di el martes a las 9.');
      await l.getByTestId('submit-send').click();
      await l.getByText(msg(code, 'tracks.submit.sent')).waitFor(VISIBLE);
      await l.locator('[data-testid="module-state"][data-state="pending"]').waitFor(VISIBLE);
      await l.getByTestId('submission').first().getByText(msg(code, 'tracks.submission.status.pending')).waitFor(VISIBLE);
      assert.equal(await l.getByTestId('submit-card').count(), 0);
      await assertScreenOk(l, '/my-tracks/:e/modules/:m, sent');

      // The trainer's queue has it; one point below the bar sends it back.
      await page.goto(`${server.url}/tracks`);
      await page.getByTestId('hub-assessments').click();
      await heading(page, 'tracks.queue.title').waitFor(VISIBLE);
      const item = page.getByTestId('queue-item').filter({ hasText: msg(code, 'tracks.queue.item', { trainee: LEAD.name, module: MODULE }) });
      await item.waitFor(VISIBLE);
      await assertScreenOk(page, '/assessments');
      await item.getByRole('link').click();
      await heading(page, 'tracks.assess.title', { name: LEAD.name }).waitFor(VISIBLE);
      await page.getByTestId('submission-plan').getByText('la llamada del recargo', { exact: false }).waitFor(VISIBLE);
      assert.equal(await page.getByTestId('submission-recording').getAttribute('href'), 'https://videos.example.com/reunion-martes');
      await assertScreenOk(page, '/assessments/:id');
      await page.getByTestId('assess-send').click();
      assert.equal(await page.getByText(msg(code, 'tracks.assess.rateIt')).count(), 2);
      const criteria = page.getByTestId('criterion');
      const rate = (i, n) => criteria.nth(i).getByRole('radio', { name: `${n} ${msg(code, `tracks.rating.${n}`)}` }).check();
      await rate(0, 2);
      // A point's "choose a rating" goes as soon as it is rated.
      assert.equal(await page.getByText(msg(code, 'tracks.assess.rateIt')).count(), 1);
      await rate(1, 3);
      assert.equal(await page.getByText(msg(code, 'tracks.assess.rateIt')).count(), 0);
      await criteria.nth(0).getByLabel(msg(code, 'tracks.assess.criterionComment'), { exact: true }).fill('Falta decir qué se espera al final.');
      await page.getByLabel(msg(code, 'tracks.assess.comment'), { exact: true }).fill('Buen ejemplo; afina el objetivo.');
      await page.getByTestId('assess-outcome').getByText(msg(code, 'tracks.assess.outcome.needsWork')).waitFor(VISIBLE);
      await assertScreenOk(page, '/assessments/:id, rated');
      await page.getByTestId('assess-send').click();
      await page.getByText(msg(code, 'tracks.assess.needsWork', { name: LEAD.name })).waitFor(VISIBLE);
      await page.getByTestId('assess-done').waitFor(VISIBLE);
      await assertScreenOk(page, '/assessments/:id, assessed');

      // The lead reads the feedback per point and sends it again.
      await l.reload();
      await l.locator('[data-testid="module-state"][data-state="needs_work"]').waitFor(VISIBLE);
      const assessed = l.getByTestId('submission').filter({ has: l.locator('[data-testid="submission-status"]', { hasText: msg(code, 'tracks.submission.status.needs_work') }) });
      await assessed.getByText(msg(code, 'tracks.rating.value', { n: 2, label: msg(code, 'tracks.rating.2') })).waitFor(VISIBLE);
      await assessed.getByText('Falta decir qué se espera al final.').waitFor(VISIBLE);
      await assessed.getByText('Buen ejemplo; afina el objetivo.').waitFor(VISIBLE);
      await l.getByRole('heading', { level: 2, name: msg(code, 'tracks.submit.again') }).waitFor(VISIBLE);
      await assertScreenOk(l, '/my-tracks/:e/modules/:m, needs work');
      // The form starts from what was sent, to be improved rather than retyped.
      assert.equal(await plan.inputValue(), 'Objetivo: que cada agente sepa hasta dónde decide solo.\nEjemplo: la llamada del recargo.');
      assert.equal(await recording.inputValue(), 'https://videos.example.com/reunion-martes');
      await plan.fill('Objetivo: que cada agente sepa hasta dónde decide solo.\nCierre: cada agente dice qué decidirá mañana.');
      await l.getByTestId('submit-send').click();
      await l.getByText(msg(code, 'tracks.submit.sent')).waitFor(VISIBLE);
      await l.locator('[data-testid="module-state"][data-state="pending"]').waitFor(VISIBLE);

      // The trainer passes the second one.
      await page.getByTestId('assess-next').click();
      await heading(page, 'tracks.queue.title').waitFor(VISIBLE);
      await item.getByRole('link').click();
      await heading(page, 'tracks.assess.title', { name: LEAD.name }).waitFor(VISIBLE);
      await page.getByTestId('submission-plan').getByText('qué decidirá mañana', { exact: false }).waitFor(VISIBLE);
      await rate(0, 3);
      await rate(1, 4);
      await page.getByTestId('assess-outcome').getByText(msg(code, 'tracks.assess.outcome.pass')).waitFor(VISIBLE);
      await page.getByTestId('assess-send').click();
      await page.getByText(msg(code, 'tracks.assess.passed', { name: LEAD.name })).waitFor(VISIBLE);
      await assertScreenOk(page, '/assessments/:id, passed');

      // The lead's track is completed, with the certificate.
      await l.goto(`${server.url}/my-tracks`);
      const done = l.getByTestId('my-track').filter({ hasText: TRACK });
      await done.getByText(msg(code, 'tracks.progress', { done: 1, total: 1 })).waitFor(VISIBLE);
      assert.equal(await done.getAttribute('data-status'), 'completed');
      await assertScreenOk(l, '/my-tracks, completed');
      await done.getByTestId('my-track-certificate').click();
      await l.getByRole('heading', { level: 1, name: TRACK }).waitFor(VISIBLE);
      assert.equal(await l.getByTestId('certificate-status').getAttribute('data-status'), 'active');
      await l.getByTestId('certificate-holder').getByText(LEAD.name).waitFor(VISIBLE);
      await l.getByTestId('certificate-level').getByText(msg(code, 'tracks.level.coach')).waitFor(VISIBLE);
      await l.getByTestId('certificate-scope').getByText(competency.name, { exact: true }).waitFor(VISIBLE);
      await l.getByTestId('certificate-evidence').getByText(MODULE).waitFor(VISIBLE);
      await l.getByTestId('certificate-history').getByText(msg(code, 'tracks.cert.event.issued')).waitFor(VISIBLE);
      await assertScreenOk(l, '/certifications/:id');
      const verifyUrl = await l.getByTestId('certificate-verify-link').getAttribute('href');
      assert.match(verifyUrl, /\/verify\/[0-9a-f-]{36}$/);
      await lead.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
      await l.getByTestId('certificate-copy').click();
      await l.getByText(msg(code, 'tracks.cert.copied')).waitFor(VISIBLE);
      assert.equal(await l.evaluate(() => navigator.clipboard.readText()), verifyUrl);
      // It is listed among the lead's certifications.
      await l.getByRole('link', { name: msg(code, 'tracks.cert.backMine') }).click();
      await heading(l, 'tracks.certs.mineTitle').waitFor(VISIBLE);
      await l.getByTestId('certification').filter({ hasText: TRACK }).waitFor(VISIBLE);
      await assertScreenOk(l, '/my-certifications');

      // Anyone with the link, signed out, sees it valid; a wrong link says there's none.
      guest = await newPhonePage(browser);
      const g = guest.page;
      await g.goto(verifyUrl.replace(/^https?:\/\/[^/]+/, server.url));
      await heading(g, 'tracks.verify.title').waitFor(VISIBLE);
      const status = g.getByTestId('verify-status');
      await status.waitFor(VISIBLE);
      assert.equal(await status.getAttribute('data-status'), 'active');
      await g.getByTestId('verify-holder').getByText(LEAD.name).waitFor(VISIBLE);
      await g.getByText(TRACK).first().waitFor(VISIBLE);
      assert.equal(await g.getByTestId('bottom-nav').count(), 0);
      assert.equal(new URL(g.url()).pathname.startsWith('/verify/'), true, 'stays on the public page signed out');
      await assertScreenOk(g, '/verify/:id (signed out)');
      await g.goto(`${server.url}/verify/00000000-0000-4000-8000-000000000000`);
      await g.locator('[data-testid="verify-status"][data-status="not_found"]').waitFor(VISIBLE);
      await assertScreenOk(g, '/verify/:id (not found)');

      // The cascade shows who the trainer certified, and the team's coverage.
      await page.goto(`${server.url}/certifications/cascade`);
      await heading(page, 'tracks.cascade.title').waitFor(VISIBLE);
      await page.getByTestId('cascade-tree').getByText(LEAD.name).first().waitFor(VISIBLE);
      await page.getByTestId('coverage-team').filter({ hasText: 'Equipo Madrid' }).waitFor(VISIBLE);
      await assertScreenOk(page, '/certifications/cascade');

      assert.deepEqual(trainer.problems, []);
      assert.deepEqual(lead.problems, []);
      assert.deepEqual(guest.problems, []);
    } finally {
      await trainer.context.close();
      await lead?.context.close();
      await guest?.context.close();
    }
  });

  test('a lead sends a coaching session they recorded while observed, and the trainer rates it', { timeout: 120_000 }, async () => {
    // Set up through the API: a one-module track, the lead on it, and a session the lead recorded.
    const trainerToken = (await apiSignIn(server.url, demoEmail('trainer'), DEMO_PASSWORD)).body.access_token;
    const leadSession = (await apiSignIn(server.url, LEAD.email, DEMO_PASSWORD)).body;
    const agent = (await apiSignIn(server.url, demoEmail('agent03'), DEMO_PASSWORD)).body.user;
    const track = await api(server.url, trainerToken, 'POST', '/api/v1/tracks', {
      title: 'Itinerario de observación',
      level: 'coach',
      scope: [competency.key],
      validity_months: 6,
      modules: [{ title: 'Sesión observada', kind: 'observed_session', rubric: ['Pregunta antes de decir'] }],
    });
    assert.equal(track.status, 201);
    const enrolled = await api(server.url, trainerToken, 'POST', `/api/v1/tracks/${track.body.id}/enrolments`, { user_ids: [leadSession.user.id] });
    assert.equal(enrolled.status, 201);
    const enrolment = enrolled.body.enrolled[0];
    const scheduled = await api(server.url, leadSession.access_token, 'POST', '/api/v1/coaching/sessions', {
      agent_id: agent.id,
      scheduled_at: new Date().toISOString(),
    });
    assert.equal(scheduled.status, 201);
    const recorded = await api(server.url, leadSession.access_token, 'POST', `/api/v1/coaching/sessions/${scheduled.body.id}/record`, {
      observation: 'live',
      ratings: [],
      notes: 'Observada por Tomás.',
      actions: [],
    });
    assert.equal(recorded.status, 200);

    const lead = await signedIn(browser, server, LEAD.email);
    let trainer;
    try {
      const l = lead.page;
      await l.goto(`${server.url}/my-tracks/${enrolment.id}/modules/${enrolment.modules[0].id}`);
      await l.getByRole('heading', { level: 1, name: 'Sesión observada' }).waitFor(VISIBLE);
      const pick = l.getByLabel(msg(code, 'tracks.submit.session'), { exact: true });
      await pick.waitFor(VISIBLE);
      await pick.selectOption(scheduled.body.id);
      await l.getByLabel(msg(code, 'tracks.submit.notes'), { exact: true }).fill('Con Lucía, sobre la llamada del reembolso.');
      await assertScreenOk(l, '/my-tracks/:e/modules/:m (observed session)');
      await l.getByTestId('submit-send').click();
      await l.getByText(msg(code, 'tracks.submit.sent')).waitFor(VISIBLE);
      await l.locator('[data-testid="module-state"][data-state="pending"]').waitFor(VISIBLE);
      // With nothing left but waiting for the assessor, Today says so instead of "Next: …".
      await l.goto(`${server.url}/today`);
      const waiting = l.getByTestId('today-track').filter({ hasText: 'Itinerario de observación' });
      await waiting.getByText(msg(code, 'today.trackWaiting', { module: 'Sesión observada' })).waitFor(VISIBLE);
      assert.equal(await waiting.getAttribute('data-waiting'), 'true');
      await assertScreenOk(l, '/today with a track waiting for assessment');

      // The trainer (who can't open leads' sessions) sees which session, and rates the coaching.
      trainer = await signedIn(browser, server, demoEmail('trainer'));
      const t = trainer.page;
      await t.goto(`${server.url}/assessments`);
      await t.getByTestId('queue-item').filter({ hasText: msg(code, 'tracks.queue.item', { trainee: LEAD.name, module: 'Sesión observada' }) }).getByRole('link').click();
      await t.getByText(msg(code, 'tracks.assess.sessionHint')).waitFor(VISIBLE);
      await t.getByTestId('assess-submission').getByText(scheduled.body.id).waitFor(VISIBLE);
      // …and reads the session itself: the agent, how it was observed, the trainee's notes.
      const observed = t.getByTestId('observed-session');
      await observed.getByText(agent.display_name, { exact: false }).first().waitFor(VISIBLE);
      await observed.getByText(msg(code, 'coaching.observation.live')).waitFor(VISIBLE);
      await observed.getByText('Observada por Tomás.').waitFor(VISIBLE);
      await observed.getByText(msg(code, 'tracks.assess.observedNoRatings')).waitFor(VISIBLE);
      await t.getByTestId('criterion').first().getByRole('radio', { name: `4 ${msg(code, 'tracks.rating.4')}` }).check();
      await assertScreenOk(t, '/assessments/:id (observed session)');
      await t.getByTestId('assess-send').click();
      await t.getByText(msg(code, 'tracks.assess.passed', { name: LEAD.name })).waitFor(VISIBLE);

      await l.goto(`${server.url}/my-tracks`);
      const done = l.getByTestId('my-track').filter({ hasText: 'Itinerario de observación' });
      await done.getByTestId('my-track-certificate').waitFor(VISIBLE);
      assert.deepEqual(lead.problems, []);
      assert.deepEqual(trainer.problems, []);
    } finally {
      await lead.context.close();
      await trainer?.context.close();
    }
  });
});
