/**
 * Collects DOM mutations and processes them once per animation frame — never inside the
 * observer callback (uBlock Origin's pattern). Mutations made only by QueueLens's own nodes
 * are ignored, so drawing badges never schedules another pass.
 */
export class FrameBatcher {
  private observer: MutationObserver;
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
    this.observer.observe(this.target, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['href', 'aria-label', 'datetime', 'data-test-id'] });
    this.requestFull();
  }

  stop(): void {
    this.observer.disconnect();
  }

  /**
   * Drops the mutation records our own writes just queued. A pass runs synchronously inside one
   * frame callback, so no host mutation can be queued between its start and this call: every
   * pending record is ours, and filtering 500 of them one by one would cost more than the pass.
   */
  discardOwnRecords(): void {
    this.observer.takeRecords();
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
