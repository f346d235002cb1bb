// Decisions on real contacts, on phones (390 px) against the real, demo-seeded server: an
// agent of Equipo Madrid (in Spanish) logs a $35 late-fee waiver within his limit and a
// $120 goodwill credit that needs approval; his lead (in English) sees the count on her
// home screen, approves the credit in one tap, recognises the waiver in the team's feed,
// and reads both in the empowerment report; the agent sees the answer and the recognition.
// axe at each state.
//   CINCO_BIN=/abs/path/cinco REQUIRE_BROWSER=1 node --test e2e/decisions.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser } from './browser.mjs';
import { e2eSkipReason, startServer } from './server.mjs';
import { assertScreenOk, msg, signedInSpeaking as signedIn, VISIBLE } from './ui.mjs';

const skip = e2eSkipReason();
const WAIVER_NEED = 'Pagó tarde por una mudanza y el recargo de 35 $ le parecía injusto.';
const CREDIT_NEED = 'Tres días sin línea por una avería nuestra; tiene un negocio en casa.';

/** Fills the decision form and logs it; answers the success message shown. */
async function logDecision(page, code, { type, amount, need, action, csat }) {
  const form = page.getByTestId('decision-form');
  await form.getByLabel(msg(code, 'decisions.log.type'), { exact: true }).selectOption({ label: type });
  await page.getByTestId('decision-amount').fill(amount);
  await form.getByLabel(msg(code, 'decisions.need'), { exact: true }).fill(need);
  await form.getByLabel(msg(code, 'decisions.action'), { exact: true }).fill(action);
  await page.getByTestId('decision-csat').selectOption(csat);
  await page.getByTestId('decision-submit').click();
  return form.getByTestId('success-message');
}

describe('decisions on a phone', { skip }, () => {
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

  test('an agent logs a $35 fee waiver within his limit and a $120 goodwill credit that needs approval', { timeout: 180_000 }, async () => {
    const code = 'es';
    const { page, context, problems } = await signedIn(browser, server, 'agent02', code);
    try {
      // One tap from home.
      await page.getByTestId('home-log-decision').click();
      await page.getByRole('heading', { level: 1, name: msg(code, 'decisions.log.title') }).waitFor(VISIBLE);
      await page.getByTestId('decision-form').waitFor(VISIBLE);
      await assertScreenOk(page, '/decisions/new');

      // Nothing chosen: the form says what is missing, on its fields.
      await page.getByTestId('decision-submit').click();
      await page.locator('#decision-decision_key-error').getByText(msg(code, 'fieldErrors.required')).waitFor(VISIBLE);
      await assertScreenOk(page, '/decisions/new, missing fields');

      const waiver = await logDecision(page, code, {
        type: 'Anulación de cargos',
        amount: '35',
        need: WAIVER_NEED,
        action: 'Le anulé el recargo y le cambié la fecha de cobro al día 5.',
        csat: '5',
      });
      await waiver.getByText(msg(code, 'decisions.log.empowered')).waitFor(VISIBLE);

      await page.getByTestId('decision-form').getByLabel(msg(code, 'decisions.log.type'), { exact: true }).selectOption({ label: 'Crédito de cortesía' });
      await page.getByTestId('decision-amount').fill('120');
      await page.getByTestId('decision-limit-note').getByText(msg(code, 'decisions.log.aboveLimit')).waitFor(VISIBLE);
      await assertScreenOk(page, '/decisions/new, above the limit');
      const credit = await logDecision(page, code, {
        type: 'Crédito de cortesía',
        amount: '120',
        need: CREDIT_NEED,
        action: 'Pido un crédito de cortesía de 120 $ en su próxima factura.',
        csat: '4',
      });
      await credit.getByText(msg(code, 'decisions.log.awaiting')).waitFor(VISIBLE);
      await assertScreenOk(page, '/decisions/new, sent for approval');

      await page.getByTestId('my-decisions-link').click();
      const mine = page.getByTestId('decision');
      await mine.filter({ hasText: CREDIT_NEED }).getByTestId('decision-status').getByText(msg(code, 'decisions.status.awaiting_approval')).waitFor(VISIBLE);
      await mine.filter({ hasText: WAIVER_NEED }).getByTestId('decision-status').getByText(msg(code, 'decisions.status.empowered')).waitFor(VISIBLE);
      await assertScreenOk(page, '/decisions/mine');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the lead approves the credit in one tap, recognises the waiver and reads the report', { timeout: 180_000 }, async () => {
    const code = 'en';
    const { page, context, problems } = await signedIn(browser, server, 'lead1', code);
    try {
      // The demo's upgrade and Carlos's credit wait for her.
      await page.getByTestId('approvals-badge').getByText(msg(code, 'home.approvalsWaiting', { n: 2 })).waitFor(VISIBLE);
      await assertScreenOk(page, '/home, approvals waiting');
      await page.getByTestId('home-approvals').click();
      await page.getByRole('heading', { level: 1, name: msg(code, 'decisions.approvals.title') }).waitFor(VISIBLE);
      const card = page.getByTestId('decision').filter({ hasText: CREDIT_NEED });
      await card.waitFor(VISIBLE);
      await assertScreenOk(page, '/decisions/approvals');
      // Declining needs a reason: asked for on its field, nothing sent.
      await card.getByTestId('decline').click();
      await card.getByText(msg(code, 'fieldErrors.reason_required')).waitFor(VISIBLE);
      await card.getByTestId('approve').click();
      await page.getByTestId('success-message').getByText(/Carlos Ruiz/).waitFor(VISIBLE);
      assert.equal(await page.getByTestId('decision').filter({ hasText: CREDIT_NEED }).count(), 0);
      assert.equal(await page.getByTestId('decision').count(), 1, 'the demo upgrade still waits');
      await assertScreenOk(page, '/decisions/approvals, answered');

      await page.goto(`${server.url}/decisions/feed`);
      await page.getByRole('heading', { level: 1, name: msg(code, 'decisions.feed.title') }).waitFor(VISIBLE);
      const waiver = page.getByTestId('decision').filter({ hasText: WAIVER_NEED });
      await waiver.getByTestId('recognise').click();
      await waiver.getByTestId('recognition-note').fill('Exactly right, Carlos: the customer first.');
      await assertScreenOk(page, '/decisions/feed, recognising');
      await waiver.getByTestId('recognition-send').click();
      await page.getByTestId('success-message').getByText(msg(code, 'decisions.feed.recognised', { name: 'Carlos Ruiz' })).waitFor(VISIBLE);
      await waiver.getByTestId('recognitions').getByText('Exactly right, Carlos').waitFor(VISIBLE);
      assert.equal(await waiver.getByTestId('recognise').count(), 0, 'once per person');
      await assertScreenOk(page, '/decisions/feed, recognised');

      await page.goto(`${server.url}/home`);
      await page.getByTestId('home-empowerment').click();
      await page.getByRole('heading', { level: 1, name: msg(code, 'decisions.report.title') }).waitFor(VISIBLE);
      // Equipo Madrid: four demo decisions and Carlos's two; the demo's credit and his approved.
      await page.getByTestId('report-decisions').getByText('6', { exact: true }).waitFor(VISIBLE);
      await page
        .getByTestId('report-approvals')
        .getByText(msg(code, 'decisions.report.approvalsValue', { asked: 3, approved: 2, declined: 0, awaiting: 1 }))
        .waitFor(VISIBLE);
      const types = page.getByTestId('report-by-type');
      await types.getByRole('row').filter({ hasText: 'Goodwill credit' }).getByRole('cell', { name: '2', exact: true }).first().waitFor(VISIBLE);
      await page.getByTestId('report-by-lead').getByRole('row').filter({ hasText: 'Laura Gómez' }).waitFor(VISIBLE);
      await assertScreenOk(page, '/empowerment');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the agent sees the approval and the recognition', { timeout: 120_000 }, async () => {
    const code = 'es';
    const { page, context, problems } = await signedIn(browser, server, 'agent02', code);
    try {
      await page.getByTestId('home-my-decisions').click();
      const mine = page.getByTestId('decision');
      const credit = mine.filter({ hasText: CREDIT_NEED });
      await credit.getByTestId('decision-status').getByText(msg(code, 'decisions.status.approved')).waitFor(VISIBLE);
      await credit.getByTestId('decision-answer').getByText(/Laura Gómez/).waitFor(VISIBLE);
      await mine.filter({ hasText: WAIVER_NEED }).getByTestId('recognitions').getByText('Exactly right, Carlos').waitFor(VISIBLE);
      await assertScreenOk(page, '/decisions/mine, answered and recognised');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
