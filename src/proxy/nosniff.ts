import type { MiddlewareHandler } from 'hono';

/**
 * `X-Content-Type-Options: nosniff` on every answer, so that a browser takes the proxy's JSON for JSON and never
 * for a script or a page, whatever a caller manages to put in it.
 *
 * @example app.use('*', noSniff());
 */
export function noSniff(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
  };
}
