import type { Observation } from '../model';
/**
 * Ranked-selector lookups shared by every adapter. Selector lists are ordered best first
 * (design-system and test-id attributes, structure last): the first selector that matches
 * anything wins, so a weaker fallback never mixes its matches with a stronger one's.
 */
export function queryFirst(root: ParentNode, ranked: readonly string[]): Element | null {
  // Indexed loops here and in other per-row code: a first pass runs before the JIT has optimised
  // anything, and unoptimised `for…of` builds an iterator and a result object per step.
  for (let i = 0; i < ranked.length; i++) {
    const found = root.querySelector(ranked[i]);
    if (found) return found;
  }
  return null;
}

export function queryAllFirst(root: ParentNode, ranked: readonly string[]): Element[] {
  for (let r = 0; r < ranked.length; r++) {
    const found = root.querySelectorAll(ranked[r]);
    // Indexed, not spread: a NodeList's iterator costs a call and an object per element.
    const all: Element[] = [];
    for (let i = 0; i < found.length; i++) all.push(found[i]);
    if (all.length) return all;
  }
  return [];
}

/**
 * A table row's cell at column `i` (-1: the table has no such column); undefined past the row's
 * end. Rows are read by indexing `row.children` at the columns a parser needs: every element a
 * content script touches costs it a wrapper object (most of a first pass over a big table), and a
 * sibling walk would touch the columns in between too (measured slower). The collection caches its
 * position, so indexing near the last index read is cheap. `item(i)`, not `cells[i]`: an indexed
 * load goes through the collection's interceptor, which cost a first pass over 500 rows ~1.5 ms.
 */
export const cellAt = (cells: HTMLCollection, i: number): Element | undefined => (i >= 0 ? (cells.item(i) ?? undefined) : undefined);

/** Whitespace `collapsed` has work to do on: a run, or any whitespace other than a plain space. */
const COLLAPSIBLE = /\s\s|[^\S ]/;
const WHITESPACE_RUNS = /\s+/g;

/**
 * Text as shown on one line: whitespace runs (newlines, tabs, no-break spaces) become one space,
 * ends trimmed. Tested before replacing: most cell texts have nothing to collapse, and a replace
 * builds a new string even then.
 */
export function collapsed(text: string): string {
  return COLLAPSIBLE.test(text) ? text.replace(WHITESPACE_RUNS, ' ').trim() : text.trim();
}

/** An element's text as shown (`collapsed`); '' for none. */
export function shownText(el: Element | null | undefined): string {
  const text = el?.textContent;
  return text ? collapsed(text) : '';
}

/** Selector health: how many items of a pass read each field (present, even when null). */
export type ReadTally = Record<'id' | 'title' | 'status' | 'assignee' | 'group' | 'priority' | 'created' | 'updated' | 'sla', number>;

export const emptyReadTally = (): ReadTally => ({ id: 0, title: 0, status: 0, assignee: 0, group: 0, priority: 0, created: 0, updated: 0, sla: 0 });

/** Counts what one reading found (plain fields: a pass tallies 500 items × 9 fields). */
export function tallyReading(o: Observation, n: ReadTally): void {
  n.id += 1;
  if (o.title !== undefined) n.title += 1;
  if (o.status !== undefined) n.status += 1;
  if (o.assignee !== undefined) n.assignee += 1;
  if (o.group !== undefined) n.group += 1;
  if (o.priority !== undefined) n.priority += 1;
  if (o.createdAt !== undefined) n.created += 1;
  if (o.updatedAt !== undefined) n.updated += 1;
  if (o.slaDueAt !== undefined) n.sla += 1;
}

/** Adds a tally's non-zero counts to a page report's field counts. */
export function addTally(n: ReadTally, counts: Record<string, number>): void {
  for (const [field, count] of Object.entries(n)) if (count) counts[field] = (counts[field] ?? 0) + count;
}
