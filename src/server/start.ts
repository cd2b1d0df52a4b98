// `npm start`: the demo page and the proxy on one port. The proxy talks to the embedded Belvo sandbox (in this
// process) unless BELVO_API_URL points at a real Belvo. Node-only; everything it wires is web-standard.
//
//   BELVO_API_URL                  Belvo's API root (e.g. https://sandbox.belvo.com). Unset: the embedded sandbox.
//   BELVO_SECRET_ID / BELVO_SECRET_PASSWORD / BELVO_WEBHOOK_AUTH   required with BELVO_API_URL
//   PORT (5173), HOST (localhost)
//   IMSS_SESSION_TIMEOUT_SECONDS   default 60 with the embedded sandbox, 180 with Belvo
//   SANDBOX_TIME_SCALE             embedded sandbox speed, default 1 (0.1 = ten times faster)
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { createServer as createViteServer } from 'vite';
import { createImssProxy } from '../proxy/index.js';
import { createDemoBackend, DEMO_BASE_PATH } from './demo-backend.js';
import { formatLogLine } from './log-line.js';

interface Backend {
  fetch(request: Request): Promise<Response> | Response;
  dispose(): void;
  description: string;
}

function fail(message: string): never {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

function numberFromEnv(name: string, fallback: number, { min = 0 } = {}): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) fail(`${name} must be a number ≥ ${min} (got "${raw}").`);
  return value;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) fail(`${name} is required when BELVO_API_URL is set.`);
  return value;
}

const logger = (entry: Parameters<typeof formatLogLine>[0]) => console.log(formatLogLine(entry));

function createBackend(): Backend {
  const belvoUrl = process.env['BELVO_API_URL'];
  if (!belvoUrl) {
    const timeScale = numberFromEnv('SANDBOX_TIME_SCALE', 1);
    const demo = createDemoBackend({
      timeScale,
      sessionTimeoutMs: numberFromEnv('IMSS_SESSION_TIMEOUT_SECONDS', 60, { min: 1 }) * 1000,
      logger,
    });
    return {
      fetch: demo.fetch,
      dispose: demo.dispose,
      description: `embedded Belvo sandbox (time scale ${timeScale})`,
    };
  }
  const proxy = createImssProxy({
    belvo: {
      baseUrl: belvoUrl,
      secretId: requiredEnv('BELVO_SECRET_ID'),
      secretPassword: requiredEnv('BELVO_SECRET_PASSWORD'),
    },
    webhookAuthorization: requiredEnv('BELVO_WEBHOOK_AUTH'),
    sessionTimeoutMs: numberFromEnv('IMSS_SESSION_TIMEOUT_SECONDS', 180, { min: 1 }) * 1000,
    logger,
  });
  const root = new Hono().route(DEMO_BASE_PATH, proxy);
  return { fetch: root.fetch, dispose: () => {}, description: `Belvo at ${new URL(belvoUrl).origin}` };
}

const port = numberFromEnv('PORT', 5173);
const host = process.env['HOST'] || 'localhost';
const backend = createBackend();
const api = getRequestListener((request) => backend.fetch(request));

const isApiRequest = (url: string | undefined) =>
  url !== undefined &&
  (url === DEMO_BASE_PATH || url.startsWith(`${DEMO_BASE_PATH}/`) || url.startsWith(`${DEMO_BASE_PATH}?`));

let handleOther: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
  res.statusCode = 503;
  res.end('Starting…');
};
const server = createHttpServer((req, res) => {
  if (isApiRequest(req.url)) void api(req, res);
  else handleOther(req, res);
});

// Vite serves index.html and the TypeScript sources, with hot reload over this same server.
const vite = await createViteServer({
  server: { middlewareMode: true, hmr: { server } },
  appType: 'spa',
});
handleOther = (req, res) => vite.middlewares(req, res);

server.on('error', (error) => fail(`cannot listen on ${host}:${port}: ${error.message}`));
server.listen(port, host, () => {
  const url = `http://${host}:${port}/`;
  console.log(`IMSS Connect demo: ${url}`);
  console.log(`Proxy: ${url.slice(0, -1)}${DEMO_BASE_PATH} → ${backend.description}`);
  if (process.env['BELVO_API_URL']) {
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
  await vite.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
