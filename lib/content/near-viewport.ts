/**
 * Which rows may get a new badge now: those the user can see or is about to scroll to.
 *
 * Why: adding anything to every row of a 500-row table makes the browser lay the whole table out
 * and paint it again (~25 ms of layout and ~12 ms of pre-paint on the bench's static view, more
 * than every script cost together). Badges for rows within a screen and a half of the viewport
 * cost a fraction of that, and a row further away gets its badge before it scrolls into view.
 * A row keeps its badge once drawn (and the badge keeps being updated): "near" is sticky.
 *
 * One IntersectionObserver over the rows that have no badge yet; a row leaves it once near. The
 * margin applies to the viewport and, through `scrollMargin`, to the host's own scroll containers
 * (a Jira list or board column scrolls inside the page).
 */
export interface NearViewport {
  /** Whether a new badge may be drawn on this row now. */
  isNear(row: Element): boolean;
  /** Starts watching rows not seen before (cheap for rows already watched). */
  watch(rows: readonly Element[]): void;
  stop(): void;
}

/** Every row counts as near: where no IntersectionObserver exists, or it is not wanted. */
export const EVERY_ROW: NearViewport = { isNear: () => true, watch: () => undefined, stop: () => undefined };

/** A screen and a half beyond each edge of the viewport and of the host's scroll containers. */
export const NEAR_MARGIN = '150%';

export type NearViewportFactory = (onNear: (rows: Element[]) => void) => NearViewport;

/** `onNear` receives rows that just came near, at most once per row, after the browser laid them out. */
export const observeNearViewport: NearViewportFactory = (onNear) => {
  if (typeof IntersectionObserver !== 'function') return EVERY_ROW;
  const near = new WeakSet<Element>();
  /** Watched rows not near yet. The observer holds its targets: rows the host removed are let go. */
  const waiting = new Set<Element>();
  const observer = new IntersectionObserver(
    (entries) => {
      const arrived: Element[] = [];
      for (const entry of entries) {
        if (!entry.isIntersecting || !waiting.delete(entry.target)) continue;
        near.add(entry.target);
        observer.unobserve(entry.target);
        arrived.push(entry.target);
      }
      if (arrived.length) onNear(arrived);
    },
    // scrollMargin (Chromium 120+) is not in TypeScript's DOM types yet; other browsers ignore it.
    { rootMargin: NEAR_MARGIN, scrollMargin: NEAR_MARGIN } as IntersectionObserverInit,
  );
  return {
    isNear: (row) => near.has(row),
    watch(rows) {
      for (const row of waiting) {
        if (row.isConnected) continue;
        waiting.delete(row);
        observer.unobserve(row);
      }
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i];
        if (near.has(row) || waiting.has(row)) continue;
        waiting.add(row);
        observer.observe(row);
      }
    },
    stop: () => {
      observer.disconnect();
      waiting.clear();
    },
  };
};
