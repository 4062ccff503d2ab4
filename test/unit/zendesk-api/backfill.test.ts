import { describe, expect, it, vi } from 'vitest';
import { drain, useFakeClock } from '../support/fake-time';
import { QueueLensDb } from '../../../lib/db/database';
import { applyApiHistory } from '../../../lib/backfill/apply-history';
import { BackfillResultSchema } from '../../../lib/backfill/messages';
import { createZendeskBackfill, type ZendeskBackfillOptions, type ZendeskBackfillResult } from '../../../lib/zendesk/api/backfill';
import { ticketKey } from '../../../lib/model';
import { fakeZendesk, fixture, HOST, SHOW_MANY_101_103, standardRoutes } from './fake-zendesk';

const NOW = Date.parse('2026-03-06T12:00:00Z');

function setup(routes = standardRoutes(), extra: Partial<ZendeskBackfillOptions> = {}) {
  const zd = fakeZendesk(routes);
  const written: ZendeskBackfillResult[] = [];
  const settings = { enabled: true, requestsPerMinute: 60 };
  const backfill = createZendeskBackfill({
    fetch: zd.fetch,
    host: HOST,
    settings: () => settings,
    writer: async (results) => {
      written.push(...results);
    },
    ...extra,
  });
  return { zd, written, settings, backfill };
}

useFakeClock(NOW);

describe('createZendeskBackfill', () => {
  it('batches show_many, pages every audit list, fetches metrics only when not sideloaded, resolves names', async () => {
    const { zd, written, backfill } = setup();
    backfill.enqueue(['101', '102', '103']);
    await drain(backfill);

    expect(zd.count('/api/v2/tickets/show_many.json')).toBe(1);
    expect(zd.count('/api/v2/tickets/101/audits.json')).toBe(2);
    expect(zd.count('/api/v2/tickets/102/audits.json')).toBe(2);
    expect(zd.count('/api/v2/tickets/101/metrics.json')).toBe(0); // sideloaded metric set
    expect(zd.count('/api/v2/tickets/103/metrics.json')).toBe(1);
    expect(zd.count('/api/v2/users/show_many.json?ids=1003')).toBe(1);
    expect(zd.calls.every((c) => c.init.method === 'GET' && c.init.credentials === 'same-origin')).toBe(true);

    expect(written.map((r) => r.ticketId).sort()).toEqual(['101', '102', '103']);
    for (const r of written) expect(BackfillResultSchema.safeParse(r).success).toBe(true); // fits the message
    const r101 = written.find((r) => r.ticketId === '101')!;
    expect(r101.key).toBe('zendesk:acme.zendesk.com:101');
    expect(r101.transitions.map((t) => t.to)).toContain('Carol Agent');
    expect(r101.facts).toMatchObject({ assigneeStations: 3, groupStations: 2, reopens: 0, slaDueAt: Date.parse('2026-03-06T17:00:00Z'), title: 'Export stuck' });
    expect(r101.sla?.state).toBe('active');
    const r102 = written.find((r) => r.ticketId === '102')!;
    expect(r102.facts.slaDueAt).toBeNull();
    expect(r102.facts.reopens).toBeUndefined(); // metrics 404: audits still stand
    expect(written.find((r) => r.ticketId === '103')!.facts).toMatchObject({ reopens: 1, solvedAt: Date.parse('2026-02-23T10:00:00Z') });
    expect(backfill.stats()).toMatchObject({ written: 3, failed: 0, queued: 0, invalid: 0 });
  });

  it('writes through applyApiHistory: handoff counts match the audits', async () => {
    const db = new QueueLensDb(`backfill-e2e-${Math.random()}`);
    const { backfill } = setup(standardRoutes(), {
      writer: async (results) => {
        for (const r of results) await applyApiHistory(db, r.key, r.transitions, r.facts);
      },
    });
    backfill.enqueue(['101', '102', '103']);
    await drain(backfill);
    const t101 = (await db.tickets.get(ticketKey('zendesk', HOST, '101')))!;
    expect(t101).toMatchObject({ handoffs: 4, assignee: 'Alice Agent', group: 'Tier 1', status: 'open', backfilledAt: expect.any(Number) });
    expect(await db.tickets.get(ticketKey('zendesk', HOST, '102'))).toMatchObject({ status: 'deleted', open: 0, assignee: null });
    expect(await db.transitions.filter((t) => t.source === 'observed').count()).toBe(0);
    await db.delete();
  });

  it('skips tickets backfilled recently, and queued ones', async () => {
    const { zd, backfill } = setup(standardRoutes(), { recentMs: 3_600_000 });
    backfill.enqueue(['101', '102', '103']);
    backfill.enqueue(['101', 'not-an-id']);
    await drain(backfill);
    const requests = zd.calls.length;
    backfill.enqueue(['101', '102', '103']);
    await drain(backfill);
    expect(zd.calls.length).toBe(requests);
    backfill.markBackfilled('104', Date.now()); // known from stored backfilledAt
    backfill.enqueue(['104']);
    expect(backfill.stats().queued).toBe(0);
    vi.advanceTimersByTime(3_600_001);
    backfill.enqueue(['101']);
    await drain(backfill);
    expect(zd.count('/api/v2/tickets/show_many.json?ids=101&')).toBe(1);
  });

  it('on 429 waits Retry-After, retries the same request, and the ticket is not lost', async () => {
    const { zd, written, backfill } = setup();
    zd.queue('/api/v2/tickets/101/audits.json?page[after]=cursor-p2&page[size]=100', { status: 429, headers: { 'Retry-After': '120' } });
    backfill.enqueue(['101', '102', '103']);
    await vi.advanceTimersByTimeAsync(60_000);
    const during = zd.calls.length;
    await vi.advanceTimersByTimeAsync(59_000);
    expect(zd.calls.length).toBe(during); // nothing at all is sent while the account is limited
    await drain(backfill);
    expect(written.map((r) => r.ticketId).sort()).toEqual(['101', '102', '103']);
    expect(written.find((r) => r.ticketId === '101')!.transitions).toHaveLength(10); // both pages
    expect(backfill.stats()).toMatchObject({ rateLimited: 1, failed: 0 });
  });

  it('rejects a malformed payload, counts it, and hands nothing of that ticket on', async () => {
    const routes = standardRoutes();
    const show = structuredClone(fixture('show_many_101_102_103.json')) as { tickets: Record<string, unknown>[] };
    show.tickets = [{ ...show.tickets[0], id: 104, metric_set: undefined }];
    routes['/api/v2/tickets/show_many.json?ids=104&include=users,groups,metric_sets,slas'] = show;
    routes['/api/v2/tickets/104/audits.json?page[size]=100'] = fixture('audits_104_malformed_status.json');
    const db = new QueueLensDb(`backfill-bad-${Math.random()}`);
    const errors: unknown[] = [];
    const { written, backfill } = setup(routes, {
      writer: async (results) => {
        written.push(...results);
        for (const r of results) await applyApiHistory(db, r.key, r.transitions, r.facts);
      },
      onError: (e) => errors.push(e),
    });
    backfill.enqueue(['104']);
    await drain(backfill);
    expect(written).toEqual([]);
    expect(backfill.stats()).toMatchObject({ invalid: 1, failed: 1, written: 0 });
    expect(String(errors[0])).toMatch(/unexpected response from \/api\/v2\/tickets\/104\/audits\.json/);
    expect(await db.tickets.count()).toBe(0);
    expect(await db.transitions.count()).toBe(0);
    await db.delete();
  });

  it('a malformed show_many fails the batch without a single write', async () => {
    const routes = standardRoutes();
    const show = structuredClone(fixture('show_many_101_102_103.json')) as { tickets: Record<string, unknown>[] };
    show.tickets[1].status = 'archived';
    routes[SHOW_MANY_101_103] = show;
    const { written, backfill } = setup(routes);
    backfill.enqueue(['101', '102', '103']);
    await drain(backfill);
    expect(written).toEqual([]);
    expect(backfill.stats()).toMatchObject({ invalid: 1, failed: 3 });
  });

  it('never sends more than the budget per minute', async () => {
    const sentAt: number[] = [];
    const zd = fakeZendesk(standardRoutes());
    const backfill = createZendeskBackfill({
      host: HOST,
      settings: { enabled: true, requestsPerMinute: 2 },
      writer: async () => undefined,
      fetch: async (url, init) => {
        sentAt.push(Date.now());
        return zd.fetch(url, init);
      },
    });
    backfill.enqueue(['101', '102', '103']);
    await drain(backfill);
    expect(sentAt.length).toBeGreaterThan(8);
    for (let i = 2; i < sentAt.length; i++) expect(sentAt[i] - sentAt[i - 2]).toBeGreaterThanOrEqual(60_000);
  });

  it('asks show_many for at most 100 ids at a time', async () => {
    const { zd, backfill } = setup({});
    backfill.enqueue(Array.from({ length: 150 }, (_, i) => String(1000 + i)));
    await drain(backfill);
    const shows = zd.calls.map((c) => new URL(c.url)).filter((u) => u.pathname.endsWith('show_many.json'));
    expect(shows.map((u) => u.searchParams.get('ids')!.split(',').length)).toEqual([100, 50]);
  });

  it('does nothing while switched off, and resumes queued work when switched back on', async () => {
    const { zd, written, settings, backfill } = setup();
    settings.enabled = false;
    backfill.enqueue(['101']);
    await drain(backfill);
    expect(zd.calls).toHaveLength(0);
    settings.enabled = true;
    settings.requestsPerMinute = 1; // show_many goes now, the audits wait for the next minute
    backfill.enqueue(['101']);
    await vi.advanceTimersByTimeAsync(0);
    expect(zd.calls).toHaveLength(1);
    settings.enabled = false; // switched off mid-flight: the ticket waits, it is not dropped
    await drain(backfill);
    expect(written).toEqual([]);
    expect(zd.calls).toHaveLength(1);
    expect(backfill.stats()).toMatchObject({ queued: 1, failed: 0 });
    settings.enabled = true;
    backfill.enqueue(['101']);
    await drain(backfill);
    expect(written.map((r) => r.ticketId)).toEqual(['101']);
  });

  it('gives up on a ticket whose audits never end, writing nothing for it', async () => {
    const routes = standardRoutes();
    const { written, backfill } = setup(routes, { maxAuditPages: 1 });
    backfill.enqueue(['101', '103']);
    await drain(backfill);
    expect(written.map((r) => r.ticketId)).toEqual(['103']);
    expect(backfill.stats().failed).toBe(1);
  });

  it('queues tickets again when the writer fails, so nothing is lost', async () => {
    let fail = true;
    const written: string[] = [];
    const { backfill } = setup(standardRoutes(), {
      retryDelayMs: 30_000,
      writer: async (results) => {
        if (fail) {
          fail = false;
          throw new Error('service worker stopped');
        }
        written.push(...results.map((r) => r.ticketId));
      },
    });
    backfill.enqueue(['101', '102', '103']);
    await drain(backfill);
    expect(written.sort()).toEqual(['101', '102', '103']);
    expect(backfill.stats().failed).toBe(0);
  });
});
