// The partner's backend, inside the story's page: the real proxy and the Belvo sandbox wired in-process by
// createDemoBackend, reached through the element's `fetch` property. The static Storybook build needs no server.
import type { Parameters } from '@storybook/web-components-vite';
import type { ProxyErrorResponse } from '../../src/contract/proxy-api.js';
import { createDemoBackend, type DemoBackendOptions } from '../../src/server/demo-backend.js';

/** Stands between the element and the proxy: answers a request itself, or passes it on with `proxy(request)`. */
export type Intercept = (
  request: Request,
  proxy: (request: Request) => Promise<Response>,
) => Promise<Response>;

/** What a story may ask of its backend, as `parameters.backend`. */
export interface StoryBackendOptions extends DemoBackendOptions {
  /** In front of the proxy: for answers the proxy never gives (a held request, a network failure…). */
  intercept?: Intercept;
}

export interface StoryBackend {
  /** For the element's `fetch` property. */
  fetch: typeof fetch;
  dispose(): void;
}

/**
 * Story defaults: a tenth of demo speed (a success lands in about 0.4 s), and an attempt guard that never trips,
 * so that re-rendering a story cannot end in `daily_limit`. The session timeout stays the demo's minute.
 */
const STORY_DEFAULTS: DemoBackendOptions = { timeScale: 0.1, attemptsPerCurp: 1000 };

export function createStoryBackend({ intercept, ...options }: StoryBackendOptions = {}): StoryBackend {
  const backend = createDemoBackend({ ...STORY_DEFAULTS, ...options });
  const proxy = (request: Request) => backend.fetch(request);
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    // The element calls `{endpoint}/links…` with a path: resolve it against the page, as the browser would.
    const request =
      input instanceof Request
        ? new Request(input, init)
        : new Request(new URL(String(input), location.href), init);
    return intercept ? intercept(request, proxy) : proxy(request);
  }) as typeof globalThis.fetch;
  return { fetch, dispose: () => backend.dispose() };
}

/**
 * Loader: a fresh backend for each render of a story, configured by `parameters.backend`, handed to `render` as
 * `loaded.backend`. A fresh one per story means no state (sessions, attempt counts) leaks between stories.
 */
export const loadBackend = ({ parameters }: { parameters: Parameters }) => ({
  backend: createStoryBackend(parameters.backend as StoryBackendOptions | undefined),
});

/** beforeEach: disposes the story's backend (its pending webhooks) when the story is unmounted. */
export const disposeBackend = ({ loaded }: { loaded: Record<string, unknown> }) => {
  const backend = loaded.backend as StoryBackend | undefined;
  return () => backend?.dispose();
};

const isLinkCreation = (request: Request) =>
  request.method === 'POST' && new URL(request.url).pathname.endsWith('/links');

/** The proxy never answers `POST /links` (until the element aborts it): the element stays in `submitting`. */
export const holdLinkCreation: Intercept = (request, proxy) =>
  isLinkCreation(request)
    ? new Promise((_, reject) =>
        request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true }),
      )
    : proxy(request);

/** Every request fails as an unreachable proxy does in a browser: the fetch rejects with a TypeError. */
export const networkDown: Intercept = () => Promise.reject(new TypeError('Failed to fetch'));

/**
 * The proxy refuses the CURP with 422 although the browser accepted it. Only reachable when the two disagree (e.g.
 * a proxy with newer CURP rules, or a clock on the other side of a birthday): the real proxy runs the same
 * parseCurp, so a story has to fake its answer.
 */
export const proxyRefusesCurp =
  (reason: string): Intercept =>
  (request, proxy) => {
    if (!isLinkCreation(request)) return proxy(request);
    const body: ProxyErrorResponse = {
      error: { code: 'invalid_curp', reason, message: `The CURP is not valid (${reason}).` },
    };
    return Promise.resolve(Response.json(body, { status: 422 }));
  };

/** A fixed Belvo request id, so that the support reference shown in these stories does not change. */
export const BELVO_REQUEST_ID = '5c0ffee0ddba11ad5eed0fca7b0b0a42';

/**
 * For `belvoFetch`: Belvo answers `POST /api/links/` with its error array (what the sandbox has no scripted CURP
 * for); everything else goes to the sandbox.
 */
export const belvoAnswersLinkWith =
  (status: number, code: string, message: string): NonNullable<DemoBackendOptions['belvoFetch']> =>
  (request, sandbox) =>
    request.method === 'POST' && new URL(request.url).pathname === '/api/links/'
      ? Promise.resolve(
          Response.json([{ request_id: BELVO_REQUEST_ID, code, message, field: null }], { status }),
        )
      : sandbox(request);
