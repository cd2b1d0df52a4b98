import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { proxyError } from './proxy-errors.js';

/** What a host page's `fetch` may add: `Authorization` (a partner's session or token) besides the JSON body's type. */
export const DEFAULT_ALLOWED_HEADERS: readonly string[] = ['Content-Type', 'Authorization'];

export interface OriginGuardOptions {
  /** Other web origins allowed to call, with CORS headers. */
  allowedOrigins: readonly string[];
  /** Request headers those origins may send (preflight); `Content-Type` is always included. */
  allowedHeaders: readonly string[];
}

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
export function originGuard({ allowedOrigins, allowedHeaders }: OriginGuardOptions): MiddlewareHandler[] {
  const allowed = new Set(allowedOrigins.map(canonicalOrigin));
  // Never empty: given no list, Hono's cors() would allow whatever headers the preflight asks for.
  const allowHeaders = uniqueIgnoringCase(['Content-Type', ...allowedHeaders]);

  const guard: MiddlewareHandler = async (c, next) => {
    const origin = c.req.header('origin');
    if (
      origin === undefined ||
      allowed.has(origin) ||
      isSameOrigin(origin, c.req.url, c.req.header('host'))
    ) {
      return next();
    }
    return c.json(proxyError('forbidden_origin', 'This web origin may not call the IMSS proxy.'), 403);
  };

  if (allowed.size === 0) return [guard];
  return [
    guard,
    cors({
      origin: (origin) => (allowed.has(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'DELETE'],
      allowHeaders,
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

/** Header names are case-insensitive: `authorization` and `Authorization` are listed once. */
function uniqueIgnoringCase(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = name.trim().toLowerCase();
    if (key === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `https://Example.com/` and `https://example.com` are the same origin; browsers send the latter form. */
function canonicalOrigin(origin: string): string {
  try {
    return new URL(origin).origin;
  } catch {
    return origin;
  }
}
