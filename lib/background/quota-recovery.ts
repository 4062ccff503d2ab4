import type { QueueLensDb } from '../db/database';
import { isQuotaError, recoverFromQuotaError } from '../db/retention';
import { ObserveRequestSchema } from '../model';
import type { Response, Sender } from './router';

type Handle = (message: unknown, sender: Sender) => Promise<Response>;

/**
 * Storage full: prune history by the retention setting, record why (the popup shows it), then
 * try the batch once more. The outbox keeps the batch if this fails too, so nothing is lost.
 */
export function withQuotaRecovery(handle: Handle, database: QueueLensDb, retentionMonths: () => number): Handle {
  return async (message, sender) => {
    try {
      return await handle(message, sender);
    } catch (error) {
      if (!isQuotaError(error)) throw error;
      const seen = ObserveRequestSchema.safeParse(message);
      const hosts = seen.success ? [...new Map(seen.data.observations.map((o) => [o.host, { host: o.host, tool: o.tool }])).values()] : [];
      await recoverFromQuotaError(database, retentionMonths(), Date.now(), hosts);
      return handle(message, sender);
    }
  };
}
