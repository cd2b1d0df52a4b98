import type * as z from 'zod/mini';
import {
  CreateLinkResponseSchema,
  LinkStatusResponseSchema,
  ProxyErrorResponseSchema,
  type CreateLinkRequest,
  type CreateLinkResponse,
  type LinkStatusResponse,
} from '../contract/proxy-api.js';
import { curpInvalidReasons, type CurpInvalidReason } from '../curp/check-curp.js';
import type { ImssErrorDetail } from './events.js';

/** The fetch the element uses: the host's (`fetch` property) or the global one. */
export type Fetch = typeof fetch;

/** A failure that ends a retrieval: what `imss-error` tells, but the text, which the view writes from it. */
export type FlowError = Omit<ImssErrorDetail, 'message'>;

/** What a proxy call came to, unless it failed in a way worth retrying, which throws instead. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: FlowError };

/**
 * How long a request may take, answer included, before it is abandoned and counts as a network failure (retried,
 * then `network`): `requestMs` for POST and DELETE, and for the long poll its wait plus `pollMarginMs`. Mutable for
 * tests, like `backoff`. A POST tried again carries the first try's `attemptId`, so a proxy that did receive the
 * first one answers with the session it opened then, rather than opening a second.
 */
export const timeouts = { requestMs: 15_000, pollMarginMs: 10_000 };

/**
 * A signal that aborts after `ms`, or with `signal` if that aborts first. No fallback for browsers without
 * AbortSignal.any: every browser the element supports has it (Chrome 116, Safari 17.4, Firefox 124, all 2023–24).
 */
export const within = (ms: number, ...signal: AbortSignal[]): AbortSignal =>
  AbortSignal.any([AbortSignal.timeout(ms), ...signal]);

/**
 * Thrown for a proxy that answered, but with a 5xx or a body the contract does not accept: worth retrying, and when
 * the retries are used up, a `service_error` (the proxy's fault), not a `network` one (the person's connection).
 */
export class ProxyFault extends Error {}

/**
 * Calls the proxy and reads its answer with the contract schemas. Throws for what is worth retrying: the network
 * failed or the request timed out (`init.signal` carries the timeout), or a ProxyFault: the proxy answered 5xx, or
 * a success came with a body the schema does not accept.
 *
 * A 4xx carries a ProxyErrorResponse: `invalid_curp` (422, with the parseCurp `reason`) and the proxy's own
 * `daily_limit` (429) are the person's to act on; any other code, or a body that is not a ProxyErrorResponse (say,
 * from a gateway in front of the proxy), is a `service_error`.
 */
async function ask<S extends z.ZodMiniType>(f: Fetch, url: string, init: RequestInit, schema: S) {
  // Called as a plain function: a host's fetch must not be invoked with the element as `this`.
  const response = await f(url, init);
  const { status } = response;
  if (status >= 500) {
    // Unread, the body would hold its connection until the browser collects it.
    await response.body?.cancel();
    throw new ProxyFault();
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (status >= 400) {
    const refusal = ProxyErrorResponseSchema.safeParse(body).data?.error;
    const error: FlowError =
      refusal?.code === 'invalid_curp' || refusal?.code === 'daily_limit'
        ? { code: refusal.code, retryable: false }
        : { code: 'service_error', retryable: true };
    const reason = refusal?.reason as CurpInvalidReason;
    if (curpInvalidReasons.includes(reason)) error.reason = reason;
    return { ok: false, error } satisfies Outcome<never>;
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ProxyFault();
  return { ok: true, value: parsed.data as z.infer<S> } satisfies Outcome<z.infer<S>>;
}

const links = (endpoint: string) => `${endpoint.replace(/\/+$/, '')}/links`;

/**
 * `POST {endpoint}/links`: starts a retrieval. Ended only by its timeout, never cancelled: a session the proxy
 * opens must reach the caller, which deletes it when it is no longer wanted.
 */
export const createLink = (
  f: Fetch,
  endpoint: string,
  request: CreateLinkRequest,
): Promise<Outcome<CreateLinkResponse>> =>
  ask(
    f,
    links(endpoint),
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal: within(timeouts.requestMs),
    },
    CreateLinkResponseSchema,
  );

/** `GET {endpoint}/links/{session}?wait=…`: long-polls the state of a retrieval. */
export const getLink = (
  f: Fetch,
  endpoint: string,
  session: string,
  waitSeconds: number,
  signal: AbortSignal,
): Promise<Outcome<LinkStatusResponse>> =>
  ask(
    f,
    `${links(endpoint)}/${encodeURIComponent(session)}?wait=${waitSeconds}`,
    { signal: within(waitSeconds * 1000 + timeouts.pollMarginMs, signal) },
    LinkStatusResponseSchema,
  );

/** `DELETE {endpoint}/links/{session}`: best effort, outlives the page if it must. */
export function deleteLink(f: Fetch, endpoint: string, session: string): void {
  f(`${links(endpoint)}/${encodeURIComponent(session)}`, {
    method: 'DELETE',
    keepalive: true,
    signal: within(timeouts.requestMs),
  }).catch(() => {});
}
