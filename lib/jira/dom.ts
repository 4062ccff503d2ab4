import { ticketKey } from '../model/key';
import type { Observation, PageKind, PageReport } from '../model';
import type { PagePass, ParsedItem } from '../adapter/types';
import { queryFirst } from '../adapter/dom';
import { BROWSE_HREF, ISSUE_KEY, SELECTORS } from './selectors';
import { viewIdOf } from './detect';

/** Shared pieces of every Jira parser: text, keys, people, and the pass bookkeeping. */

export const textOf = (el: Element | null | undefined): string => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Words Jira shows for "nobody" (unassigned / no value), in the languages agents use. */
const EMPTY_VALUES = new Set(['', '-', '—', 'none', 'unassigned', 'nicht zugewiesen', 'non assigné', 'sin asignar', 'não atribuído', '未割り当て', 'keine', 'aucun', 'ninguno', 'nenhum', 'なし']);

export function orNull(value: string): string | null {
  return EMPTY_VALUES.has(value.toLowerCase()) ? null : value;
}

/** "Assignee: Jane Doe" / "Priority: High" / "P1 priority" → the value alone. */
export function stripLabel(raw: string, label: 'assignee' | 'priority'): string {
  const text = raw.replace(/\s+/g, ' ').trim();
  const prefixed = new RegExp(`^${label}\\s*:\\s*`, 'i');
  if (prefixed.test(text)) return text.replace(prefixed, '');
  return text.replace(new RegExp(`\\s+${label}$`, 'i'), '');
}

export function keyFromHref(href: string | null | undefined): string | undefined {
  return href ? BROWSE_HREF.exec(href)?.[1] : undefined;
}

/**
 * The key of the card or row `scope`: the key test id first (its text or href), then
 * `id="card-KEY"`, then `/browse/KEY` links — the one whose text is its own key wins (a key
 * link), else the first link outside parent/epic chips (those name another issue).
 */
export function readKey(scope: Element, keyElement: Element | null): string | undefined {
  if (keyElement) {
    const fromText = ISSUE_KEY.exec(textOf(keyElement))?.[1];
    const fromHref = keyFromHref((keyElement.closest('a') ?? keyElement.querySelector('a'))?.getAttribute('href'));
    if (fromHref ?? fromText) return fromHref ?? fromText;
  }
  const fromId = /^card-([A-Z][A-Z0-9_]+-\d+)$/.exec(scope.id)?.[1];
  if (fromId) return fromId;
  let fallback: string | undefined;
  for (const link of scope.querySelectorAll(SELECTORS.browseLink.join(','))) {
    const key = keyFromHref(link.getAttribute('href'));
    const foreign = link.closest(SELECTORS.foreignIssueArea);
    if (!key || (foreign && scope.contains(foreign))) continue;
    if (textOf(link) === key) return key;
    fallback ??= key;
  }
  return fallback;
}

/** The text of a status lozenge: its `--text` child when present (skips the chevron). */
export function readLozenge(scope: ParentNode): string | undefined {
  const lozenge = queryFirst(scope, SELECTORS.statusLozenge);
  if (!lozenge) return undefined;
  const text = lozenge.querySelector('[data-testid$="--text"]') ?? lozenge;
  const value = textOf(text) || (lozenge.getAttribute('aria-label') ?? '').replace(/\s+-\s+change status$/i, '').trim();
  return value || undefined;
}

/** The element whose own text is `key` (the key label inside a card), if any. */
export function elementWithText(scope: Element, text: string): Element | undefined {
  for (const el of scope.querySelectorAll('div, span')) {
    if (el.childElementCount === 0 && textOf(el) === text) return el;
  }
  return undefined;
}

/** One pass's report and the common observation fields. */
export class PassBuilder {
  readonly host: string;
  readonly items: ParsedItem[] = [];
  readonly report: PageReport;
  private readonly seen = new Set<string>();
  private readonly viewId: string | undefined;

  constructor(
    url: URL,
    private readonly now: number,
    readonly pageKind: PageKind,
  ) {
    // `host` keeps a non-default port: two DC instances on one machine are two hosts.
    this.host = url.host.toLowerCase();
    this.viewId = viewIdOf(url);
    this.report = { tool: 'jira', host: this.host, pageKind, url: url.href.slice(0, 2000), at: now, rows: 0, fieldCounts: {}, errors: 0 };
  }

  count(field: string, by = 1): void {
    this.report.fieldCounts[field] = (this.report.fieldCounts[field] ?? 0) + by;
  }

  /**
   * The observation for a key met in this pass, or undefined when the key was already read:
   * virtualised lists re-mount rows and drag previews duplicate cards; one key, one item.
   */
  start(id: string): Observation | undefined {
    const key = ticketKey('jira', this.host, id);
    if (this.seen.has(key)) return undefined;
    this.seen.add(key);
    this.count('id');
    return {
      key,
      tool: 'jira',
      host: this.host,
      id,
      seenAt: this.now,
      pageKind: this.pageKind,
      ...(this.viewId ? { viewId: this.viewId } : {}),
    };
  }

  add(element: Element, badgeHost: Element, observation: Observation): void {
    this.items.push({ element, badgeHost, observation });
  }

  /** Sets `field` when the page showed it (null = shown empty), and counts it for selector health. */
  set(observation: Observation, field: 'status' | 'assignee' | 'priority', value: string | null | undefined): void {
    if (value === undefined) return;
    observation[field] = value === null ? null : value.slice(0, 500);
    this.count(field);
  }

  setTitle(observation: Observation, value: string | undefined): void {
    if (!value) return;
    observation.title = value.slice(0, 500);
    this.count('title');
  }

  /** The board / table container itself: 0 lets the runner wait out a page still rendering. */
  container(found: boolean, missingProblem: string): void {
    this.report.fieldCounts.table = found ? 1 : 0;
    if (!found) this.problem(missingProblem);
  }

  problem(text: string): void {
    this.report.problem ??= text.slice(0, 300);
  }

  done(): PagePass {
    return { pageKind: this.pageKind, items: this.items, report: this.report };
  }
}

/**
 * Flags the usual layout failures: a container holding issue links but no recognised item
 * (an empty board or filter is not a failure), and items without keys.
 */
export function checkHealth(pass: PassBuilder, what: string, scope: ParentNode | null, found: number, keyed: number): void {
  if (found === 0 && scope?.querySelector(SELECTORS.browseLink.join(','))) {
    pass.problem(`Jira ${what} layout not recognised: the ${what} shows issues but no card or row was found`);
  } else if (found > keyed) {
    pass.problem(`Jira ${what} layout not recognised: ${found - keyed} of ${found} items have no issue key`);
  }
}

/** Badges never go inside a link (they would become part of its click target). */
export function outsideLink(el: Element): Element {
  const link = el.closest('a');
  return link?.parentElement ?? el;
}

/**
 * A person or priority named by an element: its accessible label first (`aria-label`,
 * DC `data-tooltip`, `img[alt]`), then its text, with "Assignee:" / "Priority:" stripped.
 * Returns null when the element says nobody ("Assignee: None", "Unassigned").
 */
export function readLabelled(el: Element | null, label: 'assignee' | 'priority'): string | null | undefined {
  if (!el) return undefined;
  const raw =
    el.getAttribute('aria-label') ||
    el.getAttribute('data-tooltip') ||
    (el.matches('img') ? el.getAttribute('alt') : '') ||
    el.getAttribute('title') ||
    textOf(el);
  const value = stripLabel(raw, label);
  return orNull(value);
}

/** The rows or cards an incremental pass was given that are still mounted and still match `selectors`. */
export function stillMounted(onlyRows: Element[], selectors: readonly string[]): Element[] {
  const selector = selectors.join(',');
  return onlyRows.filter((row) => row.isConnected && row.matches(selector));
}
