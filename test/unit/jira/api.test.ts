import { describe, expect, it } from 'vitest';
import {
  boardConfigurationUrl,
  changelogPageUrl,
  issueToBackfill,
  jsmSlaUrl,
  nextSearchPageUrl,
  parseJiraSearchPage,
  planJiraBackfill,
  statusesUrl,
} from '../../../lib/jira/api/backfill';
import { statusNamesById } from '../../../lib/jira/api/changelog';
import { StatusListSchema } from '../../../lib/jira/api/schemas';
import { nextSlaDueAt, parseJsmSla } from '../../../lib/jira/api/sla';
import { ObservationSchema } from '../../../lib/model';
import { loadJson } from './fixtures';

const query = (url: string) => Object.fromEntries(new URLSearchParams(url.split('?')[1]));

describe('planJiraBackfill', () => {
  it('batches valid keys into search/jql URLs with the changelog embedded', () => {
    const keys = Array.from({ length: 120 }, (_, i) => `OPS-${i + 1}`);
    const urls = planJiraBackfill([...keys, 'OPS-1', 'ops-2', 'OPS-1) OR project = SECRET', ''], { batchSize: 50 });
    expect(urls).toHaveLength(3);
    expect(urls[0].startsWith('/rest/api/3/search/jql?')).toBe(true);
    const q = query(urls[0]);
    expect(q).toMatchObject({ expand: 'changelog', maxResults: '50', fields: 'summary,status,assignee,priority,created,updated,resolutiondate,project' });
    expect(q.jql).toBe(`key in (${keys.slice(0, 50).join(',')}) ORDER BY key ASC`);
    expect(query(urls[2]).jql).not.toContain('SECRET');
  });

  it('uses the offset endpoint and context path on Data Center', () => {
    const [url] = planJiraBackfill(['CORE-11'], { api: 'dc', base: '/jira' });
    expect(url.startsWith('/jira/rest/api/2/search?startAt=0&')).toBe(true);
    expect(changelogPageUrl('CORE-11', 100, { api: 'dc', base: '/jira' })).toBe('/jira/rest/api/2/issue/CORE-11/changelog?startAt=100&maxResults=100');
    expect(statusesUrl()).toBe('/rest/api/3/status');
    expect(boardConfigurationUrl(12)).toBe('/rest/agile/1.0/board/12/configuration');
    expect(jsmSlaUrl('SUP-12')).toBe('/rest/servicedeskapi/request/SUP-12/sla');
    expect(() => jsmSlaUrl('../admin')).toThrow();
  });
});

describe('parseJiraSearchPage', () => {
  it('reads token pages and builds the next URL', () => {
    const page = parseJiraSearchPage(loadJson('search-jql-page.json'))!;
    expect(page.issues.map((i) => i.key)).toEqual(['OPS-1', 'OPS-2']);
    expect(page.next).toEqual({ nextPageToken: 'CAEaAggD' });
    const [first] = planJiraBackfill(['OPS-1', 'OPS-2']);
    expect(query(nextSearchPageUrl(first, page)!)).toMatchObject({ nextPageToken: 'CAEaAggD', expand: 'changelog' });
  });

  it('reads offset pages', () => {
    const page = parseJiraSearchPage(loadJson('search-offset-page.json'))!;
    expect(page.next).toEqual({ startAt: 1 });
    expect(query(nextSearchPageUrl('/rest/api/2/search?startAt=0&jql=x', page)!).startAt).toBe('1');
  });

  it('refuses other shapes', () => {
    expect(parseJiraSearchPage({ errorMessages: ['nope'] })).toBeUndefined();
    expect(parseJiraSearchPage({ issues: [{ id: '1', key: 'not a key' }] })).toBeUndefined();
  });
});

describe('issueToBackfill', () => {
  it('gives the current state as an observation and flags truncated history', () => {
    const statuses = statusNamesById(StatusListSchema.parse(loadJson('statuses.json')));
    const [ops1, ops2] = parseJiraSearchPage(loadJson('search-jql-page.json'))!.issues;
    const now = Date.UTC(2026, 2, 8);
    const one = issueToBackfill('acme.atlassian.net', ops1, statuses, now);
    expect(ObservationSchema.parse(one.current)).toEqual(one.current);
    expect(one.current).toMatchObject({ status: 'In Progress', assignee: 'Li Wei', priority: 'high', createdAt: Date.UTC(2026, 2, 2, 9) });
    expect(one.changelogTruncated).toBe(false);
    expect(one.transitions).toHaveLength(6);
    const two = issueToBackfill('acme.atlassian.net', ops2, statuses, now);
    expect(two).toMatchObject({ changelogTruncated: true, current: { assignee: null, status: 'Done' } });
  });
});

describe('JSM SLA', () => {
  it('summarises each SLA from millis and epochMillis, never friendly text', () => {
    const base = 1772960400000;
    const H = 3_600_000;
    const slas = parseJsmSla(loadJson('jsm-sla.json'))!;
    expect(slas).toEqual([
      { name: 'Time to first response', state: 'running', dueAt: base + 2.5 * H, remainingMs: 2.5 * H, goalMs: 4 * H, elapsedMs: 1.5 * H, withinCalendarHours: true },
      { name: 'Time to resolution', state: 'breached', dueAt: base - 6 * H, remainingMs: -6 * H, goalMs: 24 * H, elapsedMs: 30 * H, withinCalendarHours: false },
      { name: 'Time to close after resolution', state: 'met', goalMs: 72 * H, elapsedMs: 10 * H },
      { name: 'Time waiting for vendor', state: 'paused', remainingMs: 7 * H, goalMs: 8 * H, elapsedMs: 1 * H, withinCalendarHours: false },
      { name: 'Time to approve', state: 'none' },
    ]);
    // the breached clock is the next (already past) breach
    expect(nextSlaDueAt(slas)).toBe(base - 6 * H);
    expect(nextSlaDueAt(slas.filter((s) => s.state !== 'breached'))).toBe(base + 2.5 * H);
  });

  it('refuses other shapes', () => {
    expect(parseJsmSla({ values: [{ name: 'x', ongoingCycle: { breached: 'no' } }] })).toBeUndefined();
  });
});
