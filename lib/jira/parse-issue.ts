import type { PagePass } from '../adapter/types';
import { PassBuilder, outsideLink, readKey, readLabelled, readLozenge, textOf } from './dom';
import { issueKeyOfUrl } from './detect';
import { queryFirst } from '../adapter/dom';
import { SELECTORS } from './selectors';

/** The issue's own status: in its status area, else the first lozenge outside linked-issue panels. */
function readIssueStatus(root: ParentNode): string | undefined {
  const area = queryFirst(root, SELECTORS.issueStatusArea);
  if (area) return readLozenge(area) ?? (textOf(area.querySelector('button')) || undefined);
  for (const lozenge of root.querySelectorAll(SELECTORS.statusLozenge[0])) {
    if (!lozenge.closest(SELECTORS.issueOtherIssueArea)) return readLozenge(lozenge.parentElement ?? lozenge);
  }
  return undefined;
}

/** The assignee field: the avatar's hidden label or the name shown next to it. */
function readIssueAssignee(root: ParentNode): string | null | undefined {
  const field = queryFirst(root, SELECTORS.issueAssignee);
  if (!field) return undefined;
  const named = field.querySelector('[data-testid$="name.wrapper"], [hidden], [aria-label^="Assignee"]');
  return readLabelled(named ?? field, 'assignee');
}

/**
 * Reads the issue view (`/browse/KEY`, a JSM queue's issue, `?selectedIssue=`): the
 * breadcrumb's current issue is the item, its container takes the badge.
 */
export function parseIssueView(root: ParentNode, url: URL, now: number): PagePass {
  const pass = new PassBuilder(url, now, 'jira-issue');
  const crumb = queryFirst(root, SELECTORS.issueBreadcrumbKey);
  const heading = queryFirst(root, SELECTORS.issueSummary);
  const anchor = crumb ?? heading;
  pass.container(!!anchor, 'Jira issue view not recognised: no breadcrumb or summary heading');
  if (!anchor) return pass.done();
  pass.report.rows = 1;
  const container = queryFirst(root, SELECTORS.issueBreadcrumbContainer);
  const key = (crumb && readKey(crumb, crumb)) ?? issueKeyOfUrl(url);
  if (!key) {
    pass.problem('Jira issue view not recognised: no issue key in the breadcrumb or URL');
    return pass.done();
  }
  const observation = pass.start(key)!;
  pass.set(observation, 'status', readIssueStatus(root));
  pass.set(observation, 'assignee', readIssueAssignee(root));
  const priority = readLabelled(queryFirst(root, SELECTORS.issuePriority), 'priority');
  pass.set(observation, 'priority', priority ? priority.toLowerCase() : priority);
  pass.setTitle(observation, textOf(heading) || undefined);
  const badgeHost = container ?? outsideLink(anchor);
  pass.add(container ?? anchor, badgeHost, observation);
  return pass.done();
}
