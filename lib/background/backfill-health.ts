import { BackfillError } from '../backfill/client';
import type { QueueLensDb } from '../db/database';
import { diagnosticId, type Diagnostic, type Tool } from '../model';

/**
 * API answers QueueLens could not use, as selector health for the backfill: a payload rejected
 * by its schema is counted per instance and shown in the popup (never silently dropped, never
 * stored as history). Other failures (network, 429) are transient and only retried.
 */
export async function recordBackfillError(database: QueueLensDb, tool: Tool, host: string, error: unknown, now = Date.now()): Promise<void> {
  if (!(error instanceof BackfillError) || error.kind !== 'invalid') return;
  const report = { tool, host, pageKind: 'unknown' as const };
  const id = diagnosticId(report);
  const previous = await database.diagnostics.get(id);
  const rejected = (previous?.fieldCounts.rejectedPayloads ?? 0) + 1;
  const name = tool === 'zendesk' ? 'Zendesk' : 'Jira';
  const diagnostic: Diagnostic = {
    ...report,
    id,
    url: error.url.slice(0, 2000),
    at: now,
    rows: 0,
    fieldCounts: { rejectedPayloads: rejected },
    errors: rejected,
    problem: `${name} API answer not recognised: ${rejected} rejected so far (last: ${error.message})`.slice(0, 300),
  };
  await database.diagnostics.put(diagnostic);
}
