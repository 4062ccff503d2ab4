import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawBadges } from '../../../lib/content/badges';
import { DEFAULT_THRESHOLDS } from '../../../lib/content/badge-view';
import type { Annotation } from '../../../lib/model';
import { zendeskAdapter } from '../../../lib/zendesk/adapter';
import { htmlDocument, readFixture } from '../support/fixtures';

const NOW = Date.parse('2026-11-24T11:00:00Z');
const URL_VIEW = new URL('https://acme.zendesk.com/agent/filters/1');

/** Mutations a host page really does to rows: re-render, remove, garble, empty, flood, inject. */
type Mutation =
  | { kind: 'removeRow'; row: number }
  | { kind: 'garbleAttribute'; row: number; attr: string; value: string }
  | { kind: 'emptyCell'; row: number; cell: number }
  | { kind: 'hugeText'; row: number; cell: number; size: number }
  | { kind: 'injectMarkup'; row: number }
  | { kind: 'swapRows'; a: number; b: number }
  | { kind: 'changeLink'; row: number; id: number }
  | { kind: 'duplicateRow'; row: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('removeRow' as const), row: fc.nat(40) }),
  fc.record({
    kind: fc.constant('garbleAttribute' as const),
    row: fc.nat(40),
    attr: fc.constantFrom('data-test-id', 'data-garden-id', 'href', 'aria-label', 'datetime'),
    value: fc.string({ maxLength: 30 }),
  }),
  fc.record({ kind: fc.constant('emptyCell' as const), row: fc.nat(40), cell: fc.nat(12) }),
  fc.record({ kind: fc.constant('hugeText' as const), row: fc.nat(40), cell: fc.nat(12), size: fc.integer({ min: 1_000, max: 20_000 }) }),
  fc.record({ kind: fc.constant('injectMarkup' as const), row: fc.nat(40) }),
  fc.record({ kind: fc.constant('swapRows' as const), a: fc.nat(40), b: fc.nat(40) }),
  fc.record({ kind: fc.constant('changeLink' as const), row: fc.nat(40), id: fc.integer({ min: 1, max: 99_999 }) }),
  fc.record({ kind: fc.constant('duplicateRow' as const), row: fc.nat(40) }),
);

function apply(doc: Document, m: Mutation): void {
  const rows = [...doc.querySelectorAll('tbody tr')];
  if (!rows.length) return;
  const row = (i: number) => rows[i % rows.length];
  switch (m.kind) {
    case 'removeRow':
      row(m.row).remove();
      break;
    case 'garbleAttribute': {
      const el = row(m.row).querySelector(`[${m.attr}]`) ?? row(m.row);
      el.setAttribute(m.attr, m.value);
      break;
    }
    case 'emptyCell':
      row(m.row).querySelectorAll('td')[m.cell % 12]?.replaceChildren();
      break;
    case 'hugeText': {
      const cell = row(m.row).querySelectorAll('td')[m.cell % 12];
      if (cell) cell.textContent = 'x'.repeat(m.size);
      break;
    }
    case 'injectMarkup': {
      const link = row(m.row).querySelector('a');
      if (link) link.textContent = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
      break;
    }
    case 'swapRows':
      row(m.a).before(row(m.b));
      break;
    case 'changeLink':
      row(m.row).querySelector('a')?.setAttribute('href', `/agent/tickets/${m.id}`);
      break;
    case 'duplicateRow':
      row(m.row).after(row(m.row).cloneNode(true));
      break;
  }
}

/** The id a row really shows, read independently of the parser: link first, then id cell. */
function rowTicketId(row: Element): string | undefined {
  const href = row.querySelector('a[href*="/agent/tickets/"]')?.getAttribute('href');
  return /\/agent\/tickets\/(\d+)/.exec(href ?? '')?.[1] ?? /#\s*(\d+)/.exec(row.querySelector('[data-test-id="generic-table-cells-id"]')?.textContent ?? '')?.[1];
}

describe('DOM fuzzing of a real-shaped Zendesk view', () => {
  it('never throws, never badges the wrong row, and keeps markup as text over 1,000 mutations', () => {
    const base = readFixture('zendesk/view-basic.html');
    const rowTemplate = /<tr aria-selected[\s\S]*?<\/tr>/.exec(base)![0];
    const html = base.replace(/<tbody([^>]*)>[\s\S]*<\/tbody>/, (_, attrs) => `<tbody${attrs}>${Array.from({ length: 40 }, (_, i) => rowTemplate.replaceAll('4123', String(20_000 + i))).join('')}</tbody>`);
    let mutationsApplied = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 20, maxLength: 20 }), (mutations) => {
        const doc = htmlDocument(html);
        for (const m of mutations) {
          apply(doc, m);
          mutationsApplied += 1;
          // A pass after every mutation, as the frame batcher would run one.
          const pass = zendeskAdapter.parsePage(doc, URL_VIEW, NOW);
          const annotations = new Map<string, Annotation>(
            pass.items.map((i) => [i.observation.key, { key: i.observation.key, statusSince: NOW - 1000, statusSinceExact: true, handoffs: 0, lastOwners: [], open: true, startedAt: NOW - 5000 }]),
          );
          drawBadges(pass.items.flatMap((i) => (i.badgeHost ? [{ element: i.element, badgeHost: i.badgeHost, key: i.observation.key }] : [])), annotations, NOW, DEFAULT_THRESHOLDS, doc);
          for (const badge of doc.querySelectorAll('[data-queuelens="badge"]')) {
            const row = badge.closest('tr')!;
            const shown = rowTicketId(row);
            // A badge lives in a ticket row and names that row's ticket — or the row has none.
            if (shown) expect(badge.getAttribute('data-ticket-key')).toBe(`zendesk:acme.zendesk.com:${shown}`);
            expect(row.querySelectorAll('[data-queuelens="badge"]')).toHaveLength(1);
          }
          for (const item of pass.items) {
            expect(item.observation.title?.length ?? 0).toBeLessThanOrEqual(500);
          }
        }
        // Injected markup stays characters: no element was created from page text.
        expect(doc.querySelector('tbody img, tbody script')).toBeNull();
        expect(doc.querySelectorAll('[data-queuelens="badge"] *')).toHaveLength(0);
      }),
      { numRuns: 50, seed: 20261124 },
    );
    expect(mutationsApplied).toBe(1_000);
  });
});
