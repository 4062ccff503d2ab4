import type { Observation, PageKind, PageReport, Tool } from '../model';

/** One ticket found on a page: where to draw, and what was seen. */
export interface ParsedItem {
  /** The row or card the ticket occupies. */
  element: Element;
  /** The element the badge goes into (a cell or a card footer); null where no badge belongs. */
  badgeHost: Element | null;
  observation: Observation;
}

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
   * (an incremental pass after they changed); adapters that cannot scope ignore it.
   */
  parsePage(root: ParentNode, url: URL, now: number, onlyRows?: Element[]): PagePass;
}
