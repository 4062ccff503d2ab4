import type { PagePass, ReuseReading } from '../adapter/types';
import { PassBuilder, checkHealth, stillMounted, readKey, readLabelled, textOf } from './dom';
import { queryAllFirst, queryFirst } from '../adapter/dom';
import { SELECTORS } from './selectors';

const ISSUE_KEY_ONLY = /^[A-Z][A-Z0-9_]+-\d+$/;
const FIRST_NUMBER = /(\d+)/;
/** A card that shows its days in column counts that field too (ParsedItem.extraFields). */
const DAYS_IN_COLUMN = ['daysInColumn'] as const;

/** "5 days in this column" (DC's `.ghx-days` tooltip) → 5; the dot count is the fallback. */
export function readDaysInColumn(card: Element): number | undefined {
  const days = queryFirst(card, SELECTORS.dcDays);
  if (!days) return undefined;
  const tip = days.getAttribute('data-tooltip') ?? days.getAttribute('title') ?? '';
  const fromTip = FIRST_NUMBER.exec(tip)?.[1];
  if (fromTip) return Number(fromTip);
  const dots = days.querySelectorAll('.ghx-days-icon, b').length;
  return dots || undefined;
}

/** Column id → title from the header row (`li[data-id]`), plus titles in order as a fallback. */
function readHeaders(root: ParentNode): { byId: Map<string, string>; ordered: string[] } {
  const byId = new Map<string, string>();
  const ordered: string[] = [];
  for (const header of queryAllFirst(root, SELECTORS.dcColumnHeader)) {
    const title = queryFirst(header, SELECTORS.dcColumnTitle);
    const name = title?.getAttribute('title')?.trim() || textOf(title) || '';
    ordered.push(name);
    const id = header.getAttribute('data-id');
    if (id && name) byId.set(id, name);
  }
  return { byId, ordered };
}

/**
 * The status of the cards in each body column: the header of the same column id, else the one
 * at the same position among its sibling columns. Once per column, not per card.
 */
function columnStatuses(headers: ReturnType<typeof readHeaders>): (column: Element) => string | undefined {
  const columnSelector = SELECTORS.dcColumn.join(',');
  const statuses = new Map<Element, string | undefined>();
  return (column) => {
    if (statuses.has(column)) return statuses.get(column);
    const id = column.getAttribute('data-column-id') ?? '';
    const siblings = column.parentElement ? [...column.parentElement.children].filter((c) => c.matches(columnSelector)) : [];
    const status = headers.byId.get(id) ?? headers.ordered[siblings.indexOf(column)];
    statuses.set(column, status);
    return status;
  };
}

/**
 * Reads a Jira Data Center / Server board (GreenHopper markup, any host the user granted).
 * Also reads the DC backlog's compact rows, which have no columns (status left unread).
 * With `reuse`, an unchanged card under a column of the same name is not read again.
 */
export function parseDcBoard(
  root: ParentNode,
  url: URL,
  now: number,
  pageKind: 'jira-dc-board' | 'jira-backlog' = 'jira-dc-board',
  onlyRows?: Element[],
  reuse?: ReuseReading,
): PagePass {
  const pass = new PassBuilder(url, now, pageKind, reuse);
  const pool = queryFirst(root, SELECTORS.dcPool);
  const scope: ParentNode = pool ?? root;
  // An incremental pass reads only the changed cards (each finds its column from itself).
  const cards = onlyRows ? stillMounted(onlyRows, SELECTORS.dcCard) : queryAllFirst(scope, SELECTORS.dcCard);
  pass.container(!!pool || cards.length > 0, 'Jira board layout not recognised: no #ghx-pool on a Data Center board');
  pass.count('swimlanes', queryAllFirst(scope, SELECTORS.dcSwimlane).length);
  const headers = readHeaders(root);
  pass.count('columns', headers.ordered.length);
  const statusOf = columnStatuses(headers);
  const columnSelector = SELECTORS.dcColumn.join(',');

  let keyed = 0;
  for (const card of cards) {
    pass.report.rows += 1;
    const column = card.closest(columnSelector);
    const status = column ? statusOf(column) : undefined;
    // A card's status comes from its column, outside the card: part of the reading's context.
    const context = pass.contextWith(status);
    if (pass.reused(card, context)) {
      keyed += 1;
      continue;
    }
    const key = card.getAttribute('data-issue-key')?.trim() || readKey(card, queryFirst(card, SELECTORS.dcKey));
    if (!key || !ISSUE_KEY_ONLY.test(key)) continue;
    keyed += 1;
    const observation = pass.start(key);
    if (!observation) continue;
    pass.set(observation, 'status', status);
    pass.set(observation, 'assignee', readLabelled(queryFirst(card, SELECTORS.dcAssignee), 'assignee'));
    const priority = readLabelled(queryFirst(card, SELECTORS.dcPriority), 'priority');
    pass.set(observation, 'priority', priority ? priority.toLowerCase() : priority);
    const summary = queryFirst(card, SELECTORS.dcSummary);
    pass.setTitle(observation, summary?.getAttribute('title')?.trim() || textOf(summary) || undefined);
    const extraFields = readDaysInColumn(card) !== undefined ? DAYS_IN_COLUMN : undefined;
    pass.add(card, queryFirst(card, SELECTORS.dcCardFooter) ?? card, observation, context, extraFields);
  }
  if (!onlyRows) checkHealth(pass, 'board', pool, cards.length, keyed);
  return pass.done();
}
