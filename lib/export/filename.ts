/**
 * Download names: `queuelens-<instance>-<week>[-<part>].<ext>`, e.g.
 * `queuelens-acme.zendesk.com-2026-W48.json`, `queuelens-all-2026-W48-items.csv`.
 * Safe on every OS: lowercase letters, digits, `.`, `-` only; a port's `:` becomes `-`.
 */
export type ExportExtension = 'json' | 'csv' | 'md';

export interface FileNameParts {
  /** One host, several (→ `all`), or none (→ `all`). */
  instance?: string | readonly string[];
  /** ISO week label, `YYYY-Www`. */
  week: string;
  ext: ExportExtension;
  /** The table of a CSV export (`items`, `transitions`, `weekly`), or `summary`. */
  part?: string;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[.-]+|[.-]+$/g, '')
    .slice(0, 80);

export function exportFileName(p: FileNameParts): string {
  if (!/^\d{4}-W\d{2}$/.test(p.week)) throw new Error(`not a week label: ${p.week}`);
  const hosts = p.instance === undefined ? [] : typeof p.instance === 'string' ? [p.instance] : [...p.instance];
  const instance = hosts.length === 1 ? slug(hosts[0]) || 'instance' : 'all';
  const part = p.part ? `-${slug(p.part) || 'part'}` : '';
  return `queuelens-${instance}-${p.week}${part}.${p.ext}`;
}

export const MIME_TYPES: Record<ExportExtension, string> = {
  json: 'application/json',
  csv: 'text/csv;charset=utf-8',
  md: 'text/markdown;charset=utf-8',
};
