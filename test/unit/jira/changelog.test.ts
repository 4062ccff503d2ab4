import { describe, expect, it } from 'vitest';
import {
  changelogToTransitions,
  isChangelogTruncated,
  mergeHistories,
  nextChangelogStartAt,
  parseJiraDate,
  statusNamesById,
} from '../../../lib/jira/api/changelog';
import { parseJiraSearchPage } from '../../../lib/jira/api/backfill';
import { ChangelogPageSchema, StatusListSchema } from '../../../lib/jira/api/schemas';
import { TransitionSchema, transitionId } from '../../../lib/model';
import { loadJson } from './fixtures';

const HOST = 'acme.atlassian.net';
const statuses = statusNamesById(StatusListSchema.parse(loadJson('statuses.json')));
const cloudPage = parseJiraSearchPage(loadJson('search-jql-page.json'))!;
const utc = (s: string) => Date.parse(s);

describe('parseJiraDate', () => {
  it('reads offsets without a colon', () => {
    expect(parseJiraDate('2022-06-20T18:12:30.209+0700')).toBe(utc('2022-06-20T11:12:30.209Z'));
    expect(parseJiraDate('2015-11-21T07:14:01.643-0500')).toBe(utc('2015-11-21T12:14:01.643Z'));
    expect(parseJiraDate('not a date')).toBeUndefined();
  });
});

describe('changelogToTransitions (Cloud, search/jql)', () => {
  const ops1 = cloudPage.issues.find((i) => i.key === 'OPS-1')!;
  const transitions = changelogToTransitions(HOST, 'OPS-1', ops1.changelog!.histories, statuses);

  it('sorts unsorted histories and keeps only status, assignee and priority', () => {
    expect(transitions.map((t) => [t.field, t.from, t.to, new Date(t.at).toISOString()])).toEqual([
      ['assignee', null, 'Dana Reyes', '2026-03-02T10:00:00.000Z'],
      // +0100 offset: 10:00 local is 09:00 UTC
      ['status', 'To Do', 'In Progress', '2026-03-03T09:00:00.000Z'],
      // capitalised `field: "Status"` without fieldId; id 10101 named from /status, not the stale "Code Review"
      ['status', 'In Progress', 'In Review', '2026-03-04T09:00:00.000Z'],
      // backward move, by an automation
      ['status', 'In Review', 'In Progress', '2026-03-05T09:00:00.000Z'],
      ['priority', 'medium', 'high', '2026-03-05T09:00:00.000Z'],
      // accountId assignees (tmpFromAccountId/tmpToAccountId) keep the display name the page shows
      ['assignee', 'Dana Reyes', 'Li Wei', '2026-03-06T12:00:00.000Z'],
    ]);
  });

  it('makes exact api transitions with deterministic ids', () => {
    for (const t of transitions) {
      expect(TransitionSchema.parse(t)).toEqual(t);
      expect(t).toMatchObject({ key: 'jira:acme.atlassian.net:OPS-1', source: 'api', earliest: t.at, latest: t.at });
      expect(t.id).toBe(transitionId(t));
    }
    expect(new Set(transitions.map((t) => t.id)).size).toBe(transitions.length);
  });

  it('marks app-authored changes automatic (not a handoff)', () => {
    expect(transitions.filter((t) => t.automatic).map((t) => t.field)).toEqual(['status', 'priority']);
  });

  it('falls back to the item strings when no status map is given', () => {
    const raw = changelogToTransitions(HOST, 'OPS-1', ops1.changelog!.histories);
    expect(raw.find((t) => t.at === utc('2026-03-04T09:00:00Z'))?.to).toBe('Code Review');
  });

  it('is idempotent: the same histories twice give the same transitions', () => {
    const twice = changelogToTransitions(HOST, 'OPS-1', [...ops1.changelog!.histories, ...ops1.changelog!.histories], statuses);
    expect(twice).toEqual(transitions);
  });
});

describe('truncated embedded changelog', () => {
  const ops2 = cloudPage.issues.find((i) => i.key === 'OPS-2')!;

  it('is detected by total > maxResults', () => {
    expect(isChangelogTruncated(ops2.changelog)).toBe(true);
    expect(isChangelogTruncated(cloudPage.issues[0].changelog)).toBe(false);
    expect(isChangelogTruncated(undefined)).toBe(false);
  });

  it('is completed from changelog pages, overlapping histories merged once', () => {
    const page = ChangelogPageSchema.parse(loadJson('changelog-page.json'));
    expect(nextChangelogStartAt(page)).toBe(2);
    expect(nextChangelogStartAt({ ...page, isLast: true })).toBeUndefined();
    const histories = mergeHistories(ops2.changelog!.histories, page.values);
    expect(histories.map((h) => h.id)).toEqual(['8980', '8990', '9001']);
    const statusPath = changelogToTransitions(HOST, 'OPS-2', histories, statuses).map((t) => t.to);
    expect(statusPath).toEqual(['In Progress', 'In Review', 'Done']);
  });
});

describe('changelogToTransitions (old offset search, usernames)', () => {
  it('reads username assignees and capitalised fields', () => {
    const page = parseJiraSearchPage(loadJson('search-offset-page.json'))!;
    const issue = page.issues[0];
    const transitions = changelogToTransitions('jira.example.org', issue.key, issue.changelog!.histories);
    expect(transitions.map((t) => [t.field, t.from, t.to, new Date(t.at).toISOString()])).toEqual([
      // no toString recorded: the username is all there is
      ['assignee', null, 'jsmith', '2025-12-02T14:00:00.000Z'],
      ['status', 'Open', 'In Progress', '2025-12-02T14:00:00.000Z'],
      ['assignee', 'John Smith', 'Ola Nordmann', '2025-12-03T14:00:00.000Z'],
    ]);
  });
});
