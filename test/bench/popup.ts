import { generateHistory } from '../../lib/synthetic/history';
import { launchExtensionBrowser, median, round } from './common';

const HOST = 'acme.zendesk.com';

export interface PopupResult {
  tickets: number;
  transitions: number;
  rollups: number;
  loadSeconds: number;
  runs: number;
  /** Median ms from popup navigation start to the open-tickets tile showing a number. */
  numbersOnScreenMs: number;
  samplesMs: number[];
}

/**
 * Times popup.html → numbers on screen with a year of synthetic team history in the extension's
 * own IndexedDB. Rows are written with the raw IndexedDB API in chunks into the database the
 * popup's Dexie created (Dexie stores rows as plain objects, so this is what its bulkPut writes).
 */
/**
 * Stamps the moment the number appears, inside the popup itself (no polling delay from the test
 * side). Installed per page over CDP: Playwright's addInitScript does not reach extension pages.
 */
const STAMP = `(() => {
  const check = () => {
    if (window.__qlNumbersAt !== undefined) return;
    const value = document.querySelector('[data-queuelens="tile-open"] [data-queuelens="value"]');
    if (value && value.textContent && value.textContent.trim() !== '') {
      window.__qlNumbersAt = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

export async function benchPopup(tickets: number, runs: number, log: (s: string) => void): Promise<PopupResult> {
  const now = Date.now();
  let t0 = performance.now();
  const history = generateHistory({ seed: 42, tickets, days: 365, agents: 50, groups: 6, host: HOST, now });
  log(`  generated ${history.tickets.length} tickets, ${history.transitions.length} transitions in ${round((performance.now() - t0) / 1000, 1)} s`);
  const browser = await launchExtensionBrowser();
  try {
    const popupUrl = `chrome-extension://${browser.extensionId}/popup.html?host=${HOST}`;
    // The popup opens (and so creates and upgrades) the database first.
    const first = await browser.context.newPage();
    await first.goto(popupUrl);
    // With no history yet the popup shows its empty state; it has opened the database by then.
    await first.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0);
    await first.waitForTimeout(500);
    await first.close();

    t0 = performance.now();
    const loader = await browser.context.newPage();
    await loader.goto(`chrome-extension://${browser.extensionId}/panel.html`);
    const put = (store: string, rows: unknown[]) =>
      loader.evaluate(
        async ({ store, json }) => {
          const rows = JSON.parse(json) as unknown[];
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const open = indexedDB.open('queuelens');
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => reject(open.error);
          });
          await new Promise<void>((resolve, reject) => {
            const tx = db.transaction(store, 'readwrite');
            const s = tx.objectStore(store);
            for (const row of rows) s.put(row);
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          });
          db.close();
        },
        // A JSON string crosses the CDP pipe far faster than Playwright's structured argument encoding.
        { store, json: JSON.stringify(rows) },
      );
    const CHUNK = 50_000;
    for (let i = 0; i < history.tickets.length; i += CHUNK) await put('tickets', history.tickets.slice(i, i + CHUNK));
    for (let i = 0; i < history.transitions.length; i += CHUNK) await put('transitions', history.transitions.slice(i, i + CHUNK));
    await put('rollups', history.rollups);
    await loader.close();
    const loadSeconds = round((performance.now() - t0) / 1000, 1);
    log(`  loaded into IndexedDB in ${loadSeconds} s`);

    const samples: number[] = [];
    for (let r = 0; r <= runs; r++) {
      const page = await browser.context.newPage();
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Page.enable');
      await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: STAMP });
      await page.goto(popupUrl);
      const at = await page.waitForFunction(() => (window as unknown as { __qlNumbersAt?: number }).__qlNumbersAt, undefined, { timeout: 60_000 });
      const ms = (await at.jsonValue()) as number;
      await page.close();
      if (r > 0) samples.push(round(ms)); // run 0 warms the disk cache and the extension process
    }
    log(`  popup numbers on screen: ${samples.join(', ')} ms`);
    return {
      tickets: history.tickets.length,
      transitions: history.transitions.length,
      rollups: history.rollups.length,
      loadSeconds,
      runs,
      numbersOnScreenMs: round(median(samples)),
      samplesMs: samples,
    };
  } finally {
    await browser.close();
  }
}
