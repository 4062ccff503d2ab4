import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentRunner } from '../../../lib/content/runner';
import { DEFAULT_THRESHOLDS } from '../../../lib/content/badge-view';
import { observeNearViewport, type NearViewport } from '../../../lib/content/near-viewport';
import { jiraAdapter } from '../../../lib/jira/adapter';
import type { Observation } from '../../../lib/model';
import { testAnnotation } from '../support/annotations';
import { loadHtml } from '../jira/fixtures';

/** An IntersectionObserver the test drives: it reports what the test says is on screen. */
class FakeIntersectionObserver {
  static last: FakeIntersectionObserver | undefined;
  observed = new Set<Element>();
  disconnected = false;
  constructor(private callback: IntersectionObserverCallback, readonly options: IntersectionObserverInit) {
    FakeIntersectionObserver.last = this;
  }
  observe(target: Element) { this.observed.add(target); }
  unobserve(target: Element) { this.observed.delete(target); }
  disconnect() { this.disconnected = true; this.observed.clear(); }
  report(entries: [Element, boolean][]) {
    this.callback(entries.map(([target, isIntersecting]) => ({ target, isIntersecting }) as IntersectionObserverEntry), this as unknown as IntersectionObserver);
  }
}

const rows = (n: number) => Array.from({ length: n }, () => document.createElement('tr'));

describe('observeNearViewport', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reports each row once when it comes near, stops watching it, and keeps it near', () => {
    vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
    const arrived: Element[][] = [];
    const near = observeNearViewport((r) => arrived.push(r));
    const io = FakeIntersectionObserver.last!;
    expect(io.options).toMatchObject({ rootMargin: '150%', scrollMargin: '150%' });
    const [a, b, c] = rows(3);
    document.body.append(a, b, c);
    near.watch([a, b, c]);
    near.watch([a, b, c]);
    expect([...io.observed]).toEqual([a, b, c]);
    expect(near.isNear(a)).toBe(false);

    io.report([[a, true], [b, false], [c, true]]);
    expect(arrived).toEqual([[a, c]]);
    expect([near.isNear(a), near.isNear(b), near.isNear(c)]).toEqual([true, false, true]);
    expect([...io.observed]).toEqual([b]);

    // Scrolled away and back: nothing new to report; a row seen before is not watched again.
    io.report([[a, false], [a, true]]);
    near.watch([a]);
    expect(arrived).toHaveLength(1);
    expect([...io.observed]).toEqual([b]);

    near.stop();
    expect(io.disconnected).toBe(true);
    for (const row of [a, b, c]) row.remove();
  });

  it('lets go of rows the host removed before they came near (the observer would keep them alive)', () => {
    vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
    const near = observeNearViewport(() => undefined);
    const io = FakeIntersectionObserver.last!;
    const [kept, removed] = rows(2);
    document.body.append(kept, removed);
    near.watch([kept, removed]);
    removed.remove();
    const added = document.createElement('tr');
    document.body.append(added);
    near.watch([added]);
    expect([...io.observed]).toEqual([kept, added]);
    kept.remove();
    added.remove();
  });

  it('counts every row as near where the browser has no IntersectionObserver', () => {
    vi.stubGlobal('IntersectionObserver', undefined);
    expect(observeNearViewport(() => undefined).isNear(document.createElement('tr'))).toBe(true);
  });
});

describe('ContentRunner with rows away from the viewport', () => {
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());

  const NOW = Date.UTC(2026, 7, 12, 12, 0);
  const settled = async () => {
    for (let i = 0; i < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  };

  it('draws badges only on near rows, adds one when its row comes near, keeps updating drawn ones, and redraws re-rendered ones at once', async () => {
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL('https://acme.atlassian.net/jira/software/c/projects/OPS/boards/12');
    document.body.replaceWith(document.importNode(loadHtml('board-kit.html').body, true));
    const near = new Set<Element>([document.getElementById('card-OPS-1')!]);
    let arrive: (rows: Element[]) => void = () => undefined;
    const gate: NearViewport = { isNear: (row) => near.has(row), watch: () => undefined, stop: () => undefined };
    let handoffs = 0;
    const runner = new ContentRunner({
      adapter: jiraAdapter,
      now: () => NOW,
      nearViewport: (onNear) => ((arrive = onNear), gate),
      send: async (message) => {
        const { batchId, observations } = message as { batchId: string; observations: Observation[] };
        const annotations = observations.map((o) => testAnnotation(NOW, { key: o.key, handoffs }));
        return { ok: true, batchId, stored: observations.length, transitions: 0, annotations, thresholds: DEFAULT_THRESHOLDS };
      },
    });
    runner.start();
    stop = () => runner.stop();
    await settled();
    await settled();
    const badgeOn = (id: string) => document.getElementById(id)!.querySelector('[data-queuelens="badge"]');
    expect(['card-OPS-1', 'card-OPS-2', 'card-OPS-3'].map((id) => !!badgeOn(id))).toEqual([true, false, false]);

    const second = document.getElementById('card-OPS-2')!;
    near.add(second);
    arrive([second]);
    await settled();
    expect(['card-OPS-1', 'card-OPS-2', 'card-OPS-3'].map((id) => !!badgeOn(id))).toEqual([true, true, false]);

    // The first card scrolls out of reach: its badge stays, and a new answer still updates it.
    near.delete(document.getElementById('card-OPS-1')!);
    handoffs = 2;
    runner.acceptAnnotations([testAnnotation(NOW, { key: badgeOn('card-OPS-1')!.getAttribute('data-ticket-key')!, handoffs: 2 })]);
    await settled();
    expect(badgeOn('card-OPS-1')!.textContent).toMatch(/⇄2$/);
    expect(badgeOn('card-OPS-3')).toBeNull();

    // The host re-renders a card whose badge was shown: the new element gets it in the same pass,
    // before the observer has measured it (no blink).
    const old = document.getElementById('card-OPS-2')!;
    const rerendered = old.cloneNode(true) as Element;
    rerendered.querySelectorAll('[data-queuelens]').forEach((b) => b.remove());
    old.replaceWith(rerendered);
    await settled();
    expect(rerendered.querySelectorAll('[data-queuelens="badge"]')).toHaveLength(1);
    expect(badgeOn('card-OPS-3')).toBeNull();
  });

  it('on a full pass, takes the badge off a card that now shows a ticket without an annotation', async () => {
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL('https://acme.atlassian.net/jira/software/c/projects/OPS/boards/12');
    document.body.replaceWith(document.importNode(loadHtml('board-kit.html').body, true));
    // The background knows the fixture's issues, not OPS-77.
    const runner = new ContentRunner({
      adapter: jiraAdapter,
      now: () => NOW,
      send: async (message) => {
        const { batchId, observations } = message as { batchId: string; observations: Observation[] };
        const annotations = observations.filter((o) => !o.key.endsWith('OPS-77')).map((o) => testAnnotation(NOW, { key: o.key }));
        return { ok: true, batchId, stored: observations.length, transitions: 0, annotations, thresholds: DEFAULT_THRESHOLDS };
      },
    });
    runner.start();
    stop = () => runner.stop();
    await settled();
    await settled();
    const card = document.getElementById('card-OPS-1')!;
    expect(card.querySelector('[data-queuelens="badge"]')?.getAttribute('data-ticket-key')).toMatch(/OPS-1$/);

    // The host reuses the card for another issue, and a navigation makes the next pass a full one.
    for (const link of card.querySelectorAll('a[href*="/browse/OPS-1"]')) {
      link.setAttribute('href', link.getAttribute('href')!.replace('OPS-1', 'OPS-77'));
      if (link.textContent === 'OPS-1') link.textContent = 'OPS-77';
    }
    card.querySelectorAll('[data-testid$="card-key"], [data-testid*="key"]').forEach((el) => {
      if (el.children.length === 0 && el.textContent === 'OPS-1') el.textContent = 'OPS-77';
    });
    runner.navigated();
    await settled();
    await settled();
    expect(card.querySelector('[data-queuelens="badge"]')).toBeNull();
    expect(document.querySelectorAll('[data-queuelens="badge"]').length).toBeGreaterThan(0);
  });
});
