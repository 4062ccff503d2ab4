import type { Transition } from '../model';

/**
 * DESIGN.md: a handoff is a change of assignee from one person to another, or of group.
 * A first assignment (nobody → someone) and an unassignment (someone → nobody) are not
 * handoffs; neither is a change an automation made (Zendesk trigger, Jira automation).
 */
export function isHandoff(t: Pick<Transition, 'field' | 'from' | 'to' | 'automatic'>): boolean {
  if (t.automatic) return false;
  if (t.field !== 'assignee' && t.field !== 'group') return false;
  return t.from !== null && t.to !== null && t.from !== t.to;
}
