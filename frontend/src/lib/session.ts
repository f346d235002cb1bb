// The app's one auth instance, wired to the UI language. App.svelte sends signed-out people
// to /sign-in.
import { derived } from 'svelte/store';
import { createApiClient } from '../api/client';
import { createAuth, type AuthState } from './auth';
import { setLocale } from './i18n';
import { readStored, writeStored } from './storage';
import type { Me, Role } from '../api/types';

const ME_KEY = 'cinco.me';

/** Who was last signed in on this device (so the app opens offline); nothing secret. */
const remember = {
  load(): Me | null {
    try {
      const raw = readStored(ME_KEY);
      return raw ? (JSON.parse(raw) as Me) : null;
    } catch {
      return null;
    }
  },
  save(me: Me | null) {
    writeStored(ME_KEY, me ? JSON.stringify(me) : null);
  },
};

/** Serialises refreshes across tabs where the Web Locks API exists. */
async function webLock<T>(run: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? await locks.request('cinco-auth-refresh', run) : run();
}

export const auth = createAuth({
  // The profile's language wins, and is remembered on this device for the next cold start.
  onSignedIn: (me) => setLocale(me.locale, { persist: true }),
  lock: webLock,
  remember,
});

export const authState = auth.state;

/** The typed client for the signed-in person: every call carries their token. */
export const api = createApiClient(auth.fetch);

/** The typed client for calls made signed out (sign-in, invitations, password resets…). */
export const publicApi = createApiClient();

/** The signed-in user, or null. */
export const me = derived(authState, (state: AuthState): Me | null => (state.status === 'signed-in' ? state.me : null));

export const hasRole = (user: Me | null, ...roles: Role[]) => !!user && roles.some((role) => user.roles.includes(role));
