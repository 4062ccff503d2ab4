import { z } from 'zod';
import { API_PATH_PREFIXES } from './api-paths';

/**
 * The background asks a host tab's content script to GET a same-origin API path with the
 * user's session (DESIGN.md: backfill runs on the page's origin). Read-only, API paths only.
 */

export const ProxyGetRequestSchema = z.object({
  type: z.literal('api-get'),
  path: z
    .string()
    .max(4000)
    .refine((p) => API_PATH_PREFIXES.some((prefix) => p.startsWith(prefix)) && !p.includes('..'), 'not an allowed API path'),
});
export type ProxyGetRequest = z.infer<typeof ProxyGetRequestSchema>;

export const ProxyGetResponseSchema = z.object({
  ok: z.literal(true),
  status: z.number().int(),
  retryAfter: z.string().max(100).nullable(),
  body: z.string(),
});
export type ProxyGetResponse = z.infer<typeof ProxyGetResponseSchema>;
