import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { ProxyErrorResponse } from '../contract/proxy-api.js';

/**
 * Which web pages may call the proxy from a browser.
 *
 * Same-origin pages always may. Another origin may only when allow-listed, and then gets CORS headers. Any other
 * browser request (it carries an `Origin` header) is refused with 403 before it does anything: without this, a
 * page on any site could spend a person's three daily IMSS attempts, since a POST with a JSON body is a "simple
 * enough" request for a browser to send even when CORS later hides the answer.
 *
 * Same-origin is judged by the Origin's host against the request's `Host` header (or URL): behind a reverse proxy
 * that rewrites `Host`, list the public origin in `allowedOrigins`.
 */
export function originGuard(allowedOrigins: readonly string[]): MiddlewareHandler[] {
  const allowed = new Set(allowedOrigins.map(canonicalOrigin));

  const guard: MiddlewareHandler = async (c, next) => {
    const origin = c.req.header('origin');
    if (
      origin === undefined ||
      allowed.has(origin) ||
      isSameOrigin(origin, c.req.url, c.req.header('host'))
    ) {
      return next();
    }
    const body: ProxyErrorResponse = {
      error: { code: 'forbidden_origin', message: 'This web origin may not call the IMSS proxy.' },
    };
    return c.json(body, 403);
  };

  if (allowed.size === 0) return [guard];
  return [
    guard,
    cors({
      origin: (origin) => (allowed.has(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'DELETE'],
      allowHeaders: ['Content-Type'],
      maxAge: 600,
    }),
  ];
}

function isSameOrigin(origin: string, requestUrl: string, host: string | undefined): boolean {
  let originUrl: URL;
  try {
    originUrl = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file://) and garbage
  }
  const requested = new URL(requestUrl);
  return originUrl.origin === requested.origin || (host !== undefined && originUrl.host === host);
}

/** `https://Example.com/` and `https://example.com` are the same origin; browsers send the latter form. */
function canonicalOrigin(origin: string): string {
  try {
    return new URL(origin).origin;
  } catch {
    return origin;
  }
}
