import { BADGE_ATTR } from './badges';

/**
 * One shared tooltip for all badges, shown on hover and on keyboard focus (a `title` shows on
 * hover only). Event delegation: one listener pair for the page, none per badge. The text is the
 * badge's own label (set with textContent); screen readers already get it from aria-label, so the
 * visual tooltip is aria-hidden. Fixed position: it never moves the host page's layout.
 */
export function installBadgeTooltip(doc: Document): () => void {
  const tip = doc.createElement('div');
  tip.setAttribute(BADGE_ATTR, 'tooltip');
  tip.setAttribute('aria-hidden', 'true');
  tip.style.cssText =
    'all:initial;position:fixed;z-index:2147483001;display:none;max-width:320px;padding:6px 8px;border-radius:4px;' +
    'background:#2f3941;color:#fff;font:12px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;box-shadow:0 4px 12px rgba(0,0,0,.2);pointer-events:none;white-space:normal';

  const badgeOf = (target: EventTarget | null) => (target instanceof Element ? target.closest(`[${BADGE_ATTR}="badge"]`) : null);
  const show = (event: Event) => {
    const badge = badgeOf(event.target);
    if (!badge) return;
    if (!tip.isConnected) doc.body.append(tip);
    tip.textContent = (badge.getAttribute('aria-label') ?? '').replace(/^QueueLens: /, '');
    const box = badge.getBoundingClientRect();
    tip.style.left = `${Math.max(4, Math.min(box.left, doc.documentElement.clientWidth - 330))}px`;
    tip.style.top = `${box.bottom + 6}px`;
    tip.style.display = 'block';
  };
  const hide = (event: Event) => {
    if (badgeOf(event.target)) tip.style.display = 'none';
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') tip.style.display = 'none';
  };
  doc.addEventListener('mouseover', show, true);
  doc.addEventListener('focusin', show, true);
  doc.addEventListener('mouseout', hide, true);
  doc.addEventListener('focusout', hide, true);
  doc.addEventListener('keydown', onKey, true);
  return () => {
    doc.removeEventListener('mouseover', show, true);
    doc.removeEventListener('focusin', show, true);
    doc.removeEventListener('mouseout', hide, true);
    doc.removeEventListener('focusout', hide, true);
    doc.removeEventListener('keydown', onKey, true);
    tip.remove();
  };
}
