import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { db } from '../../lib/db/database';
import type { Settings } from '../../lib/settings/schema';
import { Section } from './Fields';
import { importExports } from './import-files';

/** Teammates' JSON exports merged into this browser's history. */
export function ImportSection({ settings }: { settings: Settings }) {
  const id = useId();
  const [status, setStatus] = useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = useState(false);
  const history = useLiveQuery(() => db().imports.orderBy('importedAt').reverse().limit(10).toArray(), [], []);

  const onFiles = async (list: FileList | null, input: HTMLInputElement) => {
    if (!list?.length) return;
    setBusy(true);
    setStatus({ ok: true, text: 'Checking files…' });
    try {
      const outcome = await importExports(db(), [...list], { settings, now: Date.now() });
      setStatus({ ok: outcome.ok, text: outcome.message });
    } catch (error) {
      setStatus({ ok: false, text: `Import failed, nothing was changed: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setBusy(false);
      input.value = ''; // choosing the same file again must fire a new change
    }
  };

  return (
    <Section id="import" title="Import" description="Merge teammates' QueueLens JSON exports into your history. Every file is checked first; a bad file changes nothing.">
      <div className="ql-field">
        <label htmlFor={id}>Import exports</label>
        <input
          id={id}
          type="file"
          multiple
          accept=".json,application/json"
          disabled={busy}
          data-queuelens="import-input"
          onChange={(e) => void onFiles(e.target.files, e.target)}
        />
      </div>
      <p role={status && !status.ok ? 'alert' : 'status'} className={status && !status.ok ? 'ql-error' : undefined} data-queuelens="import-status">
        {status?.text}
      </p>
      {history.length > 0 && (
        <>
          <h3>Imported files</h3>
          <ul className="ql-list" data-queuelens="import-history">
            {history.map((h) => (
              <li key={h.id}>
                {h.file} · {new Date(h.importedAt).toLocaleString()} · {h.contributed.tickets.length} tickets, {h.contributed.transitions.length} changes
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}
