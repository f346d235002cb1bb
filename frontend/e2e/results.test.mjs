// Results on phones against the real, demo-seeded server (whose only KPI history is Equipo
// Valencia's): the admin adds a metric and imports a CSV with a few bad rows through the
// Data screen (each bad row explained, then only the valid rows imported, then the history);
// the lead of Equipo Madrid opens the team's results (KPIs with their charts and tables, and
// the impact of a coaching path an agent finished, honestly "not enough data yet"); the lead
// of Equipo Valencia sees a real estimate with its interval chart; the agent sees only their
// own values; the admin gives an agent an external id and imports a CSV that names agents
// only by it.
//   CINCO_BIN=/abs/path/cinco REQUIRE_BROWSER=1 node --test e2e/results.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newPhonePage } from './browser.mjs';
import { DEMO_PASSWORD, demoEmail, e2eSkipReason, startServer } from './server.mjs';
import { VISIBLE, apiSignIn, assertScreenOk, msg, signInUi } from './ui.mjs';

const skip = e2eSkipReason();
const code = 'es';
const PATH_TITLE = 'Cierre con resumen';
const FILE = 'kpis-semanales.csv';
const METRIC = { key: 'ventas_hora', name: 'Ventas por hora', unit: '€' };

/** The Monday (YYYY-MM-DD, UTC) `weeksAgo` weeks before this week's. */
function monday(weeksAgo) {
  const now = new Date();
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7) - 7 * weeksAgo);
  return day.toISOString().slice(0, 10);
}
const [w3, w2, w1] = [monday(3), monday(2), monday(1)];
const email = (n) => demoEmail(`agent${String(n).padStart(2, '0')}`);

// agent01–03 are in Equipo Madrid (lead1's team), agent07 in Squadra Milano.
const CSV = [
  'agent_email,kpi,week,value,notes',
  `${email(1)},fcr,${w3},68,"revisado, ok"`,
  `${email(1)},fcr,${w2},71,`,
  `${email(1)},fcr,${w1},75,`,
  `${email(1)},csat,${w1},"4,4",coma decimal`,
  `${email(1)},aht,${w2},330,`,
  `${email(1)},aht,${w1},310,`,
  `${email(2)},fcr,${w3},80,`,
  `${email(2)},fcr,${w2},78,`,
  `${email(2)},fcr,${w1},85,`,
  `${email(3)},fcr,${w1},90,`,
  `${email(7)},fcr,${w1},50,`,
  `${email(1)},${METRIC.key},${w1},12.5,`,
  `nadie@demo.cinco.test,fcr,${w1},70,`, // line 14: unknown_agent
  `${email(2)},ventas,${w1},3,`, // line 15: unknown_metric
  `${email(2)},fcr,la semana pasada,70,`, // line 16: invalid_period
  `${email(2)},aht,${w1},muy rápido,`, // line 17: invalid_value
  `${email(2)},csat,${w1},7,`, // line 18: out_of_range
  `${email(1)},fcr,${w1},76,`, // line 19: duplicate_row (line 4)
].join('\n');
const BAD = [
  { line: 14, code: 'unknown_agent', cells: `nadie@demo.cinco.test · fcr · ${w1} · 70` },
  { line: 15, code: 'unknown_metric', cells: `${email(2)} · ventas · ${w1} · 3` },
  { line: 16, code: 'invalid_period', cells: `${email(2)} · fcr · la semana pasada · 70` },
  { line: 17, code: 'invalid_value', cells: `${email(2)} · aht · ${w1} · muy rápido` },
  { line: 18, code: 'out_of_range', cells: `${email(2)} · csat · ${w1} · 7` },
  { line: 19, code: 'duplicate_row', cells: `${email(1)} · fcr · ${w1} · 76` },
];
const ROWS = 18;
const VALID = ROWS - BAD.length;

const percent = (value) => new Intl.NumberFormat(code, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
const points = (value) => `${new Intl.NumberFormat(code, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(value)} ${msg(code, 'results.points')}`;

async function api(url, token, method, path, body) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function signedIn(browser, server, who) {
  const phone = await newPhonePage(browser);
  await phone.page.goto(`${server.url}/sign-in`);
  await signInUi(phone.page, server.url, demoEmail(who), DEMO_PASSWORD, { code });
  return phone;
}

const heading = (page, key) => page.getByRole('heading', { level: 1, name: msg(code, key) });

/** Waits until every chart on the screen is drawn (uPlot loaded and a canvas in place). */
async function chartsDrawn(page, scope = page) {
  const plots = scope.getByTestId('chart-plot');
  const count = await plots.count();
  assert.ok(count > 0, 'no chart on the screen');
  for (let i = 0; i < count; i++) {
    await plots.nth(i).locator('canvas').first().waitFor({ state: 'attached', timeout: 15_000 });
  }
  return count;
}

describe('results on a phone', { skip }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // Agent01 finishes a one-step coaching path, so the impact screen has a path to speak of.
    const lead = (await apiSignIn(server.url, demoEmail('lead1'), DEMO_PASSWORD)).body;
    const agent = (await apiSignIn(server.url, email(1), DEMO_PASSWORD)).body;
    const path = await api(server.url, lead.access_token, 'POST', '/api/v1/coaching/paths', {
      title: PATH_TITLE,
      description: 'Resume lo acordado antes de colgar.',
      steps: [{ title: 'Resume lo acordado en 5 llamadas', kind: 'practice_task', instructions: 'Antes de colgar, resume lo acordado.' }],
    });
    assert.equal(path.status, 201, JSON.stringify(path.body));
    const given = await api(server.url, lead.access_token, 'POST', '/api/v1/coaching/assignments', {
      template_id: path.body.id,
      agent_ids: [agent.user.id],
    });
    assert.equal(given.status, 201, JSON.stringify(given.body));
    const mine = await api(server.url, agent.access_token, 'GET', '/api/v1/me/paths');
    const step = mine.body.find((p) => p.title === PATH_TITLE).steps[0];
    const done = await api(server.url, agent.access_token, 'POST', `/api/v1/me/paths/steps/${step.id}/done`, { note: null });
    assert.ok(done.status < 300, JSON.stringify(done.body));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the admin adds a metric, previews a CSV with bad rows, imports the valid ones and sees the history', { timeout: 180_000 }, async () => {
    const { page, context, problems } = await signedIn(browser, server, 'admin');
    try {
      await page.getByTestId('home-data').click();
      await heading(page, 'results.data.title').waitFor(VISIBLE);
      await page.getByTestId('metric').first().waitFor(VISIBLE);
      // The demo's own history (Equipo Valencia's 26 weeks) is the only import so far.
      await page.getByTestId('history-entry').getByText('demo-kpis.csv', { exact: true }).waitFor(VISIBLE);
      assert.equal(await page.getByTestId('history-entry').count(), 1);
      assert.equal(await page.getByTestId('metric').count(), 4);
      await page.getByTestId('metric').filter({ hasText: msg(code, 'results.metricNames.fcr') }).waitFor(VISIBLE);
      await assertScreenOk(page, '/admin/data');

      // A metric of the organisation's own: the form's own checks, then the server's, next to
      // their fields.
      await page.getByTestId('metric-toggle').click();
      const form = page.getByTestId('metric-form');
      const field = (key) => form.getByLabel(msg(code, `results.metricForm.${key}`), { exact: true });
      await field('key').fill('9ventas');
      await page.getByTestId('metric-add').click();
      const keyError = form.locator('#metric-key-error');
      await keyError.getByText(msg(code, 'results.metricForm.errors.invalid_metric_key')).waitFor(VISIBLE);
      await form.locator('#metric-name-error').getByText(msg(code, 'results.metricForm.errors.required')).waitFor(VISIBLE);
      assert.equal(await field('key').getAttribute('aria-invalid'), 'true');
      assert.equal(await field('key').evaluate((el) => el === document.activeElement), true);
      await assertScreenOk(page, '/admin/data, metric with errors');
      await field('key').fill(METRIC.key);
      await field('name').fill(METRIC.name);
      await field('unit').fill(METRIC.unit);
      await field('minimum').fill('0');
      await page.getByTestId('metric-add').click();
      await form
        .getByTestId('success-message')
        .getByText(msg(code, 'results.metricForm.added', { name: METRIC.name, key: METRIC.key }))
        .waitFor(VISIBLE);
      await page.getByTestId('metric').filter({ hasText: METRIC.name }).waitFor(VISIBLE);
      // The same key again: the server's refusal goes to the key.
      await field('key').fill(METRIC.key);
      await field('name').fill('Otra');
      await page.getByTestId('metric-add').click();
      await keyError.getByText(msg(code, 'results.metricForm.errors.metric_key_taken')).waitFor(VISIBLE);
      await page.getByRole('button', { name: msg(code, 'common.cancel') }).click();

      // The file, read on the phone: its columns guessed from the header.
      await page.getByLabel(msg(code, 'results.import.file'), { exact: true }).setInputFiles({
        name: FILE,
        mimeType: 'text/csv',
        buffer: Buffer.from(CSV, 'utf8'),
      });
      await page
        .getByTestId('import-outline')
        .getByText(msg(code, 'results.import.read', { name: FILE, columns: 5, rows: ROWS }))
        .waitFor(VISIBLE);
      for (const [fieldName, column] of [['agent', 'agent_email'], ['metric', 'kpi'], ['period', 'week'], ['value', 'value']]) {
        assert.equal(await page.getByTestId(`map-${fieldName}`).inputValue(), column, `column for ${fieldName}`);
      }
      // Two fields on one column are caught before anything is sent.
      await page.getByTestId('map-value').selectOption('kpi');
      await page.locator('#map-value-error').getByText(msg(code, 'results.import.sameColumn')).waitFor(VISIBLE);
      assert.equal(await page.getByTestId('import-preview').isDisabled(), true);
      await page.getByTestId('map-value').selectOption('value');
      await assertScreenOk(page, '/admin/data, file chosen');

      // Preview: how many rows, how many valid, and each bad row with its line, cells and reason.
      await page.getByTestId('import-preview').click();
      await page
        .getByTestId('preview-summary')
        .getByText(msg(code, 'results.import.summary', { rows: ROWS, valid: VALID }))
        .waitFor(VISIBLE);
      const listed = page.getByTestId('preview-problem');
      assert.equal(await listed.count(), BAD.length);
      for (const [i, bad] of BAD.entries()) {
        const row = listed.nth(i);
        assert.equal(await row.getAttribute('data-line'), String(bad.line));
        assert.equal(await row.getAttribute('data-code'), bad.code);
        await row.getByText(msg(code, 'results.import.line', { line: bad.line }), { exact: true }).waitFor(VISIBLE);
        await row.getByText(msg(code, `results.import.problem.${bad.code}`), { exact: true }).waitFor(VISIBLE);
        await row.getByText(bad.cells, { exact: true }).waitFor(VISIBLE);
      }
      // "Import all" is explained, not offered; importing the valid rows is.
      assert.equal(await page.getByTestId('import-all').isDisabled(), true);
      await page.getByTestId('import-all-blocked').getByText(msg(code, 'results.import.allBlocked')).waitFor(VISIBLE);
      const importValid = page.getByTestId('import-valid');
      assert.equal((await importValid.textContent()).trim(), msg(code, 'results.import.importValid', { n: VALID }));
      await assertScreenOk(page, '/admin/data, preview with bad rows');

      await importValid.click();
      await page
        .getByTestId('success-message')
        .getByText(msg(code, 'results.import.importedSome', { file: FILE, n: VALID, left: BAD.length }))
        .waitFor(VISIBLE);
      await page.getByTestId('preview').waitFor({ state: 'detached' });
      const entry = page.getByTestId('history-entry').first();
      await entry.waitFor(VISIBLE);
      assert.equal(await page.getByTestId('history-entry').count(), 2);
      await entry.getByText(FILE, { exact: true }).waitFor(VISIBLE);
      await entry
        .getByTestId('history-rows')
        .getByText(msg(code, 'results.history.rows', { total: ROWS, imported: VALID, rejected: BAD.length }))
        .waitFor(VISIBLE);
      await assertScreenOk(page, '/admin/data, imported');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the lead sees the team’s KPIs with charts and tables, and the impact honestly', { timeout: 180_000 }, async () => {
    const { page, context, problems } = await signedIn(browser, server, 'lead1');
    try {
      // From the bottom bar's Coaching to the team's results.
      await page.getByTestId('nav-coaching').click();
      await heading(page, 'coaching.hub.title').waitFor(VISIBLE);
      await page.getByTestId('coaching-results').click();
      await heading(page, 'results.team.title').waitFor(VISIBLE);
      await page.getByTestId('results-team-name').getByText(msg(code, 'results.team.showing', { name: 'Equipo Madrid' })).waitFor(VISIBLE);
      // Team results live under More for leads: its entry there is the current page.
      assert.equal(await page.getByTestId('nav-teamResults').getAttribute('aria-current'), 'page');

      // FCR: the mean over the team's agents each week (agent07, in another team, left out).
      const fcr = page.locator('[data-testid="kpi"][data-metric="fcr"]');
      await fcr.waitFor(VISIBLE);
      const latest = (75 + 85 + 90) / 3;
      const before = (71 + 78) / 2;
      assert.equal((await fcr.getByTestId('kpi-latest').textContent()).trim(), percent(latest));
      assert.equal(await fcr.getByTestId('kpi-trend').getAttribute('data-judgement'), 'better');
      await fcr.getByTestId('kpi-trend').getByText(points(latest - before), { exact: false }).waitFor(VISIBLE);
      await fcr.getByText(msg(code, 'results.kpi.agents', { n: 3 }), { exact: false }).waitFor(VISIBLE);
      // AHT went down: better, as lower is better for it.
      assert.equal(await page.locator('[data-testid="kpi"][data-metric="aht"] [data-testid="kpi-trend"]').getAttribute('data-judgement'), 'better');
      await page.locator('[data-testid="kpi"][data-metric="csat"]').waitFor(VISIBLE);
      await page.locator(`[data-testid="kpi"][data-metric="${METRIC.key}"]`).getByRole('heading', { name: METRIC.name }).waitFor(VISIBLE);
      await page.getByTestId('kpi-no-values').getByText(msg(code, 'results.metricNames.qa'), { exact: false }).waitFor(VISIBLE);

      // Each chart has a name and its values as a table.
      await chartsDrawn(page);
      const plot = fcr.getByTestId('chart-plot');
      assert.equal(await plot.getAttribute('role'), 'img');
      assert.match(await plot.getAttribute('aria-label'), new RegExp(`^${msg(code, 'results.metricNames.fcr').replace(/[()]/g, '\\$&')}`));
      await fcr.getByText(msg(code, 'results.chart.table')).click();
      const rows = fcr.locator('tbody tr');
      assert.equal(await rows.count(), 3);
      assert.equal((await rows.first().locator('td').first().textContent()).trim(), percent(latest));
      assert.equal((await rows.first().locator('td').nth(1).textContent()).trim(), '3');
      await assertScreenOk(page, '/coaching/results');

      // Impact: the path agent01 finished, with not enough data yet, said in words and why.
      // It starts on the first KPI with values (AHT here); the lead chooses FCR, and the
      // group of paths that teach no competency (this one is a practice task only).
      const impact = page.getByTestId('impact');
      assert.equal(await impact.getByTestId('impact-metric').inputValue(), 'aht');
      await impact.getByTestId('impact-competency').waitFor(VISIBLE);
      await impact.getByTestId('impact-metric').selectOption('fcr');
      await impact.getByTestId('impact-competency').selectOption({ label: msg(code, 'results.impact.noCompetency') });
      const training = impact.getByTestId('impact-training').filter({ hasText: PATH_TITLE });
      await training.waitFor(VISIBLE);
      assert.equal(await training.getAttribute('data-reading'), 'not_enough_data');
      await training.getByTestId('impact-reading').getByText(msg(code, 'results.impact.reading.not_enough_data')).waitFor(VISIBLE);
      assert.ok((await training.getByTestId('impact-sentence').textContent()).trim().length > 20);
      await training.getByTestId('impact-not-enough').getByText(msg(code, 'results.impact.notEnough')).waitFor(VISIBLE);
      assert.equal(await training.getByTestId('impact-chart').count(), 0, 'no number, so no chart');
      assert.ok((await impact.getByTestId('impact-caveat').textContent()).trim().length > 100);
      await assertScreenOk(page, '/coaching/results, impact');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the lead of the results team sees what a path changed, with its interval', { timeout: 180_000 }, async () => {
    // Equipo Valencia's 26 weeks of demo history: 60 agents, most of whom finished the paths
    // in staggered weeks. The demo's model lifts CSAT after the empathy path.
    const { page, context, problems } = await signedIn(browser, server, 'lead3');
    try {
      await page.goto(`${server.url}/coaching/results`);
      await heading(page, 'results.team.title').waitFor(VISIBLE);
      await page.getByTestId('results-team-name').getByText(msg(code, 'results.team.showing', { name: 'Equipo Valencia' })).waitFor(VISIBLE);
      const impact = page.getByTestId('impact');
      await impact.getByTestId('impact-competency').waitFor(VISIBLE);
      await impact.getByTestId('impact-metric').selectOption('csat');
      await impact.getByTestId('impact-competency').selectOption('empathy');
      // The demo paths are written in English; the lead reads them in Spanish.
      const estimated = impact.getByTestId('impact-training').filter({ hasText: 'Empatía cuando el cliente está preocupado' });
      await estimated.waitFor(VISIBLE);
      assert.equal(await estimated.getAttribute('data-reading'), 'improved');
      await estimated.getByTestId('impact-reading').getByText(msg(code, 'results.impact.reading.improved')).waitFor(VISIBLE);
      await estimated.getByTestId('impact-estimate').waitFor(VISIBLE);
      assert.match(await estimated.getByTestId('impact-sentence').textContent(), /IC 95 %: \d/);
      await chartsDrawn(page, estimated);
      assert.match(await estimated.getByTestId('chart-plot').getAttribute('aria-label'), /\d,\d.*\d,\d.*\d,\d/);
      await estimated.getByText(msg(code, 'results.chart.table')).click();
      assert.ok((await estimated.locator('tbody tr').count()) >= 4, 'the weeks around training and the overall row');
      // Reaching the level is estimated too, and says honestly when it cannot be.
      const level = impact.getByTestId('impact-training').and(page.locator('[data-kind="level"]'));
      await level.getByRole('heading', { name: msg(code, 'results.impact.levelTitle', { level: 'Competente' }) }).waitFor(VISIBLE);
      await assertScreenOk(page, '/coaching/results, an interval chart');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the agent sees only their own KPIs, beside the path they finished', { timeout: 120_000 }, async () => {
    const { page, context, problems } = await signedIn(browser, server, 'agent01');
    const asked = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/v1/results/')) asked.push(url.pathname);
    });
    try {
      await page.getByTestId('home-my-results').click();
      await heading(page, 'results.me.title').waitFor(VISIBLE);
      const fcr = page.locator('[data-testid="kpi"][data-metric="fcr"]');
      await fcr.waitFor(VISIBLE);
      // Their own 75 %, up 4 points from 71 %: not the team's mean, and no count of agents.
      assert.equal((await fcr.getByTestId('kpi-latest').textContent()).trim(), percent(75));
      await fcr.getByTestId('kpi-trend').getByText(points(4), { exact: false }).waitFor(VISIBLE);
      assert.equal(await fcr.getByText(msg(code, 'results.kpi.agents', { n: 1 }), { exact: false }).count(), 0);
      await page.locator('[data-testid="kpi"][data-metric="csat"]').getByTestId('kpi-latest').getByText('4,4/5').waitFor(VISIBLE);
      // Their learning beside it: the path they finished, marked on the charts and in the tables.
      await page.getByTestId('my-learning').getByText(PATH_TITLE).waitFor(VISIBLE);
      await chartsDrawn(page);
      await fcr.getByText(msg(code, 'results.kpi.marks')).waitFor(VISIBLE);
      await fcr.getByText(msg(code, 'results.chart.table')).click();
      const cells = await fcr.locator('tbody td').allTextContents();
      assert.deepEqual(
        cells.filter((c) => c.includes('%')).map((c) => c.trim()),
        [75, 71, 68].map(percent),
        'only their own weekly values',
      );
      await assertScreenOk(page, '/me/results');
      assert.deepEqual([...new Set(asked)].sort(), ['/api/v1/results/me']);
      // The team's screen is not theirs.
      await page.goto(`${server.url}/coaching/results`);
      await page.getByTestId('unavailable-forbidden').waitFor(VISIBLE);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the admin gives an agent an external id, and a CSV keyed by it imports', { timeout: 180_000 }, async () => {
    const ID = 'EMP-0005';
    const { page, context, problems } = await signedIn(browser, server, 'admin');
    /** Searches the people list until it shows only the person with `email`. */
    const search = async (query, email) => {
      await page.getByTestId('nav-people').click();
      await page.waitForURL(`${server.url}/admin/people`);
      await page.getByLabel(msg(code, 'people.search'), { exact: true }).fill(query);
      await page.waitForFunction(
        (email) => {
          const found = document.querySelectorAll('[data-testid="people"] > li');
          return found.length === 1 && found[0].textContent.includes(email);
        },
        email,
        { timeout: 15_000 },
      );
      return page.getByTestId('people').locator('> li');
    };
    const openPerson = async (who) => {
      await (await search(who, who)).getByRole('link').click();
      await page.getByTestId('person-email').getByText(who, { exact: true }).waitFor(VISIBLE);
      const field = page.getByLabel(msg(code, 'person.externalIdLabel'), { exact: true });
      await field.waitFor(VISIBLE);
      return field;
    };
    try {
      // agent05 gets the id their WFM knows them by.
      let field = await openPerson(email(5));
      assert.equal(await field.inputValue(), '');
      await field.fill(` ${ID} `);
      await page.getByRole('button', { name: msg(code, 'person.saveExternalId') }).click();
      await page.getByTestId('success-message').getByText(msg(code, 'person.externalIdSaved')).waitFor(VISIBLE);
      assert.equal(await field.inputValue(), ID, 'as the server stored it, trimmed');
      await page.getByRole('button', { name: msg(code, 'person.clearExternalId') }).waitFor(VISIBLE);
      await assertScreenOk(page, '/admin/people/:id, external id saved');

      // The list shows it, and finds the person by it.
      const found = await search(ID.toLowerCase(), email(5));
      await found.getByTestId('person-external-id').getByText(msg(code, 'people.externalId', { id: ID })).waitFor(VISIBLE);

      // Nobody else may have it: the server says so, by the form.
      field = await openPerson(email(6));
      await field.fill(ID);
      await page.getByRole('button', { name: msg(code, 'person.saveExternalId') }).click();
      await page.getByTestId('error-message').getByText(msg(code, 'errors.codes.external_id_taken')).waitFor(VISIBLE);
      await assertScreenOk(page, '/admin/people/:id, external id taken');

      // A CSV that names agents only by that id: the column is guessed from its header.
      const csv = ['id empleado,kpi,semana,valor', `${ID},qa,${w2},87`, `${ID},qa,${w1},91`, `EMP-9999,qa,${w1},80`].join('\n');
      await page.goto(`${server.url}/admin/data`);
      await heading(page, 'results.data.title').waitFor(VISIBLE);
      await page.getByLabel(msg(code, 'results.import.file'), { exact: true }).setInputFiles({
        name: 'wfm.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv, 'utf8'),
      });
      await page.getByTestId('import-outline').waitFor(VISIBLE);
      assert.equal(await page.getByTestId('map-external_id').inputValue(), 'id empleado');
      assert.equal(await page.getByTestId('map-agent').inputValue(), '');
      await page.getByTestId('import-mapping').getByText(msg(code, 'results.import.agentHint')).waitFor(VISIBLE);
      await assertScreenOk(page, '/admin/data, mapped by external id');
      await page.getByTestId('import-preview').click();
      await page
        .getByTestId('preview-summary')
        .getByText(msg(code, 'results.import.summary', { rows: 3, valid: 2 }))
        .waitFor(VISIBLE);
      const refused = page.getByTestId('preview-problem');
      assert.equal(await refused.count(), 1);
      assert.equal(await refused.getAttribute('data-line'), '4');
      assert.equal(await refused.getAttribute('data-code'), 'unknown_agent');
      await refused.getByText(`EMP-9999 · qa · ${w1} · 80`, { exact: true }).waitFor(VISIBLE);
      await page.getByTestId('import-valid').click();
      await page
        .getByTestId('success-message')
        .getByText(msg(code, 'results.import.importedSome', { file: 'wfm.csv', n: 2, left: 1 }))
        .waitFor(VISIBLE);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
    // The values are agent05's own.
    const agent = (await apiSignIn(server.url, email(5), DEMO_PASSWORD)).body;
    const mine = await api(server.url, agent.access_token, 'GET', '/api/v1/results/me');
    const qa = mine.body.find((series) => series.metric.key === 'qa');
    assert.deepEqual(
      qa?.points.map((p) => [p.week, p.value]).sort(([a], [b]) => a.localeCompare(b)),
      [
        [w2, 87],
        [w1, 91],
      ],
    );
  });
});
