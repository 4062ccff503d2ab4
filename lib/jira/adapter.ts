import type { Adapter, PagePass } from '../adapter/types';
import { detectJiraPage, jiraFlavourOf } from './detect';
import { PassBuilder } from './dom';
import { parseCloudBoard } from './parse-board';
import { parseDcBoard } from './parse-dc-board';
import { parseIssueView } from './parse-issue';
import { parseBacklog, parseIssueTable } from './parse-list';
import { parseJsmQueue } from './parse-queue';

/**
 * Boards route by what the page holds, not the URL alone: a GreenHopper board (`#ghx-pool`:
 * Data Center, or a classic board still served on a Cloud host) is read as one on any host,
 * and a Cloud board URL never reaches the DC parser otherwise.
 */
const isGhxBoard = (url: URL, root: ParentNode) => root.querySelector('#ghx-pool') !== null || jiraFlavourOf(url, root) === 'dc';

export const jiraAdapter: Adapter = {
  tool: 'jira',
  detect: detectJiraPage,
  // Boards, lists and queues read only the changed cards or rows on incremental passes; the
  // Cloud backlog (few, light rows) is read whole. Full passes take over unchanged readings.
  parsePage(root, url, now, onlyRows, reuse): PagePass {
    const pageKind = detectJiraPage(url);
    switch (pageKind) {
      case 'jira-board':
      case 'jira-dc-board':
        return isGhxBoard(url, root) ? parseDcBoard(root, url, now, 'jira-dc-board', onlyRows, reuse) : parseCloudBoard(root, url, now, onlyRows, reuse);
      case 'jira-backlog':
        return isGhxBoard(url, root) ? parseDcBoard(root, url, now, 'jira-backlog', onlyRows, reuse) : parseBacklog(root, url, now, reuse);
      case 'jira-list':
        return parseIssueTable(root, url, now, 'jira-list', onlyRows, reuse);
      case 'jira-queue':
        return parseJsmQueue(root, url, now, onlyRows, reuse);
      case 'jira-issue':
        return parseIssueView(root, url, now);
      default:
        return new PassBuilder(url, now, pageKind).done();
    }
  },
};
