// Stand-ins for what the real proxy and the Belvo sandbox never do on purpose, shared by the component tests (run in
// the browser by web-test-runner, and in Node by the test backend) and the stories (bundled by Storybook's Vite):
// a network that fails, holds a request or loses an answer, and Belvo answers the sandbox has no scripted CURP for.
//
// Each is an `Intercept`: it sees a request before the proxy (as the element's `fetch`, through interceptedFetch)
// or before the sandbox (as createDemoBackend's `belvoFetch`), and answers it itself or passes it on to `next`.
import { BELVO_ERROR_MESSAGES, belvoError, throttledMessage } from '../../src/sandbox/belvo-errors.js';
import { IMSS_MESSAGES } from '../../src/sandbox/scenarios.js';

export type Intercept = (
  request: Request,
  next: (request: Request) => Promise<Response>,
) => Promise<Response>;

/**
 * A fetch for the element's `fetch` property: each request, as a `Request` (a path resolved against the page, as
 * the browser does), goes through `intercept` on its way to `next`.
 */
export function interceptedFetch(
  intercept: Intercept | undefined,
  next: (request: Request) => Promise<Response>,
): typeof fetch {
  return (input, init) => {
    const request = new Request(
      input instanceof Request ? input : new URL(String(input), location.href),
      init,
    );
    return intercept ? intercept(request, next) : next(request);
  };
}

// ── Between the element and the proxy ──────────────────────────────────────────────────────────────────────────

/** The element's `POST {endpoint}/links`. */
export const isLinkCreation = (request: Request) =>
  request.method === 'POST' && new URL(request.url).pathname.endsWith('/links');

/** What a browser's fetch does when the server cannot be reached: it rejects with a TypeError. */
export const networkFailure = (): Promise<never> => Promise.reject(new TypeError('Failed to fetch'));

/** No answer: settles only when `signal` aborts (a timeout, a cancel), rejecting with its reason, as fetch does. */
export const noAnswer = (signal: AbortSignal | null | undefined): Promise<never> =>
  new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }));

/** Every request fails as it does when the proxy cannot be reached. */
export const networkDown: Intercept = networkFailure;

/**
 * Holds `POST /links` until `release()` (forever if it is never called), then passes it on: meanwhile the element
 * stays at its first step with no session. A request aborted while held rejects, as fetch does.
 */
export function heldLinkCreation(): { intercept: Intercept; release: () => void } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const intercept: Intercept = async (request, next) => {
    if (isLinkCreation(request)) await Promise.race([released, noAnswer(request.signal)]);
    return next(request);
  };
  return { intercept, release };
}

/**
 * The first `POST /links` reaches the proxy, but its answer is lost on the way back: the fetch rejects, as when the
 * connection drops. `lost` receives the body of that answer, which the element never saw.
 */
export function firstLinkAnswerLost(): { intercept: Intercept; lost: unknown[] } {
  const lost: unknown[] = [];
  const intercept: Intercept = async (request, next) => {
    const response = await next(request);
    if (!isLinkCreation(request) || lost.length) return response;
    lost.push(await response.json());
    return networkFailure();
  };
  return { intercept, lost };
}

// ── Between the proxy and Belvo (createDemoBackend's `belvoFetch`) ─────────────────────────────────────────────

/** Belvo's `request_id` in the scripted error answers, so that the support reference the element shows is known. */
export const SCRIPTED_REQUEST_ID = '5c0ffee0ddba11ad5eed0fca7b0b0a42';

/** The proxy's `POST /api/links/` to Belvo. */
export const isBelvoLinkCreation = (request: Request) =>
  request.method === 'POST' && new URL(request.url).pathname === '/api/links/';

/** A Belvo error answer: its error array, with one error (and SCRIPTED_REQUEST_ID). */
export const belvoErrorAnswer = (status: number, code: string, message: string): Response =>
  Response.json([belvoError(code, message, { requestId: SCRIPTED_REQUEST_ID })], { status });

/**
 * Belvo's answers to a link request that no scripted CURP of the sandbox gives, as `[status, code, message]`: for the
 * test backend's test-only CURPs and for the error stories.
 */
export const BELVO_REFUSALS = {
  /** IMSS disagrees with the proxy about a CURP's length. */
  curpLength: [400, 'login_error', IMSS_MESSAGES.curpLength],
  /** An IMSS text the proxy does not know. */
  imssRejected: [400, 'login_error', 'No es posible atender tu solicitud en este momento.'],
  /** Two texts of IMSS that Belvo documents, each with a code of its own. */
  imssVisitRequired: [
    400,
    'login_error',
    'Es necesario que acudas a la subdelegación más cercana a tu domicilio a presentar tu trámite',
  ],
  emailInUse: [400, 'login_error', 'El correo ya está registrado con otro CURP'],
  serviceError: [500, 'unexpected_error', BELVO_ERROR_MESSAGES.unexpected],
  serviceBusy: [429, 'throttled', throttledMessage(3600)],
} as const;

/** Belvo's 429 with a Retry-After of an hour, longer than the proxy waits: it gives up at once, `service_busy`. */
export const belvoThrottledAnswer = (): Response => {
  const answer = belvoErrorAnswer(...BELVO_REFUSALS.serviceBusy);
  answer.headers.set('Retry-After', '3600');
  return answer;
};

/** Belvo answers every link request with belvoThrottledAnswer; every other request reaches the sandbox. */
export const belvoThrottlesLinks: Intercept = (request, sandbox) =>
  isBelvoLinkCreation(request) ? Promise.resolve(belvoThrottledAnswer()) : sandbox(request);

/** Belvo answers every link request with this error; every other request reaches the sandbox. */
export const belvoRefusesLinks =
  (status: number, code: string, message: string): Intercept =>
  (request, sandbox) =>
    isBelvoLinkCreation(request)
      ? Promise.resolve(belvoErrorAnswer(status, code, message))
      : sandbox(request);

/**
 * Adds `attemptsLeft` to the proxy's failed poll answers, as a proxy that counts the CURP's daily checks does (the
 * element shows "Te quedan N intentos hoy").
 */
export const withAttemptsLeft =
  (attemptsLeft: number): Intercept =>
  async (request, next) => {
    const response = await next(request);
    if (request.method !== 'GET') return response;
    const body = await response.json();
    if (body.error) body.error.attemptsLeft = attemptsLeft;
    return Response.json(body, { status: response.status });
  };

/** The proxy answers `POST /links` with 404, as a wrong `endpoint` gets: the element reports `configuration`. */
export const noProxyAtEndpoint: Intercept = (request, next) =>
  isLinkCreation(request)
    ? Promise.resolve(Response.json({ error: { code: 'not_found', message: 'Not found' } }, { status: 404 }))
    : next(request);
