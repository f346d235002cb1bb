import { writable } from 'svelte/store';
import { readStored, writeStored } from './storage';

export type Theme = 'light' | 'dark';
export const THEME_STORAGE_KEY = 'cinco.theme';
const THEME_COLORS: Record<Theme, string> = { light: '#0b5c63', dark: '#0b2f35' };

const darkQuery = () =>
  typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

export function parseTheme(value: string | null | undefined): Theme | null {
  return value === 'light' || value === 'dark' ? value : null;
}

function initialTheme(): Theme {
  return parseTheme(readStored(THEME_STORAGE_KEY)) ?? (darkQuery()?.matches ? 'dark' : 'light');
}

export const theme = writable<Theme>(initialTheme());

function apply(value: Theme) {
  if (typeof document === 'undefined') return;
  const root = document.documentElement;
  root.dataset.theme = value;
  root.style.colorScheme = value;
  for (const meta of document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')) {
    meta.content = THEME_COLORS[value];
  }
}

/** Applies the theme now and keeps <html data-theme> in sync; follows the OS until the user picks. */
export function initTheme(): void {
  theme.subscribe(apply);
  darkQuery()?.addEventListener('change', (event) => {
    if (!parseTheme(readStored(THEME_STORAGE_KEY))) theme.set(event.matches ? 'dark' : 'light');
  });
}

/** A user choice: persisted in localStorage. */
export function setTheme(value: Theme): void {
  writeStored(THEME_STORAGE_KEY, value);
  theme.set(value);
}
