import type { SlaPolicyMetric } from './schemas';

export type SlaState = 'none' | 'active' | 'breached' | 'paused' | 'achieved';

export interface SlaSummary {
  state: SlaState;
  /** The earliest breach time among running (active) targets — past when breached. */
  nextBreachAt?: number;
  /** The metric that breaches next (e.g. `first_reply_time`). */
  metric?: string;
}

/**
 * Zendesk's SLA sideload (`include=slas`) → the ticket's next breach. Pure.
 * Only `active` targets run: a paused target's breach_at does not tick (pending tickets), and an
 * achieved one is done. State: breached if a running target is past due at `now`; active if
 * any runs; else paused if any is paused; else achieved if all were met; none without targets.
 */
export function slaFromPolicyMetrics(metrics: readonly SlaPolicyMetric[], now: number): SlaSummary {
  if (!metrics.length) return { state: 'none' };
  let next: SlaPolicyMetric | undefined;
  for (const m of metrics) {
    if (m.stage !== 'active' || m.breach_at == null) continue;
    if (!next || m.breach_at < next.breach_at!) next = m;
  }
  if (next) {
    return { state: next.breach_at! <= now ? 'breached' : 'active', nextBreachAt: next.breach_at!, metric: next.metric };
  }
  if (metrics.some((m) => m.stage === 'active')) return { state: 'active' };
  if (metrics.some((m) => m.stage === 'paused')) return { state: 'paused' };
  if (metrics.every((m) => m.stage === 'achieved')) return { state: 'achieved' };
  return { state: 'none' };
}

/** The stored `slaDueAt`: the next breach, or null to clear a stored one when none runs. */
export const slaDueAtOf = (summary: SlaSummary): number | null => summary.nextBreachAt ?? null;
