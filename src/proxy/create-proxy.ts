import { Hono, type Context } from 'hono';
import { abortedUploads } from './aborted-uploads.js';
import { createIdentify, isLocalBelvo, type Authorize } from './applicants.js';
import { createAttemptGuard } from './attempt-guard.js';
import { AttemptSessions } from './attempt-sessions.js';
import { createBelvoClient, type BelvoClientOptions } from './belvo-client.js';
import { linkSettings } from './link-settings.js';
import { LinkUseCases } from './link-use-cases.js';
import { noSniff } from './nosniff.js';
import { PendingSessions } from './pending-sessions.js';
import { DEFAULT_ALLOWED_HEADERS, originGuard } from './origin-guard.js';
import { proxyError } from './proxy-errors.js';
import { safeLogger, type ProxyLogger } from './proxy-log.js';
import { DEFAULT_LIMITS, RequestLimiter, type RequestLimits } from './request-limits.js';
import { RetrievalFlow, type BrowserDelivery, type OnSummary } from './retrieval-flow.js';
import { linksRoutes } from './routes/links-routes.js';
import { backgrounds } from './routes/route-helpers.js';
import { webhookRoutes } from './routes/webhook-routes.js';
import { SessionChanges } from './session-changes.js';
import { DOWNLOAD_GRACE_MS, Sessions } from './session-store.js';
import { createStateKeys } from './state-keys.js';
import { createMemoryState } from './state/memory-state.js';
import { StateUnavailableError, type ProxyState } from './state/proxy-state.js';
import { WebhookInbox } from './webhook-inbox.js';

/** How the proxy reaches Belvo. */
export type BelvoConnectionOptions = Pick<
  BelvoClientOptions,
  | 'baseUrl'
  | 'secretId'
  | 'secretPassword'
  | 'fetch'
  | 'timeoutMs'
  | 'retryBaseDelayMs'
  | 'maxAttempts'
  | 'maxRetryAfterMs'
>;

export interface ImssProxyOptions {
  /**
   * Who each request is for: receives the request (and, for `POST /links`, the CURP) and returns the partner's
   * signed-in applicant's id, or `{ refuse: 'unauthenticated' }` (401) or `{ refuse: 'forbidden' }` (403). Every
   * session belongs to the applicant that started it: for any other, its handle is 404. Match the CURP against the
   * applicant's verified identity (e.g. their KYC record) here: a CURP is not a secret, and this is what stops one
   * applicant reading another person's history. Required unless `belvo.baseUrl` is a local sandbox (loopback,
   * `.invalid`, `.test`); `'open'` runs without applicants (every handle readable by whoever holds it, and no
   * per-applicant limits), for trials only.
   */
  authorize?: Authorize | 'open';
  /**
   * Request limits, in the shared state (they hold across instances), each refused with 429 `rate_limited` and
   * `Retry-After`; see RequestLimits for each and its default. `false` turns them off (load tests, end-to-end
   * suites); the CURP's own daily attempts (`attemptsPerCurp`) stay.
   */
  limits?: Partial<RequestLimits> | false;
  /**
   * The client's address, for the per-client limit. Default: the TCP peer's address (`remoteAddress`, known in
   * Node through @hono/node-server; undefined elsewhere: no per-client limit). Behind a reverse proxy or load
   * balancer every request comes from it: take the address it adds, e.g.
   * `(request, { remoteAddress }) => request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim()`, and only
   * when that header can only have been set by your own proxy.
   */
  clientAddress?: (request: Request, connection: { remoteAddress: string | undefined }) => string | undefined;
  /**
   * Server-side delivery: called with each summary, before its session says `ready`, with the applicant, the session
   * handle (the browser's `imss-success` gives the same) and the request's externalId. If it throws or rejects, the
   * session fails with a retryable `service_error`. At least once: de-duplicate by `session`.
   */
  onSummary?: OnSummary;
  /**
   * What GET /links/{session} gives the browser once ready: `'full'` (default) the summary; `'minimal'` a
   * `confirmation` with no personal data (the summary goes to `onSummary` only, and is never kept in the state);
   * `'none'` the status alone. `'minimal'` and `'none'` require `onSummary`.
   */
  browserDelivery?: BrowserDelivery;
  /** Most sessions this process may hold pending at once; past it, POST /links is 503 `overloaded`. Default 10 000. */
  maxPendingSessions?: number;
  /**
   * Belvo's API root and secret keys (only this server may hold them), plus: `fetch` (default the global one),
   * `timeoutMs` per HTTP exchange (default 20 000), `retryBaseDelayMs` (default 250: retries after 250 ms and 1 s)
   * and `maxAttempts` (default 3) for 502/503/504 and network errors, and for timeouts of the downloads and the
   * link deletion (never of the link creation, which may have reached Belvo). Belvo's 429 (too many requests) is
   * retried after its `Retry-After` (else the same back-off) while the session's deadline allows, each pause at
   * most `maxRetryAfterMs` (default 30 000); past it the session fails with `service_busy` (retryable).
   */
  belvo: BelvoConnectionOptions;
  /**
   * The exact `Authorization` value Belvo sends with each webhook, as set when the webhook was registered
   * (e.g. `Bearer <long random token>`). Webhooks without it are refused with 401.
   */
  webhookAuthorization: string;
  /**
   * Belvo's name of the institution the links are made at. Default `imss_mx_employment` (IMSS). Belvo's own sandbox
   * may name its IMSS differently (its documentation shows `planet_mx_employment`); ISSSTE
   * (`issste_mx_employment`) also takes a CURP.
   */
  institution?: string;
  /**
   * Whether Belvo keeps the person's login (the CURP) after the retrieval: `nostore` (default), `store`, or for a
   * number of days (`30d`). A single link's one retrieval needs no stored login; with `nostore` the link cannot be
   * refreshed or made recurrent later.
   */
  credentialsStorage?: string;
  /**
   * How long Belvo keeps a link's data (its records and owner) after its last retrieval, `1d`–`365d`. Default `7d`
   * (Belvo's own default is `365d`), so that a link the proxy could not delete (`link_unconfirmed`) or was told to
   * keep (`keepBelvoLinks`) does not hold the person's history at Belvo for a year.
   */
  staleIn?: string;
  /**
   * Where the proxy keeps what it knows (sessions, webhooks, attempts, leases), shared by every instance that is
   * given the same one. Default createMemoryState(): this process only. For several instances,
   * `createRedisState(…)` from `imss-connect/proxy/redis`; in a Cloudflare Durable Object,
   * `createDurableObjectState(ctx.storage)` from `imss-connect/proxy/durable-object` (then `secret` is required).
   */
  state?: ProxyState;
  /**
   * At least 32 characters, long and random, the same on every instance: keys the CURP hashes and the encryption
   * of the personal data kept in the state (AES-256-GCM). Default with the memory state: random per process.
   */
  secret?: string;
  /** A session still pending after this long ends `failed` with `timeout` (retryable). Default 180 000 (3 min). */
  sessionTimeoutMs?: number;
  /**
   * Belvo's webhooks can be lost. While a session waits for its records webhook, the proxy asks Belvo whether it
   * holds the link's records at these times (ms after the link was created), and finishes with them if it does.
   * Default `[30 000, 60 000, 120 000]`; `[]`: only the webhook. The checks are made by polls and the sweep.
   */
  reconcileAfterMs?: readonly number[];
  /**
   * How long a finished session (and its summary: personal data) stays readable before it is forgotten.
   * Default 900 000 (15 min). DELETE forgets it at once.
   */
  sessionTtlMs?: number;
  /**
   * Web origins (e.g. `https://app.example.com`) of pages on another origin allowed to call the proxy; they get
   * CORS headers. Default none: same-origin pages only, and any other browser origin is refused with 403.
   * Webhooks are exempt (server to server).
   */
  allowedOrigins?: string[];
  /**
   * Request headers an allow-listed origin may send (the CORS preflight's `Access-Control-Allow-Headers`), for
   * hosts whose `fetch` (the element's `fetch` property) adds their own, e.g. `X-CSRF-Token`. Default
   * `['Content-Type', 'Authorization']`; `Content-Type` is always allowed, since every POST carries JSON.
   */
  allowedHeaders?: string[];
  /**
   * The origin browsers reach the proxy at, e.g. `https://app.example.com`: same-origin pages are those of this
   * origin, and a request naming another host is refused with 421 `forbidden_host`. Set it behind a reverse proxy
   * or dev server that rewrites `Host` or terminates TLS. Default: the request's own scheme and `Host`.
   */
  publicOrigin?: string;
  /** Read the request's scheme and host from `X-Forwarded-Proto` / `X-Forwarded-Host`. Only behind a proxy that sets them. */
  trustProxy?: boolean;
  /**
   * Keep the Belvo link of a successful retrieval, with the records Belvo holds for it, for a partner who reads more
   * of them from Belvo. Default false: the proxy deletes every link once its outcome is known, so a person's records
   * do not stay in your Belvo account after the summary is made.
   */
  keepBelvoLinks?: boolean;
  /**
   * IMSS logins allowed per CURP within `attemptWindowMs`; the next one is refused with 429. Default 3. A failure
   * that never reached IMSS (Belvo unreachable or failing, IMSS down) gives its attempt back; IMSS's own daily
   * limit (403 `forbidden_by_host`) uses up the rest.
   */
  attemptsPerCurp?: number;
  /** Default 86 400 000 (24 h). */
  attemptWindowMs?: number;
  /** Receives structured, PII-free events (see ProxyLogEntry). Default: no logging. */
  logger?: ProxyLogger;
  /**
   * Aborted when the server is shutting down (SIGTERM): long polls held then are answered at once with the current
   * status, so that the browser polls again, reaching another instance. Work under a lease is left to the lease.
   */
  stopping?: AbortSignal;
  /** The clock, in epoch ms, for tests. Default `Date.now`. */
  now?: () => number;
}

const DEFAULTS = {
  maxPendingSessions: 10_000,
  sessionTimeoutMs: 180_000,
  reconcileAfterMs: [30_000, 60_000, 120_000],
  sessionTtlMs: 15 * 60_000,
  attemptsPerCurp: 3,
  attemptWindowMs: 24 * 60 * 60_000,
};

/** Deadlines and orphaned downloads are swept at most this often, on the back of incoming requests. */
const SWEEP_INTERVAL_MS = 1000;

/**
 * The partner's proxy between the <imss-connect> element and Belvo, as a Hono app (web-standard: runs in Node,
 * edge runtimes and the browser). Routes, relative to where it is mounted (e.g. `/api/imss`):
 *
 *   POST   /links             start a retrieval for a CURP → 202 { session }
 *   GET    /links/{session}   its status; `?wait=N` long-polls up to N ≤ 30 s for a change
 *   DELETE /links/{session}   forget it (and delete the Belvo link)
 *   POST   /webhooks/belvo    Belvo's webhooks (register this URL with Belvo)
 *
 * and 404 `not_found` for anything else under that path: mount it at a path of its own.
 *
 * Everything it knows lives in `options.state`: instances given the same state (and secret) behave as one proxy,
 * whichever of them a request reaches.
 */
export function createImssProxy(options: ImssProxyOptions): Hono {
  if (!options.belvo?.baseUrl) throw new Error('createImssProxy: belvo.baseUrl is required.');
  if (!options.webhookAuthorization) {
    throw new Error(
      'createImssProxy: webhookAuthorization is required (the Authorization value Belvo sends).',
    );
  }
  if (options.state && options.secret === undefined) {
    throw new Error(
      'createImssProxy: a secret (at least 32 characters, the same on every instance) is required with a shared state.',
    );
  }
  const authorize = options.authorize ?? (isLocalBelvo(options.belvo.baseUrl) ? 'open' : undefined);
  if (authorize === undefined) {
    throw new Error(
      "createImssProxy: authorize is required with a real Belvo: it names the signed-in applicant of each request (or pass 'open' for a trial without applicants).",
    );
  }
  const browserDelivery = options.browserDelivery ?? 'full';
  if (browserDelivery !== 'full' && !options.onSummary) {
    throw new Error(`createImssProxy: browserDelivery '${browserDelivery}' requires onSummary.`);
  }
  const settings = linkSettings(options);
  const now = options.now ?? (() => Date.now());
  const log = safeLogger(options.logger);
  const sessionTimeoutMs = options.sessionTimeoutMs ?? DEFAULTS.sessionTimeoutMs;
  const sessionTtlMs = options.sessionTtlMs ?? DEFAULTS.sessionTtlMs;
  const state = options.state ?? createMemoryState();
  const keys = createStateKeys(options.secret);

  const belvo = createBelvoClient({
    ...options.belvo,
    now,
    onCall: ({ operation, attempt, status, code, outcome, durationMs }) => {
      log({
        event: 'belvo_call',
        operation,
        attempt,
        outcome,
        durationMs,
        ...(status === undefined ? {} : { status }),
        ...(code === undefined ? {} : { code }),
      });
      // Belvo refused our own secret keys: the person sees a retryable service_error, but only an operator can
      // fix this, so it gets an event of its own to alert on.
      if (status === 401) log({ event: 'belvo_auth_failed', operation, status });
    },
  });
  const changes = new SessionChanges(state);
  const attemptsPerCurp = options.attemptsPerCurp ?? DEFAULTS.attemptsPerCurp;
  const limits = options.limits === false ? undefined : { ...DEFAULT_LIMITS, ...options.limits };
  const attempts = createAttemptGuard({
    state,
    keys,
    limit: attemptsPerCurp,
    windowMs: options.attemptWindowMs ?? DEFAULTS.attemptWindowMs,
    ...(limits
      ? {
          perApplicant: {
            attemptsPerCurp: limits.applicantAttemptsPerCurp ?? Math.max(1, attemptsPerCurp - 1),
            curpsPerWindow: limits.applicantCurpsPerDay,
          },
        }
      : {}),
    now,
  });
  const pending = new PendingSessions({
    max: options.maxPendingSessions ?? DEFAULTS.maxPendingSessions,
    lifetimeMs: sessionTimeoutMs + DOWNLOAD_GRACE_MS,
    now,
  });
  const flow = new RetrievalFlow({
    belvo,
    linkSettings: settings,
    keepBelvoLinks: options.keepBelvoLinks ?? false,
    state,
    keys,
    sessions: new Sessions(state, now, sessionTtlMs),
    changes,
    // Parked webhooks wait for a link-creation answer, which comes within a session's lifetime or never.
    inbox: new WebhookInbox(state, { retentionMs: Math.max(sessionTimeoutMs, 60_000) }),
    log,
    now,
    sessionTimeoutMs,
    sessionTtlMs,
    pending,
    browserDelivery,
    ...(options.onSummary ? { onSummary: options.onSummary } : {}),
    attemptsLeft: (curp, owner) => attempts.attemptsLeft(curp, owner),
    reconcileAfterMs: checkedReconcileTimes(options.reconcileAfterMs ?? DEFAULTS.reconcileAfterMs),
  });
  const links = new LinkUseCases({
    flow,
    attempts,
    limiter: limits && new RequestLimiter({ state, keys, limits, now }),
    pending,
    attemptSessions: new AttemptSessions(state, sessionTimeoutMs + DOWNLOAD_GRACE_MS + sessionTtlMs),
    changes,
    keys,
    log,
    now,
    ...(options.stopping ? { stopping: options.stopping } : {}),
  });
  const backgroundOf = backgrounds(log);

  let lastSweep = -Infinity;
  const app = new Hono();
  app.use('*', noSniff(), abortedUploads(log));

  app.use('*', async (c, next) => {
    // Statuses and summaries are personal data: never cached by the browser or an intermediary. Set before the
    // answer is made, which keeps Node's adapter on its fast path.
    c.header('Cache-Control', 'no-store');
    if (now() - lastSweep >= SWEEP_INTERVAL_MS) {
      lastSweep = now();
      const background = backgroundOf(c);
      background(flow.sweep(background));
    }
    await next();
  });

  const origins = originGuard({
    allowedOrigins: options.allowedOrigins ?? [],
    allowedHeaders: options.allowedHeaders ?? DEFAULT_ALLOWED_HEADERS,
    publicOrigin: options.publicOrigin,
    trustProxy: options.trustProxy,
  });
  app.use('/links', ...origins);
  app.use('/links/*', ...origins);
  app.route(
    '/links',
    linksRoutes({
      links,
      backgroundOf,
      identify: createIdentify(authorize, keys),
      clientOf: clientOf(options.clientAddress),
      log,
    }),
  );
  app.route(
    '/webhooks',
    webhookRoutes({ flow, webhookAuthorization: options.webhookAuthorization, log, backgroundOf }),
  );

  // Unknown routes and methods: a JSON 404 like every other answer. The catch-all route is what answers when the
  // proxy is mounted with `route()` (a mounted app's notFound handler is not used); `notFound` when it is served
  // on its own. Mount the proxy at a path of its own: it answers everything under it.
  const unknownRoute = (c: Context) =>
    c.json(proxyError('not_found', 'No such route in the IMSS proxy.'), 404);
  app.all('*', unknownRoute);
  app.notFound(unknownRoute);

  // Hono's default prints the error, which could quote a request: report only its kind.
  app.onError((error, c) => {
    if (error instanceof StateUnavailableError) {
      log({ event: 'state_unavailable', status: 503 });
      c.header('Retry-After', '2');
      return c.json(
        proxyError('unavailable', 'The proxy cannot reach its state store. Please try again shortly.'),
        503,
      );
    }
    log({ event: 'internal_error', code: error.name });
    return c.json(proxyError('internal_error', 'The proxy failed unexpectedly.'), 500);
  });

  return app;
}

/** The client address of a request: the partner's `clientAddress`, or the TCP peer's (Node) by default. */
function clientOf(clientAddress: ImssProxyOptions['clientAddress']): (c: Context) => string | undefined {
  return (c) => {
    // @hono/node-server passes Node's request as `env.incoming`; other runtimes have no peer address to give.
    const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
    const remoteAddress = env?.incoming?.socket?.remoteAddress;
    const address = clientAddress ? clientAddress(c.req.raw, { remoteAddress }) : remoteAddress;
    return address === '' ? undefined : address;
  };
}

/** The reconciliation times, ascending; anything but a list of finite times ≥ 0 is refused at start. */
function checkedReconcileTimes(times: readonly number[]): number[] {
  if (
    !Array.isArray(times) ||
    !times.every((ms) => typeof ms === 'number' && Number.isFinite(ms) && ms >= 0)
  ) {
    throw new Error('createImssProxy: reconcileAfterMs must be a list of times in ms (numbers ≥ 0).');
  }
  return [...times].sort((a, b) => a - b);
}
