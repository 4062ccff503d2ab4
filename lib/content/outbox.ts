import type { Observation, ObserveResponse, PageReport } from '../model';

export type Send = (message: unknown) => Promise<unknown>;

interface PendingBatch {
  batchId: string;
  observations: Observation[];
  report?: PageReport;
  attempts: number;
}

/**
 * Holds observations until the background acknowledges their write. A stopped service worker
 * rejects or drops the message; the batch stays and is sent again (ingest is idempotent, so a
 * write that landed before the worker stopped is harmless to repeat).
 */
export class Outbox {
  private queue: PendingBatch[] = [];
  private sending = false;
  private counter = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private send: Send,
    private onAck: (response: ObserveResponse) => void,
    private isAck: (response: unknown, batchId: string) => response is ObserveResponse,
    private prefix = Math.random().toString(36).slice(2, 10),
  ) {}

  get pending(): number {
    return this.queue.reduce((n, b) => n + b.observations.length, 0);
  }

  add(observations: Observation[], report?: PageReport): void {
    if (!observations.length && !report) return;
    this.queue.push({ batchId: `${this.prefix}-${++this.counter}`, observations, report, attempts: 0 });
    // Sent after the current frame: serialising a large batch must not lengthen the DOM pass.
    setTimeout(() => void this.flush(), 0);
  }

  async flush(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.queue.length) {
        const batch = this.queue[0];
        batch.attempts += 1;
        let response: unknown;
        try {
          response = await this.send({ type: 'observe', batchId: batch.batchId, observations: batch.observations, report: batch.report });
        } catch {
          response = undefined;
        }
        if (!this.isAck(response, batch.batchId)) {
          this.scheduleRetry(batch.attempts);
          return;
        }
        this.queue.shift();
        this.onAck(response);
      }
    } finally {
      this.sending = false;
    }
  }

  private scheduleRetry(attempts: number): void {
    clearTimeout(this.retryTimer);
    const delay = Math.min(30_000, 250 * 2 ** Math.min(attempts, 7));
    this.retryTimer = setTimeout(() => void this.flush(), delay);
  }
}
