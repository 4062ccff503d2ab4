import type { Named } from './schemas';

/**
 * Zendesk's API names people and groups by id, while the page (and so observed history) shows
 * names. Reconciliation rule: a value is stored as the name when the directory knows the id —
 * the same text the agent sees on the page, so later observations compare equal — and as
 * `id:<n>` otherwise. The backfill fills the directory from sideloads (`include=users,groups`)
 * and a users show_many for ids still unknown, so `id:<n>` is a rare fallback (deleted agents,
 * groups the agent cannot read).
 */
export class NameDirectory {
  readonly users = new Map<string, string>();
  readonly groups = new Map<string, string>();

  addUsers(users: readonly Named[] | undefined): void {
    for (const u of users ?? []) if (u.name.trim()) this.users.set(u.id, u.name.trim());
  }

  addGroups(groups: readonly Named[] | undefined): void {
    for (const g of groups ?? []) if (g.name.trim()) this.groups.set(g.id, g.name.trim());
  }

  user(id: string | null): string | null {
    return id === null ? null : this.users.get(id) ?? idLabel(id);
  }

  group(id: string | null): string | null {
    return id === null ? null : this.groups.get(id) ?? idLabel(id);
  }
}

/** The stored form of an id whose name is unknown. */
export const idLabel = (id: string) => `id:${id}`;
export const isIdLabel = (value: string | null) => value !== null && /^id:\d+$/.test(value);
