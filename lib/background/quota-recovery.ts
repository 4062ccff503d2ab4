import type { QueueLensDb } from '../db/database';
import { isQuotaError, recoverFromQuotaError } from '../db/retention';
import { ObserveRequestSchema, type Observation } from '../model';
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
      await recoverFromQuotaError(database, retentionMonths(), Date.now(), seen.success ? hostsOf(seen.data.observations) : []);
      return handle(message, sender);
    }
  };
}

/** The instances a set of observations came from, each once: where a storage-full warning is shown. */
export function hostsOf(observations: readonly Observation[]): { host: string; tool: Observation['tool'] }[] {
  return [...new Map(observations.map((o) => [o.host, { host: o.host, tool: o.tool }])).values()];
}
