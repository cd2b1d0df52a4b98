// The README's plain Cloudflare Workers handler, bundled by test/backend/workers.test.ts (esbuild replaces
// BELVO_API_URL with the loopback sandbox's URL) and run in workerd by Miniflare.
import { Hono } from 'hono';
import { createImssProxy } from '../../src/proxy/index.js';

declare const BELVO_API_URL: string;

const app = new Hono().route(
  '/api/imss',
  createImssProxy({
    belvo: {
      baseUrl: BELVO_API_URL,
      secretId: 'workers-secret-id',
      secretPassword: 'workers-secret-password',
    },
    webhookAuthorization: 'Bearer workers-webhook-token-0123456789',
  }),
);
export default { fetch: app.fetch };
