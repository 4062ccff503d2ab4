import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { db } from '../../lib/db/database';
import { formatDuration } from '../../lib/format/duration';
import { ticketTimeline } from '../../lib/timeline/ticket-timeline';
import './panel.css';

/**
 * The in-ticket panel: age, time in current status (this visit and accumulated), the status
 * timeline, assignee and group changes with ping-pong marked, SLA. Reads IndexedDB live, so it
 * updates as soon as the content script's observations (or the API backfill) are stored.
 */
export function TicketPanel({ ticketKey }: { ticketKey: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const data = useLiveQuery(async () => {
    const ticket = await db().tickets.get(ticketKey);
    const transitions = ticket ? await db().transitions.where('key').equals(ticketKey).toArray() : [];
    return { ticket, transitions };
  }, [ticketKey]);

  if (!data) return <main className="ql-panel" aria-busy="true" />;
  const { ticket, transitions } = data;
  if (!ticket) {
    return (
      <main className="ql-panel" data-queuelens="panel-empty">
        <h1>QueueLens</h1>
        <p>Not recorded yet: this ticket appears once a view or this page has been read.</p>
      </main>
    );
  }
  const timeline = ticketTimeline(ticket, transitions, now);
  const started = ticket.startedAt ?? ticket.createdAt;
  const sla = ticket.slaDueAt;
  return (
    <main className="ql-panel" data-queuelens="panel-body">
      <h1>QueueLens · #{ticket.id}</h1>
      <dl className="ql-panel__facts">
        <div>
          <dt>Age</dt>
          <dd data-queuelens="panel-age">{started !== undefined ? formatDuration(now - started) : 'unknown'}</dd>
        </div>
        <div>
          <dt>In {ticket.status ?? 'status'}</dt>
          <dd data-queuelens="panel-status-time">
            {ticket.statusSinceExact ? '' : '≥'}
            {formatDuration(timeline.currentVisitMs)}
            {timeline.accumulatedMs > timeline.currentVisitMs && <span> ({formatDuration(timeline.accumulatedMs)} in all)</span>}
          </dd>
        </div>
        <div>
          <dt>Handoffs</dt>
          <dd data-queuelens="panel-handoffs">{ticket.handoffs}</dd>
        </div>
        <div>
          <dt>SLA</dt>
          <dd data-queuelens="panel-sla">
            {sla === undefined ? 'none shown' : sla <= now ? `breached ${formatDuration(now - sla)} ago` : `${formatDuration(sla - now)} left`}
          </dd>
        </div>
      </dl>
      <h2>Status</h2>
      <ol className="ql-panel__timeline" data-queuelens="panel-timeline">
        {timeline.visits.map((v, i) => (
          <li key={i}>
            <span className="ql-panel__status">{v.status ?? '–'}</span> {v.approximate ? '≈' : ''}
            {formatDuration((v.to ?? now) - v.from)}
            {v.to === undefined ? ' (now)' : ''}
          </li>
        ))}
      </ol>
      {timeline.ownerChanges.length > 0 && (
        <>
          <h2>Owners</h2>
          <ol className="ql-panel__owners" data-queuelens="panel-owners">
            {timeline.ownerChanges.map((c, i) => (
              <li key={i} data-ping-pong={c.pingPong || undefined}>
                {c.field === 'group' ? 'Group' : 'Assignee'}: {c.from ?? 'nobody'} → {c.to ?? 'nobody'}
                {c.pingPong && <strong className="ql-panel__pingpong"> ping-pong</strong>}
                {c.automatic && <em> (trigger)</em>}
                <time dateTime={new Date(c.at).toISOString()}> {formatDuration(now - c.at)} ago</time>
              </li>
            ))}
          </ol>
        </>
      )}
      <p className="ql-panel__source">{ticket.backfilledAt ? `Exact history from the ${ticket.tool === 'jira' ? 'Jira' : 'Zendesk'} API.` : 'History as observed by QueueLens.'}</p>
    </main>
  );
}
