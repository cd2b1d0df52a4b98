import type { MiddlewareHandler } from 'hono';

/**
 * `X-Content-Type-Options: nosniff` on every answer, so that a browser takes the proxy's JSON for JSON and never
 * for a script or a page, whatever a caller manages to put in it.
 *
 * @example app.use('*', noSniff());
 */
export function noSniff(): MiddlewareHandler {
  return async (c, next) => {
    // Set before the answer is made, it is part of every c.json() answer and Node's adapter stays on its fast
    // path; setting a header on a finished answer makes Hono copy it, body stream and all.
    c.header('X-Content-Type-Options', 'nosniff');
    await next();
    if (!c.res.headers.has('X-Content-Type-Options')) c.header('X-Content-Type-Options', 'nosniff');
  };
}
