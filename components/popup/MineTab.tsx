import type { DashboardData } from '../../lib/queries/stored-dashboard';
import type { GoalProgress } from '../../lib/metrics/personal';
import { fmtAgo, fmtDays, fmtInt, fmtNumber } from '../../lib/ui/format';
import { Card, Stat, TicketList } from './parts';

/** "Mine": what is aging, what breaches next, what stalled, and today's and this week's goals. */
export function MineTab(props: { data: DashboardData | undefined; meSet: boolean; now: number }) {
  if (!props.meSet) {
    return (
      <p className="ql-notice" data-queuelens="no-me">
        QueueLens does not know who you are yet. <a href="options.html" target="_blank" rel="noopener">Choose yourself in Options → Team</a>, then
        this tab shows your own tickets, what breaches next and your goals.
      </p>
    );
  }
  const personal = props.data?.dashboard.personal;
  if (!personal) return <p className="ql-muted">Your figures appear after the next computation.</p>;
  const sla = personal.sla;
  return (
    <div className="ql-stack" data-queuelens="mine">
      <div className="ql-stats">
        <Stat name="my-open" label="My open" value={fmtInt(personal.wip.open)} />
        <Stat name="my-aging" label="Aging (pace > 85th)" value={fmtInt(personal.pace.agingAlerts)} tone={personal.pace.agingAlerts ? 'warn' : undefined} />
        <Stat name="my-stalled" label="Stalled" value={fmtInt(personal.stalled.stalled)} tone={personal.stalled.stalled ? 'warn' : undefined} />
      </div>
      <Card title="Goals" name="goals">
        <Goal name="today" label="Closed today" goal={personal.goals.daily} />
        <Goal name="week" label="Closed this week" goal={personal.goals.weekly} />
      </Card>
      <Card title="Oldest for their stage" name="by-pace">
        <TicketList
          name="by-pace"
          label="My open tickets, oldest relative to normal first"
          items={personal.pace.items}
          empty="Nothing of yours is open, or there is no finished work yet to compare with."
          figure={(i) => `${fmtDays(i.paceAgeMs)} · older than ${fmtNumber(i.pace, 0)} % usual`}
        />
      </Card>
      <Card title="Next SLA breaches" name="next-breaches">
        <TicketList
          name="next-breaches"
          label="My tickets by SLA time left"
          items={sla?.nextBreaches ?? []}
          empty={sla ? 'No SLA targets running on your tickets.' : 'No SLA information: add policies in Options, or open views with an SLA column.'}
          figure={(i) => (i.timeLeftMs < 0 ? `breached ${fmtAgo(-i.timeLeftMs)} ago` : `${fmtAgo(i.timeLeftMs)} left`)}
        />
      </Card>
      <Card title="Stalled" name="my-stalled">
        <TicketList
          name="my-stalled"
          label="My stalled tickets"
          items={personal.stalled.items}
          empty="None of your tickets has gone quiet."
          figure={(i) => `quiet ${fmtDays(i.inactiveMs)}${i.dead ? ' · dead?' : ''}`}
        />
      </Card>
    </div>
  );
}

function Goal(props: { name: string; label: string; goal: GoalProgress }) {
  const { goal } = props;
  const id = `ql-goal-${props.name}`;
  if (goal.target <= 0) {
    return (
      <p className="ql-goal" data-queuelens={`goal-${props.name}`}>
        <span id={id}>{props.label}</span>: <span data-queuelens="value">{fmtInt(goal.done)}</span>{' '}
        <span className="ql-muted">(no goal set)</span>
      </p>
    );
  }
  return (
    <div className="ql-goal" data-queuelens={`goal-${props.name}`}>
      <span id={id}>{props.label}</span>: <span data-queuelens="value">{fmtInt(goal.done)}</span> of {fmtInt(goal.target)}
      <progress aria-labelledby={id} max={goal.target} value={Math.min(goal.done, goal.target)} />
    </div>
  );
}
