import { describe, expect, it } from 'vitest';
import { drawBadges } from '../../../lib/content/badges';
import { DEFAULT_THRESHOLDS } from '../../../lib/content/badge-view';
import type { Annotation } from '../../../lib/model';
import { testAnnotation } from '../support/annotations';
import { htmlDocument } from '../support/fixtures';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const DAY = 86_400_000;
const KEY = 'zendesk:acme.zendesk.com:1';
const annotation = (over: Partial<Annotation> = {}): Annotation => testAnnotation(NOW, over);

function draw(doc: Document, a: Annotation, now = NOW): number {
  const row = doc.querySelector('tr')!;
  return drawBadges([{ element: row, badgeHost: row.querySelector('div')!, key: KEY }], new Map([[KEY, a]]), now, DEFAULT_THRESHOLDS, doc);
}

describe('badges', () => {
  it('clips only a text that can outgrow the badge, and writes nothing when the badge already says it', () => {
    const doc = htmlDocument('<table><tr><td><div><a href="/agent/tickets/1">Subject</a></div></td></tr></table>');
    const short = annotation();
    expect(draw(doc, short)).toBe(1);
    const badge = doc.querySelector('[data-queuelens="badge"]')!;
    expect(badge.hasAttribute('data-clip')).toBe(false);
    expect(draw(doc, short, NOW + 1000)).toBe(0);

    const long = annotation({ startedAt: NOW - 400 * DAY, statusSince: NOW - 380 * DAY, handoffs: 12 });
    expect(draw(doc, long)).toBe(1);
    expect(badge.textContent).toBe('13mo · 12mo · ⇄12');
    expect(badge.hasAttribute('data-clip')).toBe(true);
    expect(draw(doc, short)).toBe(1);
    expect(badge.hasAttribute('data-clip')).toBe(false);
    expect(doc.querySelectorAll('[data-queuelens="badge"]')).toHaveLength(1);
  });
});
