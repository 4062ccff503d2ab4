import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM, launchExtensionBrowser, type ExtensionBrowser } from '../../lib/demo/node/browser';

/** Where the extension under test is built: the caller's own dir when set, so parallel builds never collide. */
export const OUT_DIR = resolve(process.cwd(), process.env.QUEUELENS_OUT_DIR ?? '.output');

/** Builds into OUT_DIR when it has no Chromium build yet (a bench must measure the current code, not nothing). */
export function ensureBuild(): void {
  if (existsSync(join(OUT_DIR, 'chrome-mv3', 'manifest.json'))) return;
  console.log(`building the extension into ${OUT_DIR} …`);
  const r = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit', env: { ...process.env, QUEUELENS_OUT_DIR: OUT_DIR } });
  if (r.status !== 0) throw new Error('wxt build failed');
}

export function median(values: number[]): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The same flags as launchExtensionBrowser, without the extension: the "without" side of a ratio. */
export async function launchPlainBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'queuelens-plain-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1600, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return { context, close: async () => { await context.close(); rmSync(dir, { recursive: true, force: true }); } };
}

export { launchExtensionBrowser, type ExtensionBrowser };

export interface PassLog {
  /** `near`: rows that came near the viewport got their badges. */
  kind: 'pass' | 'redraw' | 'near';
  full?: boolean;
  changedRows?: number;
  items?: number;
  drawn?: number;
  sent?: number;
  ms: number;
  /** Of a pass's `ms`: reading the page, and drawing badges. */
  parseMs?: number;
  drawMs?: number;
}

/** Collects the content runner's `[QueueLens] pass|redraw|near {…}` debug lines from a page. */
export function collectPassLogs(page: Page): PassLog[] {
  const logs: PassLog[] = [];
  page.on('console', (msg) => {
    const m = /^\[QueueLens\] (pass|redraw|near) (\{.*\})$/.exec(msg.text());
    if (m) logs.push({ kind: m[1] as PassLog['kind'], ...JSON.parse(m[2]) });
  });
  return logs;
}

/** Polls until `pick` finds an entry appended after index `from`. */
export async function waitForLog(logs: PassLog[], from: number, pick: (l: PassLog) => boolean, timeoutMs = 30_000): Promise<PassLog> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = logs.slice(from).find(pick);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for a pass log; have ${JSON.stringify(logs.slice(from))}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function machineInfo() {
  const cpu = cpus();
  let chromiumVersion = 'unknown';
  try {
    chromiumVersion = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    /* reported as unknown */
  }
  return {
    cpuModel: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    chromium: chromiumVersion,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
  };
}
