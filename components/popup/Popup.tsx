import { useLiveQuery } from 'dexie-react-hooks';
import { InstanceSelect } from '../InstanceSelect';
import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { db, knownHosts, type QueueLensDb } from '../../lib/db/database';
import { formatDuration } from '../../lib/format/duration';
import { DASHBOARD_SCOPE_ALL, type RefreshDashboardRequest } from '../../lib/model/dashboard-messages';
import { dashboardNeedsRefresh, myName, storedDashboard } from '../../lib/queries/stored-dashboard';
import { adapterProblems, openTickets, summariseQueue } from '../../lib/queries/queue-summary';
import { fmtAgo, fmtInt } from '../../lib/ui/format';
import { useSettings } from '../useSettings';
import { HealthWarnings } from './HealthWarnings';
import { MineTab } from './MineTab';
import { HostAccessNotice, NoDataNotice, type PermissionsApi } from './Notices';
import { Tabs } from './Tabs';
import { TeamTab } from './TeamTab';
import { writePopupState, type PopupTab } from './usePopupState';
import './popup.css';

const ALL = DASHBOARD_SCOPE_ALL;

export interface PopupProps {
  /** Explicit scope (?host=) or the active tab's instance; wins over the remembered scope. */
  initialHost?: string;
  initialTab?: PopupTab;
  /** Remembered scope, used when there is no initialHost. */
  rememberedScope?: string;
  /** Injectable for tests. */
  database?: QueueLensDb;
  requestRefresh?: (scope: string) => Promise<unknown>;
  permissions?: PermissionsApi;
  remember?: (state: { tab: PopupTab; scope: string }) => void;
}

const sendRefresh = (scope: string) => browser.runtime.sendMessage({ type: 'refresh-dashboard', scope } satisfies RefreshDashboardRequest);

/**
 * The popup: first-glance tiles (open, oldest, over thresholds, last refreshed) from the
 * [host+open] index, then Mine / Team from the dashboard the background precomputed for the
 * scope (one row of `dashboards`; transitions are never loaded here).
 */
export function Popup(props: PopupProps) {
  const database = props.database ?? db();
  const requestRefresh = props.requestRefresh ?? sendRefresh;
  const remember = props.remember ?? writePopupState;
  const [host, setHost] = useState<string>(props.initialHost ?? props.rememberedScope ?? ALL);
  const [tab, setTab] = useState<PopupTab>(props.initialTab ?? 'mine');
  const [now, setNow] = useState(() => Date.now());
  const [computing, setComputing] = useState<string | null>(null);
  const [refreshError, setRefreshError] = useState('');
  const asked = useRef(new Set<string>());
  const settings = useSettings();
  const scope = host === ALL ? undefined : host;
  const hosts = useLiveQuery(() => knownHosts(database), [database], []);
  const open = useLiveQuery(() => openTickets(database, scope), [database, scope]);
  const problems = useLiveQuery(() => adapterProblems(database, scope), [database, scope], []);
  // undefined while loading, null when nothing is stored for the scope yet.
  const stored = useLiveQuery(() => storedDashboard(database, host), [database, host]);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 10_000);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => remember({ tab, scope: host }), [tab, host]); // eslint-disable-line react-hooks/exhaustive-deps

  const me = myName(settings);
  const refresh = (force = false) => {
    if (!force && asked.current.has(host)) return;
    asked.current.add(host);
    setComputing(host);
    setRefreshError('');
    requestRefresh(host)
      .catch((e) => setRefreshError(`Could not compute: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => setComputing((c) => (c === host ? null : c)));
  };
  const summary = open ? summariseQueue(open, now, settings.thresholds) : undefined;
  // Ask the background for a fresh dashboard when none is stored, "me" changed, or it is out of date.
  useEffect(() => {
    if (stored === undefined || !summary || summary.open === 0) return;
    if (dashboardNeedsRefresh(stored, { now, me, lastSeenAt: summary.lastSeenAt })) refresh();
  }, [stored, host, me, open]); // eslint-disable-line react-hooks/exhaustive-deps

  const hostOptions = [...new Set([...(hosts ?? []), ...(props.initialHost ? [props.initialHost] : []), ...(host !== ALL ? [host] : [])])].sort();
  const data = stored?.data;

  return (
    <main className="ql-popup" aria-busy={!summary}>
      <header className="ql-popup__header">
        <h1>QueueLens</h1>
        <InstanceSelect value={host} hosts={hostOptions} onChange={setHost} hook="scope" label={<span className="ql-visually-hidden">Instance</span>} />
      </header>
      <HealthWarnings problems={problems} />
      <HostAccessNotice instances={settings.instances} permissions={props.permissions} />
      {summary && summary.open === 0 && <NoDataNotice />}
      {summary && summary.open > 0 && (
        <section aria-label="Queue health" className="ql-tiles">
          <Tile name="open" label="Open tickets seen" value={summary.open.toLocaleString()} />
          <Tile
            name="oldest"
            label="Oldest"
            value={summary.oldest ? formatDuration(summary.oldest.ageMs) : '–'}
            detail={summary.oldest ? `#${summary.oldest.id}${summary.oldest.title ? ` ${summary.oldest.title}` : ''}` : undefined}
          />
          <Tile name="over-warn" label={`Older than ${settings.thresholds.warnDays} d`} value={summary.overWarn.toLocaleString()} tone="warn" />
          <Tile name="over-alert" label={`Older than ${settings.thresholds.alertDays} d`} value={summary.overAlert.toLocaleString()} tone="alert" />
        </section>
      )}
      {summary && summary.open > 0 && (
        <Tabs
          label="Views"
          idPrefix="ql-popup"
          tabs={[
            { id: 'mine', label: 'Mine' },
            { id: 'team', label: 'Team' },
          ]}
          selected={tab}
          onSelect={setTab}
        >
          {tab === 'mine' ? (
            <MineTab data={data} meSet={me !== null} now={now} />
          ) : data ? (
            <TeamTab data={data} />
          ) : (
            <p className="ql-muted" data-queuelens="computing">
              Computing team figures…
            </p>
          )}
        </Tabs>
      )}
      <footer className="ql-popup__footer">
        {summary?.lastSeenAt ? (
          <span data-queuelens="refreshed">
            Last refreshed <time dateTime={new Date(summary.lastSeenAt).toISOString()}>{formatDuration(now - summary.lastSeenAt)} ago</time>
          </span>
        ) : (
          <span>No data yet</span>
        )}
        {stored && (
          <span data-queuelens="computed">
            {' · '}computed <time dateTime={new Date(stored.computedAt).toISOString()}>{fmtAgo(now - stored.computedAt)} ago</time>
            {' '}
            ({fmtInt(stored.data.dashboard.tickets)} tickets)
          </span>
        )}
        {summary && summary.open > 0 && (
          <button type="button" className="ql-link-button" onClick={() => refresh(true)} disabled={computing === host} data-queuelens="recompute">
            {computing === host ? 'Computing…' : 'Recompute'}
          </button>
        )}
        <a className="ql-report-link" href={`report.html${host === ALL ? '' : `?host=${encodeURIComponent(host)}`}`} target="_blank" rel="noopener">
          Open full report
        </a>
        <span role="status" className="ql-visually-hidden">
          {refreshError}
        </span>
        {refreshError && <span className="ql-error">{refreshError}</span>}
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
