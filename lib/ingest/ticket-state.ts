import { stageOf, ticketKey, type Tool } from '../model';
import type { TicketState } from '../model';

export interface NewTicket {
  tool: Tool;
  host: string;
  id: string;
  createdAt: number;
  status: string | null;
  priority?: string | null;
}

/**
 * A ticket as it stands at creation, before any history is folded in (with foldTransition):
 * nobody assigned, in its first status since creation. Zendesk commits at creation; Jira at the
 * first move to In Progress, which foldTransition sets.
 */
export function createdTicketState({ tool, host, id, createdAt, status, priority = null }: NewTicket): TicketState {
  const stage = stageOf(tool, status);
  return {
    key: ticketKey(tool, host, id),
    tool,
    host,
    id,
    status,
    stage,
    open: stage === 'done' ? 0 : 1,
    assignee: null,
    group: null,
    priority,
    createdAt,
    updatedAt: createdAt,
    firstSeenAt: createdAt,
    lastSeenAt: createdAt,
    statusSince: createdAt,
    statusSinceExact: true,
    startedAt: tool === 'zendesk' ? createdAt : undefined,
    handoffs: 0,
    assigneeStations: 0,
    groupStations: 0,
    reopens: 0,
    assigneeHistory: [],
    groupHistory: [],
    lastPageKind: tool === 'zendesk' ? 'zendesk-view' : 'jira-board',
  };
}
