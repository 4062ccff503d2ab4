import { describe, expect, it, vi } from 'vitest';
import { drain, useFakeClock } from '../support/fake-time';
import { applyApiHistory } from '../../../lib/backfill/apply-history';
import { BackfillResultSchema } from '../../../lib/backfill/messages';
import { BackfillCoordinator } from '../../../lib/background/backfill-coordinator';
import { QueueLensDb } from '../../../lib/db/database';
import { ingestBatch } from '../../../lib/ingest/ingest';
import { createJiraBackfill, type JiraBackfillOptions, type JiraBackfillResult } from '../../../lib/jira/api/backfill-client';
import { stageOverridesFromStatuses } from '../../../lib/jira/flow';
import { StatusListSchema } from '../../../lib/jira/api/schemas';
import { ticketKey, type Observation } from '../../../lib/model';
import { DEFAULT_SETTINGS } from '../../../lib/settings/schema';
import { fakeJira, HOST } from './fake-jira';
import { loadJson } from './fixtures';

const NOW = Date.parse('2026-03-06T12:00:00Z');
const H = 3_600_000;

function setup(jira = fakeJira(), extra: Partial<JiraBackfillOptions> = {}) {
  const written: JiraBackfillResult[] = [];
  const backfill = createJiraBackfill({
    fetch: jira.fetch,
    host: HOST,
    settings: { enabled: true, requestsPerMinute: 60 },
    writer: async (results) => {
      written.push(...results);
    },
    ...extra,
  });
  return { jira, written, backfill };
}

useFakeClock(NOW);

describe('createJiraBackfill', () => {
  it('searches with the changelog embedded, pages a truncated changelog, resolves status ids, fetches statuses once', async () => {
    const { jira, written, backfill } = setup();
    backfill.enqueue(['OPS-1', 'OPS-2', 'OPS-404', 'not a key']);
    await drain(backfill);

    expect(jira.count('/rest/api/3/search/jql')).toBe(2); // first page + the token page
    expect(jira.count('/rest/api/3/status')).toBe(1);
    expect(jira.count('/rest/api/3/issue/OPS-2/changelog')).toBe(2);
    expect(jira.count('/rest/api/3/issue/OPS-1/changelog')).toBe(0); // complete when embedded
    expect(jira.count('/rest/servicedeskapi/request/OPS-1/sla')).toBe(0); // not a service desk issue
    expect(backfill.stats()).toMatchObject({ written: 2, missing: 1, failed: 0, queued: 0, invalid: 0 });

    const ops1 = written.find((r) => r.issueKey === 'OPS-1')!;
    expect(BackfillResultSchema.safeParse(ops1).success).toBe(true);
    expect(ops1.key).toBe(ticketKey('jira', HOST, 'OPS-1'));
    // Status id 10101 is "In Review" per /status, whatever the item's own string said.
    expect(ops1.transitions.filter((t) => t.field === 'status').map((t) => t.to)).toEqual(['In Progress', 'In Review', 'In Progress']);
    expect(ops1.facts.startedAt).toBe(Date.parse('2026-03-03T09:00:00Z'));
    // In Progress 24 h, In Review, back in In Progress 27 h: accumulated across the revisit.
    expect(NOW - ops1.facts.statusSince!).toBe(51 * H);
    expect(ops1.stageOverrides).toMatchObject({ 'to do': 'queued', 'in review': 'active', done: 'done' });

    const ops2 = written.find((r) => r.issueKey === 'OPS-2')!;
    expect(ops2.transitions.filter((t) => t.field === 'status').map((t) => t.to)).toEqual(['In Progress', 'In Review', 'Done']);
    expect(ops2.facts.startedAt).toBe(Date.parse('2026-01-10T08:00:00Z'));
  });

  it('falls back to the offset search when /search/jql 404s, and stays there', async () => {
    const offset = loadJson('search-jql-page.json') as { issues: unknown[] };
    const jira = fakeJira({
      '/rest/api/3/search/jql': () => ({ status: 404, body: { errorMessages: ['no'] } }),
      '/rest/api/2/search': () => ({ status: 200, body: { startAt: 0, maxResults: 50, total: 2, issues: offset.issues } }),
    });
    const { written, backfill } = setup(jira);
    backfill.enqueue(['OPS-1']);
    await drain(backfill);
    backfill.enqueue(['OPS-2']);
    await drain(backfill);
    expect(jira.count('/rest/api/3/search/jql')).toBe(1);
    expect(jira.count('/rest/api/2/search')).toBe(2);
    expect(written.map((r) => r.issueKey)).toEqual(['OPS-1', 'OPS-2']);
  });

  it('fetches the JSM SLA of service desk requests and uses the board columns for time in column', async () => {
    const { jira, written, backfill } = setup();
    backfill.enqueue(['OPS-1'], new Map([['OPS-1', { serviceDesk: true, boardId: '12' }]]));
    await drain(backfill);
    expect(jira.count('/rest/servicedeskapi/request/OPS-1/sla')).toBe(1);
    expect(jira.count('/rest/agile/1.0/board/12/configuration')).toBe(1);
    const [r] = written;
    expect(r.sla?.map((s) => s.state)).toEqual(expect.arrayContaining(['running', 'breached']));
    expect(r.facts.slaDueAt).toBe(1772938800000); // the breached clock's due time comes first
    expect(NOW - r.facts.statusSince!).toBe(51 * H); // "Doing" holds only In Progress
  });

  it('an SLA that does not answer leaves the history standing', async () => {
    const jira = fakeJira({ '/rest/servicedeskapi/request/OPS-1/sla': () => ({ status: 403, body: {} }) });
    const { written, backfill } = setup(jira);
    backfill.enqueue(['OPS-1'], new Map([['OPS-1', { serviceDesk: true }]]));
    await drain(backfill);
    expect(written).toHaveLength(1);
    expect(written[0].facts.slaDueAt).toBeUndefined();
  });

  it('a rejected search payload is counted, not written', async () => {
    const jira = fakeJira({ '/rest/api/3/search/jql': () => ({ status: 200, body: { issues: [{ key: 'bad key' }] } }) });
    const { written, backfill } = setup(jira);
    backfill.enqueue(['OPS-1']);
    await drain(backfill);
    expect(written).toEqual([]);
    expect(backfill.stats()).toMatchObject({ invalid: 1, failed: 1 });
  });
});

describe('stageOverridesFromStatuses', () => {
  it('maps by category, keeps waiting names waiting, and skips reserved names', () => {
    const statuses = StatusListSchema.parse([
      ...(loadJson('statuses.json') as unknown[]),
      { id: '7', name: 'Waiting for customer', statusCategory: { key: 'indeterminate' } },
      { id: '8', name: '__proto__', statusCategory: { key: 'done' } },
    ]);
    const overrides = stageOverridesFromStatuses(statuses);
    expect(overrides).toEqual({ 'to do': 'queued', backlog: 'queued', 'in progress': 'active', 'in review': 'active', done: 'done', 'waiting for customer': 'waiting' });
    expect(Object.getPrototypeOf(overrides)).toBe(Object.prototype);
  });
});

describe('Jira backfill through applyApiHistory and the coordinator', () => {
  it('badge annotations get exact handoffs, commitment point and accumulated time in column', async () => {
    const db = new QueueLensDb(`jira-backfill-${Math.random()}`);
    const jira = fakeJira();
    const messages: { tabId: number; message: { type: string; path?: string; annotations?: unknown[] } }[] = [];
    // The tab's content script answers api-get like lib/content/api-proxy.ts does.
    const sendToTab = async (tabId: number, message: unknown) => {
      const m = message as { type: string; path?: string; annotations?: unknown[] };
      messages.push({ tabId, message: m });
      if (m.type !== 'api-get') return undefined;
      const response = await jira.fetch(`https://${HOST}${m.path}`, { method: 'GET' });
      return { ok: true, status: response.status, retryAfter: null, body: JSON.stringify(await response.json()) };
    };
    const coordinator = new BackfillCoordinator(db, sendToTab, () => DEFAULT_SETTINGS);
    const seen: Observation = { key: ticketKey('jira', HOST, 'OPS-1'), tool: 'jira', host: HOST, id: 'OPS-1', seenAt: NOW - 1000, pageKind: 'jira-board', viewId: '12', status: 'In Progress', assignee: 'Li Wei' };
    const { states } = await ingestBatch(db, [seen]);
    coordinator.observed(7, states);
    await drain(coordinator);

    expect(jira.count('/rest/agile/1.0/board/12/configuration')).toBe(1);
    const t = (await db.tickets.get(seen.key))!;
    expect(t).toMatchObject({ handoffs: 1, stage: 'active', startedAt: Date.parse('2026-03-03T09:00:00Z'), statusSince: NOW - 51 * H, statusSinceExact: true, backfilledAt: NOW });
    const pushed = messages.find((m) => m.message.type === 'annotations')!;
    expect(pushed.tabId).toBe(7);
    expect(pushed.message.annotations).toEqual([expect.objectContaining({ key: seen.key, handoffs: 1, statusSince: NOW - 51 * H, statusSinceExact: true })]);
    expect(coordinator.stats(HOST)).toMatchObject({ written: 1, failed: 0 });
    await db.delete();
  });
});

describe('facts.statusSince in replayHistory', () => {
  it('applies while the status is the one the API reported; a status change seen after the read starts a new visit', async () => {
    const { replayHistory } = await import('../../../lib/backfill/replay');
    const key = ticketKey('jira', HOST, 'OPS-9');
    const identity = { key, tool: 'jira' as const, host: HOST, id: 'OPS-9' };
    const api = { id: 'a', key, field: 'status' as const, from: 'To Do', to: 'In Progress', at: NOW - 10 * H, earliest: NOW - 10 * H, latest: NOW - 10 * H, source: 'api' as const };
    const facts = { fetchedAt: NOW, current: { status: 'In Progress' }, statusSince: NOW - 30 * H };
    expect(replayHistory(undefined, identity, [api], facts).statusSince).toBe(NOW - 30 * H);
    const later = { ...api, id: 'o', from: 'In Progress', to: 'Done', at: NOW + H, earliest: NOW, latest: NOW + H, source: 'observed' as const };
    expect(replayHistory(undefined, identity, [api, later], facts).statusSince).toBe(NOW + H);
  });
});
