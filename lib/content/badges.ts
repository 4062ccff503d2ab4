import type { Annotation } from '../model';
import { badgeView, type AgeThresholds } from './badge-view';

export const BADGE_ATTR = 'data-queuelens';
const STYLE_ID = 'queuelens-style';

/**
 * Badge look: a Garden-like tag. Fixed width and height, no wrapping and `contain: strict`, so a
 * badge never resizes its cell or row; colours follow the page's own theme (see page-theme.ts).
 */
const BADGE_CSS = `
[data-queuelens="badge"]{all:initial;box-sizing:border-box;display:inline-block;vertical-align:middle;
width:8.6em;height:18px;margin:0 6px 0 0;padding:0 6px;border-radius:4px;contain:strict;overflow:hidden;
white-space:nowrap;text-overflow:ellipsis;font:600 11px/18px system-ui,-apple-system,"Segoe UI",sans-serif;
font-variant-numeric:tabular-nums;background:#e9ebed;color:#2f3941;cursor:default}
[data-queuelens="badge"][data-level="ok"]{background:#edf8f4;color:#037f52}
[data-queuelens="badge"][data-level="warn"]{background:#fff7ed;color:#ac5918}
[data-queuelens="badge"][data-level="alert"]{background:#fff0f1;color:#cd3642}
[data-queuelens="badge"]:focus-visible{outline:2px solid #1f73b7;outline-offset:1px}
html[data-queuelens-theme="dark"] [data-queuelens="badge"]{background:#2f3941;color:#e9ebed}
html[data-queuelens-theme="dark"] [data-queuelens="badge"][data-level="ok"]{background:#0b3b29;color:#5eae91}
html[data-queuelens-theme="dark"] [data-queuelens="badge"][data-level="warn"]{background:#4a2b05;color:#f5a133}
html[data-queuelens-theme="dark"] [data-queuelens="badge"][data-level="alert"]{background:#4a1116;color:#eb6d7a}
`;

export function ensureBadgeStyle(doc: Document): void {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.setAttribute(BADGE_ATTR, 'style');
  style.textContent = BADGE_CSS;
  (doc.head ?? doc.documentElement).append(style);
}

export function isOwnNode(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return !!el?.closest(`[${BADGE_ATTR}]`);
}

export interface BadgeTarget {
  /** The row or card; it holds at most one badge. */
  element: Element;
  badgeHost: Element;
  key: string;
}

/**
 * Draws or updates every badge in one write phase. Reads only attributes and text of our own
 * badges (never layout), so the browser lays the table out once per frame at most.
 * With `sweep` (a full pass), badges under it that this pass did not draw are removed: a row
 * that stopped being a ticket row, or whose badge moved, never keeps a stale badge.
 * Returns how many badges were written.
 */
export function drawBadges(
  targets: BadgeTarget[],
  annotations: ReadonlyMap<string, Annotation>,
  now: number,
  thresholds: AgeThresholds,
  sweep?: ParentNode,
): number {
  let writes = 0;
  const drawn = new Set<Element>();
  for (const { element, badgeHost, key } of targets) {
    const view = badgeView(annotations.get(key), now, thresholds);
    let badge = badgeHost.querySelector<HTMLElement>(`:scope > [${BADGE_ATTR}="badge"]`);
    if (badge && badge.getAttribute('data-ticket-key') !== key) {
      badge.remove();
      badge = null;
    }
    if (!badge) {
      badge = badgeHost.ownerDocument.createElement('span');
      badge.setAttribute(BADGE_ATTR, 'badge');
      badge.setAttribute('data-ticket-key', key);
      badge.setAttribute('role', 'img');
      badge.tabIndex = 0;
      badgeHost.prepend(badge);
      for (const other of element.querySelectorAll(`[${BADGE_ATTR}="badge"]`)) if (other !== badge) other.remove();
    }
    drawn.add(badge);
    if (badge.textContent === view.text && badge.getAttribute('data-level') === view.level && badge.getAttribute('aria-label') === view.label) continue;
    badge.textContent = view.text;
    badge.setAttribute('data-level', view.level);
    badge.setAttribute('aria-label', view.label);
    writes += 1;
  }
  if (sweep) for (const badge of sweep.querySelectorAll(`[${BADGE_ATTR}="badge"]`)) if (!drawn.has(badge)) badge.remove();
  return writes;
}
