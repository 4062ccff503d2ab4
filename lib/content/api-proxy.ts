import { API_PATH_PREFIXES } from '../model/api-paths';

export interface ProxyAnswer {
  ok: true;
  status: number;
  retryAfter: string | null;
  body: string;
}

/**
 * Answers the background's `api-get` with a same-origin GET carrying the user's session.
 * Checked here too (without zod, to keep the content script small): only this extension may
 * ask, only for API paths, and only GET — QueueLens never writes to the host.
 */
/**
 * `base` is the host's context path ('' or e.g. `/jira` on Data Center): the background asks for
 * origin-relative API paths, and only the page knows where the application is mounted.
 */
export async function answerApiGet(message: unknown, senderId: string | undefined, extensionId: string, base = ''): Promise<ProxyAnswer | undefined> {
  if (senderId !== extensionId) return undefined;
  const request = message as { type?: unknown; path?: unknown };
  if (request?.type !== 'api-get' || typeof request.path !== 'string') return undefined;
  const path = request.path;
  if (!API_PATH_PREFIXES.some((p) => path.startsWith(p)) || path.includes('..') || path.length > 4000) return undefined;
  const response = await fetch(new URL(base + path, location.origin).href, {
    method: 'GET',
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
  });
  return { ok: true, status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.text() };
}
