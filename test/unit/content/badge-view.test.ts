import { describe, expect, it } from 'vitest';
import { badgeView, DEFAULT_THRESHOLDS } from '../../../lib/content/badge-view';
import type { Annotation } from '../../../lib/model';
import { testAnnotation } from '../support/annotations';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const DAY = 86_400_000;
const annotation = (over: Partial<Annotation> = {}): Annotation => testAnnotation(NOW, over);

describe('badge view', () => {
  it('shows age and time in status, no handoff mark when none', () => {
    expect(badgeView(annotation(), NOW, DEFAULT_THRESHOLDS)).toMatchObject({ text: '4d · 5h', level: 'warn' });
  });
  it('marks a lower-bound time in status and shows handoffs with the last owners', () => {
    const view = badgeView(annotation({ statusSinceExact: false, handoffs: 2, lastOwners: ['Sam', 'Priya'] }), NOW, DEFAULT_THRESHOLDS);
    expect(view.text).toBe('4d · ≥5h · ⇄2');
    expect(view.label).toContain('2 handoffs (last: Sam → Priya)');
  });
  it('colours by the configured age thresholds', () => {
    expect(badgeView(annotation({ startedAt: NOW - DAY }), NOW, DEFAULT_THRESHOLDS).level).toBe('ok');
    expect(badgeView(annotation({ startedAt: NOW - 8 * DAY }), NOW, DEFAULT_THRESHOLDS).level).toBe('alert');
    expect(badgeView(annotation({ startedAt: NOW - 8 * DAY }), NOW, { warnDays: 10, alertDays: 20 }).level).toBe('ok');
  });
  it('explains SLA state', () => {
    expect(badgeView(annotation({ slaDueAt: NOW - 3_600_000 }), NOW, DEFAULT_THRESHOLDS).label).toContain('SLA breached 1h ago');
  });
  it('says when a ticket is not recorded yet', () => {
    expect(badgeView(undefined, NOW, DEFAULT_THRESHOLDS)).toMatchObject({ text: '…', level: 'unknown' });
  });
});

describe('badge colour by pace', () => {
  const pace = { stage: 'active', p70: 2 * DAY, p85: 5 * DAY, since: NOW - 3 * DAY };
  it('uses pace, not fixed days, once the stage has history', () => {
    // 3 days into "active": past p70 (2d), under p85 (5d) → amber, though under the 7-day alert.
    expect(badgeView(annotation({ pace }), NOW, DEFAULT_THRESHOLDS)).toMatchObject({ level: 'warn' });
    expect(badgeView(annotation({ pace: { ...pace, since: NOW - 6 * DAY } }), NOW, DEFAULT_THRESHOLDS).level).toBe('alert');
    expect(badgeView(annotation({ pace: { ...pace, since: NOW - DAY }, startedAt: NOW - 30 * DAY }), NOW, DEFAULT_THRESHOLDS).level).toBe('ok');
  });
  it('explains pace in words', () => {
    expect(badgeView(annotation({ pace: { ...pace, since: NOW - 6 * DAY } }), NOW, DEFAULT_THRESHOLDS).label).toContain('older than 85% of completed tickets were when they left active (aging alert)');
  });
});

describe('drawing badges', () => {
  it('draws a badge only once the ticket is recorded, and updates it in place', async () => {
    const { drawBadges } = await import('../../../lib/content/badges');
    const doc = new DOMParser().parseFromString('<table><tr><td><div><a href="/agent/tickets/1">Refund</a></div></td></tr></table>', 'text/html');
    const row = doc.querySelector('tr')!;
    const target = { element: row, badgeHost: doc.querySelector('div')!, key: 'zendesk:acme.zendesk.com:1' };
    expect(drawBadges([target], new Map(), NOW, DEFAULT_THRESHOLDS, doc)).toBe(0);
    expect(doc.querySelectorAll('[data-queuelens="badge"]')).toHaveLength(0);
    const recorded = new Map([[target.key, annotation({ key: target.key })]]);
    expect(drawBadges([target], recorded, NOW, DEFAULT_THRESHOLDS, doc)).toBe(1);
    const badge = doc.querySelector('[data-queuelens="badge"]')!;
    expect(badge.textContent).toBe('4d · 5h');
    expect(badge.nextElementSibling?.tagName).toBe('A');
    // Same view again: nothing written; a handoff later: the same element is updated.
    expect(drawBadges([target], recorded, NOW, DEFAULT_THRESHOLDS, doc)).toBe(0);
    drawBadges([target], new Map([[target.key, annotation({ key: target.key, handoffs: 1 })]]), NOW, DEFAULT_THRESHOLDS, doc);
    expect(doc.querySelector('[data-queuelens="badge"]')).toBe(badge);
    expect(badge.textContent).toBe('4d · 5h · ⇄1');
  });
});
