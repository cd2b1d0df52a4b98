// `npm run sandbox`: the Belvo sandbox as a server of its own, so that several proxy instances (several
// `npm start` with BELVO_API_URL pointing here), or a partner's own backend, can use it as Belvo. Node-only.
//
//   PORT (5174), HOST (localhost)
//   BELVO_SECRET_ID / BELVO_SECRET_PASSWORD   the keys it accepts (default: sandbox-secret-id / sandbox-secret-password)
//   SANDBOX_WEBHOOK_URL                       required: where it POSTs its webhooks (the proxy's /webhooks/belvo)
//   SANDBOX_WEBHOOK_AUTH                      the Authorization it sends with them (default: Bearer sandbox-webhook-token)
//   SANDBOX_TIME_SCALE                        speed of its simulated delays, default 1 (0.1 = ten times faster)
//   SANDBOX_RECORDS_DELAY_MS                  holds each employment-records answer this long (default 0): a slow
//                                             download, e.g. to stop a proxy instance in the middle of one
import { serve } from '@hono/node-server';
import { createBelvoSandbox } from '../sandbox/index.js';

function fail(message: string): never {
  console.error(`npm run sandbox: ${message}`);
  process.exit(1);
}

const env = process.env;
const port = Number(env['PORT'] ?? 5174);
if (!Number.isInteger(port) || port < 0 || port > 65_535)
  fail('PORT must be a whole number from 0 to 65535.');
const host = env['HOST'] ?? 'localhost';
const webhookUrl = env['SANDBOX_WEBHOOK_URL'];
if (!webhookUrl || !/^https?:\/\/./.test(webhookUrl)) {
  fail(
    "SANDBOX_WEBHOOK_URL is required: the proxy's webhook URL, e.g. http://localhost:5173/api/imss/webhooks/belvo.",
  );
}
const timeScale = Number(env['SANDBOX_TIME_SCALE'] ?? 1);
if (!Number.isFinite(timeScale) || timeScale < 0) fail('SANDBOX_TIME_SCALE must be a number ≥ 0.');
const recordsDelayMs = Number(env['SANDBOX_RECORDS_DELAY_MS'] ?? 0);
if (!Number.isFinite(recordsDelayMs) || recordsDelayMs < 0)
  fail('SANDBOX_RECORDS_DELAY_MS must be a number of ms ≥ 0.');

const sandbox = createBelvoSandbox({
  secretId: env['BELVO_SECRET_ID'] ?? 'sandbox-secret-id',
  secretPassword: env['BELVO_SECRET_PASSWORD'] ?? 'sandbox-secret-password',
  webhookUrl,
  webhookAuthorization: env['SANDBOX_WEBHOOK_AUTH'] ?? 'Bearer sandbox-webhook-token',
  timeScale,
  recordsResponseDelayMs: recordsDelayMs,
});

const server = serve({ fetch: sandbox.fetch, port, hostname: host }, (info) => {
  console.log(`Belvo sandbox: http://${host}:${info.port} (webhooks to ${new URL(webhookUrl).origin})`);
});

function shutdown(signal: string): void {
  console.log(`${signal}: shutting down`);
  sandbox.dispose();
  server.close();
  if ('closeAllConnections' in server) server.closeAllConnections();
  process.exit(0);
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
