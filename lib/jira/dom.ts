import { ticketKey } from '../model/key';
import type { Observation, PageKind, PageReport } from '../model';
import type { PagePass, ParsedItem, ReuseReading } from '../adapter/types';
import { addTally, collapsed, emptyReadTally, queryFirst, shownText, tallyReading, type ReadTally } from '../adapter/dom';
import { BROWSE_HREF, ISSUE_KEY, SELECTORS } from './selectors';
import { viewIdOf } from './detect';

/** Shared pieces of every Jira parser: text, keys, people, and the pass bookkeeping. */

/** An element's text as shown, whitespace collapsed. */
export const textOf = shownText;

/** Words Jira shows for "nobody" (unassigned / no value), in the languages agents use. */
const EMPTY_VALUES = new Set(['', '-', '—', 'none', 'unassigned', 'nicht zugewiesen', 'non assigné', 'sin asignar', 'não atribuído', '未割り当て', 'keine', 'aucun', 'ninguno', 'nenhum', 'なし']);

export function orNull(value: string): string | null {
  return EMPTY_VALUES.has(value.toLowerCase()) ? null : value;
}

// Built once: a regex built per call is compiled per call (a card reads two labels).
const LABEL_PREFIX = { assignee: /^assignee\s*:\s*/i, priority: /^priority\s*:\s*/i };
const LABEL_SUFFIX = { assignee: /\s+assignee$/i, priority: /\s+priority$/i };

/** "Assignee: Jane Doe" / "Priority: High" / "P1 priority" → the value alone. */
export function stripLabel(raw: string, label: 'assignee' | 'priority'): string {
  const text = collapsed(raw);
  const prefixed = LABEL_PREFIX[label];
  if (prefixed.test(text)) return text.replace(prefixed, '');
  return text.replace(LABEL_SUFFIX[label], '');
}

export function keyFromHref(href: string | null | undefined): string | undefined {
  return href ? BROWSE_HREF.exec(href)?.[1] : undefined;
}

const CARD_ID = /^card-([A-Z][A-Z0-9_]+-\d+)$/;

/**
 * The key of the card or row `scope`: the key test id first (its text or href), then
 * `id="card-KEY"`, then `/browse/KEY` links — the one whose text is its own key wins (a key
 * link), else the first link outside parent/epic chips (those name another issue).
 */
export function readKey(scope: Element, keyElement: Element | null): string | undefined {
  if (keyElement) {
    // The link's href first; the text only without one.
    const link = keyElement.closest('a') ?? keyElement.querySelector('a');
    const key = keyFromHref(link?.getAttribute('href')) ?? ISSUE_KEY.exec(textOf(keyElement))?.[1];
    if (key) return key;
  }
  const fromId = CARD_ID.exec(scope.id)?.[1];
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

/** One pass's report, the common observation fields, and the readings it takes over. */
export class PassBuilder {
  readonly host: string;
  readonly items: ParsedItem[] = [];
  readonly report: PageReport;
  /** What every reading of this pass depends on beyond its row: page kind, host and view. */
  readonly context: string;
  private readonly seen = new Set<string>();
  private readonly viewId: string | undefined;
  private readonly keyPrefix: string;
  private readonly detailedContexts = new Map<string, string>();
  /** What the items read, tallied in plain fields (500 items × 8 fields) and reported in `done`. */
  private readonly readCounts = emptyReadTally();

  constructor(
    url: URL,
    private readonly now: number,
    readonly pageKind: PageKind,
    private readonly reuse?: ReuseReading,
  ) {
    // `host` keeps a non-default port: two DC instances on one machine are two hosts.
    this.host = url.host.toLowerCase();
    this.viewId = viewIdOf(url);
    this.keyPrefix = ticketKey('jira', this.host, '');
    this.context = `${pageKind}\u0000${this.host}\u0000${this.viewId ?? ''}`;
    this.report = { tool: 'jira', host: this.host, pageKind, url: url.href.slice(0, 2000), at: now, rows: 0, fieldCounts: {}, errors: 0 };
  }

  /**
   * The context of a reading that also depends on something outside its row (a card's column
   * name, a table's column layout); `undefined` (no column) differs from every string. One
   * string per distinct detail, so a pass over 500 cards builds a handful.
   */
  contextWith(detail: string | undefined): string {
    if (detail === undefined) return this.context;
    let context = this.detailedContexts.get(detail);
    if (context === undefined) {
      context = `${this.context}\u0000${detail}`;
      this.detailedContexts.set(detail, context);
    }
    return context;
  }

  /**
   * Takes over the previous reading of a row the runner saw no change in, when it was read under
   * the same `context`: true when taken (the row needs no reading). Counted as a fresh reading
   * would be; a key already met in this pass is skipped, as `start` would.
   */
  reused(element: Element, context: string): boolean {
    const previous = this.reuse?.(element);
    if (previous === undefined || previous.context !== context) return false;
    if (this.claim(previous.observation.id)) this.push(previous);
    return true;
  }

  count(field: string, by = 1): void {
    this.report.fieldCounts[field] = (this.report.fieldCounts[field] ?? 0) + by;
  }

  /**
   * The observation for a key met in this pass, or undefined when the key was already read:
   * virtualised lists re-mount rows and drag previews duplicate cards; one key, one item.
   */
  start(id: string): Observation | undefined {
    if (!this.claim(id)) return undefined;
    const observation: Observation = { key: this.keyPrefix + id, tool: 'jira', host: this.host, id, seenAt: this.now, pageKind: this.pageKind };
    if (this.viewId) observation.viewId = this.viewId;
    return observation;
  }

  /** Adds a reading made under `context` (see `contextWith`); `extraFields` as on ParsedItem. */
  add(element: Element, badgeHost: Element, observation: Observation, context = this.context, extraFields?: readonly string[]): void {
    this.push(extraFields ? { element, badgeHost, observation, context, extraFields } : { element, badgeHost, observation, context });
  }

  /** Sets `field` when the page showed it (null = shown empty). */
  set(observation: Observation, field: 'status' | 'assignee' | 'priority', value: string | null | undefined): void {
    if (value === undefined) return;
    observation[field] = value === null ? null : value.slice(0, 500);
  }

  setTitle(observation: Observation, value: string | undefined): void {
    if (value) observation.title = value.slice(0, 500);
  }

  /** The board / table container itself: 0 lets the runner wait out a page still rendering. */
  container(found: boolean, missingProblem: string): void {
    this.report.fieldCounts.table = found ? 1 : 0;
    if (!found) this.problem(missingProblem);
  }

  problem(text: string): void {
    this.report.problem ??= text.slice(0, 300);
  }

  /** How many items so far read `field` (status, assignee, …). */
  itemsWith(field: keyof ReadTally): number {
    return this.readCounts[field];
  }

  done(): PagePass {
    addTally(this.readCounts, this.report.fieldCounts);
    return { pageKind: this.pageKind, items: this.items, report: this.report };
  }

  /** Marks issue `id` read in this pass (ids, not keys: one host per pass); false when it already was. */
  private claim(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    return true;
  }

  /** Adds an item and counts what it read, for selector health: fresh and reused readings alike. */
  private push(item: ParsedItem): void {
    this.items.push(item);
    tallyReading(item.observation, this.readCounts);
    if (item.extraFields) for (const field of item.extraFields) this.count(field);
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
    (el.localName === 'img' ? el.getAttribute('alt') : '') ||
    el.getAttribute('title') ||
    textOf(el);
  return orNull(stripLabel(raw, label));
}

/**
 * A label element's own text ("Assignee: Jane Doe", a hidden avatar label) with the label
 * stripped: null when it says nobody. Its text is the label, so no attribute is read (four DOM
 * calls fewer per card than `readLabelled`).
 */
export function readLabelText(el: Element, label: 'assignee' | 'priority'): string | null {
  return orNull(stripLabel(textOf(el), label));
}

/** The rows or cards an incremental pass was given that are still mounted and still match `selectors`. */
export function stillMounted(onlyRows: Element[], selectors: readonly string[]): Element[] {
  const selector = selectors.join(',');
  return onlyRows.filter((row) => row.isConnected && row.matches(selector));
}
