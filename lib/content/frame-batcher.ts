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
    private rowOf: (node: Node) => Element | null,
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
    // Every attribute a reused reading depends on (parseZendeskTable): a row without a record keeps its reading.
    this.observer.observe(this.target, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['href', 'aria-label', 'datetime', 'title', 'data-test-id'] });
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
      const row = this.rowOf(record.target);
      if (row) this.changedRows.add(row);
      else this.fullPass = true;
    }
    if (relevant) this.schedule();
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
