import { describe, expect, it } from 'vitest';
import { issueOn, issueText } from './scenarioIssues';
import type { IssueView } from '../api/scenarios';

const issue = (code: string, field: string | null, choice: string | null = null): IssueView => ({
  code,
  node: 'n1',
  choice,
  field,
  message: `english ${code}`,
});

describe('scenario issues', () => {
  it('are said from their code, with the English only for codes not known here', () => {
    const t = (key: string, o?: { values?: Record<string, string | number> }) => `${key}:${o?.values?.node}`;
    expect(issueText(issue('empty_text', 'text'), t, () => true)).toBe('editor.issue.empty_text:n1');
    expect(issueText(issue('brand_new', null), t, () => false)).toBe('english brand_new');
  });

  it('are found on the field at fault, of the node or of one reply', () => {
    const list = [issue('empty_text', 'text'), issue('missing_feedback', 'feedback', 'c1')];
    expect(issueOn(list, 'text')?.code).toBe('empty_text');
    expect(issueOn(list, 'feedback', 'c1')?.code).toBe('missing_feedback');
    expect(issueOn(list, 'feedback', 'c2')).toBeNull();
    expect(issueOn(list, 'text', 'c1')).toBeNull();
  });
});
