/** The rows the runner holds readings of, as the batcher asks about them. */
export interface KnownRows {
  /** The known row `node` is in: the node itself or its nearest known ancestor; null when none. */
  rowOf(node: Node): Element | null;
  /** Whether `node` is itself a known row. */
  has(node: Node): boolean;
}

/**
 * Every attribute whose value a reused reading took from inside its row (parseZendeskTable, the
 * Jira parsers): a change to one makes no other record, so without it the row would keep a stale
 * reading. Values only, and only those that can change on their own: `class`, `hidden` and
 * `style` change on hover and would re-read rows for nothing; a card's `id` (`card-KEY`, a last
 * resort for its key) never changes without its contents.
 */
export const READ_ATTRIBUTES = [
  'href',
  'aria-label',
  'datetime',
  'title',
  // Zendesk: cell test ids (which column a cell is).
  'data-test-id',
  // Jira: priority icons and avatars name their value in `alt` (Cloud) or `data-tooltip` (DC), a
  // DC card's key is its `data-issue-key`, and a JSM queue cell's test id holds its key and column.
  'alt',
  'data-tooltip',
  'data-issue-key',
  'data-testid',
];

/**
 * Collects DOM mutations and processes them once per animation frame — never inside the
 * observer callback (uBlock Origin's pattern). Mutations made only by QueueLens's own nodes
 * are ignored, so drawing badges never schedules another pass.
 */
export class FrameBatcher {
  private observer: MutationObserver;
  private observing = false;
  private scheduled = false;
  private changedRows = new Set<Element>();
  private fullPass = false;

  constructor(
    private target: Node,
    private isOwnNode: (node: Node) => boolean,
    private run: (changed: { full: boolean; rows: Set<Element> }) => void,
    private known: KnownRows,
  ) {
    this.observer = new MutationObserver((records) => this.collect(records));
  }

  start(): void {
    this.observing = true;
    this.observe();
    this.requestFull();
  }

  stop(): void {
    this.observing = false;
    this.observer.disconnect();
  }

  private observe(): void {
    this.observer.observe(this.target, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: READ_ATTRIBUTES });
  }

  /**
   * Runs our own DOM writes unobserved, so they make no mutation records at all: drawing 500
   * badges would otherwise queue over a thousand, each built only to be thrown away. Records
   * already queued are the host's: collected first.
   */
  unobserved<T>(write: () => T): T {
    const queued = this.observer.takeRecords();
    if (queued.length) this.collect(queued);
    this.observer.disconnect();
    try {
      return write();
    } finally {
      if (this.observing) this.observe();
    }
  }

  /** Schedules a pass over everything (navigation, refresh, startup). */
  requestFull(): void {
    this.fullPass = true;
    this.schedule();
  }

  private collect(records: MutationRecord[]): void {
    let relevant = false;
    for (const record of records) {
      if (this.isOwnNode(record.target) || (record.type === 'childList' && this.onlyOwnNodes(record))) continue;
      relevant = true;
      const row = this.known.rowOf(record.target);
      if (row) this.changedRows.add(row);
      else this.fullPass = true;
      if (record.type === 'childList') {
        this.addKnownRows(record.removedNodes);
        this.addKnownRows(record.addedNodes);
      }
    }
    if (relevant) this.schedule();
  }

  /**
   * A known row removed or added is changed itself, not only its parent: a card dragged to
   * another column is the same element in a new place, and its status (the column's name) with
   * it. Rows inside a moved subtree keep their readings: what a reading takes from outside its
   * row (a column name, the table's columns) is in its context, checked on reuse.
   */
  private addKnownRows(nodes: NodeList): void {
    for (let i = 0; i < nodes.length; i++) {
      if (this.known.has(nodes[i])) this.changedRows.add(nodes[i] as Element);
    }
  }

  private onlyOwnNodes(record: MutationRecord): boolean {
    const nodes = [...record.addedNodes, ...record.removedNodes];
    return nodes.length > 0 && nodes.every((n) => this.isOwnNode(n));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      const full = this.fullPass;
      const rows = this.changedRows;
      this.fullPass = false;
      this.changedRows = new Set();
      this.run({ full, rows });
    });
  }
}
