import { z } from 'zod';
import { EpochMsSchema, PageKindSchema } from './observation';
import { ToolSchema } from './keys';

/**
 * Selector health: what an adapter found on one page pass. The popup turns a `problem` into a
 * visible warning ("Zendesk view layout not recognised") instead of a silent nothing.
 */
export const PageReportSchema = z.object({
  tool: ToolSchema,
  host: z.string().max(253),
  pageKind: PageKindSchema,
  url: z.string().max(2000),
  at: EpochMsSchema,
  rows: z.number().int().min(0),
  /** How many rows yielded each field (id, status, assignee, …). */
  fieldCounts: z.record(z.string().max(40), z.number().int().min(0)),
  problem: z.string().max(300).optional(),
  /** Adapter exceptions caught during the pass (never thrown into the host page). */
  errors: z.number().int().min(0).default(0),
});
export type PageReport = z.infer<typeof PageReportSchema>;

/** Stored form: the latest report per host and page kind. */
export type Diagnostic = PageReport & { id: string };
export const diagnosticId = (r: Pick<PageReport, 'host' | 'pageKind'>) => `${r.host}|${r.pageKind}`;
