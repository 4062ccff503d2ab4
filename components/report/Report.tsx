import { useState } from 'react';
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
    </main>
  );
}
