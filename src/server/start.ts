// `npm start`: the demo page and the proxy on one port. The proxy talks to the embedded Belvo sandbox (in this
// process) unless BELVO_API_URL points at a real Belvo (or at `npm run sandbox`); then the page is the built one
// (static-demo.ts), not Vite's dev server. The proxy keeps its state in memory unless REDIS_URL names a Redis
// shared with other instances. Node-only; everything it wires is web-standard.
// The environment variables are listed and checked in server-config.ts: a mistake ends the process with one line.
//
// SIGTERM/SIGINT: stop taking requests, answer held long polls with the current status, leave a download under
// way to its lease (another instance takes it over), and exit within SHUTDOWN_LIMIT_MS. `npm start` runs node
// itself (`exec node --import tsx …`), so the signal reaches this process, not a shell or a wrapper.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { createServer as createViteServer } from 'vite';
import { createImssProxy, type ProxyState } from '../proxy/index.js';
import { createRedisState, type RedisState } from '../proxy/redis.js';
import { webhookSourceGuard } from '../proxy/webhook-source-guard.js';
import { clientAddressFrom } from './client-address.js';
import { createDemoBackend, DEMO_BASE_PATH } from './demo-backend.js';
import { createHardenedServer } from './harden-server.js';
import { guardLines, guardOptions, readGuardConfig } from './guard-config.js';
import { formatLogLine } from './log-line.js';
import {
  readServerConfig,
  type BackendConfig,
  type ServerConfig,
  type StateConfig,
} from './server-config.js';
import { buildDemoPage, staticDemoApp, type BuiltDemoPage } from './static-demo.js';

/** A shutdown never takes longer than this (the platform's own limit is often 10 s or more). */
const SHUTDOWN_LIMIT_MS = 8000;

interface Backend {
  /** `env`: the Node request and response, where the client address is read. */
  fetch(request: Request, env: object): Promise<Response> | Response;
  dispose(): void;
  description: string;
}

function fail(message: string): never {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

const logger = (entry: Parameters<typeof formatLogLine>[0]) => console.log(formatLogLine(entry));

const stopping = new AbortController();

function createState(config: StateConfig): { state?: RedisState; secret?: string } {
  if (config.kind === 'memory') return {};
  return { state: createRedisState({ url: config.url }, { logger }), secret: config.secret };
}

function createBackend(
  config: BackendConfig,
  shared: { state?: ProxyState; secret?: string; sessionTtlMs: number },
  { clientAddressHeader, institution }: Pick<ServerConfig, 'clientAddressHeader' | 'institution'>,
): Backend {
  const common = {
    ...shared,
    ...guardOptions(guard, clientAddressHeader),
    stopping: stopping.signal,
    logger,
    ...(institution ? { institution } : {}),
  };
  if (config.kind === 'sandbox') {
    const demo = createDemoBackend({
      timeScale: config.timeScale,
      sessionTimeoutMs: config.sessionTimeoutMs,
      ...common,
      demoApplicants: guard.applicants.kind === 'demo',
    });
    return {
      fetch: demo.fetch,
      dispose: demo.dispose,
      description: `embedded Belvo sandbox (time scale ${config.timeScale})`,
    };
  }
  const proxy = createImssProxy({
    belvo: { baseUrl: config.baseUrl, secretId: config.secretId, secretPassword: config.secretPassword },
    webhookAuthorization: config.webhookAuthorization,
    sessionTimeoutMs: config.sessionTimeoutMs,
    ...common,
  });
  const root = new Hono();
  if (config.webhookSources) {
    const clientAddress = clientAddressFrom(clientAddressHeader);
    const allowed = config.webhookSources;
    root.use(`${DEMO_BASE_PATH}/webhooks/belvo`, webhookSourceGuard({ allowed, clientAddress, log: logger }));
  }
  root.route(DEMO_BASE_PATH, proxy);
  return { fetch: root.fetch, dispose: () => {}, description: `Belvo at ${new URL(config.baseUrl).origin}` };
}

const reading = readServerConfig(process.env);
if (!reading.ok) fail(reading.problem);
const guardReading = readGuardConfig(process.env, reading.config.backend.kind === 'belvo');
if (!guardReading.ok) fail(guardReading.problem);
const guard = guardReading.config;
const { port, host } = reading.config;
const shared = createState(reading.config.state);
const backend = createBackend(
  reading.config.backend,
  { ...shared, sessionTtlMs: reading.config.sessionTtlMs },
  reading.config,
);
const api = getRequestListener((request, env) => backend.fetch(request, env));

const isApiRequest = (url: string | undefined) =>
  url !== undefined &&
  (url === DEMO_BASE_PATH || url.startsWith(`${DEMO_BASE_PATH}/`) || url.startsWith(`${DEMO_BASE_PATH}?`));

let handleOther: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
  res.statusCode = 503;
  res.end('Starting…');
};
const server = createHardenedServer((req, res) => {
  if (isApiRequest(req.url)) void api(req, res);
  else handleOther(req, res);
});

// With the sandbox, Vite serves index.html and the TypeScript sources, with hot reload over this same server.
// With a real Belvo the port may be exposed: only the built page is served, with security headers.
const vite =
  reading.config.backend.kind === 'sandbox'
    ? await createViteServer({ server: { middlewareMode: true, hmr: { server } }, appType: 'spa' })
    : undefined;
let builtPage: BuiltDemoPage | undefined;
if (vite) handleOther = (req, res) => vite.middlewares(req, res);
else {
  builtPage = await buildDemoPage();
  handleOther = getRequestListener(staticDemoApp(builtPage.root).fetch);
}

server.on('error', (error) => fail(`cannot listen on ${host}:${port}: ${error.message}`));
server.listen(port, host, () => {
  const url = `http://${host}:${port}/`;
  console.log(`IMSS Connect demo: ${url}`);
  console.log(`Proxy: ${url.slice(0, -1)}${DEMO_BASE_PATH} → ${backend.description}`);
  console.log(
    `State: ${shared.state ? 'Redis (shared with every instance on it)' : 'in memory (this process only)'}`,
  );
  for (const line of guardLines(guard)) console.log(line);
  if (reading.config.backend.kind === 'belvo') {
    console.log(`Register Belvo's webhook at <public URL of this server>${DEMO_BASE_PATH}/webhooks/belvo`);
  }
});

let shuttingDown = false;
async function shutdown(signal: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log(`${signal}: shutting down`);
  const forced = setTimeout(() => process.exit(0), SHUTDOWN_LIMIT_MS);
  forced.unref();
  server.close(); // no new connections; idle keep-alive ones are closed below
  server.closeIdleConnections();
  stopping.abort(); // held long polls answer now, with the current status
  backend.dispose();
  await vite?.close();
  await builtPage?.remove();
  // Requests already in progress finish (a poll's answer is being written); then the state's connections close.
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      server.closeIdleConnections();
      server.getConnections((_error, count) => {
        if (count === 0) {
          clearInterval(check);
          resolve();
        }
      });
    }, 50);
  });
  await shared.state?.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
