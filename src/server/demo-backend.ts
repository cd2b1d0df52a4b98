import { Hono } from 'hono';
import { createImssProxy, type AuthorizeResult, type ImssProxyOptions } from '../proxy/index.js';
import { createBelvoSandbox } from '../sandbox/index.js';
import { DEMO_APPLICANTS } from '../demo/demo-applicants.js';
import { constantTimeEqual } from '../internal/constant-time.js';

/**
 * The whole backend of the demo in one process, with no network and no Belvo account: the proxy mounted at
 * `/api/imss`, talking to the embedded Belvo sandbox through plain function calls (the proxy's Belvo `fetch` is
 * the sandbox's, and the sandbox delivers its webhooks by calling the proxy's app directly).
 *
 * Web-standard only, so the same wiring serves `npm start` (Node), the component tests' dev server, and
 * Storybook, where it runs inside the browser page.
 */
export interface DemoBackendOptions extends Pick<
  ImssProxyOptions,
  | 'sessionTtlMs'
  | 'attemptsPerCurp'
  | 'limits'
  | 'authorize'
  | 'clientAddress'
  | 'onSummary'
  | 'browserDelivery'
  | 'logger'
  | 'state'
  | 'secret'
  | 'stopping'
  | 'institution'
  | 'allowedOrigins'
> {
  // The options above are the proxy's, given to it as they are (see ImssProxyOptions); `institution` also names the
  // sandbox's IMSS. The demo's own:
  /** Multiplies the sandbox's simulated delays: 1 = demo speed (data in ≈ 4 s), 0.01 for tests. Default 1. */
  timeScale?: number;
  /** The proxy's session timeout, in ms. Default 60 000, so the demo's "no webhook" scenario ends in a minute. */
  sessionTimeoutMs?: number;
  /**
   * The demo page's fake sign-in (`npm start` with the sandbox): `authorize` is authorizeDemoApplicant, so every
   * request needs one of the demo applicants' bearer tokens (else 401) and each session belongs to its applicant.
   * Overrides `authorize`. Default off: open, as Storybook and the component tests use it.
   */
  demoApplicants?: boolean;
  /** Sandbox knobs for tests: results per page (default 10), webhooks twice, link answers held back. */
  pageSize?: number;
  duplicateWebhooks?: boolean;
  linkResponseDelayMs?: number;
  /**
   * Stands between the proxy and the sandbox, to show Belvo answers the sandbox has no scripted CURP for
   * (an outage, an unexpected IMSS text): it receives each request and the sandbox, and answers. Default: the sandbox.
   */
  belvoFetch?: (request: Request, sandbox: (request: Request) => Promise<Response>) => Promise<Response>;
}

interface DemoBackend {
  /** Where the proxy is mounted. */
  readonly basePath: string;
  /** Answers a request for `{basePath}/…` (anything else: 404); `env` as the runtime gives it (the client's address). */
  fetch(request: Request, env?: unknown): Promise<Response>;
  /** Cancels the sandbox's pending webhooks. */
  dispose(): void;
}

export const DEMO_BASE_PATH = '/api/imss';

/**
 * Made-up credentials shared by the two halves. They protect nothing (both live in this process) but keep the
 * wiring honest: the proxy authenticates to the sandbox, and the sandbox's webhooks to the proxy, exactly as
 * with Belvo.
 */
const DEMO_CREDENTIALS = {
  secretId: 'sandbox-secret-id',
  secretPassword: 'sandbox-secret-password',
  webhookAuthorization: 'Bearer sandbox-webhook-token',
} as const;

/** A host name that is never resolved: requests to it go to the sandbox in-process. */
const SANDBOX_BASE_URL = 'https://belvo-sandbox.invalid';
const PROXY_ORIGIN = 'https://imss-proxy.invalid';

/**
 * The demo's `authorize`, the bearer-token pattern of the README's "Applicants": the applicant whose token is in
 * `Authorization: Bearer …`, or 401. A real one verifies the token (its signature, or your session store) and, on
 * `POST /links`, matches `curp` against the applicant's verified identity; the demo's people are invented, so any
 * CURP is theirs.
 */
export function authorizeDemoApplicant(request: Request): AuthorizeResult {
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization')?.trim() ?? '')?.[1];
  if (token === undefined) return { refuse: 'unauthenticated' };
  const given = bytes(token);
  const applicant = DEMO_APPLICANTS.find(({ token: known }) => constantTimeEqual(bytes(known), given));
  return applicant?.id ?? { refuse: 'unauthenticated' };
}

function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function createDemoBackend(options: DemoBackendOptions = {}): DemoBackend {
  const root = new Hono();
  const callRoot = ((input: RequestInfo | URL, init?: RequestInit) =>
    Promise.resolve(root.fetch(new Request(input, init)))) as typeof fetch;

  const {
    timeScale = 1,
    sessionTimeoutMs = 60_000,
    demoApplicants,
    pageSize,
    duplicateWebhooks,
    linkResponseDelayMs,
    belvoFetch,
    ...proxyOptions
  } = options;

  const sandbox = createBelvoSandbox({
    secretId: DEMO_CREDENTIALS.secretId,
    secretPassword: DEMO_CREDENTIALS.secretPassword,
    webhookUrl: `${PROXY_ORIGIN}${DEMO_BASE_PATH}/webhooks/belvo`,
    webhookAuthorization: DEMO_CREDENTIALS.webhookAuthorization,
    timeScale,
    fetch: callRoot,
    ...(options.institution === undefined ? {} : { institutions: [options.institution] }),
    ...(pageSize === undefined ? {} : { pageSize }),
    ...(duplicateWebhooks === undefined ? {} : { duplicateWebhooks }),
    ...(linkResponseDelayMs === undefined ? {} : { linkResponseDelayMs }),
  });

  const proxy = createImssProxy({
    ...proxyOptions,
    belvo: {
      baseUrl: SANDBOX_BASE_URL,
      secretId: DEMO_CREDENTIALS.secretId,
      secretPassword: DEMO_CREDENTIALS.secretPassword,
      fetch: ((input: RequestInfo | URL, init?: RequestInit) => {
        const request = new Request(input, init);
        return belvoFetch ? belvoFetch(request, sandbox.fetch) : sandbox.fetch(request);
      }) as typeof fetch,
    },
    webhookAuthorization: DEMO_CREDENTIALS.webhookAuthorization,
    sessionTimeoutMs,
    ...(demoApplicants ? { authorize: authorizeDemoApplicant } : {}),
  });
  root.route(DEMO_BASE_PATH, proxy);

  return {
    basePath: DEMO_BASE_PATH,
    fetch: async (request, env) => root.fetch(request, env),
    dispose: () => sandbox.dispose(),
  };
}
