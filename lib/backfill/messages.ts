import { z } from 'zod';
import { EpochMsSchema, TicketKeySchema, TransitionSchema } from '../model';

const FieldValuesSchema = z
  .object({
    status: z.string().max(500).nullable(),
    assignee: z.string().max(500).nullable(),
    group: z.string().max(500).nullable(),
    priority: z.string().max(500).nullable(),
  })
  .partial();

/** `HistoryFacts` on the wire (content script → background). */
export const HistoryFactsSchema = z.object({
  fetchedAt: EpochMsSchema,
  createdAt: EpochMsSchema.optional(),
  updatedAt: EpochMsSchema.optional(),
  title: z.string().max(500).optional(),
  initial: FieldValuesSchema.optional(),
  current: FieldValuesSchema.optional(),
  reopens: z.number().int().min(0).optional(),
  assigneeStations: z.number().int().min(0).optional(),
  groupStations: z.number().int().min(0).optional(),
  solvedAt: EpochMsSchema.optional(),
  slaDueAt: EpochMsSchema.nullable().optional(),
  startedAt: EpochMsSchema.optional(),
  statusSince: EpochMsSchema.optional(),
});

/** One ticket's exact history, as the backfill hands it to its writer. */
export const BackfillResultSchema = z.object({
  key: TicketKeySchema,
  transitions: z.array(TransitionSchema).max(5000),
  facts: HistoryFactsSchema,
});
export type BackfillResultMessage = z.infer<typeof BackfillResultSchema>;

/**
 * The message the content script sends with backfilled history; the background adds it to
 * `RequestSchema` (lib/model/messages.ts) and answers `{ ok: true, batchId, applied }`.
 */
export const BackfillRequestSchema = z.object({
  type: z.literal('backfill'),
  batchId: z.string().min(1).max(100),
  results: z.array(BackfillResultSchema).max(100),
});
export type BackfillRequest = z.infer<typeof BackfillRequestSchema>;
