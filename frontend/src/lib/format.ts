// Dates, waits and devices, shown in the UI language.

/** "22 Nov 2026, 07:31" in `locale`; the raw text when it is not a date. */
export function formatDateTime(iso: string | null | undefined, locale: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale ?? undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** "22 Nov 2026" in `locale`; the raw text when it is not a date. */
export function formatDate(iso: string | null | undefined, locale: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale ?? undefined, { dateStyle: 'medium' }).format(date);
}

/**
 * How to say a wait of `seconds` (e.g. a Retry-After): in seconds under a minute, else in
 * whole minutes, rounded up so that nobody comes back too early.
 */
export function waitIn(seconds: number): { unit: 'seconds' | 'minutes'; count: number } {
  const whole = Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : 0;
  return whole < 60 ? { unit: 'seconds', count: whole } : { unit: 'minutes', count: Math.ceil(whole / 60) };
}

export interface Device {
  browser: string | null;
  os: string | null;
}

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\b(OPR|Opera)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(Firefox|FxiOS)\//, 'Firefox'],
  [/(Chrome|Chromium|CriOS)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*Safari\//, 'Safari'],
];

const SYSTEMS: [RegExp, string][] = [
  [/\bAndroid\b/, 'Android'],
  [/\b(iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bLinux\b/, 'Linux'],
];

/** A short, human name for a User-Agent string ("Chrome", "Android"); nulls when unknown. */
export function describeDevice(userAgent: string | null | undefined): Device {
  const ua = userAgent ?? '';
  const pick = (table: [RegExp, string][]) => table.find(([pattern]) => pattern.test(ua))?.[1] ?? null;
  return { browser: pick(BROWSERS), os: pick(SYSTEMS) };
}
