import { expect, test, type Page } from '@playwright/test';
import { SimulatedHelpdesk } from '../../lib/demo';
import { launchExtensionBrowser, type ExtensionBrowser } from '../../lib/demo/node/browser';
import { serveHelpdesk } from '../../lib/demo/node/serve';
import { patchSettings } from '../../lib/demo/node/settings';
import type { TicketState, Transition } from '../../lib/model';
import { collectPassLogs, waitForLog } from '../bench/common';

/**
 * Faults and load end to end: the service worker stopped in the middle of ingesting, again and
 * again, loses and doubles nothing (the outbox resends until acknowledged; ingest is idempotent);
 * twenty tabs of one view observing at once write each change once.
 */
let browser: ExtensionBrowser;
test.beforeAll(async () => {
  browser = await launchExtensionBrowser();
  await browser.context.addInitScript(() => document.addEventListener('DOMContentLoaded', () => document.documentElement.setAttribute('data-queuelens-debug', '')));
  // These tests are about observed history: the API backfill (which would add the simulator's exact history) is off.
  await patchSettings(browser, { backfill: { enabled: false } });
});
test.afterAll(async () => browser?.close());

/** What the extension stored for a host, read with the raw IndexedDB API from an extension page. */
async function stored(page: Page, host: string): Promise<{ tickets: TicketState[]; transitions: Transition[] }> {
  return page.evaluate(async (host) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('queuelens');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = <T,>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => resolve(r.result as T[]);
        r.onerror = () => reject(r.error);
      });
    const tickets = (await all<TicketState>('tickets')).filter((t) => t.host === host);
    const transitions = (await all<Transition>('transitions')).filter((t) => t.key.includes(`:${host}:`));
    db.close();
    return { tickets, transitions };
  }, host);
}

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

/**
 * Any message wakes a stopped worker, and a starting worker first folds the batches it had
 * acknowledged but not yet folded into history.
 */
const wakeWorker = (page: Page) => page.evaluate(() => chrome.runtime.sendMessage({ type: 'annotations', keys: [] }));

/** Assignee per ticket key as the page shows it right now. */
const shownAssignees = (page: Page, host: string) =>
  page.$$eval(
    'tr[data-test-id="generic-table-row"]',
    (rows, host) =>
      Object.fromEntries(
        rows.map((r) => [
          `zendesk:${host}:${/\/agent\/tickets\/(\d+)/.exec(r.querySelector('a[href^="/agent/tickets/"]')!.getAttribute('href')!)![1]}`,
          r.querySelector('td[data-test-id="ticket-table-cells-assignee"]')!.textContent!.trim() || null,
        ]),
      ),
    host,
  );

test('stopping the service worker mid-ingest ten times loses no observation and doubles none', async () => {
  const host = 'faults.zendesk.com';
  const desk = new SimulatedHelpdesk({ seed: 21, host, now: Date.now() });
  desk.ensureUnsolved(40);
  await serveHelpdesk(browser.context, desk, host);

  const ext = await browser.context.newPage();
  await ext.goto(`chrome-extension://${browser.extensionId}/panel.html`);
  const cdp = await browser.context.newCDPSession(ext);
  await cdp.send('ServiceWorker.enable');

  const page = await browser.context.newPage();
  const logs = collectPassLogs(page);
  await page.goto(`https://${host}/agent/filters/360001003?rows=40`);
  const first = await waitForLog(logs, 0, (l) => l.kind === 'pass' && l.full === true && (l.items ?? 0) > 0);
  const rows = first.items!;
  await waitForLog(logs, logs.indexOf(first) + 1, (l) => l.kind === 'redraw');
  const initial = await shownAssignees(page, host);

  // Expected assignee changes per ticket: every distinct value the page showed after the first.
  const changes = new Map<string, number>();
  for (let cycle = 1; cycle <= 10; cycle++) {
    const mark = logs.length;
    const changed = await page.$$eval(
      'tr[data-test-id="generic-table-row"]',
      (trs, cycle) =>
        trs
          .filter((_, i) => i % 4 === cycle % 4 || i % 7 === cycle % 7)
          .map((tr) => {
            tr.querySelector('td[data-test-id="ticket-table-cells-assignee"]')!.textContent = `Agent ${cycle}-${(tr as HTMLTableRowElement).rowIndex}`;
            return /\/agent\/tickets\/(\d+)/.exec(tr.querySelector('a[href^="/agent/tickets/"]')!.getAttribute('href')!)![1];
          }),
      cycle,
    );
    for (const id of changed) changes.set(`zendesk:${host}:${id}`, (changes.get(`zendesk:${host}:${id}`) ?? 0) + 1);
    // The content script has read the change and handed it to the outbox: stop the worker while it ingests.
    await waitForLog(logs, mark, (l) => l.kind === 'pass' && (l.sent ?? 0) > 0);
    await new Promise((r) => setTimeout(r, cycle * 3)); // vary where in the write the stop lands
    await cdp.send('ServiceWorker.stopAllWorkers');
  }

  // The outbox resends until acknowledged: wait until the database agrees with the page.
  const final = await shownAssignees(page, host);
  await expect
    .poll(
      async () => {
        await wakeWorker(ext);
        return Object.fromEntries((await stored(ext, host)).tickets.map((t) => [t.key, t.assignee ?? null]));
      },
      { timeout: 60_000, intervals: [500] },
    )
    .toEqual(final);

  const { tickets, transitions } = await stored(ext, host);
  expect(tickets).toHaveLength(rows);
  const assigneeChanges = transitions.filter((t) => t.field === 'assignee');
  // Not lost, not doubled: exactly one transition per change the page showed, and unique ids.
  expect(new Set(transitions.map((t) => t.id)).size).toBe(transitions.length);
  const perTicket = new Map<string, number>();
  for (const t of assigneeChanges) perTicket.set(t.key, (perTicket.get(t.key) ?? 0) + 1);
  expect(Object.fromEntries(perTicket)).toEqual(Object.fromEntries(changes));
  // Each ticket's chain of assignees is the page's chain, in order.
  for (const [key, count] of changes) {
    const chain = assigneeChanges.filter((t) => t.key === key).sort((a, b) => a.at - b.at);
    expect(chain).toHaveLength(count);
    expect(chain[0].from).toBe(initial[key]);
    expect(chain.at(-1)!.to).toBe(final[key]);
    for (let k = 1; k < chain.length; k++) expect(chain[k].from).toBe(chain[k - 1].to);
  }
  await page.close();
  await ext.close();
});

test('a batch acknowledged just before the worker stops is folded into history when it starts again, once', async () => {
  const host = 'inbox.zendesk.com';
  const ext = await browser.context.newPage();
  await ext.goto(`chrome-extension://${browser.extensionId}/panel.html`);
  const cdp = await browser.context.newCDPSession(ext);
  await cdp.send('ServiceWorker.enable');
  const now = Date.now();
  const sighting = (id: string, hoursAgo: number, assignee: string) => ({
    key: `zendesk:${host}:${id}`, tool: 'zendesk', host, id, seenAt: now - hoursAgo * 3_600_000, pageKind: 'zendesk-view',
    status: 'open', assignee, group: 'Support', priority: 'normal', createdAt: now - 48 * 3_600_000,
  });
  const send = (batchId: string, observations: unknown[]) => ext.evaluate(([batchId, observations]) => chrome.runtime.sendMessage({ type: 'observe', batchId, observations }), [batchId, observations] as const);
  const inboxRows = () => ext.evaluate(() => new Promise<number>((resolve) => {
    const open = indexedDB.open('queuelens');
    open.onsuccess = () => { const c = open.result.transaction('inbox').objectStore('inbox').count(); c.onsuccess = () => (open.result.close(), resolve(c.result)); };
  }));

  expect(await send('inbox-1', [sighting('1', 2, 'Ana Lima'), sighting('2', 2, 'Ben Okafor')])).toMatchObject({ ok: true, stored: 2 });
  expect(await send('inbox-2', [sighting('1', 1, 'Chen Wu')])).toMatchObject({ ok: true, transitions: 1 });
  // Stopped within the quiet spell before folding: the acknowledged batches wait in the inbox.
  await cdp.send('ServiceWorker.stopAllWorkers');
  expect(await inboxRows()).toBe(2);
  expect((await stored(ext, host)).tickets).toHaveLength(0);

  await wakeWorker(ext);
  await expect.poll(inboxRows, { timeout: 15_000 }).toBe(0);
  const { tickets, transitions } = await stored(ext, host);
  expect(Object.fromEntries(tickets.map((t) => [t.id, t.assignee]))).toEqual({ '1': 'Chen Wu', '2': 'Ben Okafor' });
  expect(transitions.map((t) => [t.key, t.from, t.to])).toEqual([[`zendesk:${host}:1`, 'Ana Lima', 'Chen Wu']]);
  await ext.close();
});

test('twenty tabs of the same view observing at once: counts exact, no duplicate transitions', async () => {
  const host = 'tabs.zendesk.com';
  const desk = new SimulatedHelpdesk({ seed: 22, host, now: Date.now() });
  desk.ensureUnsolved(30);
  await serveHelpdesk(browser.context, desk, host);
  const url = `https://${host}/agent/filters/360001003?rows=30`;

  const tabs = await Promise.all(Array.from({ length: 20 }, () => browser.context.newPage()));
  await Promise.all(tabs.map((t) => t.goto(url)));
  const ext = await browser.context.newPage();
  await ext.goto(`chrome-extension://${browser.extensionId}/panel.html`);
  const shown = await shownAssignees(tabs[0], host);
  const keys = Object.keys(shown);
  await expect.poll(async () => (await stored(ext, host)).tickets.length, { timeout: 60_000 }).toBe(keys.length);

  // Reassign five tickets on the "server"; all twenty tabs reload and see the change at once.
  const agents = desk.agents().map((a) => a.name);
  const moved = keys.slice(0, 5).map((key, k) => {
    const id = key.split(':').at(-1)!;
    const to = agents.find((name) => name !== shown[key] && name !== agents[k % agents.length]) ?? agents[0];
    desk.reassign(id, to);
    return key;
  });
  await Promise.all(tabs.map((t) => t.reload()));
  const after = await shownAssignees(tabs[0], host);
  await expect
    .poll(
      async () => {
        await wakeWorker(ext);
        return Object.fromEntries((await stored(ext, host)).tickets.map((t) => [t.key, t.assignee ?? null]));
      },
      { timeout: 60_000, intervals: [500] },
    )
    .toEqual(after);
  // Give any straggling tab's batch time to land, then count.
  await new Promise((r) => setTimeout(r, 2000));
  const { tickets, transitions } = await stored(ext, host);
  expect(tickets).toHaveLength(keys.length);
  expect(new Set(transitions.map((t) => t.id)).size).toBe(transitions.length);
  const assignee = transitions.filter((t) => t.field === 'assignee');
  expect(assignee.map((t) => t.key).sort()).toEqual([...moved].sort());
  for (const t of assignee) expect([t.from, t.to]).toEqual([shown[t.key], after[t.key]]);
  await Promise.all(tabs.map((t) => t.close()));
  await ext.close();
});
