import { writable } from 'svelte/store';

/** A message key for the next screen to show once (e.g. "your password was changed"). */
export const flash = writable<string | null>(null);
