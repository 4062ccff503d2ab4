import type { Annotation } from '../model';
import { badgeFace, badgeLabel, type AgeThresholds, type BadgeFace } from './badge-view';

export const BADGE_ATTR = 'data-queuelens';
const STYLE_ID = 'queuelens-style';

/**
 * Badge look: a Garden-like tag. An inline block of fixed width and height that never wraps, so a
 * badge never resizes its cell or row; colours follow the page's own theme (see page-theme.ts).
 * Size and layout containment make each badge a relayout boundary: a later text change lays out
 * the badge, not the host's table. No paint containment or clip, except on the rare text that can
 * outgrow the width (`data-clip`): a clip per badge costs the host page ~5-10 ms more main thread
 * when a 500-row view gets its badges.
 */
const BADGE_CSS = `
[data-queuelens="badge"]{all:initial;box-sizing:border-box;display:inline-block;vertical-align:middle;
width:10.4em;height:18px;margin:0 6px 0 0;padding:0 6px;border-radius:4px;contain:size layout;
white-space:nowrap;font:600 11px/18px system-ui,-apple-system,"Segoe UI",sans-serif;
font-variant-numeric:tabular-nums;background:#e9ebed;color:#2f3941;cursor:default}
[data-queuelens="badge"][data-clip]{overflow:hidden;text-overflow:ellipsis}
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

/** From this many characters a badge's text may not fit its width (see BADGE_CSS). */
const CLIP_FROM_LENGTH = 16;

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

/**
 * What each row's badge was drawn from: an unchanged face of the same annotation needs no look at
 * the DOM. Keyed by the row, whose wrapper the runner keeps alive (an unreferenced DOM wrapper
 * can be dropped by the garbage collector, and its WeakMap entry with it).
 */
const drawnFrom = new WeakMap<Element, { badge: Element; annotation: Annotation; thresholds: AgeThresholds; face: BadgeFace }>();

function drawnAlready(element: Element, badge: Element, annotation: Annotation, thresholds: AgeThresholds, face: BadgeFace): boolean {
  const last = drawnFrom.get(element);
  return (
    last !== undefined &&
    last.badge === badge &&
    last.annotation === annotation &&
    last.thresholds.warnDays === thresholds.warnDays &&
    last.thresholds.alertDays === thresholds.alertDays &&
    last.face.text === face.text &&
    last.face.level === face.level &&
    last.face.sla === face.sla
  );
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
    // Nothing to draw, and the sweep removes whatever badge is there: no need to look.
    if (!annotation && sweep) continue;
    let badge = existingBadge(badgeHost);
    if (badge && badge.getAttribute('data-ticket-key') !== key) {
      badge.remove();
      badge = null;
    }
    if (!annotation) continue;
    const face = badgeFace(annotation, now, thresholds);
    if (badge && drawnAlready(element, badge, annotation, thresholds, face)) {
      drawn.add(badge);
      continue;
    }
    const view = { text: face.text, level: face.level, label: badgeLabel(annotation, face, now) };
    const isNew = !badge;
    if (!badge) {
      // The stylesheet arrives with the first badges: one style recalculation, not two.
      if (writes === 0) ensureBadgeStyle(badgeHost.ownerDocument);
      badge = newBadge(badgeHost.ownerDocument, key);
      badgeHost.prepend(badge);
      if (!sweep) for (const other of element.querySelectorAll(`[${BADGE_ATTR}="badge"]`)) if (other !== badge) other.remove();
    }
    drawn.add(badge);
    drawnFrom.set(element, { badge, annotation, thresholds, face });
    if (!isNew && badge.textContent === view.text && badge.getAttribute('data-level') === view.level && badge.getAttribute('aria-label') === view.label) continue;
    badge.textContent = view.text;
    badge.setAttribute('data-level', view.level);
    badge.setAttribute('aria-label', view.label);
    const clip = view.text.length >= CLIP_FROM_LENGTH;
    if (clip || !isNew) badge.toggleAttribute('data-clip', clip);
    writes += 1;
  }
  if (sweep) for (const badge of sweep.querySelectorAll(`[${BADGE_ATTR}="badge"]`)) if (!drawn.has(badge)) badge.remove();
  return writes;
}
