import { knownHosts, type QueueLensDb } from '../db/database';
import type { Diagnostic, TicketState } from '../model';

export interface QueueSummary {
  open: number;
  oldest?: { key: string; id: string; title?: string; ageMs: number };
  overWarn: number;
  overAlert: number;
  lastSeenAt?: number;
  hosts: string[];
}

/** Age from the commitment point (DESIGN.md); creation when the commitment is not known. */
export const ageOf = (t: TicketState, now: number) => now - (t.startedAt ?? t.createdAt ?? t.firstSeenAt);

/** Pure summary of open tickets: the popup's first glance. */
export function summariseQueue(open: TicketState[], now: number, thresholds: { warnDays: number; alertDays: number }): QueueSummary {
  const day = 86_400_000;
  let oldest: QueueSummary['oldest'];
  let overWarn = 0;
  let overAlert = 0;
  let lastSeenAt: number | undefined;
  for (const t of open) {
    const age = ageOf(t, now);
    if (!oldest || age > oldest.ageMs) oldest = { key: t.key, id: t.id, title: t.title, ageMs: age };
    if (age >= thresholds.alertDays * day) overAlert += 1;
    else if (age >= thresholds.warnDays * day) overWarn += 1;
    lastSeenAt = Math.max(lastSeenAt ?? 0, t.lastSeenAt);
  }
  return { open: open.length, oldest, overWarn, overAlert, lastSeenAt, hosts: [...new Set(open.map((t) => t.host))].sort() };
}

/**
 * Open tickets of one host, or of every host: one `equals` range per host (hosts are few). Each is
 * a single getAll; `anyOf` would walk a cursor, one round trip per row (~0.3 s for 1,000 rows).
 */
export async function openTickets(database: QueueLensDb, host?: string): Promise<TicketState[]> {
  const hosts = host ? [host] : await knownHosts(database);
  const perHost = await Promise.all(hosts.map((h) => database.tickets.where('[host+open]').equals([h, 1]).toArray()));
  return perHost.flat();
}

/** Selector-health problems to show, newest first. */
export async function adapterProblems(database: QueueLensDb, host?: string): Promise<Diagnostic[]> {
  const all = host ? await database.diagnostics.where('host').equals(host).toArray() : await database.diagnostics.toArray();
  return all.filter((d) => d.problem).sort((a, b) => b.at - a.at);
}
