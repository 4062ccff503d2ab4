import type { Observation } from '../../../lib/model';

const HOST = 'acme.zendesk.com';
/** A Zendesk view-row observation with sensible defaults; override what the test is about. */
export function observation(id: string, overrides: Partial<Observation> = {}): Observation {
  return {
    key: `zendesk:${HOST}:${id}`,
    tool: 'zendesk',
    host: HOST,
    id,
    seenAt: Date.parse('2026-11-24T09:00:00Z'),
    pageKind: 'zendesk-view',
    viewId: '360001',
    status: 'open',
    assignee: 'Sam Ortiz',
    group: 'Billing',
    priority: 'normal',
    createdAt: Date.parse('2026-11-20T09:00:00Z'),
    ...overrides,
  };
}

export const hours = (n: number) => n * 3_600_000;
