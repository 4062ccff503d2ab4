import type { Instance } from '../../lib/settings/schema';
import { needsHostPermission, originPattern } from './instance-input';

/** `browser.permissions` / `browser.scripting` as far as the options page uses them; injectable for tests. */
export interface HostAccessApi {
  permissions: {
    request(p: { origins: string[] }): Promise<boolean>;
    remove(p: { origins: string[] }): Promise<boolean>;
  };
  scripting?: {
    registerContentScripts(scripts: RegisteredScript[]): Promise<void>;
    unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
    getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<{ id: string }[]>;
  };
}

export interface RegisteredScript {
  id: string;
  matches: string[];
  js: string[];
  runAt: 'document_idle';
  persistAcrossSessions: boolean;
}

/** The Jira content script as WXT builds it (entrypoints/jira.content.ts). */
export const JIRA_SCRIPT_FILE = 'content-scripts/jira.js';
export const scriptIdFor = (inst: Pick<Instance, 'id'>) => `queuelens-jira-${inst.id}`;

/**
 * Must be called straight from the click handler: Chromium only shows the permission prompt
 * during a user gesture, so nothing may be awaited before `permissions.request`.
 */
export function requestAccess(api: HostAccessApi, inst: Instance): Promise<boolean> {
  if (!needsHostPermission(inst)) return Promise.resolve(true);
  return api.permissions.request({ origins: [originPattern(inst)] });
}

/** After the permission is granted: run the Jira adapter on that origin, now and after restarts. */
export async function registerJiraScript(api: HostAccessApi, inst: Instance): Promise<void> {
  if (!needsHostPermission(inst) || !api.scripting) return;
  const id = scriptIdFor(inst);
  const existing = await api.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length) return;
  await api.scripting.registerContentScripts([
    { id, matches: [originPattern(inst)], js: [JIRA_SCRIPT_FILE], runAt: 'document_idle', persistAcrossSessions: true },
  ]);
}

/** On removal: stop the script and give the host permission back. */
export async function releaseAccess(api: HostAccessApi, inst: Instance): Promise<void> {
  if (!needsHostPermission(inst)) return;
  if (api.scripting) {
    const id = scriptIdFor(inst);
    const existing = await api.scripting.getRegisteredContentScripts({ ids: [id] });
    if (existing.length) await api.scripting.unregisterContentScripts({ ids: [id] });
  }
  await api.permissions.remove({ origins: [originPattern(inst)] });
}
