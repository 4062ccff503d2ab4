import { useState } from 'react';
import { db } from '../../lib/db/database';
import type { Settings } from '../../lib/settings/schema';
import { Section } from './Fields';
import { purgeEverything, takeSnapshotNow } from './data-actions';

export function SnapshotNowSection({ settings }: { settings: Settings }) {
  const [status, setStatus] = useState('');
  return (
    <Section id="snapshot-now" title="Snapshot now" description="Stores this week's figures so far; the full week is still stored when it ends.">
      <button
        type="button"
        onClick={async () => {
          setStatus('Taking snapshot…');
          try {
            const r = await takeSnapshotNow(db(), settings, Date.now());
            setStatus(`Snapshot of ${r.week} taken (${r.hosts.map((h) => (h === '*' ? 'all instances' : h)).join(', ')}).`);
          } catch (error) {
            setStatus(`Snapshot failed: ${error instanceof Error ? error.message : String(error)}`);
          }
        }}
      >
        Take snapshot now
      </button>
      <p role="status" data-queuelens="snapshot-status">
        {status}
      </p>
    </Section>
  );
}

export function PurgeSection({ confirm = (q: string) => window.confirm(q) }: { confirm?: (question: string) => boolean }) {
  const [status, setStatus] = useState('');
  return (
    <Section id="purge" title="Delete data" description="Deletes all history, snapshots and import records stored by QueueLens in this browser. Settings stay.">
      <button
        type="button"
        className="ql-danger"
        onClick={async () => {
          if (!confirm('Delete all QueueLens history, snapshots and import records in this browser? This cannot be undone.')) {
            setStatus('Nothing was deleted.');
            return;
          }
          try {
            await purgeEverything(db());
            setStatus('All QueueLens data was deleted.');
          } catch (error) {
            setStatus(`Delete failed: ${error instanceof Error ? error.message : String(error)}`);
          }
        }}
      >
        Purge everything
      </button>
      <p role="status" data-queuelens="purge-status">
        {status}
      </p>
    </Section>
  );
}
