// Certifications on phones against the real, demo-seeded server, an admin's side: enforcing
// certified coaching, limits by certification level, granting and revoking a certification;
// and, enforced, a lead's scorecard says up front which items she may not rate.
//   CINCO_BIN=/abs/path/cinco REQUIRE_BROWSER=1 node --test --test-concurrency=1 e2e/certifications.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newPhonePage } from './browser.mjs';
import { DEMO_PASSWORD, demoEmail, startServer } from './server.mjs';
import { VISIBLE, apiSignIn, assertScreenOk, msg } from './ui.mjs';
import { LEAD, OTHER_LEAD, api, code, heading, loaded, signedIn, skip } from './tracks-shared.mjs';

describe('certifications on a phone', { skip }, () => {
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
      await grant.getByLabel(msg(code, 'tracks.editor.validity'), { exact: true }).fill('12');
      await grant.getByTestId('grant-submit').click();
      await grant.getByText(msg(code, 'tracks.certs.granted', { name: OTHER_LEAD.name })).waitFor(VISIBLE);
      const granted = page.getByTestId('certification').filter({ hasText: 'Coach certificado fuera de Cinco' });
      await granted.getByRole('link').click();
      await page.getByRole('heading', { level: 1, name: 'Coach certificado fuera de Cinco' }).waitFor(VISIBLE);
      await assertScreenOk(page, '/certifications/:id (admin)');
      // Renewing offers the validity it was granted with.
      assert.equal(await page.locator('#renew-months').inputValue(), '12');
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
