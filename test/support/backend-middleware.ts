// Mounts the demo backend (the real proxy + the in-process Belvo sandbox, at test speed) on @web/test-runner's
// dev server at /api/imss, so component tests talk HTTP to the same backend `npm start` runs.
//
// Belvo is the one party outside the product, so it is the one the tests script: `belvoFetch` stands in front of
// the sandbox and answers the link requests of the test-only CURPs of test-backend.ts (an IMSS text the proxy does
// not know, a Belvo failure, a slow or briefly unavailable IMSS); every other request reaches the sandbox, which
// plays its own scripted CURPs (src/sandbox/scenarios.ts) and succeeds for any other valid CURP. What the script
// remembers ("the first request was refused already") is kept per `external_id`, which each test draws afresh.
//
// Every link creation takes LINK_LATENCY_MS, as Belvo's does (it logs into IMSS before answering): the in-process
// sandbox would otherwise create the link before the element's first poll reaches the proxy, and the proxy holds
// a poll until the session changes *after* it arrived, so the element would never see the "retrieving" step.
//
// Beside it: one-attempt backends (one retrieval per CURP, to reach the proxy's own 429), one per key, and the log of
// the link requests scripted Belvo received, per `external_id` (see test-backend.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { createDemoBackend, DEMO_BASE_PATH, type DemoBackendOptions } from '../../src/server/demo-backend.js';
import { BELVO_ERROR_MESSAGES } from '../../src/sandbox/belvo-errors.js';
import { IMSS_MESSAGES } from '../../src/sandbox/scenarios.js';
import {
  BELVO_REFUSALS,
  belvoErrorAnswer,
  belvoThrottledAnswer,
  isBelvoLinkCreation,
} from './interceptors.js';
import {
  BELVO_LOG,
  DELIVERED,
  MINIMAL_DELIVERY_BACKEND,
  ONE_ATTEMPT_BACKENDS,
  TEST_APPLICANT_HEADER,
  TEST_CURPS,
  type BelvoLinkRequest,
} from './test-backend.js';

/** The part of a Koa context this middleware uses (the dev server is Koa-based). */
interface KoaContext {
  path: string;
  req: IncomingMessage;
  res: ServerResponse;
  respond?: boolean;
  body?: unknown;
}

/** Test speed: the sandbox's 4 s become 40 ms, and a missing webhook times out in 3 s. */
const TEST_BACKEND: DemoBackendOptions = {
  timeScale: 0.01,
  sessionTimeoutMs: 3000,
  // Component tests run the same CURPs again and again; the real limit (3 a day) would stop them.
  attemptsPerCurp: 1000,
  limits: false,
  authorize: (request) => {
    const applicant = request.headers.get(TEST_APPLICANT_HEADER) ?? 'tester';
    if (applicant === 'none') return { refuse: 'unauthenticated' };
    if (applicant === 'stranger') return { refuse: 'forbidden' };
    return applicant;
  },
};

/** The summaries the minimal-delivery backend's `onSummary` received, per session handle. */
const delivered = new Map<string, { curp: string }[]>();

type BelvoFetch = NonNullable<DemoBackendOptions['belvoFetch']>;

/** How long Belvo takes to create a link (seconds for IMSS; at test speed, a tenth of one). */
const LINK_LATENCY_MS = 100;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The link requests scripted Belvo received, per `external_id`: shared by every backend of the server. */
const belvoLog = new Map<string, BelvoLinkRequest[]>();

/** Belvo's answers to `POST /api/links/` for the test-only CURPs; the sandbox answers everything else. */
function scriptedBelvo(): BelvoFetch {
  /** `username external_id` pairs whose first link request was refused already. */
  const refusedOnce = new Set<string>();
  const firstFor = (username: string, externalId: string | undefined) => {
    const key = `${username} ${externalId}`;
    if (refusedOnce.has(key)) return false;
    refusedOnce.add(key);
    return true;
  };
  const answer = async (
    username: string,
    externalId: string | undefined,
    request: Request,
    sandbox: (request: Request) => Promise<Response>,
  ) => {
    await delay(LINK_LATENCY_MS);
    switch (username) {
      case TEST_CURPS.curpLength:
        return belvoErrorAnswer(...BELVO_REFUSALS.curpLength);
      case TEST_CURPS.imssRejected:
        return belvoErrorAnswer(...BELVO_REFUSALS.imssRejected);
      case TEST_CURPS.imssVisitRequired:
        return belvoErrorAnswer(...BELVO_REFUSALS.imssVisitRequired);
      case TEST_CURPS.emailInUse:
        return belvoErrorAnswer(...BELVO_REFUSALS.emailInUse);
      case TEST_CURPS.serviceError:
        return belvoErrorAnswer(...BELVO_REFUSALS.serviceError);
      case TEST_CURPS.serviceBusy:
        return belvoThrottledAnswer();
      case TEST_CURPS.slowLink:
        await delay(2000);
        break;
      case TEST_CURPS.unavailableOnce:
        if (firstFor(username, externalId))
          return belvoErrorAnswer(400, 'institution_unavailable', IMSS_MESSAGES.institutionUnavailable);
        break;
      case TEST_CURPS.busyOnce:
        if (firstFor(username, externalId))
          return belvoErrorAnswer(503, 'service_unavailable', BELVO_ERROR_MESSAGES.serviceUnavailable);
    }
    return sandbox(request);
  };
  return async (request, sandbox) => {
    if (!isBelvoLinkCreation(request)) return sandbox(request);
    const { username = '', external_id: externalId } = (await request.clone().json()) as {
      username?: string;
      external_id?: string;
    };
    const response = await answer(username, externalId, request, sandbox);
    if (externalId !== undefined) {
      const log = belvoLog.get(externalId) ?? [];
      belvoLog.set(externalId, [...log, { username, status: response.status }]);
    }
    return response;
  };
}

const under = (path: string, base: string) => path === base || path.startsWith(`${base}/`);

export function backendMiddleware(options: DemoBackendOptions = {}) {
  // Created on first use, so merely loading the test-runner config starts nothing.
  let main: Listener | undefined;
  let minimal: Listener | undefined;
  const oneAttempt = new Map<string, Listener>();
  return async (ctx: KoaContext, next: () => Promise<void>): Promise<void> => {
    if (under(ctx.path, BELVO_LOG)) {
      ctx.body = belvoLog.get(decodeURIComponent(ctx.path.slice(BELVO_LOG.length + 1))) ?? [];
      return;
    }
    if (under(ctx.path, DELIVERED)) {
      ctx.body = delivered.get(decodeURIComponent(ctx.path.slice(DELIVERED.length + 1))) ?? [];
      return;
    }
    let listener: Listener;
    if (under(ctx.path, MINIMAL_DELIVERY_BACKEND)) {
      listener = minimal ??= listen({
        ...options,
        browserDelivery: 'minimal',
        onSummary: (summary, { session }) =>
          void delivered.set(session, [...(delivered.get(session) ?? []), { curp: summary.curp }]),
      });
      ctx.req.url = `${DEMO_BASE_PATH}${ctx.req.url!.slice(MINIMAL_DELIVERY_BACKEND.length)}`;
    } else if (under(ctx.path, ONE_ATTEMPT_BACKENDS)) {
      // `/api/imss-one-attempt/{key}/links…`: the key's own backend, mounted at DEMO_BASE_PATH like the main one.
      const [key = '', ...rest] = ctx.req.url!.slice(ONE_ATTEMPT_BACKENDS.length + 1).split('/');
      listener = oneAttempt.get(key) ?? listen({ ...options, attemptsPerCurp: 1 });
      oneAttempt.set(key, listener);
      ctx.req.url = `${DEMO_BASE_PATH}/${rest.join('/')}`;
    } else if (under(ctx.path, DEMO_BASE_PATH)) {
      listener = main ??= listen(options);
    } else {
      return next();
    }
    ctx.respond = false; // Hono writes the response itself
    await listener(ctx.req, ctx.res);
  };
}

type Listener = ReturnType<typeof getRequestListener>;

const listen = (options: DemoBackendOptions): Listener =>
  getRequestListener(createDemoBackend({ ...TEST_BACKEND, belvoFetch: scriptedBelvo(), ...options }).fetch);
