// `npm start`: the demo page and the proxy on one port. The proxy talks to the embedded Belvo sandbox (in this
// process) unless BELVO_API_URL points at a real Belvo; then the page is the built one (static-demo.ts), not
// Vite's dev server. Node-only; everything it wires is web-standard.
// The environment variables are listed and checked in server-config.ts: a mistake ends the process with one line.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { createServer as createViteServer } from 'vite';
import { createImssProxy } from '../proxy/index.js';
import { clientAddressFrom } from './client-address.js';
import { createDemoBackend, DEMO_BASE_PATH } from './demo-backend.js';
import { createHardenedServer } from './harden-server.js';
import { formatLogLine } from './log-line.js';
import { readServerConfig, type BackendConfig, type ServerConfig } from './server-config.js';
import { buildDemoPage, staticDemoApp } from './static-demo.js';
import { webhookSourceGuard } from '../proxy/webhook-source-guard.js';

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

function createBackend(
  config: BackendConfig,
  clientAddressHeader: ServerConfig['clientAddressHeader'],
): Backend {
  if (config.kind === 'sandbox') {
    const demo = createDemoBackend({
      timeScale: config.timeScale,
      sessionTimeoutMs: config.sessionTimeoutMs,
      logger,
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
    logger,
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
const { port, host } = reading.config;
const backend = createBackend(reading.config.backend, reading.config.clientAddressHeader);
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
if (vite) handleOther = (req, res) => vite.middlewares(req, res);
else {
  await buildDemoPage();
  handleOther = getRequestListener(staticDemoApp().fetch);
}

server.on('error', (error) => fail(`cannot listen on ${host}:${port}: ${error.message}`));
server.listen(port, host, () => {
  const url = `http://${host}:${port}/`;
  console.log(`IMSS Connect demo: ${url}`);
  console.log(`Proxy: ${url.slice(0, -1)}${DEMO_BASE_PATH} → ${backend.description}`);
  if (reading.config.backend.kind === 'belvo') {
    console.log(`Register Belvo's webhook at <public URL of this server>${DEMO_BASE_PATH}/webhooks/belvo`);
  }
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  backend.dispose();
  server.close();
  server.closeAllConnections();
  await vite?.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
