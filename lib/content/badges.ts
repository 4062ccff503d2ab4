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
width:10.4em;height:18px;margin:0 6px 0 0;padding:0 6px;border-radius:4px;contain:strict;overflow:hidden;
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

const templates = new WeakMap<Document, HTMLElement>();

/** A badge with its fixed attributes set once; each new badge is a shallow clone. */
function newBadge(doc: Document, key: string): HTMLElement {
  let template = templates.get(doc);
  if (!template) {
    template = doc.createElement('span');
    template.setAttribute(BADGE_ATTR, 'badge');
    template.setAttribute('role', 'img');
    template.tabIndex = 0;
    templates.set(doc, template);
  }
  const badge = template.cloneNode(false) as HTMLElement;
  badge.setAttribute('data-ticket-key', key);
  return badge;
}

/** Badges are prepended, so a host's badge is its first element child. */
function existingBadge(badgeHost: Element): HTMLElement | null {
  const first = badgeHost.firstElementChild;
  return first?.getAttribute(BADGE_ATTR) === 'badge' ? (first as HTMLElement) : null;
}

/**
 * Draws or updates every badge in one write phase. Reads only attributes and text of our own
 * badges (never layout), so the browser lays the table out once per frame at most.
 * A ticket gets a badge once its annotation is known (after the background's first answer):
 * drawing a placeholder first would cost a second round of DOM writes and table layout.
 * With `sweep` (a full pass), badges under it that this pass did not draw are removed: a row
 * that stopped being a ticket row, or whose badge moved, never keeps a stale badge. Without it
 * (a pass over a few changed rows), each new badge clears any other badge in its own row.
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
    const annotation = annotations.get(key);
    let badge = existingBadge(badgeHost);
    if (badge && badge.getAttribute('data-ticket-key') !== key) {
      badge.remove();
      badge = null;
    }
    if (!annotation) continue;
    const view = badgeView(annotation, now, thresholds);
    if (!badge) {
      // The stylesheet arrives with the first badges: one style recalculation, not two.
      if (writes === 0) ensureBadgeStyle(badgeHost.ownerDocument);
      badge = newBadge(badgeHost.ownerDocument, key);
      badgeHost.prepend(badge);
      if (!sweep) for (const other of element.querySelectorAll(`[${BADGE_ATTR}="badge"]`)) if (other !== badge) other.remove();
    } else if (badge.textContent === view.text && badge.getAttribute('data-level') === view.level && badge.getAttribute('aria-label') === view.label) {
      drawn.add(badge);
      continue;
    }
    drawn.add(badge);
    badge.textContent = view.text;
    badge.setAttribute('data-level', view.level);
    badge.setAttribute('aria-label', view.label);
    writes += 1;
  }
  if (sweep) for (const badge of sweep.querySelectorAll(`[${BADGE_ATTR}="badge"]`)) if (!drawn.has(badge)) badge.remove();
  return writes;
}
