// The partner's backend, inside the story's page: the real proxy and the Belvo sandbox wired in-process by
// createDemoBackend, reached through the element's `fetch` property. The static Storybook build needs no server.
import type { Parameters } from '@storybook/web-components-vite';
import type { ProxyErrorResponse } from '../../src/contract/proxy-api.js';
import { createDemoBackend, type DemoBackendOptions } from '../../src/server/demo-backend.js';
// The stand-ins for the network and for Belvo are the component tests' own: one module for both.
import { interceptedFetch, isLinkCreation, type Intercept } from '../../test/support/interceptors.js';

/** What a story may ask of its backend, as `parameters.backend`. */
export interface StoryBackendOptions extends DemoBackendOptions {
  /**
   * In front of the proxy: for answers the proxy never gives (a held request, a network failure…), from
   * test/support/interceptors.ts.
   */
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
  return { fetch: interceptedFetch(intercept, backend.fetch), dispose: () => backend.dispose() };
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

/**
 * The proxy refuses the CURP with 422 although the browser accepted it. Only reachable when the two disagree (e.g.
 * a proxy with newer CURP rules, or a clock on the other side of midnight): the real proxy runs the same rules, so a
 * story has to fake its answer.
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
