import type { Context } from 'hono';
import { proxyError } from '../proxy-errors.js';
import type { ProxyLogger } from '../proxy-log.js';
import type { Background } from '../retrieval-flow.js';

/**
 * The request's Background (see retrieval-flow.ts): `waitUntil` where the runtime offers it, fire-and-forget
 * otherwise. The runtime is asked only when a task is handed over: `c.executionCtx` is a getter that throws outside
 * edge runtimes, too costly for every request.
 */
export type BackgroundOf = (c: Context) => Background;

export function backgrounds(log: ProxyLogger): BackgroundOf {
  return (c) => backgroundOf(c, log);
}

function backgroundOf(c: Context, log: ProxyLogger): Background {
  let waitUntil: ((task: Promise<unknown>) => void) | null | undefined;
  return (task) => {
    if (waitUntil === undefined) {
      try {
        const executionCtx = c.executionCtx;
        waitUntil = (handed) => executionCtx.waitUntil(handed);
      } catch {
        waitUntil = null;
      }
    }
    const handled = task.catch(() => log({ event: 'background_error' }));
    waitUntil?.(handled);
  };
}

export function tooLarge(c: Context): Response {
  return c.json(proxyError('payload_too_large', 'The body is too large.'), 413);
}

/** What `readJson` gives for a body that is not JSON. */
export const NOT_JSON = Symbol('not JSON');

/** The request's body as JSON, or NOT_JSON. */
export function readJson(c: Context): Promise<unknown> {
  return c.req.json().catch(() => NOT_JSON);
}
