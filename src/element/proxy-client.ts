import type {
  CreateLinkRequest,
  CreateLinkResponse,
  LinkStatusRead,
  ProxyRefusal,
} from '../contract/proxy-api.js';
import { curpInvalidReasons, type CurpInvalidReason } from '../curp/check-curp.js';
import { createLinkResponse, linkStatusRead, proxyRefusal } from './answer-shapes.js';
import type { ImssErrorDetail } from './events.js';
import { readWith, type Reader } from './read-shape.js';

/** The fetch the element uses: the host's (`fetch` property) or the global one. */
type Fetch = typeof fetch;

/** A failure that ends a retrieval: what `imss-error` tells, but the text, which the view writes from it. */
export type FlowError = Omit<ImssErrorDetail, 'message'>;

/** What a proxy call came to, unless it failed in a way worth retrying, which throws instead. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: FlowError };

/**
 * How one element retries and times out its requests (the `settings` property overrides any of them).
 *  - `retryBaseMs`, `retryMaxMs`, `retryAttempts`: after a failure of the network or the proxy (thrown, 5xx,
 *    unreadable) it waits `retryBaseMs`, doubling up to `retryMaxMs`, and gives up after `retryAttempts`
 *    consecutive failures, with `service_error` when the last one was the proxy's answer and `network` otherwise;
 *  - `requestTimeoutMs`: how long a POST or DELETE may take, answer included, before it counts as a network
 *    failure; a long poll gets its wait plus `pollMarginMs`;
 *  - `quietPollMs`: the least time between two polls that bring no news (a proxy that does not hold polls).
 * A POST tried again carries the first try's `attemptId`, so a proxy that did receive the first one answers with
 * the session it opened then, rather than opening a second.
 */
export interface ConnectSettings {
  retryBaseMs: number;
  retryMaxMs: number;
  retryAttempts: number;
  requestTimeoutMs: number;
  pollMarginMs: number;
  quietPollMs: number;
}

export const defaultSettings: ConnectSettings = {
  retryBaseMs: 1000,
  retryMaxMs: 8000,
  retryAttempts: 5,
  requestTimeoutMs: 15_000,
  pollMarginMs: 10_000,
  quietPollMs: 1000,
};

/** Where and how one element calls its proxy. */
export interface ProxyClient {
  fetch: Fetch;
  endpoint: string;
  settings: ConnectSettings;
}

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

/** The site's own setup is wrong: the person can do nothing about it; the developer is told what to fix. */
function misconfigured(fix: string): Outcome<never> {
  console.error(`<imss-connect>: ${fix}`);
  return { ok: false, error: { code: 'configuration', retryable: false } };
}

/**
 * Calls the proxy and reads its answer with the contract's readers. Throws for what is worth retrying: the network
 * failed or the request timed out (`init.signal` carries the timeout), or a ProxyFault: the proxy answered 5xx, or
 * a success came with a body the contract does not accept.
 *
 * A 4xx carries a ProxyErrorResponse: `invalid_curp` (422, with the parseCurp `reason`) and the proxy's own
 * `daily_limit` (429) are the person's to act on, and so are the partner's `unauthenticated` (401) and `forbidden`
 * (403), and its `rate_limited` (429, told as `service_busy`); `forbidden_origin` (403), `forbidden_host` (421), and a 404 to the POST that starts
 * everything, are the site's setup (`configuration`); any other code, or a body that is not a ProxyErrorResponse
 * (say, from a gateway in front of the proxy), is a `service_error`.
 */
async function ask<T>(f: Fetch, url: string, init: RequestInit, reader: Reader): Promise<Outcome<T>> {
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
    const refusal = readWith<ProxyRefusal>(proxyRefusal, body)?.error;
    const code = refusal?.code;
    if (code === 'forbidden_origin' || code === 'forbidden_host')
      return misconfigured(`add ${location.origin} to the proxy's allowedOrigins or publicOrigin.`);
    if (status === 404 && init.method === 'POST') return misconfigured(`no proxy at ${url}: check endpoint.`);
    const error: FlowError =
      code === 'invalid_curp' || code === 'daily_limit' || code === 'unauthenticated' || code === 'forbidden'
        ? { code, retryable: false }
        : // The partner's request limits, told as Belvo's own: too many requests, try again shortly.
          { code: code === 'rate_limited' ? 'service_busy' : 'service_error', retryable: true };
    const reason = refusal?.reason as CurpInvalidReason;
    if (curpInvalidReasons.includes(reason)) error.reason = reason;
    if (refusal?.attemptsLeft !== undefined) error.attemptsLeft = refusal.attemptsLeft;
    return { ok: false, error };
  }
  const value = readWith<T>(reader, body);
  if (value === undefined) throw new ProxyFault();
  return { ok: true, value };
}

const links = (endpoint: string) => `${endpoint.replace(/\/+$/, '')}/links`;

/**
 * After the network failed every try of a POST to another origin: whether the proxy's server is there after all,
 * and the browser hid its answer because CORS did not allow this page (a `no-cors` request reaches the server and
 * resolves, opaque, whatever its CORS headers; it rejects only when the server cannot be reached).
 */
export async function corsRefused({ endpoint, settings }: ProxyClient): Promise<Outcome<never> | undefined> {
  const url = new URL(links(endpoint), location.href);
  if (url.origin === location.origin) return undefined;
  try {
    await fetch(url, { method: 'HEAD', mode: 'no-cors', signal: within(settings.requestTimeoutMs) });
  } catch {
    return undefined;
  }
  return misconfigured(
    `CORS refused by ${url.origin}: add ${location.origin} to its allowedOrigins, or check endpoint.`,
  );
}

/**
 * `POST {endpoint}/links`: starts a retrieval. Ended only by its timeout, never cancelled: a session the proxy
 * opens must reach the caller, which deletes it when it is no longer wanted.
 */
export const createLink = (
  { fetch, endpoint, settings }: ProxyClient,
  request: CreateLinkRequest,
): Promise<Outcome<CreateLinkResponse>> =>
  ask(
    fetch,
    links(endpoint),
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal: within(settings.requestTimeoutMs),
    },
    createLinkResponse,
  );

/** `GET {endpoint}/links/{session}?wait=…`: long-polls the state of a retrieval. */
export const getLink = (
  { fetch, endpoint, settings }: ProxyClient,
  session: string,
  waitSeconds: number,
  signal: AbortSignal,
): Promise<Outcome<LinkStatusRead>> =>
  ask(
    fetch,
    `${links(endpoint)}/${encodeURIComponent(session)}?wait=${waitSeconds}`,
    { signal: within(waitSeconds * 1000 + settings.pollMarginMs, signal) },
    linkStatusRead,
  );

/** `DELETE {endpoint}/links/{session}`: best effort, outlives the page if it must. */
export function deleteLink({ fetch, endpoint, settings }: ProxyClient, session: string): void {
  fetch(`${links(endpoint)}/${encodeURIComponent(session)}`, {
    method: 'DELETE',
    keepalive: true,
    signal: within(settings.requestTimeoutMs),
  }).catch(() => {});
}
