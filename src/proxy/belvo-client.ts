import * as z from 'zod/mini';
import {
  belvoPage,
  BelvoEmploymentRecordPageSchema,
  BelvoErrorListSchema,
  BelvoLinkSchema,
  type BelvoCreateLinkRequest,
  type BelvoEmploymentRecord,
  type BelvoError,
  type BelvoLink,
} from '../contract/belvo.js';
import { abortableDelay } from '../internal/abortable-delay.js';
import { base64 } from '../internal/base64.js';

/**
 * A small client for the part of Belvo's API the proxy uses. Web-standard only (fetch, AbortController,
 * setTimeout), so it runs in Node, edge runtimes and the browser alike.
 *
 * It never throws: every call ends in a typed result, and every answer is checked against the contract schemas,
 * because a body that does not match is as useless to the proxy as no body at all.
 */

/** The calls the proxy makes to Belvo, as its log names them. */
export const BELVO_OPERATIONS = [
  'create_link',
  'delete_link',
  'list_employment_records',
  'count_employment_records',
] as const;
export type BelvoOperation = (typeof BELVO_OPERATIONS)[number];

/** How one call to Belvo ended, as its log says. */
export const BELVO_CALL_OUTCOMES = [
  'ok',
  'http_error',
  'unreachable',
  'timeout',
  'invalid_response',
  'cancelled',
] as const;

/** Why a call to Belvo did not give the proxy what it asked for. */
export type BelvoFailure =
  /** Belvo (or a gateway before it) answered with an error status. `errors` is Belvo's error array, or empty when the body was not one. */
  | { kind: 'http'; status: number; errors: BelvoError[] }
  /** No answer at all: DNS, refused connection, reset… after every retry. */
  | { kind: 'unreachable' }
  /**
   * No answer within `timeoutMs`, after every retry. A GET or DELETE is retried like a network error; a link
   * creation is not: the call may still be running at Belvo, and a second one could create a second link.
   */
  | { kind: 'timeout' }
  /** A success status whose body is unreadable or does not match the schema, or a pagination that cannot be followed. */
  | { kind: 'invalid_response'; status: number }
  /** The caller's `signal` aborted: nobody wants the answer any more (e.g. the session was deleted). */
  | { kind: 'cancelled' }
  /**
   * Belvo kept answering 429 (too many requests) until waiting again would pass the call's `deadline`, or asked
   * (`Retry-After`) for a longer wait than `maxRetryAfterMs`, or the tries ran out. Nothing was done at Belvo.
   */
  | { kind: 'throttled' };

export type BelvoResult<T> = { ok: true; value: T } | { ok: false; failure: BelvoFailure };

/** One HTTP exchange with Belvo, for logging: no URL (it holds a link id), no body. */
export interface BelvoCallReport {
  operation: BelvoOperation;
  attempt: number;
  /** The HTTP status, when there was an answer. */
  status?: number;
  /** Belvo's first error code, when it answered with one. */
  code?: string;
  outcome: (typeof BELVO_CALL_OUTCOMES)[number];
  durationMs: number;
}

export interface BelvoClientOptions {
  /** Belvo's API root, e.g. `https://api.belvo.com` or `https://sandbox.belvo.com`. */
  baseUrl: string;
  /** Secret key ID and password (HTTP Basic). */
  secretId: string;
  secretPassword: string;
  /** The fetch to call Belvo with; default `globalThis.fetch`. The in-process demo passes the sandbox's. */
  fetch?: typeof fetch;
  /** Longest wait for one HTTP exchange, body included, in ms. Default 20 000. */
  timeoutMs?: number;
  /** Delay before the first retry, in ms; each next one is four times longer. Default 250 (250 ms, then 1 s). */
  retryBaseDelayMs?: number;
  /**
   * Tries per call on 502/503/504 and network errors, and on timeouts of GET and DELETE; on 429 too, for a call
   * without a `deadline`. Default 3.
   */
  maxAttempts?: number;
  /**
   * Longest pause before trying again after a 429, in ms: a `Retry-After` asking for more gives the call up
   * (failure `throttled`). Default 30 000.
   */
  maxRetryAfterMs?: number;
  /** The clock `deadline`s are on, in epoch ms. Default `Date.now`. */
  now?: () => number;
  /** Most pages followed in one listing, a guard against a server that never stops paginating. Default 1000. */
  maxPages?: number;
  /** Told about every HTTP exchange. A callback that throws is ignored: reporting never breaks a call. */
  onCall?: (report: BelvoCallReport) => void;
}

/**
 * Per call: `signal` gives the call up (failure `cancelled`) when the answer is no longer wanted. It stops the
 * pauses between retries and any further try, and aborts a GET or DELETE in flight; a link creation already sent is
 * let finish, since its answer names a link that may need deleting.
 */
export interface BelvoCallOptions {
  signal?: AbortSignal;
  /**
   * Epoch ms (the client's `now`) by which the answer is needed, e.g. the session's deadline. A 429 is retried,
   * after its `Retry-After` (seconds or an HTTP date) or else the usual back-off, as long as the pause ends before
   * it; without one, within `maxAttempts`.
   */
  deadline?: number;
}

export interface BelvoClient {
  /** `POST /api/links/`. The CURP travels in the body only, never in a URL. */
  createLink(request: BelvoCreateLinkRequest, options?: BelvoCallOptions): Promise<BelvoResult<BelvoLink>>;
  /** `DELETE /api/links/{id}/`. */
  deleteLink(linkId: string, options?: BelvoCallOptions): Promise<BelvoResult<void>>;
  /** `GET /api/employment-records/?link={id}`, every page. */
  listEmploymentRecords(
    linkId: string,
    options?: BelvoCallOptions,
  ): Promise<BelvoResult<BelvoEmploymentRecord[]>>;
  /**
   * How many employment-record profiles Belvo holds for the link: `GET /api/employment-records/?link={id}` with
   * `page_size=1`, its `count` (or, without one, whether its first page has any).
   */
  countEmploymentRecords(linkId: string, options?: BelvoCallOptions): Promise<BelvoResult<number>>;
}

/** A page read only for its count: the profiles themselves are read by listEmploymentRecords. */
const CountedPageSchema = belvoPage(z.unknown());

/** Gateways say these when Belvo itself could not be reached or was briefly overloaded: worth another try. */
const RETRIED_STATUSES = new Set([502, 503, 504]);
/** Too many requests: Belvo did nothing, and says (`Retry-After`) or leaves it to us when to ask again. */
const THROTTLED = 429;

export function createBelvoClient(options: BelvoClientOptions): BelvoClient {
  const base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  const fetchBelvo = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 20_000;
  const retryBaseDelayMs = options.retryBaseDelayMs ?? 250;
  const maxAttempts = options.maxAttempts ?? 3;
  const maxPages = options.maxPages ?? 1000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
  const now = options.now ?? (() => Date.now());
  // Base64 of the UTF-8 bytes: btoa alone would refuse a non-Latin-1 character.
  const authorization = `Basic ${base64(new TextEncoder().encode(`${options.secretId}:${options.secretPassword}`))}`;
  const report = (call: BelvoCallReport) => {
    try {
      options.onCall?.(call);
    } catch {
      // A failing report (a log sink, say) must not fail the call it reports on.
    }
  };

  type Exchange =
    | { kind: 'answer'; status: number; body: unknown; readable: boolean; retryAfter: string | null }
    | { kind: 'unreachable' }
    | { kind: 'timeout' }
    | { kind: 'cancelled' };

  /** One HTTP exchange, body included, bounded by the timeout; `cancel` (not for a POST) aborts it. */
  async function exchange(
    url: URL,
    method: string,
    body: unknown,
    cancel: AbortSignal | undefined,
  ): Promise<Exchange> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const onCancel = () => controller.abort();
    cancel?.addEventListener('abort', onCancel, { once: true });
    try {
      const response = await fetchBelvo(url.href, {
        method,
        signal: controller.signal,
        headers: {
          authorization,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      const answer = {
        kind: 'answer' as const,
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
      };
      if (text === '') return { ...answer, body: undefined, readable: true } as const;
      try {
        return { ...answer, body: JSON.parse(text) as unknown, readable: true } as const;
      } catch {
        return { ...answer, body: undefined, readable: false } as const;
      }
    } catch {
      if (cancel?.aborted) return { kind: 'cancelled' };
      return controller.signal.aborted ? { kind: 'timeout' } : { kind: 'unreachable' };
    } finally {
      clearTimeout(timer);
      cancel?.removeEventListener('abort', onCancel);
    }
  }

  /** An exchange with retries, its answer checked against `schema` (undefined: no body expected). */
  async function call<T>(
    operation: BelvoOperation,
    url: URL,
    method: string,
    schema: z.ZodMiniType<T> | undefined,
    body: unknown,
    { signal, deadline }: BelvoCallOptions,
  ): Promise<BelvoResult<T>> {
    const cancelled = { ok: false, failure: { kind: 'cancelled' } } as const;
    const backOff = (attempt: number) => retryBaseDelayMs * 4 ** (attempt - 1);
    /** The pause before the next try; false when the call was given up meanwhile. */
    const pause = (attempt: number) => abortableDelay(backOff(attempt), signal);
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) return cancelled;
      const started = Date.now();
      // A POST in flight is never aborted: it may create a link, whose id is needed to delete it.
      const result = await exchange(url, method, body, method === 'POST' ? undefined : signal);
      const durationMs = Date.now() - started;

      if (result.kind !== 'answer') {
        report({ operation, attempt, outcome: result.kind, durationMs });
        if (result.kind === 'cancelled') return cancelled;
        // A timed-out POST may have reached Belvo; a GET or DELETE is safe to repeat (idempotent).
        const retryable = result.kind === 'unreachable' || method !== 'POST';
        if (retryable && attempt < maxAttempts) {
          if (!(await pause(attempt))) return cancelled;
          continue;
        }
        return { ok: false, failure: result };
      }

      const { status } = result;
      if (status >= 200 && status < 300) {
        const parsed = schema ? schema.safeParse(result.body) : undefined;
        if (!result.readable || (parsed && !parsed.success)) {
          report({ operation, attempt, status, outcome: 'invalid_response', durationMs });
          return { ok: false, failure: { kind: 'invalid_response', status } };
        }
        report({ operation, attempt, status, outcome: 'ok', durationMs });
        return { ok: true, value: parsed?.data as T };
      }

      const errors = readErrors(result.body);
      report({
        operation,
        attempt,
        status,
        outcome: 'http_error',
        durationMs,
        ...(errors[0]?.code ? { code: errors[0].code } : {}),
      });
      if (RETRIED_STATUSES.has(status) && attempt < maxAttempts) {
        if (!(await pause(attempt))) return cancelled;
        continue;
      }
      if (status === THROTTLED) {
        const asked = retryAfterMs(result.retryAfter, now());
        // Never sooner than asked; without an answer, the usual back-off, at most maxRetryAfterMs.
        const waitMs = Math.max(asked ?? 0, Math.min(backOff(attempt), maxRetryAfterMs));
        const inTime = deadline === undefined ? attempt < maxAttempts : now() + waitMs < deadline;
        if (!inTime || waitMs > maxRetryAfterMs) return { ok: false, failure: { kind: 'throttled' } };
        if (!(await abortableDelay(waitMs, signal))) return cancelled;
        continue;
      }
      return { ok: false, failure: { kind: 'http', status, errors } };
    }
  }

  /** Every page of a listing. Only `next` URLs under the configured base are followed, each at most once. */
  async function listAll<T>(
    operation: BelvoOperation,
    first: URL,
    pageSchema: z.ZodMiniType<{ next: string | null; results: T[] }>,
    options: BelvoCallOptions,
  ): Promise<BelvoResult<T[]>> {
    const items: T[] = [];
    const visited = new Set<string>();
    let url: URL | undefined = first;
    while (url) {
      if (visited.has(url.href) || visited.size >= maxPages) {
        return { ok: false, failure: { kind: 'invalid_response', status: 200 } };
      }
      visited.add(url.href);
      const page: BelvoResult<{ next: string | null; results: T[] }> = await call(
        operation,
        url,
        'GET',
        pageSchema,
        undefined,
        options,
      );
      if (!page.ok) return page;
      items.push(...page.value.results);
      const next = nextPageUrl(page.value.next, url);
      if (next === 'foreign') return { ok: false, failure: { kind: 'invalid_response', status: 200 } };
      url = next;
    }
    return { ok: true, value: items };
  }

  /** `next` resolved against the current page; 'foreign' when it leaves the configured API root. */
  function nextPageUrl(next: string | null, current: URL): URL | undefined | 'foreign' {
    // Belvo's own documentation shows `"next": "null"` as a string: read it as the end, like null.
    if (next === null || next === '' || next === 'null') return undefined;
    let url: URL;
    try {
      url = new URL(next, current);
    } catch {
      return 'foreign';
    }
    return url.origin === base.origin && url.pathname.startsWith(base.pathname) ? url : 'foreign';
  }

  const endpoint = (path: string) => new URL(path, base);

  return {
    createLink: (request, options = {}) =>
      call('create_link', endpoint('api/links/'), 'POST', BelvoLinkSchema, request, options),
    deleteLink: (linkId, options = {}) =>
      call<void>(
        'delete_link',
        endpoint(`api/links/${encodeURIComponent(linkId)}/`),
        'DELETE',
        undefined,
        undefined,
        options,
      ),
    listEmploymentRecords: (linkId, options = {}) => {
      const url = endpoint('api/employment-records/');
      url.searchParams.set('link', linkId);
      return listAll('list_employment_records', url, BelvoEmploymentRecordPageSchema, options);
    },
    countEmploymentRecords: async (linkId, options = {}) => {
      const url = endpoint('api/employment-records/');
      url.searchParams.set('link', linkId);
      url.searchParams.set('page_size', '1');
      const page = await call('count_employment_records', url, 'GET', CountedPageSchema, undefined, options);
      if (!page.ok) return page;
      return { ok: true, value: page.value.count ?? page.value.results.length };
    },
  };
}

/**
 * A `Retry-After` value in ms from `now`: whole seconds, or an HTTP date; undefined when absent or unreadable.
 * @internal exported for tests
 */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  const text = value?.trim() ?? '';
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every form of HTTP date (IMF-fixdate, RFC 850, asctime) starts with the day's name; Date.parse alone would
  // read "-1" or "1.5" as dates.
  if (!/^[A-Za-z]{3,9},? /.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Belvo's error array, or nothing when the body is not one (an HTML page from a gateway, say). */
function readErrors(body: unknown): BelvoError[] {
  const parsed = BelvoErrorListSchema.safeParse(body);
  return parsed.success ? parsed.data : [];
}
