import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerApiGet } from '../../../lib/content/api-proxy';

const EXT = 'queuelens-extension-id';
const requested: { url: string; init?: RequestInit }[] = [];

function stubFetch() {
  requested.length = 0;
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    requested.push({ url, init });
    return new Response('{"issues":[]}', { status: 200, headers: { 'retry-after': '7' } });
  });
}
afterEach(() => vi.unstubAllGlobals());

describe('the content script API proxy', () => {
  it('GETs an API path same-origin and hands back status, Retry-After and body', async () => {
    stubFetch();
    const answer = await answerApiGet({ type: 'api-get', path: '/rest/api/2/search?jql=key%3DOPS-1' }, EXT, EXT);
    expect(answer).toEqual({ ok: true, status: 200, retryAfter: '7', body: '{"issues":[]}' });
    expect(requested).toHaveLength(1);
    expect(requested[0].url).toBe(`${location.origin}/rest/api/2/search?jql=key%3DOPS-1`);
    expect(requested[0].init).toMatchObject({ method: 'GET', credentials: 'same-origin' });
  });

  it('puts a Data Center context path in front of the path', async () => {
    stubFetch();
    await answerApiGet({ type: 'api-get', path: '/rest/api/2/issue/CORE-11/changelog' }, EXT, EXT, '/jira');
    expect(requested[0].url).toBe(`${location.origin}/jira/rest/api/2/issue/CORE-11/changelog`);
  });

  it('refuses other senders, other message types, non-API paths and path tricks, without a request', async () => {
    stubFetch();
    const refused = [
      answerApiGet({ type: 'api-get', path: '/rest/api/2/myself' }, 'another-extension', EXT),
      answerApiGet({ type: 'api-post', path: '/rest/api/2/myself' }, EXT, EXT),
      answerApiGet({ type: 'api-get', path: '/secure/admin/users' }, EXT, EXT),
      answerApiGet({ type: 'api-get', path: '/rest/api/2/../../logout' }, EXT, EXT),
      answerApiGet({ type: 'api-get', path: 'https://evil.example/rest/api/2/' }, EXT, EXT),
    ];
    expect(await Promise.all(refused)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(requested).toHaveLength(0);
  });
});
