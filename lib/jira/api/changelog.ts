import { ticketKey } from '../../model/key';
import { transitionId, type Transition } from '../../model/transition';
import type { TrackedField } from '../../model/observation';
import type { ChangelogItem, ChangelogPage, EmbeddedChangelog, History, JiraStatus } from './schemas';

/**
 * Jira changelog → QueueLens transitions (source `api`, exact times). Histories are not
 * guaranteed sorted; items name their field by `fieldId` (newer) or `field` (any case, older).
 */

/** "2022-06-20T18:12:30.209+0700": Jira's offset has no colon, which not every engine parses. */
export function parseJiraDate(raw: string | null | undefined): number | undefined {
  if (!raw) return undefined;
  const iso = raw.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const at = Date.parse(iso);
  return Number.isNaN(at) ? undefined : at;
}

export type StatusNames = ReadonlyMap<string, string>;

/** Status id → name, from `/rest/api/3/status` (or the statuses embedded in issues). */
export function statusNamesById(statuses: readonly JiraStatus[]): Map<string, string> {
  return new Map(statuses.map((s) => [s.id, s.name]));
}

export function trackedFieldOf(item: Pick<ChangelogItem, 'field' | 'fieldId'>): TrackedField | undefined {
  switch ((item.fieldId ?? item.field).toLowerCase()) {
    case 'status':
      return 'status';
    case 'assignee':
      return 'assignee';
    case 'priority':
      return 'priority';
    default:
      return undefined;
  }
}

/**
 * The two values of one item, as QueueLens stores them: status names (ids resolved through
 * `statusById`, the item's own strings otherwise), assignee display names as the page shows
 * them (account id or old username only when no name was recorded), priorities lower-cased
 * like the page parsers'.
 */
function valuesOf(field: TrackedField, item: ChangelogItem, statusById: StatusNames): [string | null, string | null] {
  const pick = (id: string | null | undefined, text: string | null | undefined, account: string | null | undefined) => {
    if (field === 'status') return (id ? statusById.get(id) : undefined) ?? text ?? id ?? null;
    if (field === 'assignee') return text ?? account ?? id ?? null;
    const value = text ?? id ?? null;
    return value === null ? null : value.toLowerCase();
  };
  return [pick(item.from, item.fromString, item.tmpFromAccountId), pick(item.to, item.toString, item.tmpToAccountId)];
}

/** Oldest first; same instant → lower history id first (ids grow with time). */
export function sortHistories(histories: readonly History[]): History[] {
  const at = (h: History) => parseJiraDate(h.created) ?? 0;
  const id = (h: History) => Number(h.id) || 0;
  return [...histories].sort((a, b) => at(a) - at(b) || id(a) - id(b));
}

/** Deduplicates histories met twice (embedded page + changelog pages) by id. */
export function mergeHistories(...lists: readonly (readonly History[])[]): History[] {
  const byId = new Map<string, History>();
  for (const list of lists) for (const h of list) byId.set(h.id, h);
  return sortHistories([...byId.values()]);
}

/**
 * Status, assignee and priority changes of one issue, oldest first. Changes made by an app
 * (Jira Automation: `author.accountType === "app"`) are marked automatic: not a handoff.
 */
export function changelogToTransitions(
  host: string,
  issueKey: string,
  histories: readonly History[],
  statusById: StatusNames = new Map(),
): Transition[] {
  const key = ticketKey('jira', host, issueKey);
  const out: Transition[] = [];
  const seen = new Set<string>();
  for (const history of sortHistories(histories)) {
    const at = parseJiraDate(history.created);
    if (at === undefined) continue;
    const automatic = history.author?.accountType === 'app';
    for (const item of history.items) {
      const field = trackedFieldOf(item);
      if (!field) continue;
      const [from, to] = valuesOf(field, item, statusById);
      if (from === to) continue;
      const t: Transition = { id: '', key, field, from, to, at, earliest: at, latest: at, source: 'api', ...(automatic ? { automatic } : {}) };
      t.id = transitionId(t);
      if (seen.has(t.id)) continue;
      seen.add(t.id);
      out.push(t);
    }
  }
  return out;
}

/** An embedded changelog holds only the newest `maxResults` histories when `total` is larger. */
export function isChangelogTruncated(changelog: EmbeddedChangelog | undefined): boolean {
  if (!changelog) return false;
  const total = changelog.total ?? changelog.histories.length;
  return total > changelog.histories.length || (changelog.maxResults !== undefined && total > changelog.maxResults);
}

/** The next `startAt` of a changelog page walk, or undefined when this page was the last. */
export function nextChangelogStartAt(page: ChangelogPage): number | undefined {
  const next = page.startAt + page.values.length;
  if (page.isLast === true || page.values.length === 0 || next >= page.total) return undefined;
  return next;
}

export function statusCategoryById(statuses: readonly JiraStatus[]): Map<string, string> {
  return new Map(statuses.filter((s) => s.statusCategory).map((s) => [s.id, s.statusCategory!.key]));
}
