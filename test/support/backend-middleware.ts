// Mounts the demo backend (the real proxy + the in-process Belvo sandbox, at test speed) on @web/test-runner's
// dev server at /api/imss, so component tests talk HTTP to the same backend `npm start` runs.
//
// Belvo is the one party outside the product, so it is the one the tests script: `belvoFetch` stands in front of
// the sandbox and answers the link requests of the test-only CURPs of test-backend.ts (an IMSS text the proxy does
// not know, a Belvo failure, a slow or briefly unavailable IMSS); every other request reaches the sandbox, which
// plays its own scripted CURPs (src/sandbox/scenarios.ts) and succeeds for any other valid CURP.
//
// Every link creation takes LINK_LATENCY_MS, as Belvo's does (it logs into IMSS before answering): the in-process
// sandbox would otherwise create the link before the element's first poll reaches the proxy, and the proxy holds
// a poll until the session changes *after* it arrived, so the element would never see the "retrieving" step.
//
// A second instance at ONE_ATTEMPT_BACKEND allows one retrieval per CURP, to reach the proxy's own 429.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { createDemoBackend, DEMO_BASE_PATH, type DemoBackendOptions } from '../../src/server/demo-backend.js';
import { BELVO_ERROR_MESSAGES } from '../../src/sandbox/belvo-errors.js';
import { IMSS_MESSAGES } from '../../src/sandbox/scenarios.js';
import { ONE_ATTEMPT_BACKEND, SCRIPTED_REQUEST_ID, TEST_CURPS } from './test-backend.js';

/** The part of a Koa context this middleware uses (the dev server is Koa-based). */
interface KoaContext {
  path: string;
  req: IncomingMessage;
  res: ServerResponse;
  respond?: boolean;
}

/** Test speed: the sandbox's 4 s become 40 ms, and a missing webhook times out in 3 s. */
const TEST_BACKEND: DemoBackendOptions = {
  timeScale: 0.01,
  sessionTimeoutMs: 3000,
  // Component tests run the same CURPs again and again; the real limit (3 a day) would stop them.
  attemptsPerCurp: 1000,
};

type BelvoFetch = NonNullable<DemoBackendOptions['belvoFetch']>;

/** How long Belvo takes to create a link (seconds for IMSS; at test speed, a tenth of one). */
const LINK_LATENCY_MS = 100;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const belvoErrors = (status: number, code: string, message: string) =>
  Response.json([{ request_id: SCRIPTED_REQUEST_ID, code, message, field: null }], { status });

/** Belvo's answers to `POST /api/links/` for the test-only CURPs; the sandbox answers everything else. */
function scriptedBelvo(): BelvoFetch {
  const unavailableSeen = new Set<string>();
  return async (request, sandbox) => {
    if (request.method !== 'POST' || new URL(request.url).pathname !== '/api/links/') return sandbox(request);
    const { username } = (await request.clone().json()) as { username?: string };
    await delay(LINK_LATENCY_MS);
    switch (username) {
      case TEST_CURPS.curpLength:
        return belvoErrors(400, 'login_error', IMSS_MESSAGES.curpLength);
      case TEST_CURPS.imssRejected:
        return belvoErrors(400, 'login_error', 'No es posible atender tu solicitud en este momento.');
      case TEST_CURPS.serviceError:
        return belvoErrors(500, 'unexpected_error', BELVO_ERROR_MESSAGES.unexpected);
      case TEST_CURPS.slowLink:
        await delay(2000);
        return sandbox(request);
    }
    if (
      (TEST_CURPS.unavailableOnce as readonly unknown[]).includes(username) &&
      !unavailableSeen.has(username!)
    ) {
      unavailableSeen.add(username!);
      return belvoErrors(400, 'institution_unavailable', IMSS_MESSAGES.institutionUnavailable);
    }
    return sandbox(request);
  };
}

const under = (path: string, base: string) => path === base || path.startsWith(`${base}/`);

export function backendMiddleware(options: DemoBackendOptions = {}) {
  let listeners: { main: Listener; oneAttempt: Listener } | undefined;
  return async (ctx: KoaContext, next: () => Promise<void>): Promise<void> => {
    const oneAttempt = under(ctx.path, ONE_ATTEMPT_BACKEND);
    if (!oneAttempt && !under(ctx.path, DEMO_BASE_PATH)) return next();
    // Created on first use, so merely loading the test-runner config starts nothing.
    listeners ??= {
      main: listen({ ...TEST_BACKEND, belvoFetch: scriptedBelvo(), ...options }),
      oneAttempt: listen({ ...TEST_BACKEND, belvoFetch: scriptedBelvo(), ...options, attemptsPerCurp: 1 }),
    };
    // The second instance is mounted at DEMO_BASE_PATH too: it sees the path without its own prefix.
    if (oneAttempt) ctx.req.url = DEMO_BASE_PATH + ctx.req.url!.slice(ONE_ATTEMPT_BACKEND.length);
    ctx.respond = false; // Hono writes the response itself
    await (oneAttempt ? listeners.oneAttempt : listeners.main)(ctx.req, ctx.res);
  };
}

type Listener = ReturnType<typeof getRequestListener>;

const listen = (options: DemoBackendOptions): Listener =>
  getRequestListener(createDemoBackend(options).fetch);
