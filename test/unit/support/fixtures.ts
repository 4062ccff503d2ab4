import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The real captured samples beside the repo; tests that read them skip when absent. */
export const sharedFixtures = resolve(repoRoot, '../shared/fixtures');
export const hasSharedFixtures = existsSync(sharedFixtures);

export function readFixture(relative: string): string {
  return readFileSync(resolve(repoRoot, 'test/fixtures', relative), 'utf8');
}

/** Parses an HTML string into a detached document (happy-dom's DOMParser). */
export function htmlDocument(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}
