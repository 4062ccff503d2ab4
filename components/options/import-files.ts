import type { ImportRow, QueueLensDb } from '../../lib/db/database';
import { mergeImport, type MergeResult } from '../../lib/import/merge';
import { IMPORT_LIMITS, validateImport, type ImportFile, type ImportProblem } from '../../lib/import/validate';
import { stageOverridesFor, type Settings } from '../../lib/settings/schema';

/** What the file input gives (a `File`), narrowed for tests. */
export interface FileLike {
  name: string;
  size: number;
  text(): Promise<string>;
}

export type ImportOutcome = { ok: true; result: MergeResult; message: string } | { ok: false; problem: ImportProblem; message: string };

/** "file — path — reason": the one line a person needs to find and fix the problem. */
export const describeProblem = (p: ImportProblem) => [p.file, p.path, p.reason].filter(Boolean).join(' — ');

/**
 * Reads the files, except those over the size limit: for them only `size` is passed, and
 * validation refuses them by size without the text ever being loaded into memory.
 */
export async function readImportFiles(files: readonly FileLike[], maxBytes = IMPORT_LIMITS.maxBytes): Promise<ImportFile[]> {
  const out: ImportFile[] = [];
  for (const f of files) out.push({ name: f.name, size: f.size, text: f.size > maxBytes ? '' : await f.text() });
  return out;
}

/**
 * Validates every file whole, then merges them and stores their provenance in one transaction:
 * a bad file, or a failure while writing, changes nothing.
 */
export async function importExports(database: QueueLensDb, files: readonly FileLike[], opts: { settings: Settings; now: number }): Promise<ImportOutcome> {
  const checked = validateImport(await readImportFiles(files));
  if (!checked.ok) return { ok: false, problem: checked.problem, message: `Nothing was imported: ${describeProblem(checked.problem)}` };
  const tables = [database.tickets, database.transitions, database.rollups, database.snapshots, database.diagnostics, database.imports];
  const result = await database.transaction('rw', tables, async () => {
    // mergeImport's own transaction nests inside this one, so provenance commits with the data.
    const merged = await mergeImport(database, checked.data, {
      importedAt: opts.now,
      storeTitles: opts.settings.privacy.storeTitles,
      overridesForHost: (host) => stageOverridesFor(opts.settings, host),
    });
    const rows: ImportRow[] = merged.provenance.map((p, i) => ({ ...p, id: `${p.importedAt}|${p.exportId}|${i}` }));
    await database.imports.bulkPut(rows);
    return merged;
  });
  return { ok: true, result, message: summarise(result, files.length) };
}

export function summarise(r: MergeResult, files: number): string {
  const parts = [
    `${r.tickets.added} tickets added, ${r.tickets.updated} updated, ${r.tickets.unchanged} unchanged`,
    `${r.transitions.added} changes added${r.transitions.replaced ? `, ${r.transitions.replaced} replaced by exact history` : ''}, ${r.transitions.skipped} already known`,
    `${r.snapshots.added + r.snapshots.updated} snapshots`,
  ];
  return `Imported ${files} file${files === 1 ? '' : 's'}: ${parts.join('; ')}.`;
}
