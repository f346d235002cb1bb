// A yes/no permission is not an amount, on phones (390 px) against the real, demo-seeded
// server: an agent reads "you may" for the demo's policy exception (never "1 US$"), logs
// one without an amount field and it is recorded at once; the admin lets only leads make it,
// and the agent's next one asks the lead. axe at each state.
//   CINCO_BIN=/abs/path/cinco REQUIRE_BROWSER=1 node --test e2e/permissions.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser } from './browser.mjs';
import { e2eSkipReason, startServer } from './server.mjs';
import { assertScreenOk, msg, navTo, signedInSpeaking as signedIn, VISIBLE } from './ui.mjs';

const skip = e2eSkipReason();
const EXCEPTION = 'Excepción a una norma';

/** Logs a policy exception from the decision form; answers the form. */
async function logException(page, code) {
  await page.goto(page.url().replace(/\/[^/]*$/, '/decisions/new'));
  const form = page.getByTestId('decision-form');
  await form.waitFor(VISIBLE);
  await page.getByTestId('decision-type').selectOption({ label: EXCEPTION });
  // A permission has no amount to type.
  assert.equal(await page.getByTestId('decision-amount').count(), 0, 'no amount field for a permission');
  await page.getByTestId('decision-need').fill('Llamó a las 18:05 para anular un pedido; el corte era a las 18:00.');
  await page.getByTestId('decision-action').fill('Acepté la anulación cinco minutos tarde, sin penalización.');
  return form;
}

describe('a permission on a phone', { skip }, () => {
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

  test('an agent reads "you may" and logs a policy exception without an amount', { timeout: 180_000 }, async () => {
    const code = 'es';
    const { page, context, problems } = await signedIn(browser, server, 'agent02', code);
    try {
      await navTo(page, 'practice');
      const limit = page.getByTestId('your-limit-policy-exception');
      await limit.waitFor(VISIBLE);
      assert.equal((await limit.innerText()).trim(), msg(code, 'practice.permitted'));
      assert.doesNotMatch(await page.getByTestId('your-limits').innerText(), /1[,.]00/);
      await assertScreenOk(page, '/practice, limits with a permission');

      const form = await logException(page, code);
      await page.getByTestId('decision-limit-note').getByText(msg(code, 'decisions.log.permitted')).waitFor(VISIBLE);
      await assertScreenOk(page, '/decisions/new, a permission');
      await page.getByTestId('decision-submit').click();
      await form.getByTestId('success-message').getByText(msg(code, 'decisions.log.empowered')).waitFor(VISIBLE);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the admin lets only leads make it, and the agent then asks', { timeout: 180_000 }, async () => {
    const admin = await signedIn(browser, server, 'admin', 'en');
    try {
      const { page } = admin;
      await navTo(page, 'authority');
      const card = page.locator('[data-testid="decision"][data-key="policy-exception"]');
      await card.getByTestId('permission-policy-exception').waitFor(VISIBLE);
      await card.getByTestId('permission-now-policy-exception').getByText(msg('en', 'authority.agentsMay')).waitFor(VISIBLE);
      await assertScreenOk(page, '/admin/authority, a permission');
      await card.getByTestId('may-policy-exception-agent').uncheck();
      await card.getByRole('button', { name: msg('en', 'common.save') }).click();
      await card.getByTestId('permission-now-policy-exception').getByText(msg('en', 'authority.agentsAsk')).waitFor(VISIBLE);
      await assertScreenOk(page, '/admin/authority, agents ask');
      assert.deepEqual(admin.problems, []);
    } finally {
      await admin.context.close();
    }
    const agent = await signedIn(browser, server, 'agent02', 'es');
    try {
      const form = await logException(agent.page, 'es');
      await agent.page.getByTestId('decision-limit-note').getByText(msg('es', 'decisions.log.aboveLimit')).waitFor(VISIBLE);
      await agent.page.getByTestId('decision-submit').click();
      await form.getByTestId('success-message').getByText(msg('es', 'decisions.log.awaiting')).waitFor(VISIBLE);
      assert.deepEqual(agent.problems, []);
    } finally {
      await agent.context.close();
    }
  });
});
