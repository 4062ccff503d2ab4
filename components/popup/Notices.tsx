import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { Instance } from '../../lib/settings/schema';
import { needsHostPermission, originPattern } from '../options/instance-input';
import { registerJiraScript, type HostAccessApi } from '../options/host-access';

/** Permission checks, injectable for tests. */
export interface PermissionsApi {
  contains(p: { origins: string[] }): Promise<boolean>;
  request(p: { origins: string[] }): Promise<boolean>;
}

const defaultPermissions = (): PermissionsApi | undefined => {
  try {
    return browser.permissions as unknown as PermissionsApi;
  } catch {
    return undefined;
  }
};

/**
 * Instances from settings that need an optional host permission not granted yet (self-hosted
 * Jira), each with a grant button. The request is the first thing the click does: Chromium only
 * shows the prompt during the user gesture.
 */
export function HostAccessNotice({ instances, permissions = defaultPermissions() }: { instances: Instance[]; permissions?: PermissionsApi }) {
  const [missing, setMissing] = useState<Instance[]>([]);
  const [message, setMessage] = useState('');
  useEffect(() => {
    let alive = true;
    const candidates = instances.filter(needsHostPermission);
    if (!permissions || !candidates.length) {
      setMissing([]);
      return;
    }
    Promise.all(candidates.map(async (i) => ((await permissions.contains({ origins: [originPattern(i)] }).catch(() => false)) ? undefined : i))).then(
      (list) => alive && setMissing(list.filter((i): i is Instance => i !== undefined)),
    );
    return () => {
      alive = false;
    };
  }, [instances, permissions]);
  if (!missing.length || !permissions) return null;
  const grant = (inst: Instance) => {
    permissions
      .request({ origins: [originPattern(inst)] })
      .then(async (granted) => {
        if (!granted) return setMessage(`Access to ${inst.host} was not granted.`);
        await registerJiraScript(browser as unknown as HostAccessApi, inst).catch(() => undefined);
        setMissing((m) => m.filter((i) => i.id !== inst.id));
        setMessage(`QueueLens can now read ${inst.host}. Reload its tabs.`);
      })
      .catch((e) => setMessage(`Could not ask for access: ${e instanceof Error ? e.message : String(e)}`));
  };
  return (
    <section className="ql-notice" aria-label="Instances waiting for access" data-queuelens="host-access">
      {missing.map((inst) => (
        <p key={inst.id}>
          QueueLens is not allowed to read <strong>{inst.label}</strong> ({inst.host}) yet.{' '}
          <button type="button" onClick={() => grant(inst)}>
            Allow access to {inst.host}
          </button>
        </p>
      ))}
      <p role="status">{message}</p>
    </section>
  );
}

/** No history at all yet: which pages to open. */
export function NoDataNotice() {
  return (
    <div className="ql-empty" data-queuelens="empty">
      <p>No open tickets seen yet. QueueLens learns from the pages you already use:</p>
      <ul>
        <li>Zendesk: open a view (Views → any view, …/agent/filters/…) or a ticket.</li>
        <li>Jira: open a board, a backlog, an issue list or an issue.</li>
      </ul>
      <p>Figures appear here as soon as one page has been read.</p>
    </div>
  );
}
