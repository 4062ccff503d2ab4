import type { Adapter, PagePass, ParsedItem } from '../adapter/types';
import type { Annotation, Observation, ObserveResponse, PageKind, PageReport, Tool } from '../model';
import { drawBadges, hasBadge, isOwnNode, type BadgeTarget } from './badges';
import { DEFAULT_THRESHOLDS, type AgeThresholds } from './badge-view';
import { FrameBatcher } from './frame-batcher';
import { installBadgeTooltip } from './badge-tooltip';
import { detectDarkPage, markPageTheme } from './page-theme';
import { Outbox, type Send } from './outbox';
import { EVERY_ROW, type NearViewport, type NearViewportFactory } from './near-viewport';

/** Unchanged rows are re-sent at most this often, to keep "last seen" (a transition bound) fresh. */
const HEARTBEAT_MS = 5 * 60_000;
/**
 * `<html data-queuelens-debug>` on a host page logs each pass's timing to the console (used by
 * `npm run bench`). An attribute, not localStorage: opening storage costs milliseconds.
 */
const debugEnabled = () => document.documentElement.hasAttribute('data-queuelens-debug');

const TOOL_NAMES: Record<Tool, string> = { zendesk: 'Zendesk', jira: 'Jira' };

/** What users call the page: `zendesk-view` → "view", `jira-dc-board` → "board". */
const pageNoun = (kind: PageKind) => kind.replace(/^(?:zendesk|jira)-(?:dc-)?/, '');

/**
 * The popup's selector-health line for a page that showed nothing to read, naming the report's
 * tool and page ("Zendesk view layout not recognised: …", "Jira board layout not recognised: …").
 * `missing`: the table / board itself never appeared; `empty`: it did, with nothing in it.
 */
export function layoutProblem(report: Pick<PageReport, 'tool' | 'pageKind'>, kind: 'missing' | 'empty'): string {
  const noun = pageNoun(report.pageKind);
  const head = `${TOOL_NAMES[report.tool] ?? report.tool} ${noun} layout not recognised`;
  if (kind === 'empty') return `${head}: nothing to read on a ${noun} page`;
  return `${head}: no ${report.tool === 'zendesk' ? 'ticket table' : 'issue board, list or queue'} found on a ${noun} page`;
}

/** Pages about one ticket, which get the ticket panel (Zendesk ticket, Jira issue view). */
const TICKET_PAGES = new Set(['zendesk-ticket', 'jira-issue']);

/** A view page whose table has not appeared after this long is reported as unrecognised. */
const MISSING_TABLE_GRACE_MS = 10_000;

export interface RunnerOptions {
  adapter: Adapter;
  /** Called after each full pass with the ticket a ticket page shows (undefined elsewhere). */
  onTicketPage?: (ticketKey: string | undefined) => void;
  send: Send;
  thresholds?: AgeThresholds;
  now?: () => number;
  /** Which rows may get a new badge now (near-viewport.ts); every row when absent. */
  nearViewport?: NearViewportFactory;
}

function isAck(response: unknown, batchId: string): response is ObserveResponse {
  return typeof response === 'object' && response !== null && (response as ObserveResponse).ok === true && (response as ObserveResponse).batchId === batchId;
}

/** Host SLA cells show time left ("2 h"), so the due time read from them drifts with the clock: compare it to 10 minutes. */
const slaSlot = (o: Observation) => (o.slaDueAt === undefined ? undefined : Math.round(o.slaDueAt / 600_000));

/**
 * Whether two readings of a ticket say the same, for change detection (not `seenAt`). Field by
 * field, allocating nothing: a full pass compares every row, and a reused reading is itself.
 */
const sameReading = (a: Observation, b: Observation) =>
  a === b ||
  (a.status === b.status &&
    a.assignee === b.assignee &&
    a.group === b.group &&
    a.priority === b.priority &&
    a.createdAt === b.createdAt &&
    a.updatedAt === b.updatedAt &&
    slaSlot(a) === slaSlot(b) &&
    a.title === b.title);

/**
 * Drives one adapter on one page: parse on DOM changes (batched per frame), draw badges from
 * the annotations the background returns, and queue what changed in the outbox.
 * Every adapter failure is caught and counted: the host page never sees an exception.
 */
export class ContentRunner {
  readonly annotations = new Map<string, Annotation>();
  private sent = new Map<string, { reading: Observation; at: number }>();
  private items = new WeakMap<Element, ParsedItem>();
  private lastItems: ParsedItem[] = [];
  private lastReportSummary = '';
  private pageStartedAt: number;
  private batcher: FrameBatcher;
  private outbox: Outbox;
  private thresholds: AgeThresholds;
  private now: () => number;
  private debug = debugEnabled();
  private dark: boolean | undefined;
  private removeTooltip: (() => void) | undefined;
  private nearViewport: NearViewport;
  /**
   * Tickets whose badge this page has shown. A host that re-renders its rows (a refresh, a sort)
   * makes new row elements the observer has not measured yet: their badges are drawn at once
   * rather than a frame later, so a re-render never makes badges blink.
   */
  private badgedKeys = new Set<string>();
  errors = 0;
  passes = 0;

  constructor(private options: RunnerOptions) {
    this.now = options.now ?? Date.now;
    this.thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
    this.pageStartedAt = this.now();
    this.nearViewport = options.nearViewport?.((rows) => this.drawArrived(rows)) ?? EVERY_ROW;
    this.outbox = new Outbox(options.send, (r) => this.acknowledged(r), isAck);
    this.batcher = new FrameBatcher(document.documentElement, isOwnNode, (c) => this.pass(c), {
      rowOf: (n) => this.knownRowOf(n),
      has: (n) => this.items.has(n as Element),
    });
  }

  start(): void {
    this.removeTooltip = installBadgeTooltip(document);
    this.batcher.start();
  }

  stop(): void {
    this.batcher.stop();
    this.nearViewport.stop();
    this.removeTooltip?.();
  }

  /** Single-page navigation: the next pass starts afresh for the new view. */
  navigated(): void {
    this.pageStartedAt = this.now();
    this.dark = undefined;
    this.lastReportSummary = '';
    this.batcher.requestFull();
  }

  get pendingObservations(): number {
    return this.outbox.pending;
  }

  /** The rows' changes since their readings were taken went unrecorded: read all afresh. */
  private forgetReadings(): void {
    this.items = new WeakMap();
  }

  private knownRowOf(node: Node): Element | null {
    for (let el = node.nodeType === 1 ? (node as Element) : node.parentElement; el; el = el.parentElement) {
      if (this.items.has(el)) return el;
    }
    return null;
  }

  private pass({ full, rows }: { full: boolean; rows: Set<Element> }): void {
    this.passes += 1;
    const started = performance.now();
    const now = this.now();
    // Only known rows changed: read just those, so the pass is proportional to the change.
    const scope = !full && rows.size > 0 ? [...rows] : undefined;
    // A full pass takes over the reading of every row the observer saw no change in since.
    const reuse = scope ? undefined : (row: Element) => (rows.has(row) ? undefined : this.items.get(row));
    let result: PagePass;
    try {
      const url = new URL(location.href);
      if (this.options.adapter.detect(url) === 'unknown') return this.forgetReadings();
      result = this.options.adapter.parsePage(document, url, now, scope, reuse);
    } catch (error) {
      this.errors += 1;
      console.debug('QueueLens: adapter failed', error);
      return this.forgetReadings();
    }
    const parsedAt = performance.now();
    const fresh = result.items;
    this.readThemeBeforeBadges(fresh);
    this.lastItems = scope ? this.mergeItems(fresh) : fresh;
    if (!scope) this.options.onTicketPage?.(TICKET_PAGES.has(result.pageKind) && fresh.length === 1 ? fresh[0].observation.key : undefined);
    // A changed row not read again (no longer a ticket row) must not lend its old reading later.
    for (const row of rows) this.items.delete(row);
    // Indexed loops over the items here: the first pass runs them before any JIT optimisation.
    for (let i = 0; i < fresh.length; i++) this.items.set(fresh[i].element, fresh[i]);
    this.watchRows(fresh);
    if (this.dark !== undefined) markPageTheme(document, this.dark);
    const drawStart = performance.now();
    const drawn = this.batcher.unobserved(() => this.safeDraw(fresh, now, scope ? undefined : document));
    const drawMs = performance.now() - drawStart;

    const changed: Observation[] = [];
    for (let i = 0; i < fresh.length; i++) {
      const o = fresh[i].observation;
      const last = this.sent.get(o.key);
      if (last && now - last.at <= HEARTBEAT_MS && sameReading(last.reading, o)) continue;
      // A reused reading carries the seenAt of when it was read; what is sent is seen now.
      changed.push(o.seenAt === now ? o : { ...o, seenAt: now });
      this.sent.set(o.key, { reading: o, at: now });
    }
    this.outbox.add(changed, scope ? undefined : this.reportToSend({ ...result.report, errors: this.errors }, now));
    if (this.debug) {
      const ms = performance.now() - started;
      this.log('pass', { full: !scope, changedRows: rows.size, items: fresh.length, drawn, sent: changed.length, ms, parseMs: parsedAt - started, drawMs });
    }
  }

  /**
   * One style read per page, before the first badges are drawn: a computed style forces a style
   * recalc of the page. The first pass after a page load has no annotations yet, so draws nothing
   * and leaves the read to the redraw after the background's answer, frames later, when the page's
   * own first style pass is done and the read is cheap.
   */
  private readThemeBeforeBadges(items: ParsedItem[]): void {
    const probe = items[0]?.badgeHost;
    if (this.dark === undefined && probe && this.annotations.size > 0) this.dark = detectDarkPage(probe);
  }

  /** Replaces re-read rows in the last full pass's list, keeping page order. */
  private mergeItems(updated: ParsedItem[]): ParsedItem[] {
    const byElement = new Map(updated.map((i) => [i.element, i]));
    return this.lastItems.map((i) => byElement.get(i.element) ?? i);
  }

  private log(kind: string, data: Record<string, unknown>): void {
    console.debug(`[QueueLens] ${kind} ${JSON.stringify(data)}`);
  }

  /** Sends a page report when what it says changes, so the popup's selector health is current. */
  private reportToSend(report: PageReport, now: number): PageReport | undefined {
    if (report.fieldCounts.table === 0) {
      if (now - this.pageStartedAt < MISSING_TABLE_GRACE_MS) return undefined;
      report.problem ??= layoutProblem(report, 'missing');
    } else if (report.rows === 0 && report.fieldCounts.layout === 0) {
      if (now - this.pageStartedAt < MISSING_TABLE_GRACE_MS) return undefined;
      report.problem ??= layoutProblem(report, 'empty');
    }
    const summary = JSON.stringify([report.pageKind, report.rows, report.problem, report.fieldCounts]);
    if (summary === this.lastReportSummary) return undefined;
    this.lastReportSummary = summary;
    return report;
  }

  /** Annotations the background pushes (after a backfill); shape-checked, then drawn. */
  acceptAnnotations(annotations: unknown): void {
    if (!Array.isArray(annotations)) return;
    for (const a of annotations as Annotation[]) {
      if (typeof a?.key === 'string' && typeof a.statusSince === 'number' && typeof a.handoffs === 'number') this.annotations.set(a.key, a);
    }
    this.redraw();
  }

  private acknowledged(response: ObserveResponse): void {
    for (const a of response.annotations) this.annotations.set(a.key, a);
    this.thresholds = response.thresholds;
    this.redraw();
  }

  private redraw(): void {
    requestAnimationFrame(() => {
      const started = performance.now();
      const items = this.lastItems.filter((i) => i.element.isConnected);
      this.readThemeBeforeBadges(items);
      if (this.dark !== undefined) markPageTheme(document, this.dark);
      const drawn = this.batcher.unobserved(() => this.safeDraw(items, this.now(), document));
      if (this.debug) this.log('redraw', { drawn, ms: performance.now() - started });
    });
  }

  private watchRows(items: ParsedItem[]): void {
    const rows: Element[] = [];
    for (let i = 0; i < items.length; i++) if (items[i].badgeHost) rows.push(items[i].element);
    this.nearViewport.watch(rows);
  }

  /** Rows that just came near the viewport get their badges (no sweep: the rest stay as they are). */
  private drawArrived(rows: Element[]): void {
    requestAnimationFrame(() => {
      const started = performance.now();
      const items: ParsedItem[] = [];
      for (const row of rows) {
        const item = this.items.get(row);
        if (item && row.isConnected) items.push(item);
      }
      const drawn = this.batcher.unobserved(() => this.safeDraw(items, this.now()));
      if (this.debug) this.log('near', { rows: rows.length, drawn, ms: performance.now() - started });
    });
  }

  /** Badges for rows near the viewport and for tickets shown before, and updates for every badge already drawn. */
  private safeDraw(items: ParsedItem[], now: number, sweep?: ParentNode): number {
    const targets: BadgeTarget[] = [];
    for (let i = 0; i < items.length; i++) {
      const { element, badgeHost, observation } = items[i];
      if (!badgeHost) continue;
      const key = observation.key;
      const annotated = this.annotations.has(key);
      // A sweep removes the badge of every ticket without an annotation: nothing to look at for
      // those (on a page load, the first pass has no annotations yet and only sweeps).
      if (sweep && !annotated) continue;
      if (!this.nearViewport.isNear(element) && !this.badgedKeys.has(key) && !hasBadge(badgeHost)) continue;
      targets.push({ element, badgeHost, key });
      if (annotated) this.badgedKeys.add(key);
    }
    try {
      return drawBadges(
        targets,
        this.annotations,
        now,
        this.thresholds,
        sweep,
      );
    } catch (error) {
      this.errors += 1;
      console.debug('QueueLens: drawing failed', error);
      return 0;
    }
  }
}
