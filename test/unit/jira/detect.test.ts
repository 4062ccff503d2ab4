import { describe, expect, it } from 'vitest';
import { contextPathOf, detectJiraPage, isJiraCloudHost, issueKeyOfUrl, jiraFlavourOf, viewIdOf } from '../../../lib/jira/detect';

const kind = (href: string) => detectJiraPage(new URL(href));

describe('detectJiraPage', () => {
  it.each([
    ['https://acme.atlassian.net/jira/software/c/projects/OPS/boards/12', 'jira-board'],
    ['https://acme.atlassian.net/jira/software/c/projects/OPS/boards/12/', 'jira-board'],
    ['https://acme.atlassian.net/jira/software/projects/OPS/boards/12', 'jira-board'],
    ['https://acme.atlassian.net/jira/software/c/projects/OPS/boards/12?selectedIssue=OPS-1', 'jira-board'],
    ['https://acme.atlassian.net/jira/core/projects/BIZ/board', 'jira-board'],
    ['https://acme.atlassian.net/jira/software/c/projects/OPS/boards/12/backlog', 'jira-backlog'],
    ['https://acme.atlassian.net/jira/software/projects/OPS/boards/12/backlog?epics=visible', 'jira-backlog'],
    ['https://acme.atlassian.net/issues/?jql=project%3DOPS', 'jira-list'],
    ['https://acme.atlassian.net/issues/?filter=-1', 'jira-list'],
    ['https://acme.atlassian.net/jira/software/c/projects/OPS/list', 'jira-list'],
    ['https://acme.atlassian.net/jira/software/c/projects/OPS/issues', 'jira-list'],
    ['https://acme.atlassian.net/jira/servicedesk/projects/SUP/list/?jql=project%20%3D%20SUP', 'jira-list'],
    ['https://acme.atlassian.net/jira/servicedesk/projects/SUP/queues/custom/3', 'jira-queue'],
    ['https://acme.atlassian.net/jira/servicedesk/projects/SUP/queues/custom/3/SUP-12', 'jira-issue'],
    ['https://acme.atlassian.net/browse/OPS-77', 'jira-issue'],
    ['https://acme.atlassian.net/jira/software/c/projects/OPS/summary?selectedIssue=OPS-9', 'jira-issue'],
    ['https://jira.example.org/secure/RapidBoard.jspa?rapidView=42', 'jira-dc-board'],
    ['https://example.org/jira/secure/RapidBoard.jspa?rapidView=42&projectKey=CORE', 'jira-dc-board'],
    ['https://jira.example.org/secure/RapidBoard.jspa?rapidView=42&view=planning.nodetail', 'jira-backlog'],
    ['https://example.org/jira/browse/CORE-11', 'jira-issue'],
    ['https://acme.atlassian.net/jira/software/c/projects/OPS/boards/12/timeline', 'unknown'],
    ['https://acme.atlassian.net/jira/your-work', 'unknown'],
    ['https://jira.example.org/secure/RapidBoard.jspa', 'unknown'],
  ])('%s → %s', (href, expected) => {
    expect(kind(href)).toBe(expected);
  });
});

describe('ids from URLs', () => {
  it('reads board, DC board, queue and filter ids', () => {
    expect(viewIdOf(new URL('https://a.atlassian.net/jira/software/c/projects/OPS/boards/12/backlog'))).toBe('12');
    expect(viewIdOf(new URL('https://j.example.org/secure/RapidBoard.jspa?rapidView=42'))).toBe('42');
    expect(viewIdOf(new URL('https://a.atlassian.net/jira/servicedesk/projects/SUP/queues/custom/3'))).toBe('queue-3');
    expect(viewIdOf(new URL('https://a.atlassian.net/issues/?filter=10200'))).toBe('filter-10200');
    expect(viewIdOf(new URL('https://a.atlassian.net/browse/OPS-1'))).toBeUndefined();
  });

  it('reads the issue key of issue views', () => {
    expect(issueKeyOfUrl(new URL('https://a.atlassian.net/browse/OPS-77'))).toBe('OPS-77');
    expect(issueKeyOfUrl(new URL('https://a.atlassian.net/jira/servicedesk/projects/SUP/queues/custom/3/SUP-12'))).toBe('SUP-12');
    expect(issueKeyOfUrl(new URL('https://a.atlassian.net/issues/?selectedIssue=ops-5'))).toBe('OPS-5');
    expect(issueKeyOfUrl(new URL('https://a.atlassian.net/issues/?selectedIssue=javascript:1'))).toBeUndefined();
  });
});

describe('Cloud or Data Center', () => {
  const doc = (head: string, body = '') => new DOMParser().parseFromString(`<html><head>${head}</head><body>${body}</body></html>`, 'text/html');

  it('Atlassian domains are Cloud', () => {
    expect(isJiraCloudHost('acme.atlassian.net')).toBe(true);
    expect(isJiraCloudHost('ACME.Atlassian.NET')).toBe(true);
    expect(isJiraCloudHost('atlassian.net.evil.example')).toBe(false);
    expect(jiraFlavourOf(new URL('https://acme.atlassian.net/browse/A-1'))).toBe('cloud');
  });

  it('other hosts are DC unless the page declares a Cloud build', () => {
    const url = new URL('https://jira.example.org/browse/A-1');
    expect(jiraFlavourOf(url)).toBe('dc');
    expect(jiraFlavourOf(url, doc('<meta name="ajs-version-number" content="9.12.2">'))).toBe('dc');
    expect(jiraFlavourOf(url, doc('<meta name="application-name" content="JIRA" data-name="jira" data-version="10.3.1">'))).toBe('dc');
    const cloud = new DOMParser().parseFromString('<html><body id="jira" data-version="1001.0.0-SNAPSHOT"></body></html>', 'text/html');
    expect(jiraFlavourOf(url, cloud)).toBe('cloud');
  });

  it('reads a DC context path, refusing anything that is not a plain path', () => {
    expect(contextPathOf(new DOMParser().parseFromString('<meta name="ajs-context-path" content="/jira">', 'text/html'))).toBe('/jira');
    expect(contextPathOf(new DOMParser().parseFromString('<meta name="ajs-context-path" content="//evil.example">', 'text/html'))).toBe('');
  });
});
