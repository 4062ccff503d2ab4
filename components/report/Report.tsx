import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { db } from '../../lib/db/database';
import { exportAs } from '../../lib/ui/exports';
import './report.css';

/** The full-page report: weekly review figures and exports. */
export function Report({ initialHost }: { initialHost?: string }) {
  const [status, setStatus] = useState<string>('');
  const run = async (kind: 'json' | 'csv') => {
    setStatus('Preparing export…');
    try {
      const names = await exportAs(kind, initialHost);
      setStatus(`Saved ${names.join(', ')}`);
    } catch (error) {
      setStatus(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (
    <main className="ql-report">
      <header className="ql-report__header">
        <h1>QueueLens report{initialHost ? ` · ${initialHost}` : ''}</h1>
        <div className="ql-report__exports" role="group" aria-label="Exports">
          <button type="button" onClick={() => run('json')}>
            Export JSON
          </button>
          <button type="button" onClick={() => run('csv')}>
            Export CSV
          </button>
        </div>
      </header>
      <p role="status" data-queuelens="export-status">
        {status}
      </p>
      <SnapshotList host={initialHost} />
    </main>
  );
}

/** Stored weekly snapshots, newest week first: what the weekly review can export. */
function SnapshotList({ host }: { host?: string }) {
  const rows = useLiveQuery(
    () => (host ? db().snapshots.where('host').anyOf([host, '*']).toArray() : db().snapshots.toArray()).then((r) => r.sort((a, b) => (a.week === b.week ? (a.host < b.host ? -1 : 1) : a.week < b.week ? 1 : -1))),
    [host],
    [],
  );
  return (
    <section aria-labelledby="ql-snapshots-title">
      <h2 id="ql-snapshots-title">Weekly snapshots</h2>
      {rows.length === 0 ? (
        <p>No snapshots yet. One is stored when each week ends; Options → “Take snapshot now” stores one at once.</p>
      ) : (
        <table data-queuelens="snapshot-list">
          <thead>
            <tr>
              <th scope="col">Week</th>
              <th scope="col">Instance</th>
              <th scope="col">Taken</th>
              <th scope="col">WIP</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => {
              const data = s.data as { wip?: unknown; partial?: unknown } | null;
              return (
                <tr key={s.id} data-queuelens="snapshot-row" data-week={s.week} data-host={s.host}>
                  <td>{s.week}{data?.partial === true ? ' (so far)' : ''}</td>
                  <td>{s.host === '*' ? 'All instances' : s.host}</td>
                  <td>{new Date(s.takenAt).toLocaleString()}</td>
                  <td>{typeof data?.wip === 'number' ? data.wip : '–'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
