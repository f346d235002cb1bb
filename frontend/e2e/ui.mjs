// Shared helpers for the browser tests: messages, axe, layout checks, and talking to the API.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { IntlMessageFormat } from 'intl-messageformat';
import { newPhonePage } from './browser.mjs';
import { DEMO_PASSWORD, FRONTEND_DIR, demoEmail } from './server.mjs';

export const LOCALES = ['es', 'en', 'it'];
const MESSAGES = Object.fromEntries(
  LOCALES.map((code) => [code, JSON.parse(readFileSync(join(FRONTEND_DIR, 'src/locales', `${code}.json`), 'utf8'))]),
);

/**
 * The message `key` ("signIn.title") in locale `code`, formatted as the app does (ICU plurals
 * included) when values are given; without values, the message as written.
 */
export function msg(code, key, values = {}) {
  const text = key.split('.').reduce((node, part) => node?.[part], MESSAGES[code]);
  if (typeof text !== 'string') throw new Error(`no message ${code}:${key}`);
  if (text.includes(', plural,') && Object.keys(values).length > 0) {
    return String(new IntlMessageFormat(text, code).format(values));
  }
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** A button's name "Move up: Step 2" as Chromium computes it (a hidden span may add a space before the colon). */
export const actionOn = (action, item) => {
  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escape(action)}\\s?: ${escape(item)}$`);
};

export const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const VISIBLE = { state: 'visible', timeout: 15_000 };

export async function assertNoHorizontalScroll(page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `horizontal scroll: scrollWidth ${width} > 390`);
}

export async function assertNoAxeViolations(page, label) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const summary = violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  assert.deepEqual(summary, [], `axe violations (${label}):\n  ${summary.join('\n  ')}`);
}

/** axe in light and dark, and no sideways scrolling, for the screen as it is now. */
export async function assertScreenOk(page, label) {
  await assertNoHorizontalScroll(page);
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    await assertNoAxeViolations(page, `${label}, ${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: null });
}

/** Signs in through the sign-in screen (in locale `code`) and waits for `landing`. */
export async function signInUi(page, url, email, password, { code = 'es', landing = '/home' } = {}) {
  await page.getByLabel(msg(code, 'signIn.email'), { exact: true }).fill(email);
  await page.getByLabel(msg(code, 'signIn.password'), { exact: true }).fill(password);
  await page.getByRole('button', { name: msg(code, 'signIn.submit') }).click();
  await page.waitForURL(`${url}${landing}`, { timeout: 15_000 });
}

/** POST /api/v1/auth/sign-in over plain HTTP: the answer, its status, and the refresh cookie. */
export async function apiSignIn(url, email, password) {
  const response = await fetch(`${url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = await response.json().catch(() => null);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
  return { status: response.status, body, cookie };
}

/** Calls the API with `token`; answers the status and the JSON body (`null` when none). */
export async function api(url, token, method, path, body) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/**
 * Signs demo person `who` in on a phone whose browser speaks `code`, after making `code` the
 * language of their profile; answers the phone (page, context, problems) and their token.
 */
export async function signedInSpeaking(browser, server, who, code) {
  const token = (await apiSignIn(server.url, demoEmail(who), DEMO_PASSWORD)).body.access_token;
  const changed = await api(server.url, token, 'PATCH', '/api/v1/me', { locale: code });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  const phone = await newPhonePage(browser, { locale: { es: 'es-ES', en: 'en-GB', it: 'it-IT' }[code] });
  await phone.page.goto(`${server.url}/sign-in`);
  await signInUi(phone.page, server.url, demoEmail(who), DEMO_PASSWORD, { code });
  return { ...phone, token };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls GET /api/v1/mailbox (admin token) until a mail matches; the mail worker needs a moment. */
export async function waitForMail(url, token, predicate, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let last = null;
  while (Date.now() < deadline) {
    const response = await fetch(`${url}/api/v1/mailbox`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.status, 200, 'GET /api/v1/mailbox');
    last = await response.json();
    const found = last.find(predicate);
    if (found) return found;
    await sleep(300);
  }
  throw new Error(`no matching mail after ${timeoutMs} ms; mailbox: ${JSON.stringify(last, null, 2).slice(0, 2000)}`);
}

/** The first link into the app at `path` in a plain-text mail body. */
export function linkIn(body, url, path) {
  const escaped = `${url}${path}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}\\?token=[^\\s<>"']+`).exec(body);
  assert.ok(match, `no ${path} link in mail body:\n${body}`);
  return match[0].replace(/[.,;:!?)\]]+$/, '');
}

/**
 * The link into the app at `path` in the first mail to `email` that holds one, read from the
 * server's log (the development mailbox logs each mail whole): for mails that belong to no
 * organisation yet, which no admin's mailbox shows, such as a sign-up's. `after` (a
 * `server.mark()` taken before the mail was asked for) skips earlier mails.
 */
export async function linkFromLog(server, email, path, { after = 0, timeoutMs } = {}) {
  const prefix = `${server.url}${path}?token=`;
  const mail = await server.waitForDevMail((m) => m.to === email && m.body.includes(prefix), { after, timeoutMs });
  return linkIn(mail.body, server.url, path);
}

/**
 * Goes to screen `name` from the bottom navigation: its link in the bar, or under "More"
 * (opened first) when the person's role keeps it there.
 */
export async function navTo(page, name) {
  const nav = page.getByTestId('bottom-nav');
  const inBar = nav.locator('.bar').getByTestId(`nav-${name}`);
  if ((await inBar.count()) === 0) {
    const more = nav.getByTestId('nav-more');
    if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
  }
  await nav.getByTestId(`nav-${name}`).click();
}

/** The test ids of the bottom navigation's bar, in order ("nav-more" last when there is one). */
export const barItems = (page) =>
  page
    .getByTestId('bottom-nav')
    .locator('.bar')
    .locator('a, button')
    .evaluateAll((items) => items.map((a) => a.dataset.testid));
