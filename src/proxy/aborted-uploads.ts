import type { MiddlewareHandler } from 'hono';
import { invalidRequest } from './proxy-errors.js';
import type { ProxyLogger } from './proxy-log.js';

/**
 * A request whose body breaks off (the client went away mid-upload, or its connection failed) is the client's
 * fault: it is answered 400, to nobody, and logged as `request_aborted`, never as the proxy's `internal_error`.
 *
 * The body is handed on through a stream that, if reading the client's body fails, never delivers the failure
 * (which would reach the app's error handler) but stops: the request is not handled further, and nothing it would
 * have done happens. Mount it before anything that reads bodies.
 *
 * @example app.use('*', abortedUploads(log));
 */
export function abortedUploads(log: ProxyLogger): MiddlewareHandler {
  return async (c, next) => {
    // A GET or HEAD has no body; asking for it would make Node's adapter build the whole web Request.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const raw = c.req.raw;
    if (!raw.body) return next();

    let brokeOff!: () => void;
    const brokenOff = new Promise<'aborted'>((resolve) => (brokeOff = () => resolve('aborted')));
    const reader = raw.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch {
          brokeOff();
          // Left pending: the reader downstream waits, unreachable, and is collected with the request.
          return new Promise<void>(() => {});
        }
        if (chunk.done) controller.close();
        else controller.enqueue(chunk.value);
      },
      cancel: (reason) => reader.cancel(reason),
    });
    c.req.raw = new Request(raw, { body, duplex: 'half' } as RequestInit);

    const outcome = await Promise.race([next().then(() => 'answered' as const), brokenOff]);
    if (outcome === 'aborted') {
      log({ event: 'request_aborted', status: 400 });
      return c.json(invalidRequest('The request body did not arrive whole.'), 400);
    }
  };
}
