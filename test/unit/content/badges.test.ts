import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { drawBadges } from '../../../lib/content/badges';
import { DEFAULT_THRESHOLDS } from '../../../lib/content/badge-view';
import type { Annotation } from '../../../lib/model';
import { testAnnotation } from '../support/annotations';
import { htmlDocument } from '../support/fixtures';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const DAY = 86_400_000;
const KEY = 'zendesk:acme.zendesk.com:1';
const ROW = '<table><tr><td><div><a href="/agent/tickets/1">Subject</a></div></td></tr></table>';
const annotation = (over: Partial<Annotation> = {}): Annotation => testAnnotation(NOW, over);

function draw(doc: Document, a: Annotation, now = NOW): number {
  const row = doc.querySelector('tr')!;
  return drawBadges([{ element: row, badgeHost: row.querySelector('div')!, key: KEY }], new Map([[KEY, a]]), now, DEFAULT_THRESHOLDS, doc);
}

/** The DOM changes `change` makes under `doc`, as a MutationObserver on the page sees them. */
async function mutationsOf(doc: Document, change: () => void): Promise<MutationRecord[]> {
  const records: MutationRecord[] = [];
  const observer = new (doc.defaultView ?? window).MutationObserver((batch) => records.push(...batch));
  observer.observe(doc, { subtree: true, childList: true, attributes: true, characterData: true });
  change();
  await new Promise((resolve) => setTimeout(resolve, 0));
  records.push(...observer.takeRecords());
  observer.disconnect();
  return records;
}

describe('badges', () => {
  it('clips only a text that can outgrow the badge, and writes nothing when the badge already says it', () => {
    const doc = htmlDocument(ROW);
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

  it('adds each new badge to the page complete, in one insertion', async () => {
    const doc = htmlDocument(ROW);
    const records = await mutationsOf(doc, () => draw(doc, annotation({ handoffs: 1, lastOwners: ['Sam', 'Priya'] })));
    const ownRecords = records.filter((r) => r.target !== doc.head);
    expect(ownRecords.map((r) => r.type)).toEqual(['childList']);
    const [badge] = [...ownRecords[0].addedNodes] as Element[];
    expect(badge.getAttribute('data-queuelens')).toBe('badge');
    expect(badge.textContent).toBe('4d · 5h · ⇄1');
    expect(badge.getAttribute('aria-label')).toBe('QueueLens: Age 4d; in current status 5h; 1 handoff (last: Sam → Priya)');
  });

  it('leaves the page untouched when a redraw has nothing new to show', async () => {
    const doc = htmlDocument(ROW);
    draw(doc, annotation());
    // The same annotation a minute later, and an equal one answered afresh by the background.
    expect(await mutationsOf(doc, () => draw(doc, annotation(), NOW + 60_000))).toEqual([]);
    expect(await mutationsOf(doc, () => draw(doc, { ...annotation() }, NOW + 60_000))).toEqual([]);
  });

  it("on the tools' own sites leaves the stylesheet to the manifest; elsewhere adds it once", () => {
    const styles = (doc: Document) => doc.querySelectorAll('style[data-queuelens="style"]').length;
    const onPage = (url: string) => {
      const doc = new Window({ url }).document as unknown as Document;
      doc.body.innerHTML = ROW;
      return doc;
    };
    const zendesk = onPage('https://acme.zendesk.com/agent/filters/1');
    draw(zendesk, annotation());
    expect(zendesk.querySelectorAll('[data-queuelens="badge"]')).toHaveLength(1);
    expect(styles(zendesk)).toBe(0);
    const jiraCloud = onPage('https://acme.atlassian.net/jira/software/projects/OPS/boards/1');
    draw(jiraCloud, annotation());
    expect(styles(jiraCloud)).toBe(0);

    // A self-hosted Jira: its script is registered at runtime, without the manifest's CSS.
    const selfHosted = onPage('https://jira.example.test:8443/secure/RapidBoard.jspa?rapidView=1');
    draw(selfHosted, annotation());
    draw(selfHosted, annotation({ handoffs: 2 }));
    expect(styles(selfHosted)).toBe(1); // (its text is badges.css: empty here, where Vitest stubs CSS)
  });
});
