import { z } from 'zod';

/**
 * Jira REST response shapes QueueLens reads (hosts.md, "Jira REST"). Loose objects: Jira adds
 * fields freely, and only the fields named here are used. Checked against the recorded
 * responses in ../shared/fixtures/jira/api (see test/unit/jira/conformance.test.ts).
 */

const id = z.union([z.string(), z.number()]).transform(String);

/** Cloud users carry `accountId`; Server/DC and pre-2019 Cloud data carry `name`/`key`. */
export const JiraUserSchema = z.looseObject({
  accountId: z.string().optional(),
  name: z.string().optional(),
  key: z.string().optional(),
  displayName: z.string().optional(),
  accountType: z.string().optional(),
});
export type JiraUser = z.infer<typeof JiraUserSchema>;

export const ChangelogItemSchema = z.looseObject({
  field: z.string(),
  fieldtype: z.string().optional(),
  fieldId: z.string().optional(),
  from: z.string().nullish(),
  fromString: z.string().nullish(),
  to: z.string().nullish(),
  // `toString` is also Object.prototype's: an absent key would read as that function.
  toString: z.unknown().transform((v) => (typeof v === 'string' ? v : null)),
  tmpFromAccountId: z.string().nullish(),
  tmpToAccountId: z.string().nullish(),
});
export type ChangelogItem = z.infer<typeof ChangelogItemSchema>;

export const HistorySchema = z.looseObject({
  id,
  author: JiraUserSchema.nullish(),
  created: z.string(),
  items: z.array(ChangelogItemSchema),
});
export type History = z.infer<typeof HistorySchema>;

/** `expand=changelog` on search/issue: may hold only the newest page (total > maxResults). */
export const EmbeddedChangelogSchema = z.looseObject({
  startAt: z.number().int().optional(),
  maxResults: z.number().int().optional(),
  total: z.number().int().optional(),
  histories: z.array(HistorySchema),
});
export type EmbeddedChangelog = z.infer<typeof EmbeddedChangelogSchema>;

/** `/rest/api/3/issue/<KEY>/changelog` (and api/2): offset pages of histories in `values`. */
export const ChangelogPageSchema = z.looseObject({
  startAt: z.number().int(),
  maxResults: z.number().int(),
  total: z.number().int(),
  isLast: z.boolean().optional(),
  values: z.array(HistorySchema),
});
export type ChangelogPage = z.infer<typeof ChangelogPageSchema>;

/** `new | indeterminate | done`; "undefined" (No Category) exists on old instances. */
export const StatusCategorySchema = z.looseObject({
  id: id.optional(),
  key: z.string(),
  name: z.string().optional(),
});

export const StatusSchema = z.looseObject({
  id,
  name: z.string(),
  statusCategory: StatusCategorySchema.optional(),
});
export type JiraStatus = z.infer<typeof StatusSchema>;
export const StatusListSchema = z.array(StatusSchema);

const named = z.looseObject({ id: id.optional(), name: z.string() });

export const IssueFieldsSchema = z.looseObject({
  summary: z.string().nullish(),
  status: StatusSchema.nullish(),
  assignee: JiraUserSchema.nullish(),
  priority: named.nullish(),
  created: z.string().nullish(),
  updated: z.string().nullish(),
  resolutiondate: z.string().nullish(),
  /** `projectTypeKey: "service_desk"` marks a JSM request (its SLA is fetched). */
  project: z.looseObject({ key: z.string().optional(), projectTypeKey: z.string().optional() }).nullish(),
});

export const IssueSchema = z.looseObject({
  id,
  key: z.string().regex(/^[A-Z][A-Z0-9_]+-\d+$/),
  fields: IssueFieldsSchema.optional(),
  changelog: EmbeddedChangelogSchema.optional(),
});
export type JiraIssue = z.infer<typeof IssueSchema>;

/** `/rest/api/3/search/jql`: token-paginated (`nextPageToken` absent on the last page). */
export const SearchJqlPageSchema = z.looseObject({
  issues: z.array(IssueSchema),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});

/** `/rest/api/2|3/search`: offset-paginated. */
export const SearchOffsetPageSchema = z.looseObject({
  startAt: z.number().int(),
  maxResults: z.number().int(),
  total: z.number().int(),
  issues: z.array(IssueSchema),
});

/** Either search shape, tagged (offset first: a token page has no `startAt`/`total`). */
export const SearchPageSchema = z.union([
  SearchOffsetPageSchema.transform((page) => ({ ...page, paging: 'offset' as const })),
  SearchJqlPageSchema.transform((page) => ({ ...page, paging: 'token' as const })),
]);
export type SearchPage = z.output<typeof SearchPageSchema>;

/** `/rest/agile/1.0/board/<id>/configuration`: the column ↔ status map. */
export const BoardConfigurationSchema = z.looseObject({
  id: id.optional(),
  name: z.string().optional(),
  columnConfig: z.looseObject({
    columns: z.array(
      z.looseObject({
        name: z.string(),
        statuses: z.array(z.looseObject({ id })),
        min: z.number().optional(),
        max: z.number().optional(),
      }),
    ),
  }),
});
export type BoardConfiguration = z.infer<typeof BoardConfigurationSchema>;

// ── JSM SLA (`/rest/servicedeskapi/request/<KEY>/sla`) ──────────────────────────────────
/** `friendly` is localised display text: kept out of the schema so nothing parses it. */
const SlaTimeSchema = z.looseObject({ iso8601: z.string().optional(), epochMillis: z.number() });
const SlaDurationSchema = z.looseObject({ millis: z.number() });

export const SlaOngoingCycleSchema = z.looseObject({
  startTime: SlaTimeSchema.optional(),
  breachTime: SlaTimeSchema.optional(),
  breached: z.boolean(),
  paused: z.boolean(),
  withinCalendarHours: z.boolean().optional(),
  goalDuration: SlaDurationSchema.optional(),
  elapsedTime: SlaDurationSchema.optional(),
  remainingTime: SlaDurationSchema.optional(),
});

export const SlaCompletedCycleSchema = z.looseObject({
  startTime: SlaTimeSchema.optional(),
  stopTime: SlaTimeSchema.optional(),
  breachTime: SlaTimeSchema.optional(),
  breached: z.boolean(),
  goalDuration: SlaDurationSchema.optional(),
  elapsedTime: SlaDurationSchema.optional(),
  remainingTime: SlaDurationSchema.optional(),
});

export const SlaValueSchema = z.looseObject({
  id: id.optional(),
  name: z.string(),
  ongoingCycle: SlaOngoingCycleSchema.optional(),
  completedCycles: z.array(SlaCompletedCycleSchema).default([]),
});
export type SlaValue = z.infer<typeof SlaValueSchema>;

export const SlaPageSchema = z.looseObject({
  size: z.number().int().optional(),
  start: z.number().int().optional(),
  limit: z.number().int().optional(),
  isLastPage: z.boolean().optional(),
  values: z.array(SlaValueSchema),
});

/** An SLA custom field in issue `fields`: null where the SLA does not apply. */
export const SlaFieldSchema = SlaValueSchema.nullable();
