// The README's production set-up on Cloudflare Workers: the proxy held by one Durable Object, to which the Worker
// routes every request, so that every request (the browser's polls, Belvo's webhooks) reaches the same state, kept
// in the object's storage so that it outlives the object's eviction and a deploy. Bundled by
// test/backend/workers.test.ts and run in workerd by Miniflare.
import { Hono } from 'hono';
import { createImssProxy } from '../../src/proxy/index.js';
import { createDurableObjectState, type DurableObjectStorageLike } from '../../src/proxy/durable-object.js';

declare const BELVO_API_URL: string;

interface Env {
  IMSS_PROXY: {
    idFromName(name: string): unknown;
    get(id: unknown): { fetch(request: Request): Promise<Response> };
  };
  /** At least 32 characters, a Worker secret (`wrangler secret put IMSS_STATE_SECRET`). */
  IMSS_STATE_SECRET: string;
}

export class ImssProxy {
  readonly #app: Hono;

  // workerd constructs a Durable Object with its state (`ctx.storage` is its storage) and the Worker's env.
  constructor(ctx: { storage: DurableObjectStorageLike }, env: Env) {
    this.#app = new Hono().route(
      '/api/imss',
      createImssProxy({
        belvo: {
          baseUrl: BELVO_API_URL,
          secretId: 'workers-secret-id',
          secretPassword: 'workers-secret-password',
        },
        webhookAuthorization: 'Bearer workers-webhook-token-0123456789',
        state: createDurableObjectState(ctx.storage),
        secret: env.IMSS_STATE_SECRET,
      }),
    );
  }

  fetch(request: Request): Response | Promise<Response> {
    return this.#app.fetch(request);
  }
}

export default {
  fetch(request: Request, env: Env): Promise<Response> {
    return env.IMSS_PROXY.get(env.IMSS_PROXY.idFromName('imss')).fetch(request);
  },
};
