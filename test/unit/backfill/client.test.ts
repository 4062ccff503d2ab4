import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { BackfillClient, BackfillError, parseRetryAfter, type FetchLike } from '../../../lib/backfill/client';
import { RateLimiter } from '../../../lib/backfill/rate-limiter';
import { fakeZendesk, ORIGIN } from '../zendesk-api/fake-zendesk';

const Body = z.object({ ok: z.literal(true), n: z.number() });

function setup(routes: Record<string, unknown>, opts: Partial<ConstructorParameters<typeof BackfillClient>[0]> = {}) {
  const zd = fakeZendesk(routes);
  const limiter = new RateLimiter({ perWindow: 100 });
  const client = new BackfillClient({ fetch: zd.fetch, origin: ORIGIN, limiter, ...opts });
  return { zd, client, limiter };
}

beforeEach(() => vi.useFakeTimers({ now: Date.parse('2026-03-10T12:00:00Z') }));
afterEach(() => vi.useRealTimers());

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-10T12:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Tue, 10 Mar 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 10 Mar 2026 11:00:00 GMT', now)).toBe(0); // past date: no wait
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('BackfillClient', () => {
  it('accepts the platform fetch as its FetchLike', () => {
    const platform: FetchLike = globalThis.fetch;
    expect(typeof platform).toBe('function');
  });

  it('GETs same-origin with the session and validates the body', async () => {
    const { zd, client } = setup({ '/api/x.json': { ok: true, n: 1, extra: 'kept' } });
    await expect(client.get('/api/x.json', Body)).resolves.toEqual({ ok: true, n: 1 });
    expect(zd.calls[0].url).toBe(`${ORIGIN}/api/x.json`);
    expect(zd.calls[0].init).toMatchObject({ method: 'GET', credentials: 'same-origin' });
  });

  it('rejects a body that fails its schema with a clear error, counts it, and does not cache it', async () => {
    const { client } = setup({ '/api/x.json': { ok: 'yes', n: '1' } });
    const error = await client.get('/api/x.json', Body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackfillError);
    expect((error as BackfillError).kind).toBe('invalid');
    expect((error as BackfillError).message).toMatch(/unexpected response from \/api\/x\.json/);
    expect(client.stats.invalid).toBe(1);
    await client.get('/api/x.json', Body).catch(() => undefined);
    expect(client.stats.invalid).toBe(2);
    expect(client.stats.cacheHits).toBe(0);
  });

  it('caches GET bodies for the TTL, then asks again', async () => {
    const { zd, client } = setup({ '/api/x.json': { ok: true, n: 1 } }, { cacheTtlMs: 1000 });
    await client.get('/api/x.json', Body);
    await client.get('/api/x.json', Body);
    expect(zd.calls).toHaveLength(1);
    expect(client.stats.cacheHits).toBe(1);
    vi.advanceTimersByTime(1001);
    await client.get('/api/x.json', Body);
    expect(zd.calls).toHaveLength(2);
  });

  it('on 429 waits Retry-After (seconds), pauses every request, then sends the same request again', async () => {
    const { zd, client } = setup({ '/api/x.json': { ok: true, n: 2 }, '/api/y.json': { ok: true, n: 3 } });
    zd.queue('/api/x.json', { status: 429, headers: { 'Retry-After': '30' } });
    const x = client.get('/api/x.json', Body);
    await vi.advanceTimersByTimeAsync(0);
    expect(zd.calls).toHaveLength(1);
    const y = client.get('/api/y.json', Body); // another request is held by the same pause
    await vi.advanceTimersByTimeAsync(29_999);
    expect(zd.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(x).resolves.toEqual({ ok: true, n: 2 });
    await expect(y).resolves.toEqual({ ok: true, n: 3 });
    expect(zd.calls.map((c) => new URL(c.url).pathname)).toEqual(['/api/x.json', '/api/x.json', '/api/y.json']);
    expect(client.stats.rateLimited).toBe(1);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    const { zd, client } = setup({ '/api/x.json': { ok: true, n: 2 } });
    zd.queue('/api/x.json', { status: 429, headers: { 'Retry-After': new Date(Date.now() + 90_000).toUTCString() } });
    const x = client.get('/api/x.json', Body);
    await vi.advanceTimersByTimeAsync(89_000);
    expect(zd.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(x).resolves.toEqual({ ok: true, n: 2 });
  });

  it('retries transient 5xx and network errors a bounded number of times', async () => {
    const { zd, client } = setup({ '/api/x.json': { ok: true, n: 4 } }, { maxRetries: 2 });
    zd.queue('/api/x.json', { status: 503 }, new Error('offline'));
    const x = client.get('/api/x.json', Body);
    await vi.advanceTimersByTimeAsync(3_000); // backoff 1 s, then 2 s
    await expect(x).resolves.toEqual({ ok: true, n: 4 });
    expect(client.stats.retries).toBe(2);

    zd.queue('/api/z.json', { status: 500 }, { status: 502 }, { status: 504 }, { status: 200, body: { ok: true, n: 5 } });
    const z2 = client.get('/api/z.json', Body).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10_000);
    const error = (await z2) as BackfillError;
    expect(error.kind).toBe('http');
    expect(error.status).toBe(504);
    expect(error.transient).toBe(true);
  });

  it('does not retry a 4xx', async () => {
    const { zd, client } = setup({});
    const error = (await client.get('/api/missing.json', Body).catch((e: unknown) => e)) as BackfillError;
    expect(error.kind).toBe('http');
    expect(error.status).toBe(404);
    expect(error.transient).toBe(false);
    expect(zd.calls).toHaveLength(1);
  });

  it('can be switched off: no request is sent', async () => {
    let enabled = false;
    const { zd, client } = setup({ '/api/x.json': { ok: true, n: 1 } }, { enabled: () => enabled });
    const error = (await client.get('/api/x.json', Body).catch((e: unknown) => e)) as BackfillError;
    expect(error.kind).toBe('disabled');
    expect(zd.calls).toHaveLength(0);
    enabled = true;
    await expect(client.get('/api/x.json', Body)).resolves.toEqual({ ok: true, n: 1 });
  });

  it('refuses to follow a link to another origin', async () => {
    const { zd, client } = setup({});
    const error = (await client.get('https://evil.example/api/x.json', Body).catch((e: unknown) => e)) as BackfillError;
    expect(error.kind).toBe('off-origin');
    expect(zd.calls).toHaveLength(0);
  });

  it('takes a limiter slot for every request it sends', async () => {
    const fetch: FetchLike = vi.fn(async () => ({ status: 200, headers: { get: () => null }, json: async () => ({ ok: true, n: 1 }) }));
    const limiter = new RateLimiter({ perWindow: 2 });
    const client = new BackfillClient({ fetch, origin: ORIGIN, limiter });
    const done: number[] = [];
    for (const p of ['/a', '/b', '/c']) void client.get(p, Body).then(() => done.push(Date.now()));
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetch).toHaveBeenCalledTimes(3);
  });
});
