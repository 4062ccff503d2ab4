import { InstanceSchema, type Instance, type InstanceKind } from '../../lib/settings/schema';

/**
 * Turns what a person types ("acme", "acme.zendesk.com", "https://jira.corp.example:8443/browse/X")
 * into a validated instance, or a sentence saying what to fix.
 */
export type InstanceInputResult = { ok: true; instance: Instance } | { ok: false; error: string };

const CLOUD_SUFFIX: Record<Exclude<InstanceKind, 'jira-server'>, string> = {
  zendesk: '.zendesk.com',
  'jira-cloud': '.atlassian.net',
};

export function instanceFromInput(kind: InstanceKind, input: string, existing: readonly Instance[]): InstanceInputResult {
  const raw = input.trim();
  if (!raw) return { ok: false, error: 'Enter an address.' };
  let host: string;
  if (kind === 'jira-server') {
    let url: URL;
    try {
      url = new URL(/^[a-z]+:\/\//i.test(raw) ? raw : `https://${raw}`);
    } catch {
      return { ok: false, error: 'Not a web address. Example: https://jira.example.com' };
    }
    if (url.protocol !== 'https:') return { ok: false, error: 'Self-hosted Jira must use https://.' };
    if (url.username || url.password) return { ok: false, error: 'Leave user name and password out of the address.' };
    host = url.host.toLowerCase();
    if (host.endsWith('.atlassian.net') || host.endsWith('.zendesk.com')) {
      return { ok: false, error: 'This is a cloud address: choose Jira Cloud or Zendesk instead.' };
    }
  } else {
    const suffix = CLOUD_SUFFIX[kind];
    const bare = raw.replace(/^https?:\/\//i, '').split(/[/?#]/)[0].toLowerCase();
    host = bare.endsWith(suffix) ? bare : `${bare}${suffix}`;
    const sub = host.slice(0, -suffix.length);
    if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(sub)) {
      return { ok: false, error: `Enter the subdomain only, e.g. "acme" for acme${suffix}.` };
    }
  }
  if (existing.some((i) => i.host === host)) return { ok: false, error: `${host} is already added.` };
  const parsed = InstanceSchema.safeParse({
    id: uniqueId(host, existing),
    kind,
    tool: kind === 'zendesk' ? 'zendesk' : 'jira',
    host,
    origin: `https://${host}`,
    label: host,
  });
  if (!parsed.success) return { ok: false, error: `${host}: ${parsed.error.issues[0].message}` };
  return { ok: true, instance: parsed.data };
}

/** Hosts outside the manifest's tool domains need an optional host permission. */
export const needsHostPermission = (inst: Pick<Instance, 'kind'>) => inst.kind === 'jira-server';
export const originPattern = (inst: Pick<Instance, 'origin'>) => `${inst.origin}/*`;

function uniqueId(host: string, existing: readonly Instance[]): string {
  const base = host.replace(/[^a-z0-9.-]/g, '-').slice(0, 60);
  let id = base;
  for (let n = 2; existing.some((i) => i.id === id); n++) id = `${base}-${n}`;
  return id;
}
