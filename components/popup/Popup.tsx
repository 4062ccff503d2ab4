import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { db } from '../../lib/db/database';
import { formatDuration } from '../../lib/format/duration';
import { adapterProblems, knownHosts, openTickets, summariseQueue } from '../../lib/queries/queue-summary';
import { useSettings } from '../useSettings';
import { HealthWarnings } from './HealthWarnings';
import './popup.css';

const ALL = '*';

/** The popup's first glance: queue health for the active tab's instance, or all of them. */
export function Popup({ initialHost }: { initialHost?: string }) {
  const [host, setHost] = useState<string>(initialHost ?? ALL);
  const [now, setNow] = useState(() => Date.now());
  const settings = useSettings();
  const scope = host === ALL ? undefined : host;
  const hosts = useLiveQuery(() => knownHosts(db()), [], []);
  const open = useLiveQuery(() => openTickets(db(), scope), [scope]);
  const problems = useLiveQuery(() => adapterProblems(db(), scope), [scope], []);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const summary = open ? summariseQueue(open, now, settings.thresholds) : undefined;
  const hostOptions = [...new Set([...(hosts ?? []), ...(initialHost ? [initialHost] : [])])].sort();

  return (
    <main className="ql-popup" aria-busy={!summary}>
      <header className="ql-popup__header">
        <h1>QueueLens</h1>
        <label>
          <span className="ql-visually-hidden">Instance</span>
          <select value={host} onChange={(e) => setHost(e.target.value)} data-queuelens="scope">
            <option value={ALL}>All instances</option>
            {hostOptions.map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </select>
        </label>
      </header>
      <HealthWarnings problems={problems} />
      {summary && summary.open === 0 && (
        <p className="ql-empty" data-queuelens="empty">
          No open tickets seen yet. Open a Zendesk view (Views → any view) or a Jira board, and QueueLens starts
          recording what it shows.
        </p>
      )}
      {summary && summary.open > 0 && (
        <section aria-label="Queue health" className="ql-tiles">
          <Tile name="open" label="Open tickets seen" value={summary.open.toLocaleString()} />
          <Tile
            name="oldest"
            label="Oldest"
            value={summary.oldest ? formatDuration(summary.oldest.ageMs) : '–'}
            detail={summary.oldest ? `#${summary.oldest.id}${summary.oldest.title ? ` ${summary.oldest.title}` : ''}` : undefined}
          />
          <Tile
            name="over-warn"
            label={`Older than ${settings.thresholds.warnDays} d`}
            value={summary.overWarn.toLocaleString()}
            tone="warn"
          />
          <Tile
            name="over-alert"
            label={`Older than ${settings.thresholds.alertDays} d`}
            value={summary.overAlert.toLocaleString()}
            tone="alert"
          />
        </section>
      )}
      <footer className="ql-popup__footer">
        {summary?.lastSeenAt ? (
          <span data-queuelens="refreshed">
            Last refreshed <time dateTime={new Date(summary.lastSeenAt).toISOString()}>{formatDuration(now - summary.lastSeenAt)} ago</time>
          </span>
        ) : (
          <span>No data yet</span>
        )}
      </footer>
    </main>
  );
}

function Tile(props: { name: string; label: string; value: string; detail?: string; tone?: 'warn' | 'alert' }) {
  return (
    <div className={`ql-tile ${props.tone ? `ql-tile--${props.tone}` : ''}`} data-queuelens={`tile-${props.name}`}>
      <div className="ql-tile__value" data-queuelens="value">
        {props.value}
      </div>
      <div className="ql-tile__label">{props.label}</div>
      {props.detail && <div className="ql-tile__detail">{props.detail}</div>}
    </div>
  );
}
