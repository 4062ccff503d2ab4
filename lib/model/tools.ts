export const TOOLS = ['zendesk', 'jira'] as const;
/** Host tools QueueLens has an adapter for. */
export type Tool = (typeof TOOLS)[number];
