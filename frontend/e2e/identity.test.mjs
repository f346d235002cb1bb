// Identity stories in a phone browser against the real, demo-seeded server:
// an invitation accepted, an organisation created from a confirmed sign-up, a forgotten
// password reset.
//   CINCO_BIN=/abs/path/cinco REQUIRE_BROWSER=1 npm run test:e2e
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newPhonePage } from './browser.mjs';
import { DEMO_PASSWORD, demoEmail, e2eSkipReason, startServer } from './server.mjs';
import { VISIBLE, apiSignIn, assertScreenOk, barItems, linkFromLog, linkIn, msg, navTo, signInUi, waitForMail } from './ui.mjs';

const skip = e2eSkipReason();

describe('identity on a phone', { skip }, () => {
  let server;
  let browser;
  let adminToken;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const admin = await apiSignIn(server.url, demoEmail('admin'), DEMO_PASSWORD);
    assert.equal(admin.status, 200, `demo admin sign-in: ${JSON.stringify(admin.body)}`);
    adminToken = admin.body.access_token;
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('an admin invites someone, who accepts, signs out and signs in again', { timeout: 120_000 }, async () => {
    const invitee = { email: 'nueva.agente@example.com', name: 'Nerea Agente', password: 'llamadas-resueltas-42' };
    const admin = await newPhonePage(browser);
    let link;
    try {
      const { page } = admin;
      await page.goto(`${server.url}/`);
      await page.waitForURL(`${server.url}/sign-in`);
      await signInUi(page, server.url, demoEmail('admin'), DEMO_PASSWORD);
      await page.getByTestId('greeting').getByText(msg('es', 'home.greeting', { name: 'Marta Admin' })).waitFor(VISIBLE);
      await page.getByTestId('roles').getByText(msg('es', 'roles.admin')).waitFor(VISIBLE);
      await page.getByTestId('today-card').getByRole('link', { name: msg('es', 'home.todayGo') }).waitFor(VISIBLE);
      assert.deepEqual(await barItems(page), ['nav-home', 'nav-people', 'nav-teams', 'nav-coaching', 'nav-more']);
      await assertScreenOk(page, '/home (admin)');

      // Invite, from the bottom navigation.
      await navTo(page, 'invitations');
      await page.waitForURL(`${server.url}/admin/invitations`);
      await page.getByRole('heading', { level: 1, name: msg('es', 'invitations.title') }).waitFor(VISIBLE);
      await assertScreenOk(page, '/admin/invitations');
      await page.getByLabel(msg('es', 'invitations.email'), { exact: true }).fill(invitee.email);
      await page.getByLabel(msg('es', 'invitations.name'), { exact: true }).fill(invitee.name);
      await page.getByLabel(msg('es', 'invitations.team'), { exact: true }).selectOption({ label: 'Equipo Madrid' });
      assert.equal(await page.getByRole('checkbox', { name: msg('es', 'roles.agent') }).isChecked(), true);
      await page.getByRole('button', { name: msg('es', 'invitations.send') }).click();
      await page.getByText(msg('es', 'invitations.sent', { email: invitee.email })).waitFor(VISIBLE);
      await page.getByTestId('invitation').filter({ hasText: invitee.email }).waitFor(VISIBLE);
      await assertScreenOk(page, '/admin/invitations after sending');

      // Inviting the same address again is refused by the server with a code we explain.
      await page.getByLabel(msg('es', 'invitations.email'), { exact: true }).fill(demoEmail('agent01'));
      await page.getByLabel(msg('es', 'invitations.name'), { exact: true }).fill('Ana López');
      await page.getByRole('button', { name: msg('es', 'invitations.send') }).click();
      await page.getByText(msg('es', 'errors.codes.already_member')).waitFor(VISIBLE);

      // Read the link in the development mailbox.
      await navTo(page, 'mailbox');
      await page.waitForURL(`${server.url}/admin/mailbox`);
      const mail = page.getByTestId('mail').filter({ hasText: invitee.email });
      const deadline = Date.now() + 20_000;
      while ((await mail.count()) === 0) {
        assert.ok(Date.now() < deadline, 'the invitation never reached the mailbox');
        await page.waitForTimeout(500);
        await page.getByRole('button', { name: msg('es', 'mailbox.refresh') }).click();
      }
      await mail.first().locator('summary').click();
      const anchor = mail.first().locator('a[href*="/accept-invitation?token="]');
      await anchor.waitFor(VISIBLE);
      link = await anchor.getAttribute('href');
      assert.ok(link.startsWith(`${server.url}/accept-invitation?token=`), link);
      await assertScreenOk(page, '/admin/mailbox with a mail open');
      assert.deepEqual(admin.problems, []);
    } finally {
      await admin.context.close();
    }

    // The invitee, on their own phone.
    const { context, page, problems } = await newPhonePage(browser);
    try {
      await page.goto(link);
      await page.getByTestId('invitation-intro').getByText('Demo Contact Center').waitFor(VISIBLE);
      const name = page.getByLabel(msg('es', 'invite.name'), { exact: true });
      assert.equal(await name.inputValue(), invitee.name);
      await assertScreenOk(page, '/accept-invitation');

      // A password that is too short is explained next to the field.
      await page.getByLabel(msg('es', 'invite.password'), { exact: true }).fill('corta');
      await page.getByLabel(msg('es', 'invite.confirm'), { exact: true }).fill('corta');
      await page.getByRole('button', { name: msg('es', 'invite.submit') }).click();
      await page.getByTestId('field-error').getByText(msg('es', 'fieldErrors.password_too_short')).waitFor(VISIBLE);
      await assertScreenOk(page, '/accept-invitation with a field error');

      await page.getByLabel(msg('es', 'invite.password'), { exact: true }).fill(invitee.password);
      await page.getByLabel(msg('es', 'invite.confirm'), { exact: true }).fill(invitee.password);
      await page.getByRole('button', { name: msg('es', 'invite.submit') }).click();
      await page.waitForURL(`${server.url}/home`);
      await page.getByTestId('greeting').getByText(msg('es', 'home.greeting', { name: invitee.name })).waitFor(VISIBLE);
      await page.getByTestId('roles').getByText(msg('es', 'roles.agent')).waitFor(VISIBLE);
      // An agent sees Home, Learn, Practice, My paths, and the rest (Profile…) under More.
      assert.deepEqual(await barItems(page), ['nav-home', 'nav-learn', 'nav-practice', 'nav-myPaths', 'nav-more']);
      await assertScreenOk(page, '/home (agent)');

      // Sign out, from the profile.
      await navTo(page, 'profile');
      await page.waitForURL(`${server.url}/profile`);
      await page.getByRole('button', { name: msg('es', 'signOut.here'), exact: true }).click();
      await page.waitForURL(`${server.url}/sign-in`);
      await page.getByRole('heading', { level: 1, name: msg('es', 'signIn.title') }).waitFor(VISIBLE);
      // Signed out for real: a reload does not sign us back in.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: msg('es', 'signIn.title') }).waitFor(VISIBLE);
      await page.goto(`${server.url}/home`);
      await page.waitForURL(`${server.url}/sign-in?next=%2Fhome`);

      // A wrong password is explained; the new one works and returns to ?next.
      await page.getByLabel(msg('es', 'signIn.email'), { exact: true }).fill(invitee.email);
      await page.getByLabel(msg('es', 'signIn.password'), { exact: true }).fill('no-es-esta');
      await page.getByRole('button', { name: msg('es', 'signIn.submit') }).click();
      await page.getByTestId('error-message').getByText(msg('es', 'errors.codes.invalid_credentials')).waitFor(VISIBLE);
      await assertScreenOk(page, '/sign-in with invalid credentials');
      await signInUi(page, server.url, invitee.email, invitee.password);
      await page.getByTestId('greeting').getByText(msg('es', 'home.greeting', { name: invitee.name })).waitFor(VISIBLE);

      // The link worked once: now it explains itself and suggests asking for a new one.
      await page.goto(link);
      await page.getByTestId('invitation-invalid').getByText(msg('es', 'invite.invalidBody')).waitFor(VISIBLE);
      await assertScreenOk(page, '/accept-invitation, used link');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('someone creates an organisation and becomes its admin', { timeout: 150_000 }, async () => {
    const founder = { email: 'elena.ferri@example.com', name: 'Elena Ferri', password: 'torino-risolve-tutto' };
    const organisation = 'Assistenza Clienti Torino';
    const { context, page, problems } = await newPhonePage(browser, { locale: 'it-IT' });
    const focused = () => page.evaluate(() => document.activeElement?.id ?? null);
    const sent = page.getByTestId('sign-up-sent');
    /** The "check your inbox" answer, with the address taken out: the same for every address. */
    const sentText = async (email) => (await sent.innerText()).replaceAll(email, '<email>');
    try {
      await page.goto(`${server.url}/sign-in`);
      await page.getByRole('link', { name: msg('it', 'signIn.createOrganisation') }).click();
      await page.waitForURL(`${server.url}/sign-up`);
      await page.getByRole('heading', { level: 1, name: msg('it', 'signUp.title') }).waitFor(VISIBLE);
      assert.equal(await page.getByLabel(msg('it', 'signUp.language'), { exact: true }).inputValue(), 'it');
      await assertScreenOk(page, '/sign-up');

      await page.getByLabel(msg('it', 'signUp.organisation'), { exact: true }).fill(organisation);
      await page.getByLabel(msg('it', 'signUp.name'), { exact: true }).fill(founder.name);
      await page.getByLabel(msg('it', 'signUp.email'), { exact: true }).fill('elena.ferri');
      await page.getByLabel(msg('it', 'signUp.password'), { exact: true }).fill('password');
      await page.getByRole('button', { name: msg('it', 'signUp.submit') }).click();
      await page.getByTestId('field-error').first().waitFor(VISIBLE);
      await assertScreenOk(page, '/sign-up with field errors');

      // An address that already has an account gets the same answer as any other (its owner
      // is mailed instead): the form does not tell who has an account.
      const existing = demoEmail('agent01');
      let mark = server.mark();
      await page.getByLabel(msg('it', 'signUp.email'), { exact: true }).fill(existing);
      await page.getByLabel(msg('it', 'signUp.password'), { exact: true }).fill(founder.password);
      await page.getByRole('button', { name: msg('it', 'signUp.submit') }).click();
      await sent.getByRole('heading', { level: 2, name: msg('it', 'signUp.sentTitle') }).waitFor(VISIBLE);
      await sent.getByText(msg('it', 'signUp.sentBody', { email: existing, hours: 24 })).waitFor(VISIBLE);
      assert.equal(await focused(), 'sign-up-sent-heading', 'focus moves to the answer');
      assert.equal(await page.getByTestId('error-message').count(), 0);
      assert.equal(await page.getByText(msg('it', 'errors.codes.email_taken')).count(), 0);
      const answerForExisting = await sentText(existing);
      // Its owner was told, with a way to sign in, and no link that creates anything.
      const notice = await server.waitForDevMail((m) => m.to === existing, { after: mark });
      assert.ok(notice.body.includes(`${server.url}/sign-in`), notice.body);
      assert.ok(!notice.body.includes('/confirm-sign-up'), notice.body);

      // Another address, from the same screen: the rest of the form is still filled in.
      await page.getByRole('button', { name: msg('it', 'signUp.another') }).click();
      const email = page.getByLabel(msg('it', 'signUp.email'), { exact: true });
      await email.waitFor(VISIBLE);
      assert.equal(await focused(), 'email');
      assert.equal(await email.inputValue(), '');
      assert.equal(await page.getByLabel(msg('it', 'signUp.organisation'), { exact: true }).inputValue(), organisation);
      mark = server.mark();
      await email.fill(founder.email);
      await page.getByRole('button', { name: msg('it', 'signUp.submit') }).click();
      await sent.getByText(msg('it', 'signUp.sentBody', { email: founder.email, hours: 24 })).waitFor(VISIBLE);
      await sent.getByText(msg('it', 'signUp.sentSpam')).waitFor(VISIBLE);
      assert.equal(await focused(), 'sign-up-sent-heading');
      assert.equal(await sentText(founder.email), answerForExisting, 'the same answer for a taken and a new address');
      await assertScreenOk(page, '/sign-up, link sent');

      // The link is in the mail, which only the server's log shows (no organisation has it yet).
      const link = await linkFromLog(server, founder.email, '/confirm-sign-up', { after: mark });
      // A second sign-up with the same address before the first link is opened: its link will
      // find the address taken.
      mark = server.mark();
      const again = await fetch(`${server.url}/api/v1/auth/sign-up`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          organisation_name: 'Torino Bis',
          display_name: founder.name,
          email: founder.email,
          password: founder.password,
          locale: 'it',
        }),
      });
      assert.equal(again.status, 202);
      const secondLink = await linkFromLog(server, founder.email, '/confirm-sign-up', { after: mark });
      assert.notEqual(secondLink, link);

      // Opening the link shows a button; nothing happens until it is tapped.
      await page.goto(link);
      await page.getByRole('heading', { level: 1, name: msg('it', 'confirmSignUp.title') }).waitFor(VISIBLE);
      await page.getByText(msg('it', 'confirmSignUp.intro')).waitFor(VISIBLE);
      await assertScreenOk(page, '/confirm-sign-up');
      // Nothing exists yet: opening the link alone creates nothing (one failed sign-in, which
      // the sign-in throttle counts for this client; the file stays under its limit).
      assert.equal((await apiSignIn(server.url, founder.email, founder.password)).status, 401, 'opening the link alone creates nothing');
      await page.getByRole('button', { name: msg('it', 'confirmSignUp.submit') }).click();
      await page.waitForURL(`${server.url}/home`);
      await page.getByTestId('flash').getByText(msg('it', 'confirmSignUp.done')).waitFor(VISIBLE);
      await page.getByTestId('greeting').getByText(msg('it', 'home.greeting', { name: founder.name })).waitFor(VISIBLE);
      await page.getByTestId('roles').getByText(msg('it', 'roles.admin')).waitFor(VISIBLE);
      await page.getByText(msg('it', 'home.organisation', { name: organisation })).waitFor(VISIBLE);
      await assertScreenOk(page, '/home after confirming a sign-up');

      // Tenancy: the new organisation sees only its own people.
      await page.getByTestId('nav-people').click();
      await page.getByRole('link', { name: founder.name }).waitFor(VISIBLE);
      assert.equal(await page.getByTestId('people').locator('> li').count(), 1);

      // The link worked once: opened again, it says so and offers to sign up again.
      await page.goto(link);
      await page.getByRole('button', { name: msg('it', 'confirmSignUp.submit') }).click();
      const invalid = page.getByTestId('sign-up-link-invalid');
      await invalid.getByText(msg('it', 'confirmSignUp.invalidBody')).waitFor(VISIBLE);
      assert.equal(await focused(), 'confirm-problem-heading');
      await page.getByRole('link', { name: msg('it', 'confirmSignUp.signUpAgain') }).waitFor(VISIBLE);
      await assertScreenOk(page, '/confirm-sign-up, used link');

      // The second link finds the address taken: sign in, or reset the password.
      await page.goto(secondLink);
      await page.getByRole('button', { name: msg('it', 'confirmSignUp.submit') }).click();
      await page.getByTestId('sign-up-email-taken').getByText(msg('it', 'confirmSignUp.takenBody')).waitFor(VISIBLE);
      await page.getByRole('link', { name: msg('it', 'confirmSignUp.toSignIn') }).waitFor(VISIBLE);
      await page.getByRole('link', { name: msg('it', 'confirmSignUp.forgot') }).waitFor(VISIBLE);
      await assertScreenOk(page, '/confirm-sign-up, address taken');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('an agent who forgot the password resets it from the mailed link', { timeout: 120_000 }, async () => {
    const email = demoEmail('agent06'); // Diego Torres, English
    const newPassword = 'first-contact-resolution-7';
    // A session on another device, which the reset must end.
    const other = await apiSignIn(server.url, email, DEMO_PASSWORD);
    assert.equal(other.status, 200);
    assert.match(other.cookie, /^cinco_refresh=/);

    const { context, page, problems } = await newPhonePage(browser, { locale: 'en-GB' });
    try {
      await page.goto(`${server.url}/sign-in`);
      await page.getByRole('link', { name: msg('en', 'signIn.forgot') }).click();
      await page.waitForURL(`${server.url}/forgot-password`);
      await page.getByRole('heading', { level: 1, name: msg('en', 'forgot.title') }).waitFor(VISIBLE);
      await assertScreenOk(page, '/forgot-password');
      await page.getByLabel(msg('en', 'forgot.email'), { exact: true }).fill(email);
      await page.getByRole('button', { name: msg('en', 'forgot.submit') }).click();
      await page.getByTestId('success-message').getByText(msg('en', 'forgot.sent')).waitFor(VISIBLE);
      await assertScreenOk(page, '/forgot-password, sent');

      const mail = await waitForMail(server.url, adminToken, (m) => m.recipient === email && /reset/i.test(m.kind));
      const link = linkIn(mail.body_text, server.url, '/reset-password');

      await page.goto(link);
      await page.getByRole('heading', { level: 1, name: msg('en', 'reset.title') }).waitFor(VISIBLE);
      await page.getByText(msg('en', 'reset.intro')).waitFor(VISIBLE);
      await assertScreenOk(page, '/reset-password');
      await page.getByLabel(msg('en', 'reset.password'), { exact: true }).fill(newPassword);
      await page.getByLabel(msg('en', 'reset.confirm'), { exact: true }).fill('something-else-entirely');
      await page.getByRole('button', { name: msg('en', 'reset.submit') }).click();
      await page.getByText(msg('en', 'password.mismatch')).waitFor(VISIBLE);
      await page.getByLabel(msg('en', 'reset.confirm'), { exact: true }).fill(newPassword);
      await page.getByRole('button', { name: msg('en', 'reset.submit') }).click();
      await page.waitForURL(`${server.url}/home`);
      await page.getByTestId('flash').getByText(msg('en', 'reset.done')).waitFor(VISIBLE);
      await page.getByTestId('greeting').getByText(msg('en', 'home.greeting', { name: 'Diego Torres' })).waitFor(VISIBLE);
      await assertScreenOk(page, '/home after a reset');

      // The link works once.
      await page.goto(link);
      await page.getByLabel(msg('en', 'reset.password'), { exact: true }).fill(newPassword);
      await page.getByLabel(msg('en', 'reset.confirm'), { exact: true }).fill(newPassword);
      await page.getByRole('button', { name: msg('en', 'reset.submit') }).click();
      await page.getByTestId('reset-invalid').waitFor(VISIBLE);
      await assertScreenOk(page, '/reset-password, used link');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }

    // The other device was signed out; the old password is refused, the new one accepted.
    const refresh = await fetch(`${server.url}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: other.cookie },
      body: '{}',
    });
    assert.equal(refresh.status, 401, 'the session on the other device must end with the reset');
    const old = await apiSignIn(server.url, email, DEMO_PASSWORD);
    assert.equal(old.status, 401);
    assert.equal(old.body?.code, 'invalid_credentials');
    assert.equal((await apiSignIn(server.url, email, newPassword)).status, 200);
  });
});
