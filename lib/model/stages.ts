import { z } from 'zod';
import type { Tool } from './keys';

/** Canonical stages every raw status maps to (DESIGN.md, Model). */
export const StageSchema = z.enum(['queued', 'active', 'waiting', 'done']);
export type Stage = z.infer<typeof StageSchema>;

/** Zendesk's system statuses; custom statuses fall back to their category below. */
const ZENDESK_DEFAULTS: Record<string, Stage> = {
  new: 'queued',
  open: 'active',
  pending: 'waiting',
  hold: 'waiting',
  'on-hold': 'waiting',
  'on hold': 'waiting',
  solved: 'done',
  closed: 'done',
  deleted: 'done',
};

/** Jira status names commonly met; anything else maps by status category (see jira adapter). */
const JIRA_DEFAULTS: Record<string, Stage> = {
  backlog: 'queued',
  'to do': 'queued',
  open: 'queued',
  'selected for development': 'queued',
  'in progress': 'active',
  'in review': 'active',
  'in development': 'active',
  'waiting for customer': 'waiting',
  'waiting for support': 'queued',
  pending: 'waiting',
  blocked: 'waiting',
  done: 'done',
  closed: 'done',
  resolved: 'done',
  canceled: 'done',
  cancelled: 'done',
};

/** Jira status categories (`statusCategory.key`). */
export function stageOfJiraCategory(category: 'new' | 'indeterminate' | 'done'): Stage {
  return category === 'new' ? 'queued' : category === 'done' ? 'done' : 'active';
}

export type StageOverrides = Record<string, Stage>;

/**
 * Maps a raw status to its stage: the instance's override first, then the tool's defaults.
 * Unknown statuses count as `active` — work someone holds — which keeps them visible in WIP.
 */
export function stageOf(tool: Tool, rawStatus: string | null | undefined, overrides: StageOverrides = {}): Stage {
  if (!rawStatus) return 'queued';
  const status = rawStatus.trim().toLowerCase();
  const override = overrides[status];
  if (override) return override;
  const defaults = tool === 'zendesk' ? ZENDESK_DEFAULTS : JIRA_DEFAULTS;
  return defaults[status] ?? 'active';
}

export const isDone = (stage: Stage) => stage === 'done';
