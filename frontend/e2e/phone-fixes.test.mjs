// What a phone user hit (issue #17), each checked on a 390×844 phone against the real,
// demo-seeded server: navigation per role, role-play persona cards, the team dashboard,
// today's plan, the coaching-path pass mark, trainers' validation messages and saved notices.
//   CINCO_BIN=/abs/path/cinco REQUIRE_BROWSER=1 node --test e2e/phone-fixes.test.mjs
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { launchBrowser, newPhonePage } from './browser.mjs';
import { DEMO_PASSWORD, demoEmail, e2eSkipReason, startServer } from './server.mjs';
import { LOCALES, VISIBLE, WCAG, apiSignIn, assertScreenOk, barItems, msg, navTo, signInUi } from './ui.mjs';

const skip = e2eSkipReason();

async function signedIn(browser, server, local, code = 'es') {
  const phone = await newPhonePage(browser);
  await phone.page.goto(`${server.url}/sign-in`);
  if (code !== 'es') await phone.page.getByTestId('language-switcher').selectOption(code);
  await signInUi(phone.page, server.url, demoEmail(local), DEMO_PASSWORD, { code });
  // The profile's language wins at sign-in (and an earlier test may have changed it).
  await phone.page.getByTestId('language-switcher').selectOption(code);
  await phone.page.getByTestId('nav-home').getByText(msg(code, 'nav.home')).waitFor(VISIBLE);
  return phone;
}

/** The words inside `locator` that a line break cuts in two ("Ped ido"). */
const splitWords = (locator) =>
  locator.evaluate((root) => {
    const split = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/[\p{L}\p{N}]+/gu)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) split.push(m[0]);
      }
    }
    return split;
  });

/** Labels in the bottom navigation that do not fit their box (cut or run over). */
const cutLabels = (page) =>
  page
    .getByTestId('bottom-nav')
    .locator('.bar .label')
    .evaluateAll((spans) =>
      spans
        .filter((s) => {
          const box = s.parentElement.getBoundingClientRect();
          const text = s.getBoundingClientRect();
          return s.scrollWidth > s.clientWidth + 1 || text.left < box.left - 0.5 || text.right > box.right + 0.5;
        })
        .map((s) => s.textContent),
    );

/** How far below the top of the bottom navigation `locator`'s box ends (≤ 0: above it), at the current scroll. */
const belowNav = (page, locator) =>
  locator.evaluate((el) => el.getBoundingClientRect().bottom - document.querySelector('[data-testid="bottom-nav"]').getBoundingClientRect().top);

describe('what a phone user hit (issue #17)', { skip }, () => {
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

  test('every role’s bottom navigation fits 390 px with whole labels, the rest under More', { timeout: 180_000 }, async () => {
    const people = [
      ['agent01', ['nav-home', 'nav-learn', 'nav-practice', 'nav-myPaths', 'nav-more']],
      ['lead1', ['nav-home', 'nav-coaching', 'nav-practice', 'nav-learn', 'nav-more']],
      ['trainer', ['nav-home', 'nav-authorLessons', 'nav-authorScenarios', 'nav-assessments', 'nav-more']],
      ['admin', ['nav-home', 'nav-people', 'nav-teams', 'nav-coaching', 'nav-more']],
    ];
    for (const [local, bar] of people) {
      const { context, page, problems } = await signedIn(browser, server, local);
      try {
        for (const code of LOCALES) {
          await page.getByTestId('language-switcher').selectOption(code);
          await page.getByTestId('nav-home').getByText(msg(code, 'nav.home')).waitFor(VISIBLE);
          assert.deepEqual(await barItems(page), bar, `${local}'s bar`);
          assert.deepEqual(await cutLabels(page), [], `${local}, ${code}: labels cut`);
          await assertScreenOk(page, `/home (${local}, ${code})`);
        }
        // Home is the current page; More opens a list of the rest, announced as expanded.
        const nav = page.getByRole('navigation', { name: msg('it', 'nav.label') });
        assert.equal(await nav.getByTestId('nav-home').getAttribute('aria-current'), 'page');
        const more = nav.getByRole('button', { name: msg('it', 'nav.more') });
        assert.equal(await more.getAttribute('aria-expanded'), 'false');
        await more.click();
        assert.equal(await more.getAttribute('aria-expanded'), 'true');
        await nav.getByTestId('nav-more-list').waitFor(VISIBLE);
        await assertScreenOk(page, `More open (${local})`);
        // Escape closes it and gives the focus back to More.
        await page.keyboard.press('Escape');
        await nav.getByTestId('nav-more-list').waitFor({ state: 'hidden' });
        assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'nav-more');
        // A screen from the list is the current page there, and More is marked too.
        await navTo(page, 'profile');
        await page.waitForURL(`${server.url}/profile`);
        await nav.getByTestId('nav-more-list').waitFor({ state: 'hidden' });
        assert.match((await more.getAttribute('class')) ?? '', /current/);
        await more.click();
        assert.equal(await nav.getByTestId('nav-profile').getAttribute('aria-current'), 'page');
        await assertScreenOk(page, `/profile from More (${local})`);
        if (local === 'trainer') {
          // Trainers reach assessments in one tap.
          await nav.getByTestId('nav-assessments').click();
          await page.waitForURL(`${server.url}/assessments`);
        }
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    }
  });

  test('a role-play’s persona card wraps whole words', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await signedIn(browser, server, 'agent02');
    try {
      await page.goto(`${server.url}/practice/lost-order-pandemic`);
      const persona = page.getByTestId('persona');
      await persona.getByText('Pedido', { exact: true }).waitFor(VISIBLE);
      assert.deepEqual(await splitWords(persona), []);
      await assertScreenOk(page, '/practice/lost-order-pandemic');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the end of a role-play says the path step it completed', { timeout: 120_000 }, async () => {
    // Laura gives Lucía (Equipo Madrid) a path whose step is the late-fee role-play.
    const lead = (await apiSignIn(server.url, demoEmail('lead1'), DEMO_PASSWORD)).body.access_token;
    const agent = (await apiSignIn(server.url, demoEmail('agent03'), DEMO_PASSWORD)).body;
    const call = async (path, body) => {
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${lead}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = await response.json();
      assert.ok(response.status < 300, JSON.stringify(json));
      return json;
    };
    const template = await call('/api/v1/coaching/paths', {
      title: 'Decidir sin miedo',
      description: '',
      steps: [{ title: 'El recargo de 35 $', kind: 'scenario', target_key: 'late-fee-waiver', due_after_days: 3 }],
    });
    await call('/api/v1/coaching/assignments', { template_id: template.id, agent_ids: [agent.user.id] });

    const { context, page, problems } = await signedIn(browser, server, 'agent03');
    try {
      await page.goto(`${server.url}/practice/late-fee-waiver`);
      for (let i = 0; i < 8 && (await page.getByTestId('debrief').count()) === 0; i += 1) {
        await page.getByTestId('now').or(page.getByTestId('debrief')).first().waitFor(VISIBLE);
        if ((await page.getByTestId('debrief').count()) > 0) break;
        const node = await page.getByTestId('now').getAttribute('data-node');
        await page.getByTestId('now').locator('.chat-reply').first().click();
        await page.locator(`[data-testid="now"]:not([data-node="${node}"]), [data-testid="debrief"]`).first().waitFor(VISIBLE);
      }
      const counted = page.getByTestId('run-counted');
      await counted.getByText(msg('es', 'practice.counted.path', { title: 'Decidir sin miedo', step: 'El recargo de 35 $' })).waitFor(VISIBLE);
      await assertScreenOk(page, '/practice/late-fee-waiver, counted');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the team dashboard passes axe with its competency map', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await signedIn(browser, server, 'lead1');
    try {
      await navTo(page, 'coaching');
      await page.getByTestId('coaching-team').first().click();
      await page.getByTestId('heatmap').getByRole('table').waitFor(VISIBLE);
      await assertScreenOk(page, '/coaching/teams/:id');
      // Landmarks are told apart by their names (axe files this rule under best practice).
      const { violations } = await new AxeBuilder({ page }).withTags([...WCAG, 'best-practice']).analyze();
      assert.deepEqual(
        violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        [],
      );
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('today’s plan: Start above the navigation, each title once, minutes that add up', { timeout: 60_000 }, async () => {
    const code = 'es';
    const { context, page, problems } = await signedIn(browser, server, 'agent02');
    try {
      await page.getByTestId('home-today').click();
      await page.waitForURL(`${server.url}/today`);
      const start = page.getByTestId('today-start');
      await start.waitFor(VISIBLE);
      // On the first screen, whole, and not under the bottom navigation.
      assert.equal(await page.evaluate(() => window.scrollY), 0);
      assert.ok((await belowNav(page, start)) <= 0, `Start is under the navigation by ${await belowNav(page, start)} px`);
      assert.ok((await start.boundingBox()).y > 0);
      // The plan's minutes are the sum of its activities' minutes.
      const minutes = await page
        .getByTestId('today-item')
        .locator('.time')
        .evaluateAll((spans) => spans.map((s) => Number.parseInt(s.textContent ?? '', 10)));
      const total = minutes.reduce((a, b) => a + b, 0);
      assert.ok(minutes.length > 0);
      await page.getByTestId('plan-heading').getByText(msg(code, 'today.plan', { minutes: total })).waitFor(VISIBLE);
      // A coaching path's practice task is shown once, in its own card, not again in the plan.
      const titles = (await page.getByTestId('today-item').locator('.title').allInnerTexts()).concat(
        await page.getByTestId('path-step-title').allInnerTexts(),
      );
      assert.ok((await page.getByTestId('path-step-title').count()) > 0, 'agent02 has a practice task today');
      assert.equal(new Set(titles).size, titles.length, `a title repeated: ${titles}`);
      await assertScreenOk(page, '/today');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a lead’s team dashboard: one tap from home, the late agents on the first screen, one reason each', { timeout: 90_000 }, async () => {
    const code = 'es';
    const { context, page, problems } = await signedIn(browser, server, 'lead1');
    try {
      await page.getByTestId('home-teams').waitFor(VISIBLE);
      await assertScreenOk(page, '/home (lead)');
      await page.getByTestId('home-team-dashboard').first().click();
      await page.waitForURL(/\/coaching\/teams\/[^/]+$/);
      const behind = page.locator('[data-testid="dashboard-agent"][data-behind="true"]');
      await behind.first().waitFor(VISIBLE);
      const late = await behind.count();
      assert.ok(late >= 3, `three late agents in the demo team: ${late}`);
      assert.equal(await page.evaluate(() => window.scrollY), 0);
      for (let i = 0; i < 3; i++) {
        const below = await belowNav(page, behind.nth(i));
        assert.ok(below <= 0, `late agent ${i + 1} is not on the first screen (${below} px under the navigation)`);
      }
      // A missed session is the reason; the card does not also say there was never one.
      const missed = behind.filter({ hasText: msg(code, 'coaching.reason.missed_session', { n: 1 }) });
      assert.ok((await missed.count()) > 0);
      for (const card of await missed.all()) {
        const text = await card.innerText();
        assert.ok(!text.includes(msg(code, 'coaching.reason.never')), text);
        assert.ok(!text.includes(msg(code, 'coaching.dashboard.noSessionYet')), text);
      }
      await assertScreenOk(page, '/coaching/teams/:id (first screen)');

      // The CSV in the reader's language (Italian now), with words for values, not codes.
      await page.getByTestId('language-switcher').selectOption('it');
      await page.getByTestId('dashboard-csv').getByText(msg('it', 'coaching.dashboard.csv')).waitFor(VISIBLE);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dashboard-csv').click()]);
      const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
      const [header, ...rows] = csv.trim().split(/\r?\n/);
      assert.ok(header.startsWith('Operatore,') && header.includes('In ritardo'), header);
      for (const code of ['minutes_this_week', 'overdue_steps', 'missed_session', 'no_session', 'true', 'false']) {
        assert.ok(!csv.includes(code), `raw ${code} in the CSV:\n${csv}`);
      }
      assert.ok(rows.some((r) => r.includes(',Sì,')), csv);
      assert.ok(rows.some((r) => r.includes('Passi scaduti')), csv);
      await page.getByText(msg('it', 'coaching.dashboard.downloaded')).waitFor(VISIBLE);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a path step says what passing needs before and after the lesson, offers a retry, and the lead sees the attempt', { timeout: 120_000 }, async () => {
    // Sofía (agent05, Equipo Madrid) is given a path whose step is the AHT/FCR lesson, every
    // check right to pass.
    const lead = await apiSignIn(server.url, demoEmail('lead1'), DEMO_PASSWORD);
    const agentLogin = await apiSignIn(server.url, demoEmail('agent05'), DEMO_PASSWORD);
    const code = agentLogin.body.user.locale;
    const call = async (token, path, body) => {
      const r = await fetch(`${server.url}${path}`, {
        method: body ? 'POST' : 'GET',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: r.status, body: await r.json() };
    };
    const template = await call(lead.body.access_token, '/api/v1/coaching/paths', {
      title: 'AHT y FCR, a fondo',
      description: 'Repaso con nota',
      steps: [{ title: 'Supera la lección de AHT y FCR', kind: 'lesson', target_key: 'aht-vs-fcr', pass_percent: 100, due_after_days: 3 }],
    });
    assert.equal(template.status, 201, JSON.stringify(template.body));
    const given = await call(lead.body.access_token, '/api/v1/coaching/assignments', {
      template_id: template.body.id,
      agent_ids: [agentLogin.body.user.id],
      due_on: '2030-01-31',
    });
    assert.equal(given.status, 201, JSON.stringify(given.body));
    const lesson = await call(agentLogin.body.access_token, '/api/v1/learn/lessons/aht-vs-fcr');
    const { needed, items } = lesson.body.path_steps[0];
    assert.equal(needed, items, JSON.stringify(lesson.body.path_steps));

    const { context, page, problems } = await signedIn(browser, server, 'agent05', code);
    let leadPhone;
    try {
      // Before: My paths says what the step needs.
      await navTo(page, 'myPaths');
      const path = page.getByTestId('my-path').filter({ hasText: 'AHT y FCR, a fondo' });
      await path.getByTestId('step-pass-mark').getByText(msg(code, 'coaching.step.passMark', { mark: 100 })).waitFor(VISIBLE);
      await assertScreenOk(page, '/paths with a lesson step');
      await path.getByRole('link', { name: msg(code, 'myPaths.openLesson') }).click();
      await page.waitForURL(`${server.url}/learn/aht-vs-fcr`);
      const need = msg(code, 'player.passNeed', { path: 'AHT y FCR, a fondo', step: 'Supera la lección de AHT y FCR', needed, items });
      await page.getByTestId('pass-need').getByText(need).waitFor(VISIBLE);
      await assertScreenOk(page, '/learn/aht-vs-fcr with a pass mark');

      // The first choice of the first question is wrong: not every check right.
      const card = page.getByTestId('player-card');
      const finish = page.getByRole('button', { name: msg(code, 'player.finish') });
      for (let step = 0; step < 30; step++) {
        const kind = await card.getAttribute('data-kind');
        if (['single', 'multiple', 'true_false', 'ordering'].includes(kind)) {
          if (kind === 'single' || kind === 'multiple') await card.getByRole(kind === 'single' ? 'radio' : 'checkbox').first().check();
          if (kind === 'true_false') await card.getByRole('radio').first().check();
          if (kind === 'ordering') await card.getByRole('button', { name: /^Bajar/ }).first().click();
          await card.getByRole('button', { name: msg(code, 'player.check') }).click();
          await card.getByTestId('explanation').waitFor(VISIBLE);
        }
        if (await finish.isVisible()) break;
        await page.getByRole('button', { name: msg(code, 'player.next'), exact: true }).click();
      }
      await finish.click();
      // After: why the step is not done, and a retry.
      const notPassed = page.getByTestId('step-not-passed');
      await notPassed.waitFor(VISIBLE);
      assert.ok((await notPassed.innerText()).includes(`${needed}/${items}`), await notPassed.innerText());
      await page.getByTestId('lesson-retry').waitFor(VISIBLE);
      await assertScreenOk(page, '/learn/aht-vs-fcr, not passed');
      await page.getByTestId('lesson-retry').click();
      await page.getByTestId('player-card').waitFor(VISIBLE);
      assert.equal(await page.getByRole('progressbar').getAttribute('aria-valuenow'), '1');
      await page.getByTestId('pass-need').waitFor(VISIBLE);

      // The lead sees the step attempted, not passed yet, on the agent's page.
      leadPhone = await signedIn(browser, server, 'lead1');
      const l = leadPhone.page;
      await l.getByTestId('home-team-dashboard').first().click();
      await l.getByTestId('dashboard-agent').filter({ hasText: agentLogin.body.user.display_name }).getByRole('link').first().click();
      await l.getByTestId('step-attempted').first().waitFor(VISIBLE);
      assert.match(await l.getByTestId('step-attempted').first().innerText(), /100/);
      await assertScreenOk(l, '/coaching/teams/:team/agents/:user with an attempted step');
      assert.deepEqual(problems, []);
      assert.deepEqual(leadPhone.problems, []);
    } finally {
      await context.close();
      await leadPhone?.context.close();
    }
  });

  test('a trainer’s scenario problems are in their language, on the empty field at fault', { timeout: 120_000 }, async () => {
    const code = 'it';
    const { context, page, problems } = await signedIn(browser, server, 'trainer');
    try {
      await page.getByTestId('language-switcher').selectOption(code);
      await page.getByTestId('nav-home').getByText(msg(code, 'nav.home')).waitFor(VISIBLE);
      await navTo(page, 'authorScenarios');
      await page.getByLabel(msg(code, 'editor.scenarioTitle'), { exact: true }).fill('Un rimborso di 20 €');
      await page.getByLabel(msg(code, 'scenarios.key'), { exact: true }).fill('e2e-rimborso');
      await page.locator('#new-locale').selectOption('it');
      await page.getByRole('button', { name: msg(code, 'scenarios.create') }).click();
      await page.waitForURL(/\/author\/scenarios\/[^/]+$/);
      const panel = page.getByTestId('node-panel');
      // The start node has no replies: said in Italian. Emptied, its text is marked once saved.
      await panel.getByTestId('node-issues').waitFor(VISIBLE);
      // "Has no replies" is said under Replies, the field at fault.
      await panel.getByTestId('field-error').filter({ hasText: /non ha risposte e non è una fine/ }).waitFor(VISIBLE);
      const text = panel.getByLabel(msg(code, 'editor.text'), { exact: true });
      await text.fill('');
      await page.getByTestId('save').click();
      await panel.getByTestId('node-issues').getByText(msg(code, 'editor.issue.empty_text')).waitFor(VISIBLE);
      assert.equal(await text.getAttribute('aria-invalid'), 'true');
      const described = await text.getAttribute('aria-describedby');
      assert.equal(await page.locator(`#${described}`).innerText(), msg(code, 'editor.issue.empty_text'));
      // No English from the server anywhere on the screen.
      const screen = await page.locator('main').innerText();
      for (const english of ['says nothing', 'has no replies', 'no node starts']) assert.ok(!screen.includes(english), english);
      await assertScreenOk(page, 'scenario editor with problems (it)');

      // A reply left empty: its text and feedback are marked once saved; filled, they clear.
      await panel.getByRole('button', { name: msg(code, 'editor.addReply') }).click();
      await text.fill('Mi avete addebitato 20 € in più.');
      await page.getByTestId('save').click();
      const reply = panel.getByTestId('reply-editor').first();
      const feedback = reply.getByLabel(msg(code, 'editor.feedback'), { exact: true });
      await reply.getByTestId('field-error').getByText(msg(code, 'editor.issue.missing_feedback')).waitFor(VISIBLE);
      assert.equal(await feedback.getAttribute('aria-invalid'), 'true');
      assert.equal(await reply.getByLabel(msg(code, 'editor.replyText'), { exact: true }).getAttribute('aria-invalid'), 'true');
      await page.waitForFunction(() => !document.querySelector('[id^="text-"][aria-invalid="true"]'));
      await assertScreenOk(page, 'scenario editor, a reply with problems (it)');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('an authority limit saved far down the screen says so by its button, and warns when a certification limit has no effect', { timeout: 90_000 }, async () => {
    const code = 'es';
    const { context, page, problems } = await signedIn(browser, server, 'admin');
    try {
      await navTo(page, 'authority');
      await page.waitForURL(`${server.url}/admin/authority`);
      // The last type with amounts (a permission has none to set).
      const decision = page.locator('[data-testid="decision"]:has([id^="limit-"])').last();
      await decision.waitFor(VISIBLE);
      const key = await decision.getAttribute('data-key');
      await page.locator(`#limit-${key}-lead`).fill('50');
      // A certified coach is a lead: 10 is below what the lead may grant already.
      await page.locator(`#cert-limit-${key}-coach`).fill('10');
      await decision.getByRole('button', { name: msg(code, 'common.save') }).click();
      const saved = decision.getByTestId('success-message');
      await saved.waitFor(VISIBLE);
      // Where the person is looking: in the viewport, just under the button, above the navigation.
      // Just under the button (measured in one frame, whatever the scroll)…
      const gap = await decision.evaluate((card) => {
        const message = card.querySelector('[data-testid="success-message"]').getBoundingClientRect();
        const button = card.querySelector('button[type="submit"]').getBoundingClientRect();
        return message.top - button.bottom;
      });
      assert.ok(gap >= 0 && gap < 120, `the saved message is ${gap} px from the button`);
      // …and brought into view above the bottom navigation.
      await page.waitForFunction(
        (k) => {
          const m = document.querySelector(`[data-testid="decision"][data-key="${k}"] [data-testid="success-message"]`)?.getBoundingClientRect();
          const nav = document.querySelector('[data-testid="bottom-nav"]').getBoundingClientRect();
          return !!m && m.top >= 0 && m.bottom <= nav.top;
        },
        key,
        { timeout: 5_000 },
      );
      assert.equal(await page.locator('main > .feedback [data-testid="success-message"]').count(), 0, 'nothing at the top');
      await decision.getByTestId('ineffective-limits').getByText(msg(code, 'authority.ineffective', { levels: msg(code, 'tracks.level.coach') })).waitFor(VISIBLE);
      await assertScreenOk(page, '/admin/authority, saved with a warning');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
