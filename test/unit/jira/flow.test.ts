import { describe, expect, it } from 'vitest';
import { changelogToTransitions, statusNamesById } from '../../../lib/jira/api/changelog';
import { parseJiraSearchPage } from '../../../lib/jira/api/backfill';
import { BoardConfigurationSchema, StatusListSchema } from '../../../lib/jira/api/schemas';
import {
  categoryOfStatusName,
  columnOfStatusFromBoard,
  commitmentPoint,
  currentColumnTime,
  cycleTime,
  stageOfStatusName,
  timeInColumnAccumulated,
  type JiraCategory,
} from '../../../lib/jira/flow';
import { transitionId, type Transition } from '../../../lib/model';
import { loadJson } from './fixtures';

const H = 3_600_000;
const T0 = Date.UTC(2026, 2, 2, 9, 0);
const KEY = 'jira:acme.atlassian.net:OPS-9';

/** A status change at T0 + hours. */
function move(hours: number, from: string, to: string): Transition {
  const at = T0 + hours * H;
  const t: Transition = { id: '', key: KEY, field: 'status', from, to, at, earliest: at, latest: at, source: 'api' };
  return { ...t, id: transitionId(t) };
}

const columns = new Map([
  ['Backlog', 'To Do'],
  ['To Do', 'To Do'],
  ['In Progress', 'Doing'],
  ['In Review', 'Review'],
  ['Done', 'Done'],
  ['Closed', 'Done'],
]);
const categories = new Map<string, JiraCategory>([
  ['Backlog', 'new'],
  ['To Do', 'new'],
  ['In Progress', 'indeterminate'],
  ['In Review', 'indeterminate'],
  ['Done', 'done'],
  ['Closed', 'done'],
]);

/*
 * Hand-worked example. Created at T0 in Backlog; now = T0 + 100 h.
 *   h  0–10  Backlog      → column To Do   (10 h)
 *   h 10–20  To Do        → column To Do   (10 h; same column, same visit)
 *   h 20–50  In Progress  → Doing          (30 h)   ← commitment point (first In Progress)
 *   h 50–56  In Review    → Review         ( 6 h)
 *   h 56–60  In Progress  → Doing          ( 4 h)   backward move: a revisit
 *   h 60–70  To Do        → To Do          (10 h)   backward to To Do: commitment is kept
 *   h 70–75  In Progress  → Doing          ( 5 h)
 *   h 75–100 Done         → Done           (25 h)
 * Accumulated: To Do 10+10+10 = 30 h, Doing 30+4+5 = 39 h, Review 6 h, Done 25 h (sum 100 h).
 * Cycle time: done at h 75 − committed at h 20 = 55 h.
 */
const history = [
  move(75, 'In Progress', 'Done'), // deliberately unsorted
  move(10, 'Backlog', 'To Do'),
  move(20, 'To Do', 'In Progress'),
  move(50, 'In Progress', 'In Review'),
  move(56, 'In Review', 'In Progress'),
  move(60, 'In Progress', 'To Do'),
  move(70, 'To Do', 'In Progress'),
];
const NOW = T0 + 100 * H;

describe('timeInColumnAccumulated (hand-worked example)', () => {
  it('accumulates time across revisits of a column', () => {
    const total = timeInColumnAccumulated(history, columns, NOW, T0);
    expect(Object.fromEntries([...total].map(([c, ms]) => [c, ms / H]))).toEqual({ 'To Do': 30, Doing: 39, Review: 6, Done: 25 });
  });

  it('without the creation time, counts from the first change', () => {
    const total = timeInColumnAccumulated(history, columns, NOW);
    expect(total.get('To Do')! / H).toBe(20);
  });

  it('shows the current visit next to the accumulated time', () => {
    const open = history.filter((t) => t.to !== 'Done');
    expect(currentColumnTime(open, columns, NOW, T0)).toEqual({ column: 'Doing', accumulatedMs: (30 + 4 + 30) * H, currentVisitMs: 30 * H });
  });

  it('does not count statuses that are not on the board', () => {
    const total = timeInColumnAccumulated([move(1, 'To Do', 'Parked'), move(3, 'Parked', 'To Do')], columns, T0 + 5 * H, T0);
    expect(total.get('To Do')! / H).toBe(3);
    expect(total.has('Parked')).toBe(false);
  });
});

describe('commitment point and cycle time', () => {
  it('commits at the first entry into In Progress; moving back keeps it', () => {
    expect(commitmentPoint(history, categories)).toBe(T0 + 20 * H);
    expect(cycleTime(history, categories)).toEqual({ startedAt: T0 + 20 * H, doneAt: T0 + 75 * H, cycleMs: 55 * H });
  });

  it('a reopened item is not done; done again counts the later time', () => {
    const reopened = [...history, move(80, 'Done', 'In Progress')];
    expect(cycleTime(reopened, categories)).toEqual({ startedAt: T0 + 20 * H });
    const redone = [...reopened, move(90, 'In Progress', 'Done'), move(95, 'Done', 'Closed')];
    expect(cycleTime(redone, categories)).toEqual({ startedAt: T0 + 20 * H, doneAt: T0 + 90 * H, cycleMs: 70 * H });
  });

  it('an item never in progress has no start', () => {
    expect(cycleTime([move(5, 'To Do', 'Done')], categories)).toEqual({ doneAt: T0 + 5 * H });
  });
});

describe('maps from the API', () => {
  const statusList = StatusListSchema.parse(loadJson('statuses.json'));
  const board = BoardConfigurationSchema.parse(loadJson('board-configuration.json'));

  it('board configuration + statuses → column of each status name', () => {
    const map = columnOfStatusFromBoard(board, statusNamesById(statusList));
    expect(Object.fromEntries(map)).toEqual({ 'To Do': 'To Do', Backlog: 'To Do', 'In Progress': 'Doing', 'In Review': 'Review', Done: 'Done' });
  });

  it('status categories and stages, "No Category" left out', () => {
    expect(categoryOfStatusName(statusList).has('Archived')).toBe(false);
    expect(Object.fromEntries(stageOfStatusName(statusList))).toMatchObject({ 'To Do': 'queued', 'In Review': 'active', Done: 'done' });
  });

  it('end to end on the recorded OPS-1 history', () => {
    const issue = parseJiraSearchPage(loadJson('search-jql-page.json'))!.issues[0];
    const ts = changelogToTransitions('acme.atlassian.net', issue.key, issue.changelog!.histories, statusNamesById(statusList));
    const columnMap = columnOfStatusFromBoard(board, statusNamesById(statusList));
    const now = Date.UTC(2026, 2, 8, 9, 0);
    const total = timeInColumnAccumulated(ts, columnMap, now, Date.UTC(2026, 2, 2, 9, 0));
    // To Do 03-02 09:00→03-03 09:00; Doing 03-03→03-04 and 03-05→03-08; Review 03-04→03-05
    expect(Object.fromEntries([...total].map(([c, ms]) => [c, ms / H]))).toEqual({ 'To Do': 24, Doing: 96, Review: 24 });
    expect(commitmentPoint(ts, categoryOfStatusName(statusList))).toBe(Date.UTC(2026, 2, 3, 9, 0));
  });
});
