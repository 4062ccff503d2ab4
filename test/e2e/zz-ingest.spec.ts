import { test } from '@playwright/test';
import { launchExtensionBrowser } from '../../lib/demo/node/browser';
import { benchObservations } from '../bench/ingest';
test('ingest probe', async () => {
  test.setTimeout(120_000);
  const b = await launchExtensionBrowser();
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/panel.html`);
  for (const r of [0, 1]) {
    const rows = benchObservations(`r${r}.bench.zendesk.com`, 2000, Date.now());
    const ms = await page.evaluate(async ({ rows, r }) => {
      const chrome = (globalThis as any).chrome;
      const t0 = performance.now(); const per: number[] = [];
      for (let i = 0; i < rows.length; i += 500) { const s = performance.now(); await chrome.runtime.sendMessage({ type: 'observe', batchId: `b-${r}-${i}`, observations: rows.slice(i, i + 500) }); per.push(Math.round(performance.now() - s)); }
      return { total: performance.now() - t0, per };
    }, { rows, r });
    console.log('run', r, JSON.stringify(ms));
  }
  const sw = await b.serviceWorker();
  console.log(JSON.stringify(await sw.evaluate(() => (globalThis as any).__qlTimes.map((t: any) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v as number)]))))));
  await b.close();
});
