import type { Tool } from './tools';

/**
 * `tool:host:id`, e.g. `zendesk:acme.zendesk.com:4123` or `jira:acme.atlassian.net:OPS-77`.
 * The id part never contains a colon in either host tool, so the key splits unambiguously.
 * (Kept free of zod so content scripts stay small; the schema is in keys.ts.)
 */
export type TicketKey = string;

export function ticketKey(tool: Tool, host: string, id: string): TicketKey {
  return `${tool}:${host.toLowerCase()}:${id}`;
}

export function parseTicketKey(key: TicketKey): { tool: Tool; host: string; id: string } {
  const first = key.indexOf(':');
  const last = key.lastIndexOf(':');
  const tool = key.slice(0, first);
  if (tool !== 'zendesk' && tool !== 'jira') throw new Error(`not a ticket key: ${key}`);
  return { tool, host: key.slice(first + 1, last), id: key.slice(last + 1) };
}
