// Mounts the demo backend (the real proxy + the in-process Belvo sandbox, at test speed) on @web/test-runner's
// dev server at /api/imss, so component tests talk HTTP to the same backend `npm start` runs.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { createDemoBackend, DEMO_BASE_PATH, type DemoBackendOptions } from '../../src/server/demo-backend.js';

/** The part of a Koa context this middleware uses (the dev server is Koa-based). */
interface KoaContext {
  path: string;
  req: IncomingMessage;
  res: ServerResponse;
  respond?: boolean;
}

/** Test speed: the sandbox's 4 s become 40 ms, and a missing webhook times out in 3 s. */
const TEST_BACKEND: DemoBackendOptions = {
  timeScale: 0.01,
  sessionTimeoutMs: 3000,
  // Component tests run the same CURPs again and again; the real limit (3 a day) would stop them.
  attemptsPerCurp: 1000,
};

export function backendMiddleware(options: DemoBackendOptions = {}) {
  let listener: ReturnType<typeof getRequestListener> | undefined;
  return async (ctx: KoaContext, next: () => Promise<void>): Promise<void> => {
    if (ctx.path !== DEMO_BASE_PATH && !ctx.path.startsWith(`${DEMO_BASE_PATH}/`)) return next();
    // Created on first use, so merely loading the test-runner config starts nothing.
    listener ??= getRequestListener(createDemoBackend({ ...TEST_BACKEND, ...options }).fetch);
    ctx.respond = false; // Hono writes the response itself
    await listener(ctx.req, ctx.res);
  };
}
