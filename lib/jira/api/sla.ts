import { SlaPageSchema, type SlaValue } from './schemas';

/**
 * JSM SLAs (`/rest/servicedeskapi/request/<KEY>/sla`) → what a badge needs. Times come from
 * `epochMillis` and durations from `millis`; `friendly` strings are localised and never read.
 */
export type SlaState = 'running' | 'paused' | 'breached' | 'met' | 'missed' | 'none';

export interface SlaSummary {
  name: string;
  state: SlaState;
  /** When the running clock breaches (epoch ms); absent when paused or stopped. */
  dueAt?: number;
  /** Negative once breached. */
  remainingMs?: number;
  goalMs?: number;
  elapsedMs?: number;
  withinCalendarHours?: boolean;
}

export function summariseSla(value: SlaValue): SlaSummary {
  const cycle = value.ongoingCycle;
  if (cycle) {
    const remainingMs = cycle.remainingTime?.millis;
    const breached = cycle.breached || (remainingMs !== undefined && remainingMs < 0);
    const state: SlaState = cycle.paused ? 'paused' : breached ? 'breached' : 'running';
    return {
      name: value.name,
      state,
      ...(!cycle.paused && cycle.breachTime ? { dueAt: cycle.breachTime.epochMillis } : {}),
      ...(remainingMs !== undefined ? { remainingMs } : {}),
      ...(cycle.goalDuration ? { goalMs: cycle.goalDuration.millis } : {}),
      ...(cycle.elapsedTime ? { elapsedMs: cycle.elapsedTime.millis } : {}),
      ...(cycle.withinCalendarHours !== undefined ? { withinCalendarHours: cycle.withinCalendarHours } : {}),
    };
  }
  const last = value.completedCycles[value.completedCycles.length - 1];
  if (!last) return { name: value.name, state: 'none' };
  return {
    name: value.name,
    state: last.breached ? 'missed' : 'met',
    ...(last.goalDuration ? { goalMs: last.goalDuration.millis } : {}),
    ...(last.elapsedTime ? { elapsedMs: last.elapsedTime.millis } : {}),
  };
}

/** Parses one SLA response page; undefined when the shape is not recognised. */
export function parseJsmSla(json: unknown): SlaSummary[] | undefined {
  const page = SlaPageSchema.safeParse(json);
  return page.success ? page.data.values.map(summariseSla) : undefined;
}

/** The next breach among running clocks (breached ones included): the observation's slaDueAt. */
export function nextSlaDueAt(summaries: readonly SlaSummary[]): number | undefined {
  const due = summaries.filter((s) => s.state === 'running' || s.state === 'breached').map((s) => s.dueAt).filter((d): d is number => d !== undefined);
  return due.length ? Math.min(...due) : undefined;
}
