/**
 * `npm start`: build QueueLens, open Debian's Chromium with the production build loaded, and
 * serve the simulated helpdesk at https://acme.zendesk.com by request interception.
 * With a display: a browser window that keeps moving until Ctrl+C. Without one: a headless
 * tour that writes screenshots and the JSON export to demo-output/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SimulatedHelpdesk } from '../helpdesk';
import { launchExtensionBrowser } from './browser';
import { serveHelpdesk } from './serve';
import { runHeadlessTour } from './tour';

const HOST = 'acme.zendesk.com';
const args = new Set(process.argv.slice(2));
const headless = args.has('--headless') || (!process.env.DISPLAY && !args.has('--headed'));
const outDir = resolve('demo-output');

if (!args.has('--no-build')) {
  console.log('Building QueueLens (wxt build)…');
  const build = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const helpdesk = new SimulatedHelpdesk({ seed: 42, host: HOST, now: Date.now() });
const browser = await launchExtensionBrowser({ headless });
await serveHelpdesk(browser.context, helpdesk, HOST);

if (headless) {
  mkdirSync(outDir, { recursive: true });
  const written = await runHeadlessTour({ browser, helpdesk, host: HOST, outDir });
  for (const [name, path] of Object.entries(written)) console.log(`  ${name}: ${path}`);
  await browser.close();
  writeFileSync(resolve(outDir, 'README.txt'), 'Written by `npm start` in headless mode: queue.png, popup.png, popup-team.png, report.png, queuelens-export.json.\n');
  console.log('Demo finished (headless). Run with a display for an interactive window.');
} else {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(`https://${HOST}/agent/filters/${helpdesk.views()[0].id}`);
  console.log(`QueueLens demo running: ${HOST} is simulated; the popup is at chrome-extension://${browser.extensionId}/popup.html`);
  console.log('The helpdesk keeps moving; refresh a view to see it. Ctrl+C to stop.');
  const timer = setInterval(() => helpdesk.advance(Date.now()), 5_000);
  const stop = async () => {
    clearInterval(timer);
    await browser.close().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', stop);
  browser.context.on('close', stop);
}
