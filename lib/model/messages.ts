import { z } from 'zod';
import { ObservationSchema } from './observation';
import { PageReportSchema } from './diagnostics';
import { TicketKeySchema } from './keys';

/**
 * Every message that crosses the content-script ↔ background boundary. The background parses
 * each one with `RequestSchema` after checking `sender.id`; anything else is refused.
 */
export const ObserveRequestSchema = z.object({
  type: z.literal('observe'),
  /** Outbox batch id: the content script resends until it sees this id acknowledged. */
  batchId: z.string().min(1).max(100),
  observations: z.array(ObservationSchema).max(5000),
  report: PageReportSchema.optional(),
});
export type ObserveRequest = z.infer<typeof ObserveRequestSchema>;

export const AnnotationsRequestSchema = z.object({
  type: z.literal('annotations'),
  keys: z.array(TicketKeySchema).max(5000),
});

/** From the options page: stored history was deleted there, so what the background holds in memory about it is stale. */
export const HistoryChangedRequestSchema = z.object({ type: z.literal('history-changed') });
export type HistoryChangedRequest = z.infer<typeof HistoryChangedRequestSchema>;

export const RequestSchema = z.discriminatedUnion('type', [ObserveRequestSchema, AnnotationsRequestSchema, HistoryChangedRequestSchema]);
export type Request = z.infer<typeof RequestSchema>;

/** What a badge needs to know about one ticket; computed in the background from stored state. */
export const AnnotationSchema = z.object({
  key: TicketKeySchema,
  /** Work-item age start (commitment point), epoch ms. */
  startedAt: z.number().optional(),
  statusSince: z.number(),
  statusSinceExact: z.boolean(),
  handoffs: z.number().int(),
  slaDueAt: z.number().optional(),
  lastOwners: z.array(z.string()).max(2),
  open: z.boolean(),
  /**
   * Pace thresholds of the ticket's stage (ages at which 70% / 85% of completed items had left
   * it), once enough history exists; `paceSince` is where that age starts (creation while queued,
   * the commitment point after). Sent as thresholds, so the badge stays right as the item ages.
   */
  pace: z.object({ stage: z.string(), p70: z.number(), p85: z.number(), since: z.number() }).optional(),
});
export type Annotation = z.infer<typeof AnnotationSchema>;

export const ObserveResponseSchema = z.object({
  ok: z.literal(true),
  batchId: z.string(),
  stored: z.number().int(),
  transitions: z.number().int(),
  annotations: z.array(AnnotationSchema),
  /** The user's age thresholds, so content scripts never parse settings themselves. */
  thresholds: z.object({ warnDays: z.number(), alertDays: z.number() }),
});
export type ObserveResponse = z.infer<typeof ObserveResponseSchema>;

export const AnnotationsResponseSchema = z.object({
  ok: z.literal(true),
  annotations: z.array(AnnotationSchema),
});

export const ErrorResponseSchema = z.object({ ok: z.literal(false), error: z.string() });
