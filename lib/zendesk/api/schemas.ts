import { z } from 'zod';

/**
 * Zendesk REST shapes QueueLens reads (see shared/reference/hosts.md, "Same-origin API").
 * Liberal in what they accept — unknown keys pass through (`looseObject`), events of types we
 * do not use are kept opaque — and strict on every field QueueLens uses: a wrong type there
 * rejects the whole payload, so nothing half-understood reaches the database.
 */

/** Zendesk ids are numbers in objects and strings inside audit events; both become strings. */
export const ZendeskIdSchema = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, 'not a numeric id')])
  .transform((v) => String(v));

/** ISO 8601 timestamp → epoch ms. */
export const IsoTimeSchema = z.string().transform((s, ctx) => {
  const ms = Date.parse(s);
  if (!Number.isFinite(ms) || ms < 946_684_800_000 || ms > 4_102_444_800_000) {
    ctx.addIssue({ code: 'custom', message: `not a usable timestamp: ${s.slice(0, 40)}` });
    return z.NEVER;
  }
  return ms;
});

export const TicketStatusSchema = z.enum(['new', 'open', 'pending', 'hold', 'solved', 'closed', 'deleted']);
export type TicketStatus = z.infer<typeof TicketStatusSchema>;
/** Zendesk's fixed priority set (admins cannot add priorities). */
export const PrioritySchema = z.enum(['low', 'normal', 'high', 'urgent']);

export const ViaSchema = z.looseObject({
  channel: z.union([z.string(), z.number()]).optional(),
  source: z
    .looseObject({
      rel: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
});
export type Via = z.infer<typeof ViaSchema>;

/** `slas` sideload (`include=slas`) on a ticket. */
export const SlaPolicyMetricSchema = z.looseObject({
  metric: z.string(),
  stage: z.enum(['active', 'paused', 'achieved']),
  breach_at: IsoTimeSchema.nullable().optional(),
});
export type SlaPolicyMetric = z.infer<typeof SlaPolicyMetricSchema>;
export const TicketSlasSchema = z.looseObject({ policy_metrics: z.array(SlaPolicyMetricSchema) });

const DurationSchema = z
  .looseObject({ calendar: z.number().nullable(), business: z.number().nullable() })
  .nullable()
  .optional();

/** Ticket metric set (`/api/v2/tickets/<id>/metrics.json`, or sideload `metric_sets`). */
export const TicketMetricSchema = z.looseObject({
  ticket_id: ZendeskIdSchema,
  reopens: z.number().int().nonnegative(),
  replies: z.number().int().nonnegative(),
  assignee_stations: z.number().int().nonnegative(),
  group_stations: z.number().int().nonnegative(),
  solved_at: IsoTimeSchema.nullable().optional(),
  assigned_at: IsoTimeSchema.nullable().optional(),
  initially_assigned_at: IsoTimeSchema.nullable().optional(),
  status_updated_at: IsoTimeSchema.nullable().optional(),
  reply_time_in_minutes: DurationSchema,
  first_resolution_time_in_minutes: DurationSchema,
  full_resolution_time_in_minutes: DurationSchema,
  agent_wait_time_in_minutes: DurationSchema,
  requester_wait_time_in_minutes: DurationSchema,
  on_hold_time_in_minutes: DurationSchema,
});
export type TicketMetric = z.infer<typeof TicketMetricSchema>;
export const TicketMetricResponseSchema = z.looseObject({ ticket_metric: TicketMetricSchema });

export const TicketSchema = z.looseObject({
  id: ZendeskIdSchema,
  status: TicketStatusSchema,
  custom_status_id: ZendeskIdSchema.nullable().optional(),
  assignee_id: ZendeskIdSchema.nullable(),
  group_id: ZendeskIdSchema.nullable(),
  priority: PrioritySchema.nullable(),
  subject: z.string().nullable().optional(),
  created_at: IsoTimeSchema,
  updated_at: IsoTimeSchema,
  due_at: IsoTimeSchema.nullable().optional(),
  via: ViaSchema.nullable().optional(),
  slas: TicketSlasSchema.nullable().optional(),
  /** Sideload `include=metric_sets` puts the set on the ticket in some responses. */
  metric_set: TicketMetricSchema.nullable().optional(),
});
export type Ticket = z.infer<typeof TicketSchema>;

const NamedSchema = z.looseObject({ id: ZendeskIdSchema, name: z.string().max(500) });
export type Named = z.infer<typeof NamedSchema>;

/** `/api/v2/tickets/show_many.json?ids=…&include=users,groups,metric_sets,slas` (≤100 ids). */
export const ShowManyResponseSchema = z.looseObject({
  tickets: z.array(TicketSchema),
  users: z.array(NamedSchema).optional(),
  groups: z.array(NamedSchema).optional(),
  metric_sets: z.array(TicketMetricSchema).optional(),
});
export type ShowManyResponse = z.infer<typeof ShowManyResponseSchema>;

/** `/api/v2/users/show_many.json?ids=…`: names for ids no sideload resolved. */
export const UsersResponseSchema = z.looseObject({ users: z.array(NamedSchema) });
/** `/api/v2/groups/<id>.json` */
export const GroupResponseSchema = z.looseObject({ group: NamedSchema });

/** The audit event fields QueueLens tracks, by Zendesk field name. */
export const TRACKED_EVENT_FIELDS = ['status', 'assignee_id', 'group_id', 'priority'] as const;
export type TrackedEventField = (typeof TRACKED_EVENT_FIELDS)[number];

const idValue = ZendeskIdSchema.nullable();
const TRACKED_VALUE: Record<TrackedEventField, z.ZodType<string | null>> = {
  status: TicketStatusSchema.nullable(),
  assignee_id: idValue,
  group_id: idValue,
  // Empty string is how some accounts record a cleared priority.
  priority: z.union([PrioritySchema, z.literal('')]).nullable().transform((v) => v || null),
};

const isTracked = (name: string | undefined): name is TrackedEventField =>
  (TRACKED_EVENT_FIELDS as readonly string[]).includes(name ?? '');

/**
 * One audit event. Change/Create events of a tracked field are checked strictly and their
 * values normalised (ids → strings, unset → null); every other event passes opaque.
 */
export const AuditEventSchema = z
  .looseObject({
    id: ZendeskIdSchema.optional(),
    type: z.string(),
    field_name: z.string().optional(),
    value: z.unknown().optional(),
    previous_value: z.unknown().optional(),
    via: ViaSchema.nullable().optional(),
  })
  .transform((event, ctx) => {
    if ((event.type !== 'Change' && event.type !== 'Create') || !isTracked(event.field_name)) {
      return { ...event, tracked: undefined };
    }
    const schema = TRACKED_VALUE[event.field_name];
    const value = schema.safeParse(event.value ?? null);
    if (!value.success) {
      ctx.addIssue({ code: 'custom', message: `${event.type} ${event.field_name}: bad value`, path: ['value'] });
      return z.NEVER;
    }
    let previous: string | null | undefined;
    if (event.type === 'Change' && event.previous_value !== undefined) {
      const parsed = schema.safeParse(event.previous_value);
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: `Change ${event.field_name}: bad previous_value`, path: ['previous_value'] });
        return z.NEVER;
      }
      previous = parsed.data;
    }
    return {
      ...event,
      tracked: { kind: event.type, field: event.field_name, value: value.data, previous } as TrackedEvent,
    };
  });
export interface TrackedEvent {
  kind: 'Change' | 'Create';
  field: TrackedEventField;
  value: string | null;
  /** Change only; undefined when the event did not say (Create never does). */
  previous: string | null | undefined;
}
export type AuditEvent = z.output<typeof AuditEventSchema>;

export const AuditSchema = z.looseObject({
  id: ZendeskIdSchema,
  ticket_id: ZendeskIdSchema,
  created_at: IsoTimeSchema,
  /** -1 for changes Zendesk itself makes; unused, so only its type is checked. */
  author_id: z.union([z.number().int(), z.string()]).nullable().optional(),
  via: ViaSchema.nullable().optional(),
  events: z.array(AuditEventSchema),
});
export type Audit = z.output<typeof AuditSchema>;

/**
 * `/api/v2/tickets/<id>/audits.json`: cursor pagination (`meta.has_more` + `links.next`) or the
 * older offset style (`next_page`).
 */
export const AuditsPageSchema = z.looseObject({
  audits: z.array(AuditSchema),
  meta: z.looseObject({ has_more: z.boolean() }).nullable().optional(),
  links: z.looseObject({ next: z.string().nullable().optional() }).nullable().optional(),
  next_page: z.string().nullable().optional(),
});
export type AuditsPage = z.output<typeof AuditsPageSchema>;

/** The next page's URL, or undefined on the last page. */
export function nextAuditsPage(page: AuditsPage): string | undefined {
  if (page.meta) return page.meta.has_more && page.links?.next ? page.links.next : undefined;
  return page.next_page ?? undefined;
}
