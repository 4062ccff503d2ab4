import { z } from 'zod';
import { EpochMsSchema, TrackedFieldSchema } from './observation';
import { TicketKeySchema } from './keys';

export const TransitionSourceSchema = z.enum(['observed', 'api', 'import']);
export type TransitionSource = z.infer<typeof TransitionSourceSchema>;

/**
 * One change of a tracked field.
 * Observed transitions are only known to lie in `(earliest, latest]` — between the previous
 * sighting and this one. `at` is the best single estimate: the host's `updatedAt` when it falls
 * inside the bounds, else `latest` (so ages are never overstated). API transitions are exact:
 * `earliest === latest === at`.
 */
export const TransitionSchema = z.object({
  /** Deterministic identity, so replays and imports deduplicate: see `transitionId`. */
  id: z.string().max(400),
  key: TicketKeySchema,
  field: TrackedFieldSchema,
  from: z.string().max(500).nullable(),
  to: z.string().max(500).nullable(),
  at: EpochMsSchema,
  earliest: EpochMsSchema,
  latest: EpochMsSchema,
  source: TransitionSourceSchema,
  /** Made by an automation (Zendesk trigger, Jira automation), not a person: not a handoff. */
  automatic: z.boolean().optional(),
});
export type Transition = z.infer<typeof TransitionSchema>;

export function transitionId(t: Pick<Transition, 'key' | 'field' | 'source' | 'latest' | 'to'>): string {
  return `${t.key}|${t.field}|${t.source}|${t.latest}|${t.to ?? ''}`;
}
