/** Shapes of the simulated helpdesk's world. Audits mirror Zendesk's API (hosts.md). */
export type SimStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed' | 'deleted';
export type SimPriority = 'low' | 'normal' | 'high' | 'urgent';
export type SimChannel = 'email' | 'web' | 'chat' | 'api';

export const UNSOLVED: readonly SimStatus[] = ['new', 'open', 'pending', 'hold'];

export interface SimUser {
  id: number;
  name: string;
  email: string;
  role: 'agent' | 'end-user';
  /** Agents only: the groups they belong to. */
  groupIds: number[];
}

export interface SimGroup {
  id: number;
  name: string;
}

export interface SimVia {
  channel: string;
  source: { from: Record<string, unknown>; to: Record<string, unknown>; rel: string | null };
}

export interface SimCreateEvent {
  id: number;
  type: 'Create';
  field_name: string;
  value: string | null;
}

export interface SimChangeEvent {
  id: number;
  type: 'Change';
  field_name: string;
  value: string | null;
  previous_value: string | null;
  /** Present on changes made by a business rule (trigger / automation). */
  via?: SimVia;
}

export interface SimCommentEvent {
  id: number;
  type: 'Comment';
  author_id: number;
  body: string;
  public: boolean;
}

export type SimEvent = SimCreateEvent | SimChangeEvent | SimCommentEvent;

export interface SimAudit {
  id: number;
  ticket_id: number;
  /** Epoch ms; the API renders it as ISO seconds. */
  at: number;
  author_id: number;
  via: SimVia;
  events: SimEvent[];
}

export interface SimTicket {
  id: number;
  subject: string;
  description: string;
  status: SimStatus;
  priority: SimPriority | null;
  requesterId: number;
  assigneeId: number | null;
  groupId: number | null;
  createdAt: number;
  updatedAt: number;
  channel: SimChannel;
  tags: string[];
  /** The custom field shown in views ("Product area"). */
  productArea: string;
  /** When the next SLA target breaches (null: none running — paused or achieved). */
  slaDueAt: number | null;
  /** Which SLA metric `slaDueAt` belongs to. */
  slaMetric: 'first_reply_time' | 'next_reply_time' | null;
  audits: SimAudit[];
}

/** A field change the simulation applies; ids are numbers, rendered as strings in audits. */
export interface FieldChanges {
  status?: SimStatus;
  assigneeId?: number | null;
  groupId?: number | null;
  priority?: SimPriority | null;
}
