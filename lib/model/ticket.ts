import { z } from 'zod';
import { EpochMsSchema, PageKindSchema } from './observation';
import { TicketKeySchema, ToolSchema } from './keys';
import { StageSchema } from './stages';

const text = z.string().max(500);

/** Current state of one ticket, as last seen, with counters maintained at ingest. */
export const TicketStateSchema = z.object({
  key: TicketKeySchema,
  tool: ToolSchema,
  host: z.string(),
  id: z.string(),
  title: text.optional(),
  status: text.nullable(),
  stage: StageSchema,
  /** 1 while not done, 0 when done: an indexable stand-in for a boolean. */
  open: z.union([z.literal(0), z.literal(1)]),
  assignee: text.nullable(),
  group: text.nullable(),
  priority: text.nullable(),
  createdAt: EpochMsSchema.optional(),
  updatedAt: EpochMsSchema.optional(),
  slaDueAt: EpochMsSchema.optional(),
  firstSeenAt: EpochMsSchema,
  lastSeenAt: EpochMsSchema,
  /** Best estimate of when the current status began. */
  statusSince: EpochMsSchema,
  /** False when `statusSince` is only a lower bound (status never seen changing, not `new`). */
  statusSinceExact: z.boolean(),
  /** Commitment point (DESIGN.md): Zendesk = creation, Jira = first entry into In Progress. */
  startedAt: EpochMsSchema.optional(),
  doneAt: EpochMsSchema.optional(),
  handoffs: z.number().int().min(0),
  assigneeStations: z.number().int().min(0),
  groupStations: z.number().int().min(0),
  reopens: z.number().int().min(0),
  /** Distinct owners, most recent last (a returning owner moves to the end). */
  assigneeHistory: z.array(text).max(200),
  groupHistory: z.array(text).max(200),
  lastPageKind: PageKindSchema,
  viewId: z.string().optional(),
  /** Set once the API backfill has replaced observed history with exact history. */
  backfilledAt: EpochMsSchema.optional(),
});
export type TicketState = z.infer<typeof TicketStateSchema>;
