import { z } from 'zod';

/** One host's flow on one calendar day (UTC date), maintained at ingest for fast trends. */
export const DailyRollupSchema = z.object({
  /** `${host}|${day}` */
  id: z.string(),
  host: z.string(),
  /** YYYY-MM-DD (UTC) */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  arrivals: z.number().int().min(0),
  throughput: z.number().int().min(0),
  reopens: z.number().int().min(0),
  handoffs: z.number().int().min(0),
});
export type DailyRollup = z.infer<typeof DailyRollupSchema>;

export const dayOf = (epochMs: number) => new Date(epochMs).toISOString().slice(0, 10);
export const rollupId = (host: string, day: string) => `${host}|${day}`;
