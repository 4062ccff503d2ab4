import { describe, expect, it } from 'vitest';
import { rollupsFromHistory } from '../../../lib/db/rollups';
import { isHandoff } from '../../../lib/ingest/handoffs';
import { TicketStateSchema, TransitionSchema, transitionId } from '../../../lib/model';
import { buildHistoryIndex, ticketHandoffsOf } from '../../../lib/metrics';
import { generateHistory } from '../../../lib/synthetic/history';

const now = Date.UTC(2025, 5, 16, 12);
const options = { seed: 21, tickets: 3000, days: 90, agents: 12, groups: 4, host: 'acme.zendesk.com', now };

describe('synthetic history', () => {
  const history = generateHistory(options);

  it('is deterministic under its seed', () => {
    const again = generateHistory(options);
    expect(again.transitions.length).toBe(history.transitions.length);
    expect(again.tickets[1234]).toEqual(history.tickets[1234]);
    expect(generateHistory({ ...options, seed: 22 }).transitions.length).not.toBe(history.transitions.length);
  });

  it('is consistent with the model', () => {
    for (const t of history.tickets.slice(0, 300)) TicketStateSchema.parse(t);
    for (const t of history.transitions.slice(0, 3000)) {
      TransitionSchema.parse(t);
      expect(t.id).toBe(transitionId(t));
      expect(t.at).toBeLessThanOrEqual(now);
    }
    expect(new Set(history.transitions.map((t) => t.id)).size).toBe(history.transitions.length);
    expect(history.rollups).toEqual(rollupsFromHistory(history.tickets, history.transitions));
    // Ingest's counters agree with the transitions (folded by foldTransition).
    const index = buildHistoryIndex(history.tickets, history.transitions);
    for (let i = 0; i < 300; i++) {
      const h = ticketHandoffsOf(index, i);
      expect(h.handoffs).toBe(history.tickets[i].handoffs);
      expect(h.assigneeStations).toBe(history.tickets[i].assigneeStations);
    }
  });

  it('looks like a support queue', () => {
    const weekday = (d: number) => history.tickets.filter((t) => new Date(t.createdAt!).getUTCDay() === d).length;
    expect(weekday(1)).toBeGreaterThan(2 * weekday(0)); // Mondays busier than Sundays
    const statuses = new Set(history.transitions.filter((t) => t.field === 'status').map((t) => t.to));
    for (const s of ['open', 'pending', 'hold', 'solved', 'closed']) expect(statuses).toContain(s);
    expect(history.tickets.some((t) => t.reopens > 0)).toBe(true);
    expect(history.transitions.some((t) => t.automatic && t.field === 'group')).toBe(true);
    expect(history.transitions.filter(isHandoff).length).toBeGreaterThan(history.tickets.length / 4);
    const index = buildHistoryIndex(history.tickets, history.transitions);
    const pingPong = history.tickets.filter((_, i) => ticketHandoffsOf(index, i).pingPong).length;
    expect(pingPong).toBeGreaterThan(10);
    const open = history.tickets.filter((t) => t.open === 1).length;
    expect(open).toBeGreaterThan(0);
    expect(open).toBeLessThan(history.tickets.length / 5);
  });

  it('generates Jira histories with a later commitment point', () => {
    const jira = generateHistory({ ...options, tickets: 200, host: 'acme.atlassian.net' });
    expect(jira.tickets[0].tool).toBe('jira');
    const started = jira.tickets.filter((t) => t.startedAt !== undefined);
    expect(started.length).toBeGreaterThan(100);
    for (const t of started) expect(t.startedAt!).toBeGreaterThan(t.createdAt!);
  });
});
