import type { Observation, PageKind, PageReport, Tool } from '../model';

/** One ticket found on a page: where to draw, and what was seen. */
export interface ParsedItem {
  /** The row or card the ticket occupies. */
  element: Element;
  /** The element the badge goes into (a cell or a card footer); null where no badge belongs. */
  badgeHost: Element | null;
  observation: Observation;
  /**
   * What the reading depended on besides the row itself (page kind, view, column layout): a
   * reading is reused only under the same context.
   */
  context?: string;
  /**
   * Selector-health fields the reading found beyond its observation's own (a Data Center card's
   * days in column), so that a reused reading counts in the page report as a fresh one would.
   */
  extraFields?: readonly string[];
}

/**
 * On a full pass: the previous reading of a row that has not changed since (the runner knows
 * from its mutation observer), or undefined when the row must be read again.
 */
export type ReuseReading = (element: Element) => ParsedItem | undefined;

/** The result of one pass of an adapter over a page. */
export interface PagePass {
  pageKind: PageKind;
  items: ParsedItem[];
  report: PageReport;
}

/** The one shape every host-tool adapter has (DESIGN.md, Adapters). */
export interface Adapter {
  tool: Tool;
  detect(url: URL): PageKind;
  /**
   * Pure function of a DOM root: reads, never writes. With `onlyRows`, reads just those rows
   * (an incremental pass after they changed); adapters that cannot scope ignore it. With
   * `reuse`, an unchanged row's previous item may stand in for reading it again, as it was (its
   * `seenAt` too: the runner stamps what it sends); adapters that do not cache ignore it.
   */
  parsePage(root: ParentNode, url: URL, now: number, onlyRows?: Element[], reuse?: ReuseReading): PagePass;
}
