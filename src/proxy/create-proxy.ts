import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { BelvoWebhookSchema } from '../contract/belvo.js';
import {
  MAX_WAIT_SECONDS,
  type CreateLinkResponse,
  type LinkStatusResponse,
  type ProxyErrorResponse,
} from '../contract/proxy-api.js';
import { createAttemptGuard } from './attempt-guard.js';
import { AttemptSessions } from './attempt-sessions.js';
import { createBelvoClient, type BelvoClientOptions } from './belvo-client.js';
import { readLinkRequest } from './link-request.js';
import { DEFAULT_ALLOWED_HEADERS, originGuard } from './origin-guard.js';
import { describeIssues, invalidRequest, proxyError } from './proxy-errors.js';
import { safeLogger, type ProxyLogger } from './proxy-log.js';
import { RetrievalFlow, type Background } from './retrieval-flow.js';
import { SessionChanges, waitForChange } from './session-changes.js';
import { createMemorySessionStore, progressOf, type Session, type SessionStore } from './session-store.js';
import { isAuthorizedWebhook } from './webhook-auth.js';
import { WebhookInbox } from './webhook-inbox.js';

/** How the proxy reaches Belvo. */
export type BelvoConnectionOptions = Pick<
  BelvoClientOptions,
  'baseUrl' | 'secretId' | 'secretPassword' | 'fetch' | 'timeoutMs' | 'retryBaseDelayMs' | 'maxAttempts'
>;

export interface ImssProxyOptions {
  /**
   * Belvo's API root and secret keys (only this server may hold them), plus: `fetch` (default the global one),
   * `timeoutMs` per HTTP exchange (default 20 000), `retryBaseDelayMs` (default 250: retries after 250 ms and 1 s)
   * and `maxAttempts` (default 3) for 502/503/504 and network errors, and for timeouts of the downloads and the
   * link deletion (never of the link creation, which may have reached Belvo).
   */
  belvo: BelvoConnectionOptions;
  /**
   * The exact `Authorization` value Belvo sends with each webhook, as set when the webhook was registered
   * (e.g. `Bearer <long random token>`). Webhooks without it are refused with 401.
   */
  webhookAuthorization: string;
  /** A session still pending after this long ends `failed` with `timeout` (retryable). Default 180 000 (3 min). */
  sessionTimeoutMs?: number;
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
  /**
   * HMAC key under which CURPs are counted (the CURP itself is never stored). Default: random per process, which
   * is right for one process; give several processes the same long random secret so they agree.
   */
  attemptKey?: string;
  /** Receives structured, PII-free events (see ProxyLogEntry). Default: no logging. */
  logger?: ProxyLogger;
  /**
   * Where sessions are kept. Default: createMemorySessionStore(), in this process's memory. A store must hand back
   * the very Session objects it was given (see SessionStore). Whatever the store, the long polls' wake-ups are
   * per process: a poll held by one instance is not woken by a change another instance makes (it answers when its
   * wait ends instead).
   */
  store?: SessionStore;
  /** The clock, in epoch ms, for tests. Default `Date.now`. */
  now?: () => number;
}

const DEFAULTS = {
  sessionTimeoutMs: 180_000,
  sessionTtlMs: 15 * 60_000,
  attemptsPerCurp: 3,
  attemptWindowMs: 24 * 60 * 60_000,
};

/** Request bodies are a CURP and two short ids; webhooks are small JSON documents. */
const MAX_LINK_BODY_BYTES = 4 * 1024;
const MAX_WEBHOOK_BODY_BYTES = 64 * 1024;
/** Deadlines and expiries are swept at most this often, on the back of incoming requests. */
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
 * State lives in this process's memory — sessions (unless `options.store` keeps them elsewhere), long-poll
 * wake-ups, webhook de-duplication, attempt counts and repeated attemptIds — so one instance serves all requests of
 * a session. See the README for multi-instance use.
 */
export function createImssProxy(options: ImssProxyOptions): Hono {
  if (!options.belvo?.baseUrl) throw new Error('createImssProxy: belvo.baseUrl is required.');
  if (!options.webhookAuthorization) {
    throw new Error(
      'createImssProxy: webhookAuthorization is required (the Authorization value Belvo sends).',
    );
  }
  const now = options.now ?? (() => Date.now());
  const log = safeLogger(options.logger);
  const sessionTimeoutMs = options.sessionTimeoutMs ?? DEFAULTS.sessionTimeoutMs;

  const belvo = createBelvoClient({
    ...options.belvo,
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
  const attempts = createAttemptGuard({
    limit: options.attemptsPerCurp ?? DEFAULTS.attemptsPerCurp,
    windowMs: options.attemptWindowMs ?? DEFAULTS.attemptWindowMs,
    now,
    ...(options.attemptKey ? { key: options.attemptKey } : {}),
  });
  const changes = new SessionChanges();
  const flow = new RetrievalFlow({
    belvo,
    keepBelvoLinks: options.keepBelvoLinks ?? false,
    store: options.store ?? createMemorySessionStore(),
    changes,
    // Parked webhooks wait for a link-creation answer, which comes within a session's lifetime or never.
    inbox: new WebhookInbox({ retentionMs: Math.max(sessionTimeoutMs, 60_000) }),
    log,
    now,
    sessionTimeoutMs,
    sessionTtlMs: options.sessionTtlMs ?? DEFAULTS.sessionTtlMs,
  });
  const attemptSessions = new AttemptSessions();
  /** Whether a session still exists, once what is due is applied (it may time out or expire on being looked at). */
  const isLiveIn = (background: Background) => (handle: string) =>
    flow.current(handle, background) !== undefined;

  /** Work that must outlive the request: `waitUntil` where the runtime offers it, fire-and-forget otherwise. */
  const backgroundFor = (c: Context): Background => {
    let waitUntil: ((task: Promise<unknown>) => void) | undefined;
    try {
      const executionCtx = c.executionCtx; // a getter that throws outside edge runtimes (Node, browser)
      waitUntil = (task) => executionCtx.waitUntil(task);
    } catch {
      waitUntil = undefined;
    }
    return (task) => {
      const handled = task.catch(() => log({ event: 'background_error' }));
      waitUntil?.(handled);
    };
  };

  let lastSweep = -Infinity;
  const app = new Hono();

  app.use('*', async (c, next) => {
    if (now() - lastSweep >= SWEEP_INTERVAL_MS) {
      lastSweep = now();
      const background = backgroundFor(c);
      flow.sweep(background);
      attempts.prune();
      attemptSessions.prune(isLiveIn(background));
    }
    await next();
    // Statuses and summaries are personal data: never cached by the browser or an intermediary.
    c.header('Cache-Control', 'no-store');
  });

  const origins = originGuard({
    allowedOrigins: options.allowedOrigins ?? [],
    allowedHeaders: options.allowedHeaders ?? DEFAULT_ALLOWED_HEADERS,
    publicOrigin: options.publicOrigin,
    trustProxy: options.trustProxy,
  });
  app.use('/links', ...origins);
  app.use('/links/*', ...origins);

  app.post('/links', bodyLimit({ maxSize: MAX_LINK_BODY_BYTES, onError: tooLarge }), async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json(invalidRequest('The body must be a JSON object.'), 400);
    }
    const request = readLinkRequest(body);
    if (!request.ok) return c.json(request.body, request.status);
    const { curp, externalId, attemptId } = request;
    const background = backgroundFor(c);

    /** Spends one of the CURP's attempts on a new session; undefined when none is left. */
    const openSession = async (): Promise<string | undefined> => {
      const attempt = await attempts.tryAcquire(curp);
      if (!attempt) return undefined;
      const session = flow.open(curp);
      background(flow.connect(session, curp, externalId, attempt, background));
      return session.handle;
    };
    let opened: { handle: string; reused: boolean } | undefined;
    if (attemptId === undefined) {
      const handle = await openSession();
      opened = handle === undefined ? undefined : { handle, reused: false };
    } else {
      // A repeat of an earlier request is answered before the attempt guard: it spends no attempt.
      // The CURP is part of the key: the same attemptId with another CURP is another request.
      const key = await attempts.fingerprint(`${curp}\u0000${attemptId}`);
      opened = await attemptSessions.reuseOrOpen(key, isLiveIn(background), openSession);
    }

    if (!opened) {
      log({ event: 'attempt_limited', status: 429 });
      return c.json(
        proxyError(
          'daily_limit',
          'This CURP has used up its IMSS attempts for today. Please try again tomorrow.',
        ),
        429,
      );
    }
    if (opened.reused) {
      const tag = flow.current(opened.handle, background)?.tag;
      log({ event: 'attempt_repeated', ...(tag === undefined ? {} : { session: tag }) });
    }
    const created: CreateLinkResponse = { session: opened.handle, status: 'pending' };
    return c.json(created, 202);
  });

  app.get('/links/:session', async (c) => {
    const background = backgroundFor(c);
    const waitSeconds = parseWaitSeconds(c.req.query('wait'));
    if (waitSeconds === undefined) {
      return c.json(invalidRequest(`wait must be a number of seconds from 0 to ${MAX_WAIT_SECONDS}.`), 400);
    }
    const handle = c.req.param('session');
    let session = flow.current(handle, background);
    if (!session) return c.json(notFound(), 404);

    if (waitSeconds > 0 && session.status === 'pending' && progressOf(session) === session.told) {
      // Nothing new since the last answer: hold the request until the status or step changes, the wait is over, or
      // the session times out (then `current` below turns it into a timeout) — or the client goes away.
      const before = progressOf(session);
      const until = Math.min(now() + waitSeconds * 1000, flow.timesOutAt(session));
      for (;;) {
        // +1 ms: a timer firing on the very millisecond of the deadline must find it passed.
        const outcome = await waitForChange(changes, handle, until - now() + 1, c.req.raw.signal);
        session = flow.current(handle, background);
        if (!session) return c.json(notFound(), 404);
        if (outcome !== 'changed' || progressOf(session) !== before) break;
      }
    }
    // Only an answer that reaches the browser counts as told: to a client that went away, a step it never saw
    // must be reported again on its next poll, not waited past.
    if (!c.req.raw.signal.aborted) session.told = progressOf(session);
    return c.json(statusOf(session));
  });

  app.delete('/links/:session', (c) => {
    if (!flow.withdraw(c.req.param('session'), backgroundFor(c))) return c.json(notFound(), 404);
    return c.body(null, 204);
  });

  app.post(
    '/webhooks/belvo',
    bodyLimit({ maxSize: MAX_WEBHOOK_BODY_BYTES, onError: tooLarge }),
    async (c) => {
      if (!(await isAuthorizedWebhook(c.req.header('authorization'), options.webhookAuthorization))) {
        log({ event: 'webhook_rejected', status: 401 });
        return c.json(proxyError('unauthorized', 'Missing or wrong Authorization.'), 401);
      }
      // An authorised body the proxy cannot read is answered 400 and dropped. Belvo (its webhook documentation)
      // retries a delivery that is not answered 2xx, so it sends the same unreadable body a few more times, then
      // gives up: nothing that could have been used is lost. Any webhook naming a link (`link_id`) is accepted
      // (see BelvoWebhookSchema), so a readable one is never refused this way.
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        log({ event: 'webhook_rejected', status: 400 });
        return c.json(invalidRequest('The body is not JSON.'), 400);
      }
      const webhook = BelvoWebhookSchema.safeParse(body);
      if (!webhook.success) {
        log({ event: 'webhook_rejected', status: 400 });
        return c.json(
          invalidRequest(
            'The body is not a Belvo webhook: it must be a JSON object with a link_id.',
            describeIssues(webhook.error.issues, body),
          ),
          400,
        );
      }
      // Answer at once (Belvo expects a 2xx within seconds and retries otherwise); the download follows.
      const background = backgroundFor(c);
      background(flow.receiveWebhook(webhook.data, background));
      return c.body(null, 204);
    },
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
    log({ event: 'internal_error', code: error.name });
    return c.json(proxyError('internal_error', 'The proxy failed unexpectedly.'), 500);
  });

  return app;
}

/**
 * The `wait` query parameter in seconds, clamped to MAX_WAIT_SECONDS; 0 when absent, undefined when invalid.
 * @internal exported for tests
 */
export function parseWaitSeconds(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return 0;
  if (!/^\d+(\.\d+)?$/.test(value)) return undefined;
  return Math.min(Number(value), MAX_WAIT_SECONDS);
}

function statusOf(session: Session): LinkStatusResponse {
  return {
    status: session.status,
    ...(session.status === 'pending' && session.step ? { step: session.step } : {}),
    ...(session.summary ? { summary: session.summary } : {}),
    ...(session.error ? { error: session.error } : {}),
  };
}

function notFound(): ProxyErrorResponse {
  return proxyError('not_found', 'No such session: it never existed, expired or was deleted.');
}

function tooLarge(c: Context): Response {
  return c.json(proxyError('payload_too_large', 'The body is too large.'), 413);
}
