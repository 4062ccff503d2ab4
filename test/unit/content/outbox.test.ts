import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Outbox } from '../../../lib/content/outbox';
import type { ObserveResponse } from '../../../lib/model';
import { observation } from '../support/observations';

const isAck = (r: unknown, batchId: string): r is ObserveResponse => (r as ObserveResponse | undefined)?.batchId === batchId;
const ack = (batchId: string): ObserveResponse => ({ ok: true, batchId, stored: 1, transitions: 0, annotations: [], thresholds: { warnDays: 3, alertDays: 7 } });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('outbox', () => {
  it('keeps a batch while the service worker is gone and delivers it once it answers', async () => {
    let workerUp = false;
    const delivered: string[] = [];
    const send = vi.fn(async (m: unknown) => {
      const { batchId } = m as { batchId: string };
      if (!workerUp) throw new Error('Could not establish connection. Receiving end does not exist.');
      delivered.push(batchId);
      return ack(batchId);
    });
    const outbox = new Outbox(send, () => {}, isAck, 'tab');
    outbox.add([observation('1'), observation('2')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.pending).toBe(2);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(outbox.pending).toBe(2);
    workerUp = true;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(outbox.pending).toBe(0);
    expect(delivered).toEqual(['tab-1']);
  });

  it('treats an answer for another batch (or none) as not acknowledged', async () => {
    const replies: unknown[] = [undefined, ack('wrong'), ack('tab-1')];
    const send = vi.fn(async () => replies.shift());
    const acked = vi.fn();
    const outbox = new Outbox(send, acked, isAck, 'tab');
    outbox.add([observation('1')]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(send).toHaveBeenCalledTimes(3);
    expect(acked).toHaveBeenCalledTimes(1);
    expect(outbox.pending).toBe(0);
  });

  it('delivers batches in the order they were observed', async () => {
    const order: string[] = [];
    const send = vi.fn(async (m: unknown) => {
      const { batchId, observations } = m as { batchId: string; observations: { id: string }[] };
      order.push(observations[0].id);
      return ack(batchId);
    });
    const outbox = new Outbox(send, () => {}, isAck, 'tab');
    outbox.add([observation('a')]);
    outbox.add([observation('b')]);
    outbox.add([observation('c')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual(['a', 'b', 'c']);
  });
});
