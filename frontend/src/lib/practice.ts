// Pure helpers for playing scenarios: the run id kept per scenario version on this device
// (so a run resumes where it was left), and how amounts and times are shown.

const KEY = 'cinco.run.';

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;

/** This device's run of a version: the one in progress, or a new id. */
export function runIdFor(versionId: string, store: Store, fresh: () => string): string {
  const existing = store?.getItem(KEY + versionId);
  if (existing) return existing;
  const id = fresh();
  store?.setItem(KEY + versionId, id);
  return id;
}

/** Forget the run of a version (it finished), so the next play starts anew. */
export function forgetRun(versionId: string, store: Store): void {
  store?.removeItem(KEY + versionId);
}

/** An amount in the organisation's currency, in the UI language. */
export function money(amount: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: amount % 1 === 0 ? 0 : 2 }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** m:ss for a simulated handle time. */
export const duration = (seconds: number) => `${Math.floor(seconds / 60)}:${String(Math.round(seconds % 60)).padStart(2, '0')}`;
