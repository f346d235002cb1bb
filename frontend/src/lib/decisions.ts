// The decision form's own checks and the numbers the decision screens format. Pure, so it
// can be unit-tested.
import type { LogBody } from '../api/decisions';

/** The server's limits (cinco_domain::decision). */
export const STORY_MAX = 600;
export const NOTE_MAX = 280;
export const REFERENCE_MAX = 100;

/** What the agent types, as strings from the form. */
export interface DecisionForm {
  decisionKey: string;
  amount: string;
  need: string;
  action: string;
  /** 'yes' | 'no' */
  resolved: string;
  /** '' or '1'…'5' */
  csat: string;
  reference: string;
}

export const emptyForm = (): DecisionForm => ({
  decisionKey: '',
  amount: '',
  need: '',
  action: '',
  resolved: 'yes',
  csat: '',
  reference: '',
});

/** An amount typed with a comma or a point; null when empty, NaN when not a number. */
export function parseAmount(raw: string): number | null {
  const t = raw.trim().replace(',', '.');
  if (!t) return null;
  return /^\d+(\.\d{1,2})?$/.test(t) ? Number(t) : NaN;
}

/**
 * The form's own refusals, per field (the codes of `fieldErrors`). A decision type that
 * grants an amount needs one above zero; a permission has none (its field is not shown).
 */
export function validate(form: DecisionForm, grant: 'amount' | 'permission' = 'amount'): Record<string, string> {
  const out: Record<string, string> = {};
  if (!form.decisionKey) out.decision_key = 'required';
  const amount = grant === 'permission' ? null : parseAmount(form.amount);
  if (amount !== null && Number.isNaN(amount)) out.amount = 'invalid_amount';
  else if (grant === 'amount' && form.decisionKey && (amount === null || amount <= 0)) out.amount = 'required';
  if (!form.need.trim()) out.customer_need = 'required';
  else if (form.need.trim().length > STORY_MAX) out.customer_need = 'too_long';
  if (!form.action.trim()) out.action_taken = 'required';
  else if (form.action.trim().length > STORY_MAX) out.action_taken = 'too_long';
  if (form.reference.trim().length > REFERENCE_MAX) out.contact_reference = 'too_long';
  return out;
}

/** The request body of a checked form (a permission sends no amount). */
export function body(form: DecisionForm, grant: 'amount' | 'permission' = 'amount'): LogBody {
  const amount = grant === 'permission' ? null : parseAmount(form.amount);
  return {
    decision_key: form.decisionKey,
    amount: amount === null || Number.isNaN(amount) ? null : amount,
    customer_need: form.need.trim(),
    action_taken: form.action.trim(),
    resolved_first_contact: form.resolved === 'yes',
    csat: form.csat ? Number(form.csat) : null,
    contact_reference: form.reference.trim() || null,
  };
}

/** A wait in seconds as minutes (under an hour), hours or days, for "answered in …". */
export function duration(seconds: number): { unit: 'minutes' | 'hours' | 'days'; count: number } {
  if (seconds < 3600) return { unit: 'minutes', count: Math.max(1, Math.round(seconds / 60)) };
  if (seconds < 86400) return { unit: 'hours', count: Math.round(seconds / 3600) };
  return { unit: 'days', count: Math.round(seconds / 86400) };
}

/** A share 0–1 as a whole percentage, or null. */
export const percent = (share: number | null | undefined): number | null =>
  share === null || share === undefined ? null : Math.round(share * 100);
