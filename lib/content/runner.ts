import type { Adapter, ParsedItem } from '../adapter/types';
import type { Annotation, Observation, ObserveResponse, PageReport } from '../model';
import { drawBadges, ensureBadgeStyle, isOwnNode } from './badges';
import { DEFAULT_THRESHOLDS, type AgeThresholds } from './badge-view';
import { FrameBatcher } from './frame-batcher';
import { Outbox, type Send } from './outbox';

/** Unchanged rows are re-sent at most this often, to keep "last seen" (a transition bound) fresh. */
const HEARTBEAT_MS = 5 * 60_000;
/** A view page whose table has not appeared after this long is reported as unrecognised. */
const MISSING_TABLE_GRACE_MS = 10_000;

export interface RunnerOptions {
  adapter: Adapter;
  /** Called after each full pass with the ticket a ticket page shows (undefined elsewhere). */
  onTicketPage?: (ticketKey: string | undefined) => void;
  send: Send;
  thresholds?: AgeThresholds;
  now?: () => number;
}

function isAck(response: unknown, batchId: string): response is ObserveResponse {
  return typeof response === 'object' && response !== null && (response as ObserveResponse).ok === true && (response as ObserveResponse).batchId === batchId;
}

/** Which observed values matter for change detection (not `seenAt`). */
const fingerprint = (o: Observation) =>
  [o.status, o.assignee, o.group, o.priority, o.createdAt, o.updatedAt, o.slaDueAt, o.title].join('\u0000');

/**
 * Drives one adapter on one page: parse on DOM changes (batched per frame), draw badges from
 * the annotations the background returns, and queue what changed in the outbox.
 * Every adapter failure is caught and counted: the host page never sees an exception.
 */
export class ContentRunner {
  readonly annotations = new Map<string, Annotation>();
  private sent = new Map<string, { fingerprint: string; at: number }>();
  private items = new WeakMap<Element, ParsedItem>();
  private lastItems: ParsedItem[] = [];
  private lastReportSummary = '';
  private pageStartedAt: number;
  private batcher: FrameBatcher;
  private outbox: Outbox;
  private thresholds: AgeThresholds;
  private now: () => number;
  errors = 0;
  passes = 0;

  constructor(private options: RunnerOptions) {
    this.now = options.now ?? Date.now;
    this.thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
    this.pageStartedAt = this.now();
    this.outbox = new Outbox(options.send, (r) => this.acknowledged(r), isAck);
    this.batcher = new FrameBatcher(document.documentElement, isOwnNode, (c) => this.pass(c), (n) => this.knownRowOf(n));
  }

  start(): void {
    ensureBadgeStyle(document);
    this.batcher.start();
  }

  stop(): void {
    this.batcher.stop();
  }

  /** Single-page navigation: the next pass starts afresh for the new view. */
  navigated(): void {
    this.pageStartedAt = this.now();
    this.lastReportSummary = '';
    this.batcher.requestFull();
  }

  get pendingObservations(): number {
    return this.outbox.pending;
  }

  private knownRowOf(node: Node): Element | null {
    for (let el = node.nodeType === 1 ? (node as Element) : node.parentElement; el; el = el.parentElement) {
      if (this.items.has(el)) return el;
    }
    return null;
  }

  private pass({ full }: { full: boolean; rows: Set<Element> }): void {
    this.passes += 1;
    const now = this.now();
    let items: ParsedItem[];
    let report: PageReport;
    try {
      const url = new URL(location.href);
      if (this.options.adapter.detect(url) === 'unknown') return;
      const result = this.options.adapter.parsePage(document, url, now);
      items = result.items;
      report = result.report;
    } catch (error) {
      this.errors += 1;
      console.debug('QueueLens: adapter failed', error);
      return;
    }
    this.lastItems = items;
    if (full) this.options.onTicketPage?.(items.length === 1 && !items[0].badgeHost ? items[0].observation.key : undefined);
    for (const item of items) this.items.set(item.element, item);
    this.safeDraw(items, now);

    const changed = items
      .map((i) => i.observation)
      .filter((o) => {
        const last = this.sent.get(o.key);
        return !last || last.fingerprint !== fingerprint(o) || now - last.at > HEARTBEAT_MS;
      });
    for (const o of changed) this.sent.set(o.key, { fingerprint: fingerprint(o), at: now });
    this.outbox.add(changed, full ? this.reportToSend({ ...report, errors: this.errors }, now) : undefined);
  }

  /** Sends a page report when what it says changes, so the popup's selector health is current. */
  private reportToSend(report: PageReport, now: number): PageReport | undefined {
    if (report.fieldCounts.table === 0) {
      if (now - this.pageStartedAt < MISSING_TABLE_GRACE_MS) return undefined;
      report.problem ??= 'Zendesk view layout not recognised: no ticket table found on a view page';
    } else if (report.rows === 0 && report.fieldCounts.layout === 0) {
      if (now - this.pageStartedAt < MISSING_TABLE_GRACE_MS) return undefined;
      report.problem ??= `${report.tool === 'zendesk' ? 'Zendesk' : 'Jira'} page layout not recognised: nothing to read on a ${report.pageKind} page`;
    }
    const summary = JSON.stringify([report.pageKind, report.rows, report.problem, report.fieldCounts]);
    if (summary === this.lastReportSummary) return undefined;
    this.lastReportSummary = summary;
    return report;
  }

  private acknowledged(response: ObserveResponse): void {
    for (const a of response.annotations) this.annotations.set(a.key, a);
    this.thresholds = response.thresholds;
    this.redraw();
  }

  private redraw(): void {
    requestAnimationFrame(() => this.safeDraw(this.lastItems.filter((i) => i.element.isConnected), this.now()));
  }

  private safeDraw(items: ParsedItem[], now: number): void {
    try {
      drawBadges(
        items.flatMap((i) => (i.badgeHost ? [{ badgeHost: i.badgeHost, key: i.observation.key }] : [])),
        this.annotations,
        now,
        this.thresholds,
      );
    } catch (error) {
      this.errors += 1;
      console.debug('QueueLens: drawing failed', error);
    }
  }
}
