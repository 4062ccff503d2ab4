import { describe, expect, it, vi } from 'vitest';
import { instanceFromInput } from '../../../components/options/instance-input';
import { JIRA_SCRIPT_FILE, registerJiraScript, releaseAccess, requestAccess, type HostAccessApi } from '../../../components/options/host-access';
import type { Instance } from '../../../lib/settings/schema';

const ok = (r: ReturnType<typeof instanceFromInput>): Instance => {
  if (!r.ok) throw new Error(r.error);
  return r.instance;
};

describe('adding an instance from what the user typed', () => {
  it('accepts a Zendesk subdomain, a Jira Cloud site and a self-hosted Jira URL', () => {
    expect(ok(instanceFromInput('zendesk', ' Acme ', []))).toMatchObject({ host: 'acme.zendesk.com', origin: 'https://acme.zendesk.com', tool: 'zendesk' });
    expect(ok(instanceFromInput('jira-cloud', 'https://acme.atlassian.net/jira/software', []))).toMatchObject({ host: 'acme.atlassian.net', tool: 'jira' });
    expect(ok(instanceFromInput('jira-server', 'https://Jira.Corp.example:8443/browse/OPS-1', []))).toMatchObject({
      kind: 'jira-server',
      host: 'jira.corp.example:8443',
      origin: 'https://jira.corp.example:8443',
    });
  });

  it('says what is wrong instead of adding a broken instance', () => {
    expect(instanceFromInput('jira-server', 'http://jira.corp.example', [])).toEqual({ ok: false, error: 'Self-hosted Jira must use https://.' });
    expect(instanceFromInput('jira-server', 'https://acme.atlassian.net', [])).toMatchObject({ ok: false, error: expect.stringMatching(/cloud address/) });
    expect(instanceFromInput('zendesk', 'not a subdomain!', [])).toMatchObject({ ok: false, error: expect.stringMatching(/subdomain only/) });
    expect(instanceFromInput('zendesk', '', [])).toEqual({ ok: false, error: 'Enter an address.' });
    const acme = ok(instanceFromInput('zendesk', 'acme', []));
    expect(instanceFromInput('zendesk', 'acme.zendesk.com', [acme])).toEqual({ ok: false, error: 'acme.zendesk.com is already added.' });
  });
});

function fakeApi(granted: boolean) {
  const registered = new Map<string, unknown>();
  const api = {
    permissions: { request: vi.fn(async () => granted), remove: vi.fn(async () => true) },
    scripting: {
      registerContentScripts: vi.fn(async (s: { id: string }[]) => void s.forEach((x) => registered.set(x.id, x))),
      unregisterContentScripts: vi.fn(async (f: { ids: string[] }) => void f.ids.forEach((id) => registered.delete(id))),
      getRegisteredContentScripts: vi.fn(async (f?: { ids?: string[] }) => [...registered.keys()].filter((id) => !f?.ids || f.ids.includes(id)).map((id) => ({ id }))),
    },
  } satisfies HostAccessApi;
  return { api, registered };
}

describe('site access for self-hosted Jira', () => {
  const server = ok(instanceFromInput('jira-server', 'https://jira.corp.example', []));
  const cloud = ok(instanceFromInput('jira-cloud', 'acme', []));

  it('asks for that origin only, registers the Jira script there, and gives both back on removal', async () => {
    const { api, registered } = fakeApi(true);
    expect(await requestAccess(api, server)).toBe(true);
    expect(api.permissions.request).toHaveBeenCalledWith({ origins: ['https://jira.corp.example/*'] });
    await registerJiraScript(api, server);
    await registerJiraScript(api, server); // idempotent
    expect([...registered.values()]).toEqual([
      { id: `queuelens-jira-${server.id}`, matches: ['https://jira.corp.example/*'], js: [JIRA_SCRIPT_FILE], runAt: 'document_idle', persistAcrossSessions: true },
    ]);
    await releaseAccess(api, server);
    expect(registered.size).toBe(0);
    expect(api.permissions.remove).toHaveBeenCalledWith({ origins: ['https://jira.corp.example/*'] });
  });

  it('never asks for cloud sites, which the manifest already covers', async () => {
    const { api } = fakeApi(true);
    expect(await requestAccess(api, cloud)).toBe(true);
    await registerJiraScript(api, cloud);
    await releaseAccess(api, cloud);
    expect(api.permissions.request).not.toHaveBeenCalled();
    expect(api.permissions.remove).not.toHaveBeenCalled();
    expect(api.scripting.registerContentScripts).not.toHaveBeenCalled();
  });
});
