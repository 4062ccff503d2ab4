import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  entrypoint: string;
  files: string[];
  bytes: number;
  gzipBytes: number;
}

const sizeOf = (dir: string, files: string[]) => {
  const data = files.map((f) => readFileSync(join(dir, f)));
  return { bytes: data.reduce((n, d) => n + d.length, 0), gzipBytes: data.reduce((n, d) => n + gzipSync(d, { level: 9 }).length, 0) };
};

/** Per entrypoint of the Chromium build: content scripts and the background are single files; HTML pages sum the scripts and styles they load. */
export function bundleSizes(extensionDir: string): BundleSize[] {
  const out: BundleSize[] = [];
  const contentDir = join(extensionDir, 'content-scripts');
  for (const f of existsSync(contentDir) ? readdirSync(contentDir).filter((n) => n.endsWith('.js')).sort() : []) {
    out.push({ entrypoint: `content-scripts/${f}`, files: [`content-scripts/${f}`], ...sizeOf(extensionDir, [`content-scripts/${f}`]) });
  }
  if (existsSync(join(extensionDir, 'background.js'))) out.push({ entrypoint: 'background.js', files: ['background.js'], ...sizeOf(extensionDir, ['background.js']) });
  for (const html of readdirSync(extensionDir).filter((n) => n.endsWith('.html')).sort()) {
    const text = readFileSync(join(extensionDir, html), 'utf8');
    const files = [...new Set([...text.matchAll(/(?:src|href)="\/?((?:chunks|assets)\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]))];
    out.push({ entrypoint: html, files, ...sizeOf(extensionDir, files) });
  }
  return out;
}
