// The signed-in screens in a phone browser against the real, demo-seeded server: one's own
// profile, and running the organisation as an admin or a team lead.
//   CINCO_BIN=/abs/path/cinco REQUIRE_BROWSER=1 npm run test:e2e
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newPhonePage } from './browser.mjs';
import { DEMO_PASSWORD, demoEmail, e2eSkipReason, startServer } from './server.mjs';
import { VISIBLE, apiSignIn, assertScreenOk, barItems, msg, navTo, signInUi } from './ui.mjs';

const skip = e2eSkipReason();

describe('profile and organisation screens on a phone', { skip }, () => {
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

  test('an agent switches the profile to Italian and sees this session', { timeout: 90_000 }, async () => {
    const { context, page, problems } = await newPhonePage(browser);
    try {
      await page.goto(`${server.url}/profile`);
      await page.waitForURL(`${server.url}/sign-in?next=%2Fprofile`);
      await signInUi(page, server.url, demoEmail('agent02'), DEMO_PASSWORD, { landing: '/profile' });
      await page.getByRole('heading', { level: 1, name: msg('es', 'profile.title') }).waitFor(VISIBLE);
      assert.equal(await page.getByTestId('profile-email').innerText(), demoEmail('agent02'));

      const sessions = page.getByTestId('session');
      await sessions.first().waitFor(VISIBLE);
      assert.equal(await sessions.count(), 1);
      assert.equal(await sessions.first().getAttribute('data-current'), 'true');
      await sessions.first().getByText(msg('es', 'sessions.current')).waitFor(VISIBLE);
      await assertScreenOk(page, '/profile');

      await page.getByTestId('profile-language').selectOption('it');
      await page.getByRole('button', { name: msg('es', 'common.save'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: msg('it', 'profile.title') }).waitFor(VISIBLE);
      await page.getByTestId('success-message').getByText(msg('it', 'common.saved')).waitFor(VISIBLE);
      assert.equal(await page.locator('html').getAttribute('lang'), 'it');
      await page.getByTestId('nav-home').getByText(msg('it', 'nav.home')).waitFor(VISIBLE);
      await assertScreenOk(page, '/profile in Italian');

      // A new start on this device refreshes the session and follows the profile's language.
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await page.getByRole('heading', { level: 1, name: msg('it', 'profile.title') }).waitFor(VISIBLE);
      assert.equal(await page.locator('html').getAttribute('lang'), 'it');

      // A wrong current password is explained next to the field.
      await page.getByLabel(msg('it', 'password.current'), { exact: true }).fill('not-my-password');
      await page.getByLabel(msg('it', 'password.new'), { exact: true }).fill('una-password-nuova-9');
      await page.getByLabel(msg('it', 'password.confirm'), { exact: true }).fill('una-password-nuova-9');
      await page.getByRole('button', { name: msg('it', 'password.submit') }).click();
      await page.getByTestId('field-error').getByText(msg('it', 'errors.codes.wrong_current_password')).waitFor(VISIBLE);
      await assertScreenOk(page, '/profile with a password error');

      // Another device signs in: it shows up, and can be signed out from here.
      assert.equal((await apiSignIn(server.url, demoEmail('agent02'), DEMO_PASSWORD)).status, 200);
      await page.reload();
      await sessions.nth(1).waitFor(VISIBLE);
      assert.equal(await sessions.count(), 2);
      const other = page.locator('[data-testid="session"][data-current="false"]');
      await other.getByRole('button', { name: msg('it', 'sessions.revoke') }).click();
      await page.getByText(msg('it', 'sessions.revoked')).waitFor(VISIBLE);
      assert.equal(await sessions.count(), 1);

      await page.getByRole('button', { name: msg('it', 'signOut.everywhere') }).click();
      await page.waitForURL(`${server.url}/sign-in`);
      await page.reload();
      await page.getByRole('heading', { level: 1, name: msg('it', 'signIn.title') }).waitFor(VISIBLE);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('an admin finds a person, changes their roles and team, and deactivates them', { timeout: 120_000 }, async () => {
    const { context, page, problems } = await newPhonePage(browser);
    try {
      await page.goto(`${server.url}/sign-in`);
      await signInUi(page, server.url, demoEmail('admin'), DEMO_PASSWORD);
      await page.getByTestId('nav-people').click();
      await page.waitForURL(`${server.url}/admin/people`);
      await page.getByTestId('people-count').getByText(msg('es', 'people.count').replace(/.*other \{# ([^}]*)\}.*/, '77 $1')).waitFor(VISIBLE);
      await assertScreenOk(page, '/admin/people');

      await page.getByLabel(msg('es', 'people.search'), { exact: true }).fill('Carlos');
      const carlos = page.getByRole('link', { name: 'Carlos Ruiz' });
      await carlos.waitFor(VISIBLE);
      await page.getByTestId('people').locator('> li').nth(1).waitFor({ state: 'detached', timeout: 15_000 });
      await carlos.click();
      await page.getByRole('heading', { level: 1, name: 'Carlos Ruiz' }).waitFor(VISIBLE);
      await assertScreenOk(page, '/admin/people/:id');

      await page.getByRole('checkbox', { name: msg('es', 'roles.lead') }).check();
      await page.getByRole('button', { name: msg('es', 'person.saveRoles') }).click();
      await page.getByText(msg('es', 'person.rolesSaved')).waitFor(VISIBLE);

      await page.getByLabel(msg('es', 'person.moveTo'), { exact: true }).selectOption({ label: 'Squadra Milano' });
      await page.getByRole('button', { name: msg('es', 'person.move'), exact: true }).click();
      await page.getByText(msg('es', 'person.moved')).waitFor(VISIBLE);
      await page.getByText(msg('es', 'person.membership', { team: 'Squadra Milano', membership: msg('es', 'roles.agent') })).waitFor(VISIBLE);

      await page.getByRole('button', { name: msg('es', 'person.deactivate') }).click();
      await page.getByText(msg('es', 'person.deactivateConfirm', { name: 'Carlos Ruiz' })).waitFor(VISIBLE);
      await assertScreenOk(page, '/admin/people/:id asking to confirm');
      await page.getByRole('button', { name: msg('es', 'person.deactivateYes') }).click();
      await page.getByTestId('person-status').getByText(msg('es', 'person.inactive')).waitFor(VISIBLE);
      await page.getByRole('button', { name: msg('es', 'person.reactivate') }).click();
      await page.getByTestId('person-status').getByText(msg('es', 'person.active')).waitFor(VISIBLE);

      // The only admin cannot drop the role: the server says why.
      await page.getByRole('link', { name: msg('es', 'person.back') }).click();
      await page.getByLabel(msg('es', 'people.role'), { exact: true }).selectOption('admin');
      await page.getByRole('link', { name: 'Marta Admin' }).click();
      await page.getByRole('heading', { level: 1, name: 'Marta Admin' }).waitFor(VISIBLE);
      await page.getByRole('checkbox', { name: msg('es', 'roles.admin') }).uncheck();
      await page.getByRole('checkbox', { name: msg('es', 'roles.agent') }).check();
      await page.getByRole('button', { name: msg('es', 'person.saveRoles') }).click();
      await page.getByText(msg('es', 'errors.codes.last_admin')).waitFor(VISIBLE);
      await assertScreenOk(page, '/admin/people/:id with an error');

      // Teams: create one, add someone, rename it.
      await page.getByTestId('nav-teams').click();
      await page.waitForURL(`${server.url}/admin/teams`);
      await page.getByTestId('team').first().waitFor(VISIBLE);
      await assertScreenOk(page, '/admin/teams');
      await page.getByLabel(msg('es', 'teams.name'), { exact: true }).fill('Equipo Sevilla');
      await page.getByRole('button', { name: msg('es', 'teams.create') }).click();
      await page.getByText(msg('es', 'teams.created', { name: 'Equipo Sevilla' })).waitFor(VISIBLE);
      const team = page.getByTestId('team').filter({ has: page.getByRole('heading', { name: 'Equipo Sevilla' }) });
      await team.getByLabel(msg('es', 'teams.person'), { exact: true }).selectOption({ label: 'Paula Díaz' });
      await team.getByRole('button', { name: msg('es', 'teams.add') }).click();
      await team.getByText(msg('es', 'teams.added', { name: 'Paula Díaz' })).waitFor(VISIBLE);
      await team.getByRole('button', { name: msg('es', 'teams.rename') }).click();
      await team.getByLabel(msg('es', 'teams.newName'), { exact: true }).fill('Equipo Sevilla Norte');
      await team.getByRole('button', { name: msg('es', 'teams.renameSave') }).click();
      await page.getByRole('heading', { name: 'Equipo Sevilla Norte' }).waitFor(VISIBLE);
      await page.getByLabel(msg('es', 'teams.name'), { exact: true }).fill('Equipo Madrid');
      await page.getByRole('button', { name: msg('es', 'teams.create') }).click();
      await page.getByText(msg('es', 'errors.codes.team_name_taken')).waitFor(VISIBLE);
      await assertScreenOk(page, '/admin/teams after changes');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a team lead sees their team read-only and invites agents only', { timeout: 90_000 }, async () => {
    const { context, page, problems } = await newPhonePage(browser, { locale: 'it-IT' });
    try {
      await page.goto(`${server.url}/sign-in`);
      await signInUi(page, server.url, demoEmail('lead2'), DEMO_PASSWORD, { code: 'it' });
      assert.deepEqual(
        await barItems(page),
        ['nav-home', 'nav-coaching', 'nav-practice', 'nav-learn', 'nav-more'],
      );
      await navTo(page, 'teams');
      const teams = page.getByTestId('team');
      await teams.first().waitFor(VISIBLE);
      assert.deepEqual(await teams.getByRole('heading', { level: 2 }).allInnerTexts(), ['Squadra Milano']);
      assert.equal(await page.getByRole('button', { name: msg('it', 'teams.remove') }).count(), 0);
      await assertScreenOk(page, '/admin/teams (lead)');

      await navTo(page, 'invitations');
      await page.getByText(msg('it', 'invitations.agentsOnly')).waitFor(VISIBLE);
      assert.equal(await page.getByRole('checkbox').count(), 0);
      const team = page.getByLabel(msg('it', 'invitations.team'), { exact: true });
      await team.locator('option').first().waitFor({ state: 'attached', timeout: 15_000 });
      assert.deepEqual(await team.locator('option').allInnerTexts(), ['Squadra Milano']);
      await page.getByLabel(msg('it', 'invitations.email'), { exact: true }).fill('nuovo.operatore@example.com');
      await page.getByLabel(msg('it', 'invitations.name'), { exact: true }).fill('Nuovo Operatore');
      await page.getByRole('button', { name: msg('it', 'invitations.send') }).click();
      await page.getByText(msg('it', 'invitations.sent', { email: 'nuovo.operatore@example.com' })).waitFor(VISIBLE);
      const row = page.getByTestId('invitation').filter({ hasText: 'nuovo.operatore@example.com' });
      await row.getByRole('button', { name: msg('it', 'invitations.resend') }).click();
      await page.getByText(msg('it', 'invitations.resent', { email: 'nuovo.operatore@example.com' })).waitFor(VISIBLE);
      await assertScreenOk(page, '/admin/invitations (lead)');
      await row.getByRole('button', { name: msg('it', 'invitations.revoke') }).click();
      await page.getByText(msg('it', 'invitations.revoked', { email: 'nuovo.operatore@example.com' })).waitFor(VISIBLE);
      await row.waitFor({ state: 'detached' });

      // Admin-only screens say so instead of showing a blank page.
      await page.goto(`${server.url}/admin/people`);
      await page.getByTestId('unavailable-forbidden').waitFor(VISIBLE);
      await assertScreenOk(page, '/admin/people (lead: forbidden)');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
