// Train-the-trainer on phones against the real, demo-seeded server: a trainer builds a small
// track (one teach-back, two rubric points) and enrols a lead; the lead sends the teach-back;
// the trainer rates one point below the bar, the lead reads the feedback and sends it again;
// the trainer passes it; the lead opens the certificate, and the public page shows it valid
// to someone signed out. An observed coaching session is sent and rated. Then an admin's side:
// enforcing certified coaching, limits by certification level, granting and revoking a
// certification; and, enforced, a lead's scorecard says up front which items she may not rate.
//   CINCO_BIN=/abs/path/cinco REQUIRE_BROWSER=1 node --test --test-concurrency=1 e2e/tracks.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newPhonePage } from './browser.mjs';
import { DEMO_PASSWORD, demoEmail, e2eSkipReason, startServer } from './server.mjs';
import { VISIBLE, apiSignIn, assertScreenOk, msg, signInUi } from './ui.mjs';

const skip = e2eSkipReason();
const code = 'es';
const TRACK = 'Coach de empatía en 10 minutos';
const MODULE = 'Enseña la empatía a tu equipo';
const CRITERIA = ['Fija un objetivo claro', 'Hace practicar al equipo'];
// Laura Gómez (lead1) leads Equipo Madrid; Luca Bianchi (lead2) leads Squadra Milano.
const LEAD = { email: demoEmail('lead1'), name: 'Laura Gómez' };
const OTHER_LEAD = { email: demoEmail('lead2'), name: 'Luca Bianchi' };

async function api(url, token, method, path, body) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function signedIn(browser, server, email, options = {}) {
  const phone = await newPhonePage(browser, options);
  await phone.page.goto(`${server.url}/sign-in`);
  await signInUi(phone.page, server.url, email, DEMO_PASSWORD, { code });
  return phone;
}

const heading = (page, key, values) => page.getByRole('heading', { level: 1, name: msg(code, key, values) });
const loaded = (page) => page.getByTestId('loading').waitFor({ state: 'detached' });

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

  test('an admin enforces certified coaching, raises a limit by level, grants and revokes a certification', { timeout: 180_000 }, async () => {
    const admin = await signedIn(browser, server, demoEmail('admin'));
    let guest;
    try {
      const { page } = admin;
      const { body: session } = await apiSignIn(server.url, demoEmail('admin'), DEMO_PASSWORD);
      const token = session.access_token;

      // The coaching settings card: enforce, saved, and back off (the demo doesn't enforce).
      const card = page.getByTestId('coaching-settings');
      const enforce = card.getByRole('checkbox', { name: msg(code, 'coachingSettings.enforce') });
      await enforce.waitFor(VISIBLE);
      assert.equal(await enforce.isChecked(), false);
      await enforce.check();
      await assertScreenOk(page, '/home (admin, certified coaching)');
      await card.getByRole('button', { name: msg(code, 'common.save') }).click();
      await card.getByText(msg(code, 'coachingSettings.saved')).waitFor(VISIBLE);
      let settings = await api(server.url, token, 'GET', '/api/v1/organisation/coaching-settings');
      assert.equal(settings.body.enforce_certified_coaching, true);
      await enforce.uncheck();
      await card.getByRole('button', { name: msg(code, 'common.save') }).click();
      await card.getByText(msg(code, 'coachingSettings.saved')).waitFor(VISIBLE);
      settings = await api(server.url, token, 'GET', '/api/v1/organisation/coaching-settings');
      assert.equal(settings.body.enforce_certified_coaching, false);

      // Authority limits: certified coaches may grant more.
      await page.goto(`${server.url}/admin/authority`);
      await heading(page, 'authority.title').waitFor(VISIBLE);
      const decision = page.getByTestId('decision').first();
      await decision.waitFor(VISIBLE);
      const key = await decision.getAttribute('data-key');
      const coachLimit = decision.getByLabel(new RegExp(`^${msg(code, 'tracks.level.coach')} \\(`));
      await coachLimit.fill('120');
      await assertScreenOk(page, '/admin/authority with certification limits');
      await decision.getByRole('button', { name: msg(code, 'common.save') }).click();
      await page.getByTestId('success-message').waitFor(VISIBLE);
      const limits = await api(server.url, token, 'GET', '/api/v1/authority-limits');
      assert.equal(limits.body.decisions.find((d) => d.key === key).certification_limits.coach, 120);

      // Certifications: grant one to Luca, then revoke it with a reason.
      await page.goto(`${server.url}/certifications`);
      await heading(page, 'tracks.certs.title').waitFor(VISIBLE);
      await loaded(page);
      await assertScreenOk(page, '/certifications');
      const grant = page.getByTestId('grant-form');
      await grant.getByLabel(msg(code, 'tracks.certs.holder'), { exact: true }).selectOption({ label: OTHER_LEAD.name });
      await grant.getByLabel(msg(code, 'tracks.certs.certTitle'), { exact: true }).fill('Coach certificado fuera de Cinco');
      await grant.getByRole('checkbox', { name: competency.name, exact: true }).check();
      await grant.getByTestId('grant-submit').click();
      await grant.getByText(msg(code, 'tracks.certs.granted', { name: OTHER_LEAD.name })).waitFor(VISIBLE);
      const granted = page.getByTestId('certification').filter({ hasText: 'Coach certificado fuera de Cinco' });
      await granted.getByRole('link').click();
      await page.getByRole('heading', { level: 1, name: 'Coach certificado fuera de Cinco' }).waitFor(VISIBLE);
      await assertScreenOk(page, '/certifications/:id (admin)');
      await page.getByTestId('certificate-revoke').click();
      await page.getByTestId('certificate-revoke-yes').click();
      await page.getByText(msg(code, 'tracks.cert.reasonMissing')).waitFor(VISIBLE);
      await page.getByLabel(msg(code, 'tracks.cert.reason'), { exact: true }).fill('Concedido por error.');
      await assertScreenOk(page, '/certifications/:id, revoking');
      await page.getByTestId('certificate-revoke-yes').click();
      await page.getByText(msg(code, 'tracks.cert.revoked')).waitFor(VISIBLE);
      assert.equal(await page.getByTestId('certificate-status').getAttribute('data-status'), 'revoked');
      const verifyUrl = await page.getByTestId('certificate-verify-link').getAttribute('href');

      guest = await newPhonePage(browser);
      await guest.page.goto(verifyUrl.replace(/^https?:\/\/[^/]+/, server.url));
      await guest.page.locator('[data-testid="verify-status"][data-status="revoked"]').waitFor(VISIBLE);
      // Revoked up front, and nothing below reads like a valid certificate.
      await guest.page.getByTestId('verify-void').waitFor(VISIBLE);
      const voided = guest.page.getByTestId('verify-certificate');
      await voided.getByText(msg(code, 'tracks.verify.wasIssuedTo'), { exact: true }).waitFor(VISIBLE);
      assert.equal(await guest.page.getByText(msg(code, 'tracks.verify.certifies'), { exact: true }).count(), 0);
      await assertScreenOk(guest.page, '/verify/:id (revoked)');

      assert.deepEqual(admin.problems, []);
      assert.deepEqual(guest.problems, []);
    } finally {
      await admin.context.close();
      await guest?.context.close();
    }
  });

  test('with certified coaching enforced, a lead sees which items they may not sign off, and saving works; a certification expiring soon says so', { timeout: 120_000 }, async () => {
    const adminToken = (await apiSignIn(server.url, demoEmail('admin'), DEMO_PASSWORD)).body.access_token;
    const leadSession = (await apiSignIn(server.url, LEAD.email, DEMO_PASSWORD)).body;
    const leadToken = leadSession.access_token;
    const agent = (await apiSignIn(server.url, demoEmail('agent03'), DEMO_PASSWORD)).body.user;
    const comps = (await api(server.url, leadToken, 'GET', '/api/v1/competencies')).body.filter((c) => !c.archived && c.name.es);
    // A one-month certification for one competency (so it expires soon), and one she isn't certified for.
    const granted = await api(server.url, adminToken, 'POST', '/api/v1/certifications', {
      holder_id: leadSession.user.id,
      level: 'coach',
      scope: [comps[0].key],
      title: 'Coach por un mes',
      validity_months: 1,
    });
    assert.equal(granted.status, 201, JSON.stringify(granted.body));
    const covered = new Set(
      (await api(server.url, leadToken, 'GET', '/api/v1/me/certifications')).body
        .filter((c) => c.status === 'active')
        .flatMap((c) => c.scope.map((x) => x.key)),
    );
    const mine = comps[0];
    const other = comps.find((c) => !covered.has(c.key));
    assert.ok(mine && other, 'a covered and an uncovered competency');

    const settings = (await api(server.url, adminToken, 'GET', '/api/v1/organisation/coaching-settings')).body;
    const enforce = (on) => api(server.url, adminToken, 'PUT', '/api/v1/organisation/coaching-settings', { ...settings, enforce_certified_coaching: on });
    assert.equal((await enforce(true)).status, 200);
    const lead = await signedIn(browser, server, LEAD.email);
    try {
      const scheduled = await api(server.url, leadToken, 'POST', '/api/v1/coaching/sessions', { agent_id: agent.id });
      assert.equal(scheduled.status, 201);
      const l = lead.page;
      await l.goto(`${server.url}/coaching/sessions/${scheduled.body.id}`);
      const form = l.getByTestId('record-form');
      await form.waitFor(VISIBLE);
      // Up front: what she may rate, before any item is added.
      await form.getByTestId('certified-only').getByText(mine.name.es, { exact: false }).waitFor(VISIBLE);
      const competency = form.getByLabel(msg(code, 'coaching.session.competency'), { exact: true });
      for (const [c, indicator] of [
        [mine, 'Nombra el sentimiento del cliente'],
        [other, 'Propone el siguiente paso'],
      ]) {
        await competency.selectOption({ label: c.name.es });
        await form.getByLabel(msg(code, 'coaching.session.indicator'), { exact: true }).fill(indicator);
        await form.getByTestId('add-item').click();
      }
      const items = form.getByTestId('rating-item');
      const allowed = items.filter({ hasText: 'Nombra el sentimiento del cliente' });
      const blocked = items.filter({ hasText: 'Propone el siguiente paso' });
      await blocked.getByTestId('rating-locked').getByText(msg(code, 'coaching.session.notCertifiedItem', { competency: other.name.es })).waitFor(VISIBLE);
      assert.equal(await blocked.getByRole('radio', { name: new RegExp(`^1 ${msg(code, 'coaching.rating.1')}`) }).isDisabled(), true);
      assert.equal(await blocked.getByRole('radio', { name: new RegExp(msg(code, 'coaching.rating.na')) }).isChecked(), true);
      assert.equal(await allowed.getByTestId('rating-locked').count(), 0);
      await allowed.getByRole('radio', { name: new RegExp(`^3 ${msg(code, 'coaching.rating.3')}`) }).check();
      await blocked.getByLabel(msg(code, 'coaching.session.note'), { exact: true }).fill('Lo hizo bien, aunque no me toca valorarlo.');
      await form.getByText(msg(code, 'coaching.session.lockedSummary', { n: 1 })).waitFor(VISIBLE);
      await assertScreenOk(l, '/coaching/sessions/:id, certified coaching enforced');
      await l.getByTestId('record-submit').click();
      await l.getByText(msg(code, 'coaching.session.recorded')).waitFor(VISIBLE);
      const saved = await api(server.url, leadToken, 'GET', `/api/v1/coaching/sessions/${scheduled.body.id}`);
      assert.equal(saved.body.status, 'recorded');
      assert.deepEqual(
        saved.body.ratings.map((r) => [r.competency_key, r.rating ?? null]),
        [
          [mine.key, 3],
          [other.key, null],
        ],
      );

      // Her certifications say the one-month one expires soon.
      await l.goto(`${server.url}/my-certifications`);
      const soon = l.getByTestId('certification').filter({ hasText: 'Coach por un mes' }).getByTestId('certification-expires-soon');
      const days = Math.floor((Date.parse(granted.body.expires_at) - Date.now()) / 86_400_000);
      await soon.getByText(msg(code, 'tracks.certs.expiresIn', { n: days })).waitFor(VISIBLE);
      await assertScreenOk(l, '/my-certifications, one expiring soon');
      assert.deepEqual(lead.problems, []);
    } finally {
      await lead.context.close();
      assert.equal((await enforce(false)).status, 200);
      const off = await api(server.url, adminToken, 'GET', '/api/v1/organisation/coaching-settings');
      assert.equal(off.body.enforce_certified_coaching, false);
    }
  });
});
