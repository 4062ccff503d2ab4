import type { TicketState } from '../model';

/**
 * Privacy: "store titles" off means no ticket title leaves or enters the database — not in
 * tickets, not in snapshot data that lists items. Shared by export and import.
 */
export function withoutTitle(t: TicketState): TicketState {
  const { title: _title, ...rest } = t;
  return rest;
}

/** Removes `title` properties at any depth of plain JSON, never assigning a prototype key. */
export function stripTitles(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripTitles);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k !== 'title' && k !== '__proto__' && k !== 'constructor' && k !== 'prototype') out[k] = stripTitles(v);
    }
    return out;
  }
  return value;
}
