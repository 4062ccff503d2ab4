import type { Table } from 'dexie';

/** Rows per request: big enough to keep round trips few, small enough that other pages' reads get a turn. */
export const READ_CHUNK = 20_000;

/**
 * Every row of a table in primary-key order, `chunk` rows per request. One `toArray()` over a year
 * of transitions is a single request that holds the database for seconds, and every other
 * context's reads (a popup opening) queue behind it; chunked, they are served in between.
 * Call inside a read transaction for a consistent view.
 */
export async function readAllInChunks<T, K>(table: Table<T, K>, chunk = READ_CHUNK): Promise<T[]> {
  const keyPath = table.schema.primKey.keyPath;
  if (typeof keyPath !== 'string') throw new Error(`readAllInChunks: ${table.name} needs a single-field primary key`);
  const out: T[] = [];
  let last: unknown;
  for (;;) {
    const range = last === undefined ? table.orderBy(':id') : table.where(':id').above(last);
    const rows = await range.limit(chunk).toArray();
    for (const row of rows) out.push(row);
    if (rows.length < chunk) return out;
    last = (rows[rows.length - 1] as Record<string, unknown>)[keyPath];
  }
}
