import { z } from 'zod';
import { TOOLS } from './tools';

export { ticketKey, parseTicketKey, type TicketKey } from './key';
export type { Tool } from './tools';

export const ToolSchema = z.enum(TOOLS);

export const TicketKeySchema = z
  .string()
  .max(300)
  .regex(/^(zendesk|jira):[a-z0-9.-]+(?::\d+)?:[A-Za-z0-9_-]+$/, 'not a ticket key (tool:host:id)');
