import { z } from 'zod';
import { RateLimiter, systemClock, type Clock } from './rate-limiter';

/** The slice of `Response` the client reads; `fetch` is injected so tests need no network. */
export interface FetchResponse {
  status: number;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
}
export type FetchLike = (url: string, init: RequestInit) => Promise<FetchResponse>;

export type BackfillErrorKind = 'disabled' | 'invalid' | 'http' | 'network' | 'rate-limited' | 'off-origin';

/** Every failure the client reports; `kind` tells the caller whether a retry later can help. */
export class BackfillError extends Error {
  constructor(
    readonly kind: BackfillErrorKind,
    message: string,
    readonly url: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'BackfillError';
  }

  /** A later attempt may succeed (the host was busy or unreachable, or backfill was paused). */
  get transient(): boolean {
    return this.kind === 'network' || this.kind === 'rate-limited' || this.kind === 'disabled' || (this.kind === 'http' && (this.status ?? 0) >= 500);
  }
}

export interface ClientStats {
  /** Requests actually sent to the host. */
  requests: number;
  cacheHits: number;
  /** 429 answers received. */
  rateLimited: number;
  /** Retries after a 5xx or a network error. */
  retries: number;
  /** Bodies that failed their schema: rejected, never passed on. */
  invalid: number;
  /** Requests that finally failed (any kind). */
  failures: number;
}

export interface BackfillClientOptions {
  fetch: FetchLike;
  /** The page's origin (`https://acme.zendesk.com`): relative paths resolve against it and
   * absolute URLs (pagination links) must stay on it. */
  origin: string;
  limiter: RateLimiter;
  clock?: Clock;
  /** Read before every request: settings.backfill.enabled. */
  enabled?: () => boolean;
  /** How long a GET body is reused, default 5 min. */
  cacheTtlMs?: number;
  /** Retries of a 5xx / network error, default 3 (backoff 1 s, 2 s, 4 s…). */
  maxRetries?: number;
  /** 429 answers tolerated for one request before giving up (as a transient error), default 8. */
  max429?: number;
  /** Longest Retry-After honoured; a longer one is capped, default 10 min. */
  maxRetryAfterMs?: number;
  /** Wait after a 429 that gives no usable Retry-After, default 60 s. */
  defaultRetryAfterMs?: number;
}

/**
 * Parses `Retry-After`: delta-seconds or an HTTP date (RFC 9110 §10.2.3). Pure.
 * Returns the wait in ms from `now`, or undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (!Number.isFinite(at)) return undefined;
  return Math.max(0, at - now);
}

interface CacheEntry {
  body: unknown;
  expires: number;
}

/**
 * GET-only JSON client for the host's same-origin REST API, with the agent's session cookies
 * (`credentials: 'same-origin'`). QueueLens never writes to the host, so there is no other verb.
 * Every request takes a slot from the shared limiter; a 429 pauses the limiter for Retry-After
 * and the same request is sent again; a 5xx or network error is retried a bounded number of
 * times. Every body must pass the caller's schema, else the call fails with kind 'invalid'.
 */
export class BackfillClient {
  readonly stats: ClientStats = { requests: 0, cacheHits: 0, rateLimited: 0, retries: 0, invalid: 0, failures: 0 };
  private cache = new Map<string, CacheEntry>();
  private inflight = new Map<string, Promise<unknown>>();
  private readonly clock: Clock;
  private readonly origin: string;

  constructor(private readonly options: BackfillClientOptions) {
    this.clock = options.clock ?? systemClock;
    this.origin = new URL(options.origin).origin;
  }

  get enabled(): boolean {
    return this.options.enabled?.() ?? true;
  }

  clearCache(): void {
    this.cache.clear();
  }

  /** GETs `pathOrUrl` and returns its body parsed by `schema` (zod output, transforms applied). */
  async get<S extends z.ZodType>(pathOrUrl: string, schema: S): Promise<z.output<S>> {
    const url = this.resolve(pathOrUrl);
    const body = await this.getRaw(url);
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      this.stats.invalid += 1;
      this.stats.failures += 1;
      // A cached body that fails this schema must not be served to anyone else either.
      this.cache.delete(url);
      throw new BackfillError('invalid', `unexpected response from ${new URL(url).pathname}: ${z.prettifyError(parsed.error).slice(0, 500)}`, url);
    }
    return parsed.data;
  }

  private resolve(pathOrUrl: string): string {
    const url = new URL(pathOrUrl, this.origin);
    if (url.origin !== this.origin) {
      this.stats.failures += 1;
      throw new BackfillError('off-origin', `refusing to follow ${url.origin}: backfill stays on ${this.origin}`, url.href);
    }
    return url.href;
  }

  private async getRaw(url: string): Promise<unknown> {
    const hit = this.cache.get(url);
    if (hit && hit.expires > this.clock.now()) {
      this.stats.cacheHits += 1;
      return hit.body;
    }
    // Two callers asking for the same URL at once share one request.
    const pending = this.inflight.get(url);
    if (pending) return pending;
    const request = this.send(url).finally(() => this.inflight.delete(url));
    this.inflight.set(url, request);
    return request;
  }

  private async send(url: string): Promise<unknown> {
    const maxRetries = this.options.maxRetries ?? 3;
    const max429 = this.options.max429 ?? 8;
    let retries = 0;
    let limited = 0;
    for (;;) {
      if (!this.enabled) throw this.fail(new BackfillError('disabled', 'backfill is switched off', url));
      await this.options.limiter.acquire();
      if (!this.enabled) throw this.fail(new BackfillError('disabled', 'backfill is switched off', url));

      let response: FetchResponse;
      this.stats.requests += 1;
      try {
        response = await this.options.fetch(url, {
          method: 'GET',
          credentials: 'same-origin',
          headers: { Accept: 'application/json' },
        });
      } catch (error) {
        if (retries >= maxRetries) throw this.fail(new BackfillError('network', `network error on ${url}: ${String(error)}`, url));
        retries += 1;
        this.stats.retries += 1;
        await this.clock.sleep(backoff(retries));
        continue;
      }

      if (response.status === 429) {
        this.stats.rateLimited += 1;
        limited += 1;
        const wait = this.retryAfter(response);
        // The budget is per account: hold every request, not only this one.
        this.options.limiter.pauseUntil(this.clock.now() + wait);
        if (limited > max429) throw this.fail(new BackfillError('rate-limited', `still rate limited after ${max429} retries`, url, 429));
        continue; // the same request goes again once the limiter lets it
      }
      if (response.status >= 500) {
        if (retries >= maxRetries) throw this.fail(new BackfillError('http', `HTTP ${response.status} from ${url}`, url, response.status));
        retries += 1;
        this.stats.retries += 1;
        const hinted = response.status === 503 ? parseRetryAfter(response.headers.get('retry-after'), this.clock.now()) : undefined;
        await this.clock.sleep(Math.min(hinted ?? backoff(retries), this.options.maxRetryAfterMs ?? 600_000));
        continue;
      }
      if (response.status < 200 || response.status >= 300) {
        throw this.fail(new BackfillError('http', `HTTP ${response.status} from ${url}`, url, response.status));
      }

      let body: unknown;
      try {
        body = await response.json();
      } catch {
        this.stats.invalid += 1;
        throw this.fail(new BackfillError('invalid', `response from ${url} is not JSON`, url, response.status));
      }
      this.cache.set(url, { body, expires: this.clock.now() + (this.options.cacheTtlMs ?? 5 * 60_000) });
      return body;
    }
  }

  private retryAfter(response: FetchResponse): number {
    const parsed = parseRetryAfter(response.headers.get('retry-after'), this.clock.now());
    return Math.min(parsed ?? this.options.defaultRetryAfterMs ?? 60_000, this.options.maxRetryAfterMs ?? 600_000);
  }

  private fail(error: BackfillError): BackfillError {
    this.stats.failures += 1;
    return error;
  }
}

const backoff = (attempt: number) => 1000 * 2 ** (attempt - 1);
