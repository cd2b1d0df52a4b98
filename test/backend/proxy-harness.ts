// Helpers shared by the proxy's tests: real HTTP servers on loopback, and a client that uses the proxy's public API
// the way the element does.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { LinkStatusResponse } from '../../src/contract/proxy-api.js';
import { createImssProxy, type ImssProxyOptions, type ProxyLogEntry } from '../../src/proxy/index.js';
import { belvoError as belvoErrorItem } from '../../src/sandbox/belvo-errors.js';
import { createBelvoSandbox, type BelvoSandboxOptions } from '../../src/sandbox/index.js';
import { freshState, onRedis, TEST_SECRET } from './test-state.js';

export const SECRET_ID = 'test-secret-id';
export const SECRET_PASSWORD = 'test-secret-password';
export const WEBHOOK_AUTHORIZATION = 'Bearer test-webhook-token-0123456789';
export const PROXY_BASE_PATH = '/api/imss';

export interface Listening {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  close(): Promise<void>;
}

/** Serves a fetch handler on 127.0.0.1 on a free port. */
export function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<Listening> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            // Long polls and keep-alive sockets would otherwise hold close() open.
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** A port nothing listens on (opened, then closed). */
export async function closedPort(): Promise<string> {
  const probe = await listen(() => new Response(null));
  await probe.close();
  return probe.url;
}

type ProxyTestOptions = Omit<ImssProxyOptions, 'webhookAuthorization' | 'belvo'> & {
  belvo: Partial<ImssProxyOptions['belvo']> & { baseUrl: string };
};

/**
 * The proxy's options for tests: the test keys, fast retries, every log entry pushed to `logs`, and the state under
 * test (the default memory state, or a Redis state of its own with PROXY_TEST_STATE=redis) unless one is given.
 */
async function proxyOptions(options: ProxyTestOptions, logs: ProxyLogEntry[]): Promise<ImssProxyOptions> {
  const state = options.state ?? (onRedis ? await freshState('redis') : undefined);
  return {
    // The proxy's tests repeat CURPs and sessions far faster than anyone would: the abuse tests turn limits on.
    limits: false,
    ...options,
    ...(state ? { state, secret: options.secret ?? TEST_SECRET } : {}),
    belvo: { secretId: SECRET_ID, secretPassword: SECRET_PASSWORD, retryBaseDelayMs: 5, ...options.belvo },
    webhookAuthorization: WEBHOOK_AUTHORIZATION,
    logger: (entry) => {
      logs.push(entry);
      options.logger?.(entry);
    },
  };
}

export interface RunningProxy extends Listening {
  /** The proxy's root, e.g. `http://127.0.0.1:PORT/api/imss`. */
  api: string;
  webhookUrl: string;
  logs: ProxyLogEntry[];
  client: ProxyClient;
}

/** The proxy, mounted at /api/imss as the partner would mount it, on its own port; logs captured. */
export async function startProxy(options: ProxyTestOptions): Promise<RunningProxy> {
  const logs: ProxyLogEntry[] = [];
  const proxy = createImssProxy(await proxyOptions(options, logs));
  const root = new Hono().route(PROXY_BASE_PATH, proxy);
  const server = await listen(root.fetch);
  const api = `${server.url}${PROXY_BASE_PATH}`;
  return { ...server, api, webhookUrl: `${api}/webhooks/belvo`, logs, client: new ProxyClient(api) };
}

export interface EdgeProxy {
  /** Calls the proxy (mounted at /api/imss) with `path` relative to its root, as an edge runtime would. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** `POST /links` for `curp`: the session handle (throws unless answered 202). */
  start(curp: string): Promise<string>;
  /** Every task the proxy handed to `executionCtx.waitUntil`, in order. */
  tasks: Promise<unknown>[];
  /** Resolves once every task handed over so far, and any handed over meanwhile, has settled (as a runtime waits). */
  settle(): Promise<void>;
  logs: ProxyLogEntry[];
}

/**
 * The proxy as a bare fetch handler, no HTTP server, given an edge runtime's execution context: for what only such
 * a runtime shows (the work handed to `waitUntil`), and for requests no HTTP client sends (one already aborted).
 */
export async function edgeProxy(options: ProxyTestOptions): Promise<EdgeProxy> {
  const logs: ProxyLogEntry[] = [];
  const tasks: Promise<unknown>[] = [];
  const root = new Hono().route(PROXY_BASE_PATH, createImssProxy(await proxyOptions(options, logs)));
  const executionCtx = {
    waitUntil: (task: Promise<unknown>) => void tasks.push(task),
    passThroughOnException: () => {},
    props: {},
  };
  const fetch: EdgeProxy['fetch'] = async (path, init) =>
    root.fetch(new Request(`https://proxy.test${PROXY_BASE_PATH}${path}`, init), {}, executionCtx);
  return {
    fetch,
    async start(curp) {
      const created = await fetch('/links', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ curp }),
      });
      if (created.status !== 202) throw new Error(`POST /links answered ${created.status}`);
      return ((await created.json()) as { session: string }).session;
    },
    tasks,
    async settle() {
      for (let settled = 0; settled < tasks.length;) {
        const pending = tasks.slice(settled);
        settled = tasks.length;
        await Promise.allSettled(pending);
      }
    },
    logs,
  };
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

async function answerOf<T>(response: Response): Promise<Answer<T>> {
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : undefined) as T,
    headers: response.headers,
  };
}

/** Talks to the proxy like the element does; `headers` go with every request (e.g. an applicant's credentials). */
export class ProxyClient {
  constructor(
    readonly api: string,
    readonly headers: Record<string, string> = {},
  ) {}

  async create(
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<Record<string, unknown>>> {
    const response = await fetch(`${this.api}/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.headers, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return answerOf(response);
  }

  /** Starts a retrieval and returns the session handle (asserting the 202). */
  async start(curp: string, externalId?: string): Promise<string> {
    const answer = await this.create(externalId ? { curp, externalId } : { curp });
    if (answer.status !== 202)
      throw new Error(`POST /links answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body['session'] as string;
  }

  async status(
    session: string,
    wait?: number | string,
    signal?: AbortSignal,
  ): Promise<Answer<LinkStatusResponse>> {
    const query = wait === undefined ? '' : `?wait=${wait}`;
    const response = await fetch(`${this.api}/links/${session}${query}`, {
      headers: this.headers,
      ...(signal ? { signal } : {}),
    });
    return answerOf(response);
  }

  async delete(session: string): Promise<Answer> {
    return answerOf(await fetch(`${this.api}/links/${session}`, { method: 'DELETE', headers: this.headers }));
  }

  /** Polls until Belvo has created the link (step `retrieving`), or the session is over. */
  async linked(session: string, limitMs = 5000): Promise<LinkStatusResponse> {
    const giveUp = Date.now() + limitMs;
    for (;;) {
      const answer = await this.status(session);
      if (answer.status !== 200) throw new Error(`GET /links/{session} answered ${answer.status}`);
      if (answer.body.status !== 'pending' || answer.body.step === 'retrieving') return answer.body;
      if (Date.now() > giveUp) throw new Error(`no link after ${limitMs} ms`);
      await delay(10);
    }
  }

  /** Long-polls until the session is no longer pending; fails after `limitMs`. */
  async outcome(session: string, limitMs = 10_000): Promise<LinkStatusResponse> {
    const giveUp = Date.now() + limitMs;
    for (;;) {
      const answer = await this.status(session, 5);
      if (answer.status !== 200) throw new Error(`GET /links/{session} answered ${answer.status}`);
      if (answer.body.status !== 'pending') return answer.body;
      if (Date.now() > giveUp)
        throw new Error(`still pending after ${limitMs} ms (step ${answer.body.step})`);
    }
  }

  /** Start, then wait for the outcome. */
  async run(curp: string, limitMs?: number): Promise<LinkStatusResponse> {
    return this.outcome(await this.start(curp), limitMs);
  }
}

/** POSTs a webhook to the proxy over HTTP, as Belvo does. */
export async function postWebhook(
  webhookUrl: string,
  body: unknown,
  authorization: string | null = WEBHOOK_AUTHORIZATION,
): Promise<number> {
  const response = await fetch(webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` every 10 ms until it holds; fails after `limitMs`. */
export async function eventually(condition: () => boolean | Promise<boolean>, limitMs = 3000): Promise<void> {
  const giveUp = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > giveUp) throw new Error('condition not met in time');
    await delay(10);
  }
}

// ── A fake Belvo, for answers the sandbox never gives ────────────────────────────────────────────────────────

export interface BelvoCall {
  method: string;
  path: string;
  /** Query string, with its `?`. */
  search: string;
  authorization: string | undefined;
  body: unknown;
}

export interface FakeBelvo extends Listening {
  calls: BelvoCall[];
  /** Answers POST /api/links/; default: a new link with a random id. */
  createLink: (body: unknown, callNumber: number) => Response | Promise<Response>;
  /** Answers GET /api/employment-records/; default: one page with one profile. */
  employmentRecords: (url: URL) => Response | Promise<Response>;
  /** Answers DELETE /api/links/{id}/; default 204. */
  deleteLink: (id: string) => Response | Promise<Response>;
  callsTo(method: string, pathPrefix: string): BelvoCall[];
}

export const belvoJson = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A Belvo error answer, as the sandbox builds one, with a known request id. */
export const belvoError = (status: number, code: string, message: string) =>
  belvoJson([belvoErrorItem(code, message, { requestId: 'f'.repeat(32) })], status);

export const belvoLink = (id: string = crypto.randomUUID()) =>
  belvoJson(
    {
      id,
      institution: 'imss_mx_employment',
      access_mode: 'single',
      status: 'valid',
      created_at: new Date().toISOString(),
    },
    201,
  );

/** One employment-record profile with one current job, valid under the contract schema. */
export function profileFixture(id: string, employer = 'Fixture Employer SA de CV') {
  return {
    id,
    link: null,
    report_date: '2024-05-01',
    internal_identification: null,
    personal_data: null,
    social_security_summary: { weeks_redeemed: 0, weeks_reinstated: 0, weeks_contributed: 100 },
    employment_records: [
      {
        employer,
        employer_id: 'E-1',
        start_date: '2020-01-01',
        end_date: null,
        weeks_employed: 100,
        state: 'JALISCO',
        most_recent_base_salary: 500,
        monthly_salary: 15200,
        currency: 'MXN',
        employment_status_updates: [],
      },
    ],
  };
}

export async function startFakeBelvo(): Promise<FakeBelvo> {
  const fake = {
    calls: [] as BelvoCall[],
    createLink: () => belvoLink(),
    employmentRecords: () =>
      belvoJson({ count: 1, next: null, previous: null, results: [profileFixture('p-1')] }),
    deleteLink: () => new Response(null, { status: 204 }),
    callsTo(method: string, pathPrefix: string) {
      return this.calls.filter((call) => call.method === method && call.path.startsWith(pathPrefix));
    },
  } as Omit<FakeBelvo, keyof Listening>;

  const app = new Hono();
  app.use('*', async (c, next) => {
    const url = new URL(c.req.url);
    const text = await c.req.raw.clone().text();
    fake.calls.push({
      method: c.req.method,
      path: url.pathname,
      search: url.search,
      authorization: c.req.header('authorization'),
      body: text ? JSON.parse(text) : undefined,
    });
    await next();
  });
  app.post('/api/links/', async (c) =>
    fake.createLink(await c.req.json(), fake.callsTo('POST', '/api/links/').length),
  );
  app.get('/api/employment-records/', (c) => fake.employmentRecords(new URL(c.req.url)));
  app.delete('/api/links/:id/', (c) => fake.deleteLink(c.req.param('id')));

  const server = await listen(app.fetch);
  return Object.assign(fake, server) as FakeBelvo;
}

/** Belvo's `LINK` error webhook for a link, with `fields` overriding the defaults (e.g. `webhook_code`, `data`). */
export function linkErrorWebhook(linkId: string, fields: Record<string, unknown> = {}) {
  return {
    webhook_id: crypto.randomUUID().replace(/-/g, ''),
    webhook_type: 'LINK',
    webhook_code: 'login_error',
    link_id: linkId,
    request_id: crypto.randomUUID(),
    external_id: null,
    data: {},
    ...fields,
  };
}

/** The EMPLOYMENT_RECORDS webhook Belvo sends when the data is ready. */
export function recordsWebhook(linkId: string, profiles = 1) {
  return {
    webhook_id: crypto.randomUUID().replace(/-/g, ''),
    webhook_type: 'EMPLOYMENT_RECORDS',
    webhook_code: 'historical_update',
    process_type: 'historical_update',
    link_id: linkId,
    request_id: crypto.randomUUID(),
    external_id: null,
    data: { total_employment_record_profiles: profiles },
  };
}

// ── The proxy and the sandbox, each on its own port ──────────────────────────────────────────────────────────

export interface RecordedBelvoRequest {
  method: string;
  url: string;
  body: string;
  /** The answer's body, as text. */
  answer: string;
  status: number;
}

export interface SandboxPair {
  proxy: RunningProxy;
  /** The sandbox's root, `http://127.0.0.1:PORT`: Belvo's `baseUrl` for another proxy instance. */
  sandboxUrl: string;
  /** Every request the proxy made to the sandbox, with the sandbox's answer. */
  requests: RecordedBelvoRequest[];
  /** Link ids the sandbox created. */
  linkIds(): string[];
  /** Asks the sandbox directly (with the secret keys), e.g. whether a link still exists. */
  askSandbox(path: string): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The proxy on one port and the sandbox on another, the sandbox POSTing its webhooks over HTTP to the proxy.
 * The sandbox's address is needed to create the proxy and the proxy's to create the sandbox, so the sandbox's
 * server starts first with a handler bound once the sandbox exists.
 */
export async function startSandboxPair(
  options: {
    sandbox?: Partial<
      Omit<BelvoSandboxOptions, 'secretId' | 'secretPassword' | 'webhookUrl' | 'webhookAuthorization'>
    >;
    proxy?: Partial<Parameters<typeof startProxy>[0]>;
  } = {},
): Promise<SandboxPair> {
  const requests: RecordedBelvoRequest[] = [];
  // Only called once `sandbox`, below, exists: the proxy makes no Belvo call before a test starts.
  const sandboxServer = await listen(async (request) => {
    const body = await request.clone().text();
    const response = await sandbox.fetch(request);
    const answer = await response.clone().text();
    requests.push({ method: request.method, url: request.url, body, answer, status: response.status });
    return response;
  });
  const proxy = await startProxy({
    attemptsPerCurp: 1000,
    ...options.proxy,
    belvo: { baseUrl: sandboxServer.url, ...options.proxy?.belvo },
  });
  const sandbox = createBelvoSandbox({
    secretId: SECRET_ID,
    secretPassword: SECRET_PASSWORD,
    webhookUrl: proxy.webhookUrl,
    webhookAuthorization: WEBHOOK_AUTHORIZATION,
    timeScale: 0.01,
    ...options.sandbox,
  });
  return {
    proxy,
    sandboxUrl: sandboxServer.url,
    requests,
    linkIds: () =>
      requests
        .filter((r) => r.method === 'POST' && r.status === 201)
        .map((r) => (JSON.parse(r.answer) as { id: string }).id),
    askSandbox: (path) =>
      fetch(`${sandboxServer.url}${path}`, {
        headers: { authorization: `Basic ${btoa(`${SECRET_ID}:${SECRET_PASSWORD}`)}` },
      }),
    async close() {
      sandbox.dispose();
      await proxy.close();
      await sandboxServer.close();
    },
  };
}

/** Makes the fake Belvo hold every employment-records page until `release()`, then answer as it did before. */
export function holdDownloads(belvo: FakeBelvo): { release(): void } {
  const answer = belvo.employmentRecords;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  belvo.employmentRecords = async (url) => {
    await released;
    return answer(url);
  };
  return { release };
}
