// Shared by the train-the-trainer browser tests (tracks, certifications): demo people, an
// API caller and a signed-in phone page, in Spanish.
import { newPhonePage } from './browser.mjs';
import { DEMO_PASSWORD, demoEmail, e2eSkipReason } from './server.mjs';
import { msg, signInUi } from './ui.mjs';

export const skip = e2eSkipReason();
export const code = 'es';
export const TRACK = 'Coach de empatía en 10 minutos';
export const MODULE = 'Enseña la empatía a tu equipo';
export const CRITERIA = ['Fija un objetivo claro', 'Hace practicar al equipo'];
// Laura Gómez (lead1) leads Equipo Madrid; Luca Bianchi (lead2) leads Squadra Milano.
export const LEAD = { email: demoEmail('lead1'), name: 'Laura Gómez' };
export const OTHER_LEAD = { email: demoEmail('lead2'), name: 'Luca Bianchi' };

export async function api(url, token, method, path, body) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

export async function signedIn(browser, server, email, options = {}) {
  const phone = await newPhonePage(browser, options);
  await phone.page.goto(`${server.url}/sign-in`);
  await signInUi(phone.page, server.url, email, DEMO_PASSWORD, { code });
  return phone;
}

export const heading = (page, key, values) => page.getByRole('heading', { level: 1, name: msg(code, key, values) });
export const loaded = (page) => page.getByTestId('loading').waitFor({ state: 'detached' });

