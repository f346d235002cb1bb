// The programme beside the results, on a phone, against the real demo-seeded server (whose
// agents have a few weeks of learning, and whose lead Laura is a certified coach): the lead
// of Equipo Madrid opens the team's results and finds, on one timeline of 26 weeks, a KPI,
// the active agents, sessions, minutes and path steps, and a competency's proficiency and
// certified coaches, each chart with its table; axe passes at 390 px.
//   CINCO_BIN=/abs/path/cinco REQUIRE_BROWSER=1 node --test e2e/indicators.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newPhonePage } from './browser.mjs';
import { DEMO_PASSWORD, demoEmail, e2eSkipReason, startServer } from './server.mjs';
import { VISIBLE, apiSignIn, assertScreenOk, msg, signInUi } from './ui.mjs';

const skip = e2eSkipReason();
const code = 'es';

/** The Monday (YYYY-MM-DD, UTC) `weeksAgo` weeks before this week's. */
function monday(weeksAgo) {
  const now = new Date();
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7) - 7 * weeksAgo);
  return day.toISOString().slice(0, 10);
}

/** The numbers in a chart's table, row by row (its first value column). */
async function tableValues(card) {
  await card.getByText(msg(code, 'results.chart.table')).click();
  const cells = await card.locator('tbody tr td:first-of-type').allTextContents();
  return cells.map((c) => Number(c.trim().replace(/\s|%/g, '').replace(',', '.')));
}

describe('programme indicators beside the results', { skip }, () => {
  let server;
  let browser;
  let lead;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    lead = (await apiSignIn(server.url, demoEmail('lead1'), DEMO_PASSWORD)).body;
    // A KPI for the timeline: FCR of agent01 (Equipo Madrid) the last two weeks.
    const admin = (await apiSignIn(server.url, demoEmail('admin'), DEMO_PASSWORD)).body;
    const rows = [
      { agent: demoEmail('agent01'), metric: 'fcr', period: monday(2), value: 70 },
      { agent: demoEmail('agent01'), metric: 'fcr', period: monday(1), value: 76 },
    ];
    const stored = await fetch(`${server.url}/api/v1/results/values`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify(rows),
    });
    assert.equal(stored.status, 201, await stored.text());
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the lead sees the programme and the KPI over the same weeks, with tables', { timeout: 180_000 }, async () => {
    // What the server counts, to compare with what the screen shows.
    const answer = await fetch(`${server.url}/api/v1/results/indicators`, { headers: { authorization: `Bearer ${lead.access_token}` } });
    assert.equal(answer.status, 200);
    const expected = await answer.json();
    const active = expected.weeks.map((w) => w.active_agents);
    assert.ok(active.some((n) => n > 0), 'the demo history makes agents active');

    const { page, context, problems } = await newPhonePage(browser);
    try {
      await page.goto(`${server.url}/sign-in`);
      await signInUi(page, server.url, demoEmail('lead1'), DEMO_PASSWORD, { code });
      await page.getByTestId('nav-coaching').click();
      await page.getByTestId('coaching-results').click();
      const section = page.getByTestId('indicators');
      await section.getByRole('heading', { level: 2, name: msg(code, 'results.indicators.title') }).waitFor(VISIBLE);

      // The KPI on the timeline: the weeks with a value, the others a gap.
      const kpi = section.getByTestId('indicator-kpi');
      await kpi.waitFor(VISIBLE);
      assert.equal(await section.getByTestId('indicators-metric').inputValue(), 'fcr');
      const fcr = await tableValues(kpi);
      assert.equal(fcr.length, 26, 'the same 26 weeks as the programme');
      assert.deepEqual(fcr.filter(Number.isFinite), [70, 76]);

      // Active agents: every week, as the server counted them, some of them not zero.
      const activeCard = section.getByTestId('indicator-active');
      assert.deepEqual(await tableValues(activeCard), active);
      const minutes = await tableValues(section.getByTestId('indicator-minutes'));
      assert.ok(minutes.some((n) => n > 0), `minutes learned: ${minutes}`);
      const sessions = await tableValues(section.getByTestId('indicator-sessions'));
      assert.deepEqual(sessions, expected.weeks.map((w) => w.sessions_completed));
      // Path steps: on time and late, side by side.
      const steps = section.getByTestId('indicator-steps');
      await steps.getByText(msg(code, 'results.indicators.stepsKey')).waitFor(VISIBLE);
      const thisWeek = expected.weeks.at(-1);
      assert.equal((await steps.getByTestId('indicator-latest').textContent()).trim(), String(thisWeek.steps_on_time));
      assert.equal(
        (await steps.getByTestId('indicator-latest-second').textContent()).trim(),
        msg(code, 'results.indicators.onTimeAndLate', { late: thisWeek.steps_late }),
      );
      await steps.getByText(msg(code, 'results.chart.table')).click();
      await steps.getByRole('columnheader', { name: msg(code, 'results.indicators.late') }).waitFor(VISIBLE);

      // Every chart drawn and named.
      const plots = section.getByTestId('chart-plot');
      assert.equal(await plots.count(), 8);
      for (let i = 0; i < 8; i++) await plots.nth(i).locator('canvas').first().waitFor({ state: 'attached', timeout: 15_000 });
      assert.ok((await activeCard.getByTestId('chart-plot').getAttribute('aria-label')).startsWith(msg(code, 'results.indicators.active')));

      // A competency: Laura holds a certification for it, and her agents have evidence.
      const ownership = expected.competencies.find((c) => c.key === 'ownership');
      await section.getByTestId('indicators-competency').selectOption('ownership');
      const coaches = section.getByTestId('indicator-coaches');
      await coaches.getByRole('heading', { name: msg(code, 'results.indicators.coaches', { name: ownership.name }) }).waitFor(VISIBLE);
      const certified = await tableValues(coaches);
      assert.deepEqual(certified, ownership.weeks.map((w) => w.certified_coaches));
      assert.equal(certified.at(-1), 1, 'Laura');
      const levels = await tableValues(section.getByTestId('indicator-level'));
      const last = ownership.weeks.at(-1).mean_level;
      assert.ok(last >= 1 && last <= 4);
      assert.equal(levels.at(-1), Math.round(last * 10) / 10);
      await assertScreenOk(page, '/coaching/results, indicators');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
