import { z } from 'zod';
import { TicketKeySchema, ToolSchema } from './keys';

/** What kind of host page an observation came from. */
export const PageKindSchema = z.enum([
  'zendesk-view',
  'zendesk-search',
  'zendesk-ticket',
  'jira-board',
  'jira-backlog',
  'jira-list',
  'jira-queue',
  'jira-issue',
  'jira-dc-board',
  'unknown',
]);
export type PageKind = z.infer<typeof PageKindSchema>;

const text = z.string().max(500);
/** Epoch milliseconds; anything before 2000 or far in the future is a parsing error. */
export const EpochMsSchema = z
  .number()
  .int()
  .min(946_684_800_000)
  .max(4_102_444_800_000);

/**
 * What one page showed about one ticket at one moment.
 * A field that is absent was not shown on the page (no such column); `null` means shown empty
 * (e.g. unassigned). Ingest only compares fields the page actually showed.
 */
export const ObservationSchema = z.object({
  key: TicketKeySchema,
  tool: ToolSchema,
  host: z.string().min(1).max(253),
  id: z.string().min(1).max(64),
  seenAt: EpochMsSchema,
  pageKind: PageKindSchema,
  /** The view / board / queue id the ticket was listed in, when the page has one. */
  viewId: z.string().max(100).optional(),
  title: text.optional(),
  status: text.nullable().optional(),
  assignee: text.nullable().optional(),
  group: text.nullable().optional(),
  priority: text.nullable().optional(),
  createdAt: EpochMsSchema.optional(),
  updatedAt: EpochMsSchema.optional(),
  /** When the host's own SLA cell says the next target breaches. */
  slaDueAt: EpochMsSchema.optional(),
});
export type Observation = z.infer<typeof ObservationSchema>;

/** The fields ingest tracks history for. */
export const TrackedFieldSchema = z.enum(['status', 'assignee', 'group', 'priority']);
export type TrackedField = z.infer<typeof TrackedFieldSchema>;
export const TRACKED_FIELDS: readonly TrackedField[] = TrackedFieldSchema.options;
