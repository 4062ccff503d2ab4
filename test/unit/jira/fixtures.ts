import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Loads project fixtures as documents (DOMParser: page text stays data, never innerHTML). */
export const repoRoot = path.resolve(__dirname, '../../..');
export const fixtureDir = path.join(repoRoot, 'test/fixtures/jira');

export function loadHtml(file: string, dir = fixtureDir): Document {
  return new DOMParser().parseFromString(readFileSync(path.join(dir, file), 'utf8'), 'text/html');
}

export function loadJson(file: string, dir = path.join(fixtureDir, 'api')): unknown {
  return JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
}

/** Every badge host must sit inside its item, outside links, and never in a column header. */
export function badgeHostProblems(items: { element: Element; badgeHost: Element | null }[]): string[] {
  const problems: string[] = [];
  for (const { element, badgeHost } of items) {
    if (!badgeHost) {
      problems.push('no badge host');
      continue;
    }
    if (!(element === badgeHost || element.contains(badgeHost))) problems.push('badge host outside its item');
    if (badgeHost.closest('a')) problems.push('badge host inside a link');
    if (badgeHost.closest('[data-testid*="column-header"], #ghx-column-headers, [role="columnheader"], thead')) problems.push('badge host in a header');
  }
  return problems;
}
