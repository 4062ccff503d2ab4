import { z } from 'zod';

/**
 * Popup / report → background: "compute the dashboard of this scope now" (a host, or `*` for
 * every instance). The background answers once the row in `dashboards` is written; the pages
 * read the row itself through liveQuery, so the answer only says when and for what.
 */
export const DASHBOARD_SCOPE_ALL = '*';

export const DashboardScopeSchema = z.union([
  z.literal(DASHBOARD_SCOPE_ALL),
  z
    .string()
    .min(1)
    .max(253)
    .regex(/^[a-z0-9.-]+(?::\d{1,5})?$/, 'lowercase host name, optional :port'),
]);

export const RefreshDashboardRequestSchema = z.object({
  type: z.literal('refresh-dashboard'),
  scope: DashboardScopeSchema,
});
export type RefreshDashboardRequest = z.infer<typeof RefreshDashboardRequestSchema>;

export const RefreshDashboardResponseSchema = z.object({
  ok: z.literal(true),
  scope: z.string(),
  computedAt: z.number(),
  /** Every scope written by this run (all of them are computed from one load). */
  scopes: z.array(z.string()),
});
export type RefreshDashboardResponse = z.infer<typeof RefreshDashboardResponseSchema>;
