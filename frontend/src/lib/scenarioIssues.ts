// A scenario's problems in the reader's language: the server gives a stable `code` (and the
// `field` at fault); the words are `editor.issue.<code>` in the locale files.
import type { IssueView } from '../api/scenarios';

export type Translate = (key: string, options?: { values?: Record<string, string | number> }) => string;

/** The issue said in the reader's language (the server's English only for a code this PWA does not know yet). */
export function issueText(issue: IssueView, translate: Translate, known: (key: string) => boolean): string {
  const key = `editor.issue.${issue.code}`;
  if (!known(key)) return issue.message;
  return translate(key, { values: { node: issue.node ?? '', choice: issue.choice ?? '' } });
}

/** The issue on one field of a node (`choice` null) or of one of its replies. */
export function issueOn(issues: readonly IssueView[], field: string, choice: string | null = null): IssueView | null {
  return issues.find((i) => i.field === field && (i.choice ?? null) === choice) ?? null;
}
