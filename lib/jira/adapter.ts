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
  // Lists and queues read only changed rows on incremental passes; boards need each card's
  // column context, so they are read whole.
  parsePage(root, url, now, onlyRows): PagePass {
    const pageKind = detectJiraPage(url);
    switch (pageKind) {
      case 'jira-board':
      case 'jira-dc-board':
        return isGhxBoard(url, root) ? parseDcBoard(root, url, now) : parseCloudBoard(root, url, now);
      case 'jira-backlog':
        return isGhxBoard(url, root) ? parseDcBoard(root, url, now, 'jira-backlog') : parseBacklog(root, url, now);
      case 'jira-list':
        return parseIssueTable(root, url, now, 'jira-list', onlyRows);
      case 'jira-queue':
        return parseJsmQueue(root, url, now, onlyRows);
      case 'jira-issue':
        return parseIssueView(root, url, now);
      default:
        return new PassBuilder(url, now, pageKind).done();
    }
  },
};
