import { describe, expect, it } from 'vitest';
import { metricsToFacts } from '../../../lib/zendesk/api/metrics';
import { slaDueAtOf, slaFromPolicyMetrics } from '../../../lib/zendesk/api/sla';
import { ShowManyResponseSchema, SlaPolicyMetricSchema, TicketMetricResponseSchema } from '../../../lib/zendesk/api/schemas';
import { fixture } from './fake-zendesk';

describe('metricsToFacts', () => {
  it('takes reopens, stations, solved time and calendar durations', () => {
    const m = TicketMetricResponseSchema.parse(fixture('metrics_103.json')).ticket_metric;
    expect(metricsToFacts(m)).toEqual({
      reopens: 1,
      replies: 4,
      assigneeStations: 1,
      groupStations: 1,
      solvedAt: Date.parse('2026-02-23T10:00:00Z'),
      firstReplyMinutes: 60,
      fullResolutionMinutes: 4320,
      onHoldMinutes: 0,
    });
  });
  it('leaves out what is not reached yet', () => {
    const shown = ShowManyResponseSchema.parse(fixture('show_many_101_102_103.json'));
    const facts = metricsToFacts(shown.tickets[0].metric_set!);
    expect(facts.solvedAt).toBeUndefined();
    expect(facts.assigneeStations).toBe(3);
  });
  it('rejects a metric set with a counter of the wrong type', () => {
    const bad = structuredClone(fixture('metrics_103.json')) as { ticket_metric: Record<string, unknown> };
    bad.ticket_metric.reopens = 'one';
    expect(TicketMetricResponseSchema.safeParse(bad).success).toBe(false);
  });
});

describe('slaFromPolicyMetrics', () => {
  const now = Date.parse('2026-03-06T12:00:00Z');
  const m = (stage: string, breach_at: string | null, metric = 'next_reply_time') => SlaPolicyMetricSchema.parse({ metric, stage, breach_at });
  it('picks the earliest running target (paused and achieved do not tick)', () => {
    const shown = ShowManyResponseSchema.parse(fixture('show_many_101_102_103.json'));
    const sla = slaFromPolicyMetrics(shown.tickets[0].slas!.policy_metrics, now);
    expect(sla).toEqual({ state: 'active', nextBreachAt: Date.parse('2026-03-06T17:00:00Z'), metric: 'next_reply_time' });
    expect(slaDueAtOf(sla)).toBe(Date.parse('2026-03-06T17:00:00Z'));
  });
  it('says breached, paused, achieved and none', () => {
    expect(slaFromPolicyMetrics([m('active', '2026-03-06T11:00:00Z'), m('active', '2026-03-07T11:00:00Z', 'first_reply_time')], now)).toMatchObject({ state: 'breached', metric: 'next_reply_time' });
    expect(slaFromPolicyMetrics([m('paused', null), m('achieved', null)], now)).toEqual({ state: 'paused' });
    expect(slaFromPolicyMetrics([m('achieved', null)], now)).toEqual({ state: 'achieved' });
    expect(slaFromPolicyMetrics([], now)).toEqual({ state: 'none' });
    expect(slaDueAtOf({ state: 'achieved' })).toBeNull();
  });
  it('rejects an unknown stage', () => {
    expect(SlaPolicyMetricSchema.safeParse({ metric: 'x', stage: 'frozen', breach_at: null }).success).toBe(false);
  });
});
