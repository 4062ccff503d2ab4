import { describe, expect, it } from 'vitest';
import { layoutProblem } from '../../../lib/content/runner';

describe('layoutProblem (runner fallback when a page shows nothing to read)', () => {
  it('keeps the exact Zendesk view wording the popup and tests rely on', () => {
    expect(layoutProblem({ tool: 'zendesk', pageKind: 'zendesk-view' }, 'missing')).toBe('Zendesk view layout not recognised: no ticket table found on a view page');
  });

  it('names the tool and page kind for Jira pages', () => {
    expect(layoutProblem({ tool: 'jira', pageKind: 'jira-board' }, 'missing')).toBe('Jira board layout not recognised: no issue board, list or queue found on a board page');
    expect(layoutProblem({ tool: 'jira', pageKind: 'jira-dc-board' }, 'missing')).toMatch(/^Jira board layout not recognised/);
    expect(layoutProblem({ tool: 'jira', pageKind: 'jira-queue' }, 'empty')).toBe('Jira queue layout not recognised: nothing to read on a queue page');
    expect(layoutProblem({ tool: 'zendesk', pageKind: 'zendesk-search' }, 'empty')).toBe('Zendesk search layout not recognised: nothing to read on a search page');
  });
});
