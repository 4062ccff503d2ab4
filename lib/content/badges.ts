import type { Annotation } from '../model';
import { JIRA_MATCHES, ZENDESK_MATCHES } from '../hosts';
import './badges.css';
import BADGE_CSS from './badges.css?raw';
import { badgeFace, badgeLabel, type AgeThresholds, type BadgeFace, type BadgeView } from './badge-view';

export const BADGE_ATTR = 'data-queuelens';
const STYLE_ID = 'queuelens-style';

/**
 * Badge look (badges.css): a Garden-like tag. An inline block of fixed width and height that never
 * wraps, so a badge never resizes its cell or row; colours follow the page's own theme (see
 * page-theme.ts). Size and layout containment make each badge a relayout boundary: a later text
 * change lays out the badge, not the host's table (a redraw of 10 changed badges on a 500-row
 * view: ~7 ms of layout instead of ~13; the containment costs the first drawing of 500 badges
 * ~2 ms). No paint containment or clip, except on the rare text that can outgrow the width
 * (`data-clip`): a clip per badge costs the host page ~5-10 ms more main thread when a 500-row
 * view gets its badges.
 *
 * Pages the manifest's content scripts match get the sheet from the browser at document_start,
 * before the page has any elements: a sheet added to a full page later makes the browser check
 * every element against it first (~3 ms of style work on a 500-row view, in the frame that draws
 * the badges). Other pages (a self-hosted Jira, whose script the options page registers at
 * runtime) get the same rules in a <style> with the first badges.
 */
const MANIFEST_CSS_DOMAINS = [...ZENDESK_MATCHES, ...JIRA_MATCHES].map((pattern) => /^https:\/\/\*\.([^/]+)\/\*$/.exec(pattern)?.[1]);

function hasManifestCss(doc: Document): boolean {
  const location = doc.defaultView?.location;
  if (location?.protocol !== 'https:') return false;
  return MANIFEST_CSS_DOMAINS.some((domain) => domain !== undefined && (location.hostname === domain || location.hostname.endsWith(`.${domain}`)));
}

export function ensureBadgeStyle(doc: Document): void {
  if (hasManifestCss(doc) || doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.setAttribute(BADGE_ATTR, 'style');
  style.textContent = BADGE_CSS;
  (doc.head ?? doc.documentElement).append(style);
}

/** From this many characters a badge's text may not fit its width (see badges.css). */
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

/**
 * A new badge, complete before it joins the page: a shallow clone of a template with the fixed
 * attributes, then its own key and view. Writes to a detached element cost no style invalidation;
 * the page sees one insertion per badge.
 */
function newBadge(doc: Document, key: string, view: BadgeView): HTMLElement {
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
  showView(badge, view);
  return badge;
}

function showsView(badge: HTMLElement, view: BadgeView): boolean {
  return badge.textContent === view.text && badge.getAttribute('data-level') === view.level && badge.getAttribute('aria-label') === view.label;
}

/** Text only (never markup): labels carry names read from the page. */
function showView(badge: HTMLElement, view: BadgeView): void {
  badge.textContent = view.text;
  badge.setAttribute('data-level', view.level);
  badge.setAttribute('aria-label', view.label);
  const clip = view.text.length >= CLIP_FROM_LENGTH;
  if (clip !== badge.hasAttribute('data-clip')) badge.toggleAttribute('data-clip', clip);
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

/** Whether a badge host holds a badge (of any ticket). */
export const hasBadge = (badgeHost: Element): boolean => existingBadge(badgeHost) !== null;

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
    const view: BadgeView = { text: face.text, level: face.level, label: badgeLabel(annotation, face, now) };
    if (!badge) {
      // The stylesheet arrives with the first badges: one style recalculation, not two.
      if (writes === 0) ensureBadgeStyle(badgeHost.ownerDocument);
      badge = newBadge(badgeHost.ownerDocument, key, view);
      badgeHost.prepend(badge);
      if (!sweep) for (const other of element.querySelectorAll(`[${BADGE_ATTR}="badge"]`)) if (other !== badge) other.remove();
      writes += 1;
    } else if (!showsView(badge, view)) {
      showView(badge, view);
      writes += 1;
    }
    drawn.add(badge);
    drawnFrom.set(element, { badge, annotation, thresholds, face });
  }
  if (sweep) for (const badge of sweep.querySelectorAll(`[${BADGE_ATTR}="badge"]`)) if (!drawn.has(badge)) badge.remove();
  return writes;
}
