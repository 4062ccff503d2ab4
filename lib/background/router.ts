import { z } from 'zod';
import type { QueueLensDb } from '../db/database';
import { annotationOf, type PaceThresholds } from '../ingest/annotations';
import { DEFAULT_SETTINGS, type Settings } from '../settings/schema';
import { diagnosticId, RequestSchema, type ObserveResponse, type TicketState } from '../model';
import type { RefreshDashboardResponse } from '../model/dashboard-messages';
import { handleDashboardRequest, isDashboardRequest } from './dashboard-refresher';
import { InboxFolder } from './inbox-folder';

export interface Sender {
  id?: string;
  tab?: { id?: number };
}

export interface HandlerOptions {
  loadSettings?: () => Promise<Settings>;
  /** Told about every ingested batch (the API backfill queues what lacks exact history). */
  onObserved?: (tabId: number | undefined, states: TicketState[]) => void;
  /** Pace thresholds per stage for a host (empty until enough history exists). */
  paceFor?: (host: string) => PaceThresholds;
  /** Where observe batches go (default: a folder of its own over `database`). */
  inbox?: InboxFolder;
}

export type Response =
  | ObserveResponse
  | RefreshDashboardResponse
  | { ok: true; annotations: ReturnType<typeof annotationOf>[] }
  | { ok: true }
  | { ok: false; error: string };

/**
 * The background's one message entry point: refuses anything not sent by this extension, then
 * anything whose schema does not parse, before touching the database.
 */
export function createMessageHandler(database: QueueLensDb, extensionId: string, options: HandlerOptions = {}) {
  const loadSettings = options.loadSettings ?? (async () => DEFAULT_SETTINGS);
  const inbox = options.inbox ?? new InboxFolder(database);
  let rejected = 0;
  return {
    get rejected() {
      return rejected;
    },
    inbox,
    async handle(message: unknown, sender: Sender): Promise<Response> {
      if (sender.id !== extensionId) {
        rejected += 1;
        return { ok: false, error: 'message refused: not from this extension' };
      }
      if (isDashboardRequest(message)) return handleDashboardRequest(database, message, { loadSettings }); // popup/report: dashboards
      const parsed = RequestSchema.safeParse(message);
      if (!parsed.success) {
        rejected += 1;
        return { ok: false, error: `message refused: ${z.prettifyError(parsed.error).slice(0, 300)}` };
      }
      const request = parsed.data;
      if (request.type === 'observe') {
        // Written durably to the inbox before the acknowledgement; folded into history shortly after.
        const result = await inbox.accept(request.observations);
        if (request.report) await database.diagnostics.put({ ...request.report, id: diagnosticId(request.report) });
        options.onObserved?.(sender.tab?.id, result.states);
        return {
          ok: true,
          batchId: request.batchId,
          stored: result.stored,
          transitions: result.transitions,
          annotations: result.states.map((t) => annotationOf(t, options.paceFor?.(t.host))),
          thresholds: (await loadSettings()).thresholds,
        };
      }
      if (request.type === 'history-changed') {
        await inbox.resync();
        return { ok: true };
      }
      const states = await inbox.statesOf(request.keys);
      return { ok: true, annotations: states.map((s) => annotationOf(s, options.paceFor?.(s.host))) };
    },
  };
}
