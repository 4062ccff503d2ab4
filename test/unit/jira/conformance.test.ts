import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jiraAdapter } from '../../../lib/jira/adapter';
import { parseJiraSearchPage } from '../../../lib/jira/api/backfill';
import { changelogToTransitions, isChangelogTruncated, statusNamesById } from '../../../lib/jira/api/changelog';
import { BoardConfigurationSchema, ChangelogPageSchema, StatusListSchema } from '../../../lib/jira/api/schemas';
import { categoryOfStatusName, columnOfStatusFromBoard, commitmentPoint } from '../../../lib/jira/flow';
import { ObservationSchema, TransitionSchema } from '../../../lib/model';
import { badgeHostProblems, loadHtml, loadJson, repoRoot } from './fixtures';

/**
 * Real captures and recordings by people outside the project (../shared/fixtures, see its
 * README). Read in place, never copied; skipped when the folder is absent.
 */
const dir = path.join(path.resolve(repoRoot, '../shared/fixtures'), 'jira');
const htmlDir = path.join(dir, 'html');
const apiDir = path.join(dir, 'api');
const NOW = Date.UTC(2026, 7, 12);
const find = (folder: string, prefix: string) => readdirSync(folder).find((f) => f.startsWith(prefix))!;

describe.skipIf(!existsSync(dir))('conformance with real Jira pages (shared fixtures)', () => {
  /**
   * Each <section> holds one verbatim outerHTML block in a <template>, with the page URL.
   * Blocks are re-parsed from the file text as documents: happy-dom drops a bare <tr> inside
   * <template>, so row blocks are wrapped in the table they came from.
   */
  function sections() {
    const source = readFileSync(path.join(htmlDir, find(htmlDir, 'jira_cloud_live_dom_outerhtml_snippets')), 'utf8');
    const out = [];
    for (const m of source.matchAll(/<section data-view="([^"]*)" data-source-url="([^"]*)" data-block="(\d+)">\s*<template>([\s\S]*?)<\/template>/g)) {
      const inner = m[4].trim();
      const html = inner.startsWith('<tr') ? `<table><tbody>${inner}</tbody></table>` : inner;
      const attr = (v: string) => new DOMParser().parseFromString(`<p title="${v}"></p>`, 'text/html').querySelector('p')!.title;
      out.push({ view: attr(m[1]), block: m[3], url: new URL(attr(m[2])), root: new DOMParser().parseFromString(html, 'text/html') as ParentNode });
    }
    return out;
  }
  const section = (view: string, block = '0') => sections().find((s) => s.view.startsWith(view) && s.block === block)!;
  const parse = (s: ReturnType<typeof section>) => {
    const pass = jiraAdapter.parsePage(s.root, s.url, NOW);
    for (const item of pass.items) expect(ObservationSchema.safeParse(item.observation).success).toBe(true);
    expect(badgeHostProblems(pass.items)).toEqual([]);
    return pass;
  };

  it('issue view breadcrumb', () => {
    const pass = parse(section('1. Issue view'));
    expect(pass.pageKind).toBe('jira-issue');
    expect(pass.items.map((i) => i.observation.key)).toEqual(['jira:dalet.atlassian.net:RDC-14817']);
  });

  it('backlog card', () => {
    const pass = parse(section('3. Backlog'));
    expect(pass.pageKind).toBe('jira-backlog');
    expect(pass.items[0].observation).toMatchObject({ id: 'RDC-22274', title: '[Pyramid Admin] Script region presets configuration issue', viewId: '2122' });
  });

  it('board card (platform-board-kit): key, assignee, priority, footer badge host', () => {
    const pass = parse(section('4. Board'));
    expect(pass.items).toHaveLength(1);
    expect(pass.items[0].observation).toMatchObject({ id: 'RDC-21496', assignee: 'Yaron Oaknin', priority: 'p1', viewId: '2122' });
    expect(pass.items[0].badgeHost?.getAttribute('data-testid')).toBe('platform-card.ui.card.card-content.footer');
    // the snippet is one card without its column: selector health says the column is missing
    expect(pass.report.problem).toMatch(/no column names/);
  });

  it('issue navigator row: key, status lozenge, assignee, summary', () => {
    const pass = parse(section('5. Search results', '1'));
    expect(pass.pageKind).toBe('jira-list');
    expect(pass.items[0].observation).toMatchObject({ id: 'RDC-29578', status: 'To Do', assignee: 'Serge Korolev' });
    expect(pass.items[0].observation.title).toMatch(/^\[BRIO3\] BRIO Validation Repository/);
  });

  it('server-rendered navigator and JSM queue skeletons: found, empty, no false alarm', () => {
    const list = jiraAdapter.parsePage(loadHtml(find(htmlDir, 'jira_cloud_ssr_issue_navigator'), htmlDir), new URL('https://x.atlassian.net/issues/?filter=-1'), NOW);
    expect(list).toMatchObject({ pageKind: 'jira-list', items: [] });
    expect(list.report.fieldCounts.table).toBe(1);
    expect(list.report.problem).toBeUndefined();
    const queue = jiraAdapter.parsePage(
      loadHtml(find(htmlDir, 'jira_cloud_ssr_jsm_agent_queue'), htmlDir),
      new URL('https://x.atlassian.net/jira/servicedesk/projects/SUP/queues/custom/3'),
      NOW,
    );
    expect(queue).toMatchObject({ pageKind: 'jira-queue', items: [] });
    expect(queue.report.fieldCounts.table).toBe(1);
    expect(queue.report.problem).toBeUndefined();
  });
});

describe.skipIf(!existsSync(dir))('conformance with recorded Jira API responses (shared fixtures)', () => {
  const json = (prefix: string) => loadJson(find(apiDir, prefix), apiDir);

  it('search?expand=changelog (25 issues, old user shape): 64 status moves, sorted, valid', () => {
    const page = parseJiraSearchPage(json('search_expand_changelog_25_issues'))!;
    expect(page.issues).toHaveLength(25);
    let moves = 0;
    for (const issue of page.issues) {
      expect(isChangelogTruncated(issue.changelog)).toBe(false);
      const ts = changelogToTransitions('actionableagile.atlassian.net', issue.key, issue.changelog!.histories);
      for (const t of ts) expect(TransitionSchema.safeParse(t).success).toBe(true);
      expect(ts.map((t) => t.at)).toEqual([...ts.map((t) => t.at)].sort((a, b) => a - b));
      moves += ts.filter((t) => t.field === 'status').length;
    }
    expect(moves).toBe(64);
  });

  it('paginated issue changelog with tmp account ids', () => {
    const page = ChangelogPageSchema.parse(json('issue_changelog_paginated_values'));
    const ts = changelogToTransitions('hienthanh180721.atlassian.net', 'PD-4', page.values);
    expect(ts.map((t) => [t.field, t.from, t.to])).toEqual([
      ['assignee', null, 'hien thanh'],
      ['status', 'Open', 'In Progress'],
      ['status', 'In Progress', 'Done'],
    ]);
  });

  it('statuses and board configuration of one instance map columns and categories', () => {
    const statuses = StatusListSchema.parse(json('core_statuses'));
    const board = BoardConfigurationSchema.parse(json('agile_board_configuration'));
    const columns = columnOfStatusFromBoard(board, statusNamesById(statuses));
    expect(columns.size).toBeGreaterThan(0);
    for (const column of columns.values()) expect(board.columnConfig.columns.map((c) => c.name)).toContain(column);
    const categories = categoryOfStatusName(statuses);
    expect([...categories.values()].every((c) => c === 'new' || c === 'indeterminate' || c === 'done')).toBe(true);
    expect(commitmentPoint([], categories)).toBeUndefined();
  });
});
