import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchExtensionBrowser, type ExtensionBrowser } from '../../lib/demo/node/browser';
import { patchSettings } from '../../lib/demo/node/settings';
import { formatDuration } from '../../lib/format/duration';

/**
 * Jira end to end: the project's Jira fixtures served at their real URLs by interception, and a
 * small Jira REST world answering search (changelog embedded, one truncated), changelog pages,
 * statuses, board configuration and JSM SLAs. Every card gets exactly one badge, headers none;
 * cards mounted later (virtualised boards) get theirs; the popup counts the distinct open cards
 * shown; after the backfill, handoffs on badges are those of the changelogs.
 *
 * The DC board is served under acme.atlassian.net/secure/RapidBoard.jspa: a self-hosted host
 * needs the dynamic content-script registration (optional host permissions), not built yet.
 * The adapter reads any `#ghx-pool` page with the DC parser, so the DC markup is covered.
 */
const HOST = 'acme.atlassian.net';
const ORIGIN = `https://${HOST}`;
const NOW = Date.now();
const H = 3_600_000;
const D = 24 * H;

// ── The Jira world: final status and assignee as the pages show them ─────────────────────────
const WORLD: Record<string, { status: string; assignee: string | null }> = {
  'OPS-1': { status: 'To Do', assignee: 'Dana Reyes' },
  'OPS-2': { status: 'To Do', assignee: null },
  'OPS-3': { status: 'In Progress', assignee: 'Li Wei' },
  'OPS-4': { status: 'Done', assignee: null },
  'AUT-1': { status: 'To Do', assignee: null },
  'AUT-2': { status: 'To Do', assignee: 'Priya Nair' },
  'AUT-3': { status: 'In Progress', assignee: 'Tom Berg' },
  'RDC-301': { status: 'To Do', assignee: 'Serge Kole' },
  'RDC-302': { status: 'In Review', assignee: null },
  'RDC-303': { status: 'Done', assignee: 'Marta Silva' },
  'SUP-12': { status: 'Waiting for support', assignee: 'Alex Kim' },
  'SUP-13': { status: 'Waiting for customer', assignee: null },
  'CORE-11': { status: 'In Progress', assignee: 'Ola Nordmann' },
  'CORE-12': { status: 'Open', assignee: null },
  'CORE-13': { status: 'In Progress', assignee: 'Kari Nordmann' },
  'CORE-14': { status: 'Done', assignee: null },
};
/** Cards mounted after load: a copy of an existing card under a new key (same column, same assignee). */
const SCROLLED_IN: Record<string, string> = { 'OPS-3': 'OPS-5', 'AUT-3': 'AUT-4', 'RDC-302': 'RDC-304', 'SUP-12': 'SUP-14', 'CORE-13': 'CORE-15' };
for (const [from, to] of Object.entries(SCROLLED_IN)) WORLD[to] = { ...WORLD[from] };

const STATUSES: Record<string, { id: string; category: 'new' | 'indeterminate' | 'done' }> = {
  'To Do': { id: '10000', category: 'new' },
  Open: { id: '1', category: 'new' },
  'Waiting for support': { id: '10200', category: 'new' },
  'In Progress': { id: '3', category: 'indeterminate' },
  'In Review': { id: '10101', category: 'indeterminate' },
  'Waiting for customer': { id: '10201', category: 'indeterminate' },
  Done: { id: '10001', category: 'done' },
};

interface Item {
  field: string;
  fieldId: string;
  fieldtype: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}
interface History {
  id: string;
  author: { accountId: string; displayName: string; accountType: string };
  created: string;
  items: Item[];
}

const jiraDate = (at: number) => new Date(at).toISOString().replace('Z', '+0000');
const account = (name: string | null) => (name ? `acc-${name.toLowerCase().replace(/\W+/g, '-')}` : null);
const PERSON = { accountId: 'acc-dana', displayName: 'Dana Reyes', accountType: 'atlassian' };
const AUTOMATION = { accountId: 'acc-automation', displayName: 'Automation for Jira', accountType: 'app' };

/** Deterministic history per issue: status path (some revisit a column, some move back), assignee path (some handoffs, some by automation). */
function historyOf(key: string, i: number): { created: number; histories: History[]; inStatusMs: number } {
  const { status, assignee } = WORLD[key];
  const created = NOW - (6 + (i % 5)) * D - i * H;
  const histories: History[] = [];
  const add = (at: number, item: Omit<Item, 'fieldtype' | 'fieldId'>, author = PERSON) =>
    histories.push({ id: String(1000 + i * 20 + histories.length), author, created: jiraDate(at), items: [{ ...item, fieldId: item.field, fieldtype: 'jira' }] });
  const move = (at: number, from: string, to: string) => add(at, { field: 'status', from: STATUSES[from].id, fromString: from, to: STATUSES[to].id, toString: to });
  const reassign = (at: number, from: string | null, to: string | null, author = PERSON) =>
    add(at, { field: 'assignee', from: account(from), fromString: from, to: account(to), toString: to }, author);

  if (STATUSES[status].category === 'new') {
    if (i % 3 === 0) {
      // Pulled into work, then moved back: history is kept, the commitment point too.
      move(created + 1 * D, status, 'In Progress');
      move(created + 2 * D, 'In Progress', status);
    }
  } else {
    move(created + 1 * D, 'To Do', 'In Progress');
    if (i % 2 === 0) {
      move(created + 2 * D, 'In Progress', 'In Review');
      move(created + 3 * D, 'In Review', 'In Progress');
    }
    if (status !== 'In Progress') move(created + 4 * D, 'In Progress', status);
  }
  // Time in the current status, accumulated across revisits (Jira's rule), read off the moves.
  let inStatusMs = 0;
  let current = STATUSES[status].category === 'new' ? status : 'To Do';
  let since = created;
  for (const h of histories) {
    const at = Date.parse(h.created);
    if (current === status) inStatusMs += at - since;
    current = h.items[0].toString!;
    since = at;
  }
  if (current === status) inStatusMs += NOW - since;
  let holder: string | null = null;
  const assign = (at: number, to: string | null, author = PERSON) => {
    if (to === holder) return;
    reassign(at, holder, to, author);
    holder = to;
  };
  assign(created + 2 * H, 'Ann Lee');
  if (i % 2 === 1) assign(created + 30 * H, 'Ben Ode');
  if (i % 3 === 1) assign(created + 40 * H, 'Cat Dee', AUTOMATION);
  assign(created + 4.5 * D, assignee);
  return { created, histories, inStatusMs };
}

const KEYS = Object.keys(WORLD).sort();
const HISTORY = new Map(KEYS.map((k, i) => [k, historyOf(k, i)]));

/** Handoffs read straight off a changelog: person → another person, not by an app. */
function handoffsInChangelog(key: string): number {
  return HISTORY.get(key)!.histories.flatMap((h) => h.items.filter((it) => it.field === 'assignee' && it.fromString && it.toString && it.fromString !== it.toString && h.author.accountType !== 'app')).length;
}

/** The issue whose embedded changelog is cut short (total > maxResults): its history is paged. */
const TRUNCATED = 'OPS-1';

function issueJson(key: string) {
  const { created, histories } = HISTORY.get(key)!;
  const { status, assignee } = WORLD[key];
  const newestFirst = [...histories].reverse();
  const embedded = key === TRUNCATED ? newestFirst.slice(0, 2) : newestFirst;
  return {
    id: String(20000 + KEYS.indexOf(key)),
    key,
    fields: {
      summary: `Issue ${key}`,
      status: { id: STATUSES[status].id, name: status, statusCategory: { key: STATUSES[status].category } },
      assignee: assignee ? { accountId: account(assignee), displayName: assignee, accountType: 'atlassian' } : null,
      priority: { id: '3', name: 'Medium' },
      created: jiraDate(created),
      updated: jiraDate(histories.length ? Date.parse(histories[histories.length - 1].created) : created),
      project: { key: key.split('-')[0], projectTypeKey: key.startsWith('SUP-') ? 'service_desk' : 'software' },
    },
    changelog: { startAt: 0, maxResults: embedded.length, total: histories.length, histories: embedded },
  };
}

const apiCalls: string[] = [];
const apiMethods = new Set<string>();

function api(url: URL): { status: number; body: unknown } {
  apiCalls.push(url.pathname);
  const path = url.pathname;
  if (path === '/rest/api/3/search/jql') {
    const keys = /key in \(([^)]*)\)/.exec(url.searchParams.get('jql') ?? '')?.[1].split(',') ?? [];
    return { status: 200, body: { issues: keys.filter((k) => WORLD[k]).map(issueJson), isLast: true } };
  }
  if (path === '/rest/api/3/status') {
    return { status: 200, body: Object.entries(STATUSES).map(([name, s]) => ({ id: s.id, name, statusCategory: { key: s.category } })) };
  }
  const changelog = /^\/rest\/api\/3\/issue\/([A-Z]+-\d+)\/changelog$/.exec(path);
  if (changelog && HISTORY.has(changelog[1])) {
    const all = HISTORY.get(changelog[1])!.histories;
    const startAt = Number(url.searchParams.get('startAt') ?? 0);
    return { status: 200, body: { startAt, maxResults: 100, total: all.length, isLast: true, values: all.slice(startAt) } };
  }
  if (/^\/rest\/servicedeskapi\/request\/SUP-\d+\/sla$/.test(path)) return { status: 200, body: JSON.parse(fixture('api/jsm-sla.json')) };
  if (path === '/rest/agile/1.0/board/12/configuration') return { status: 200, body: JSON.parse(fixture('api/board-configuration.json')) };
  return { status: 404, body: { errorMessages: ['Not found'] } };
}

const fixture = (name: string) => readFileSync(resolve('test/fixtures/jira', name), 'utf8');

interface PageCase {
  name: string;
  url: string;
  file: string;
  /** Every card or row element (duplicates such as drag previews included). */
  card: string;
  /** Column headers / header rows: never a badge inside. */
  header: string;
  keys: string[];
}

const CASES: PageCase[] = [
  {
    name: 'Cloud board, platform-board-kit markup',
    url: `${ORIGIN}/jira/software/c/projects/OPS/boards/12`,
    file: 'board-kit.html',
    card: '[data-testid="platform-board-kit.ui.card.card"]',
    header: '[data-testid="platform-board-kit.common.ui.column-header.header.column-header-container"]',
    keys: ['OPS-1', 'OPS-2', 'OPS-3', 'OPS-4'],
  },
  {
    name: 'Cloud board, 2026 board.content markup',
    url: `${ORIGIN}/jira/software/c/projects/AUT/boards/3`,
    file: 'board-content.html',
    card: '[data-testid="board.content.cell.card"]',
    header: '[data-testid="board.content.cell.column-header"]',
    keys: ['AUT-1', 'AUT-2', 'AUT-3'],
  },
  {
    name: 'issue list',
    url: `${ORIGIN}/issues/?jql=project%3DRDC&filter=10200`,
    file: 'list.html',
    card: 'tr[data-testid="native-issue-table.ui.issue-row"]',
    header: 'thead',
    keys: ['RDC-301', 'RDC-302', 'RDC-303'],
  },
  {
    name: 'JSM queue',
    url: `${ORIGIN}/jira/servicedesk/projects/SUP/queues/custom/1`,
    file: 'queue.html',
    card: '[data-testid="servicedesk-queues-agent-view.layout.table.row"]',
    header: '[data-testid="servicedesk-queues-agent-view.layout.table.header-row"], [role="columnheader"]',
    keys: ['SUP-12', 'SUP-13'],
  },
  {
    name: 'Data Center board (served on the Cloud host, see above)',
    url: `${ORIGIN}/secure/RapidBoard.jspa?rapidView=5`,
    file: 'dc-board.html',
    card: '.ghx-issue[data-issue-key]',
    header: '#ghx-column-headers',
    keys: ['CORE-11', 'CORE-12', 'CORE-13', 'CORE-14'],
  },
];

let browser: ExtensionBrowser;
/** Distinct open issues shown so far on this host: what the popup's "open" must say. */
const shownOpen = new Set<string>();

test.beforeAll(async () => {
  browser = await launchExtensionBrowser();
  await patchSettings(browser, { backfill: { enabled: true, requestsPerMinute: 600 } });
  await browser.context.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname.startsWith('/rest/')) {
      apiMethods.add(route.request().method());
      const { status, body } = api(url);
      return route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
    }
    const page = CASES.find((c) => new URL(c.url).pathname === url.pathname);
    return route.fulfill({ status: page ? 200 : 404, contentType: 'text/html; charset=utf-8', body: page ? fixture(page.file) : 'not found' });
  });
});
test.afterAll(async () => browser?.close());

async function badges(page: Page) {
  return page.$$eval('[data-queuelens="badge"]', (els) => els.map((e) => ({ key: e.getAttribute('data-ticket-key')!, text: e.textContent ?? '', label: e.getAttribute('aria-label') ?? '' })));
}

const keyOf = (ticketKey: string) => ticketKey.split(':').pop()!;

/** Mounts a copy of `from`'s card under `to` next to it, the way a virtualised board renders what scrolls in. */
async function scrollIn(page: Page, c: PageCase, from: string, to: string) {
  await page.evaluate(
    ({ selector, from, to }) => {
      const found = [...document.querySelectorAll(selector)].find((el) => el.outerHTML.includes(`/browse/${from}"`) || el.getAttribute('data-issue-key') === from)!;
      // A list item wrapper (board.content) is the unit the board mounts.
      const card = found.closest('[role="listitem"]') ?? found;
      // Node cloning and text replacement only: the page's markup, with our badge left out.
      const clone = card.cloneNode(true) as Element;
      clone.querySelectorAll('[data-queuelens]').forEach((b) => b.remove());
      const walk = (el: Element) => {
        for (const attr of [...el.attributes]) if (attr.value.includes(from)) el.setAttribute(attr.name, attr.value.split(from).join(to));
        for (const node of el.childNodes) {
          if (node.nodeType === 3 && node.textContent?.includes(from)) node.textContent = node.textContent.split(from).join(to);
          else if (node.nodeType === 1) walk(node as Element);
        }
      };
      walk(clone);
      card.after(clone);
    },
    { selector: c.card, from, to },
  );
}

/** A card re-rendered in place (virtualised lists remount what scrolls back): same key, fresh node. */
async function remount(page: Page, c: PageCase, key: string) {
  await page.evaluate(
    ({ selector, key }) => {
      const card = [...document.querySelectorAll(selector)].find((el) => el.outerHTML.includes(`/browse/${key}"`) || el.getAttribute('data-issue-key') === key)!;
      const clone = card.cloneNode(true) as Element;
      clone.querySelectorAll('[data-queuelens]').forEach((b) => b.remove());
      card.replaceWith(clone);
    },
    { selector: c.card, key },
  );
}

async function expectOneBadgePerCard(page: Page, c: PageCase, keys: string[]) {
  const expected = keys.map((k) => `jira:${HOST}:${k}`).sort();
  await expect.poll(async () => (await badges(page)).map((b) => b.key).sort(), { timeout: 20_000 }).toEqual(expected);
  const placement = await page.$$eval(
    '[data-queuelens="badge"]',
    (els, { card, header }) => els.map((e) => ({ inCard: !!e.closest(card), inHeader: !!e.closest(header) })),
    { card: c.card, header: c.header },
  );
  expect(placement.every((p) => p.inCard && !p.inHeader)).toBe(true);
  expect(await page.locator(`${c.header.split(',').map((h) => `${h} [data-queuelens="badge"]`).join(', ')}`).count()).toBe(0);
}

for (const c of CASES) {
  test(`${c.name}: one badge per card, none on headers, scrolled-in cards too, exact handoffs after backfill`, async () => {
    const page = await browser.context.newPage();
    await page.goto(c.url);
    await expectOneBadgePerCard(page, c, c.keys);

    // Virtualised: a card scrolls in after load, and a card already badged is remounted.
    const [from, added] = Object.entries(SCROLLED_IN).find(([k]) => c.keys.includes(k))!;
    await scrollIn(page, c, from, added);
    await remount(page, c, c.keys[0]);
    const keys = [...c.keys, added];
    await expectOneBadgePerCard(page, c, keys);

    // Backfill: every badge switches to exact history ("≥" marks a lower bound from sightings).
    await expect.poll(async () => (await badges(page)).filter((b) => b.text.includes('≥') || b.text === '…').length, { timeout: 60_000 }).toBe(0);
    await expectOneBadgePerCard(page, c, keys);
    for (const b of await badges(page)) {
      const key = keyOf(b.key);
      const shown = /⇄(\d+)/.exec(b.text)?.[1];
      expect(shown ? Number(shown) : 0, `handoffs of ${key}`).toBe(handoffsInChangelog(key));
      // Time in the current status, accumulated across revisits of its column.
      expect(b.text.split(' · ')[1], `time in status of ${key}`).toBe(formatDuration(HISTORY.get(key)!.inStatusMs));
    }
    expect((await badges(page)).some((b) => /⇄[1-9]/.test(b.text))).toBe(true);
    if (c.keys.includes(TRUNCATED)) expect(apiCalls).toContain(`/rest/api/3/issue/${TRUNCATED}/changelog`);
    if (c.file === 'queue.html') {
      expect(apiCalls).toContain('/rest/servicedeskapi/request/SUP-12/sla');
      // The queue's own SLA cell is read on every pass and is the fresher reading; the badge shows one.
      await expect(page.locator(`[data-queuelens="badge"][data-ticket-key="jira:${HOST}:SUP-12"]`)).toHaveAttribute('aria-label', /SLA (due in|breached)/);
    }

    // The popup counts each open issue shown once, however often it was mounted.
    for (const k of keys) if (WORLD[k].status !== 'Done') shownOpen.add(k);
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?host=${HOST}`);
    await expect(popup.locator('[data-queuelens="tile-open"] [data-queuelens="value"]')).toHaveText(String(shownOpen.size));
    await popup.close();
    await page.close();
  });
}

test('QueueLens only reads Jira: every API request was a GET to the expected endpoints', async () => {
  expect([...apiMethods]).toEqual(['GET']);
  expect(apiCalls.filter((p) => p === '/rest/api/3/status').length).toBeGreaterThanOrEqual(1);
  expect(apiCalls.every((p) => /^\/rest\/(api\/3\/(search\/jql|status|issue\/[A-Z]+-\d+\/changelog)|servicedeskapi\/request\/SUP-\d+\/sla|agile\/1\.0\/board\/\d+\/configuration)$/.test(p))).toBe(true);
});
