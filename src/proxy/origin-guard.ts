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
  /** The origin browsers reach the proxy at (e.g. `https://app.example.com`), when the proxy itself cannot tell. */
  publicOrigin?: string | undefined;
  /** Take the request's scheme and host from `X-Forwarded-Proto` and `X-Forwarded-Host` (set by a trusted proxy). */
  trustProxy?: boolean | undefined;
}

/**
 * Which web pages may call the proxy from a browser.
 *
 * Same-origin pages always may. Another origin may only when allow-listed, and then gets CORS headers. Any other
 * browser request (it carries an `Origin` header) is refused with 403 before it does anything: without this, a
 * page on any site could spend a person's three daily IMSS attempts, since a POST with a JSON body is a "simple
 * enough" request for a browser to send even when CORS later hides the answer.
 *
 * Same origin means the same scheme, host and port. The request's own origin is its URL's scheme with its `Host`
 * header, or, with `trustProxy`, what `X-Forwarded-Proto` and `X-Forwarded-Host` say. With `publicOrigin`, that is
 * the only same origin, and a request naming another host is refused with 421 `forbidden_host` before anything
 * else: a page on a foreign domain that resolves to this server (DNS rebinding) then gets nothing.
 */
export function originGuard({
  allowedOrigins,
  allowedHeaders,
  publicOrigin,
  trustProxy = false,
}: OriginGuardOptions): MiddlewareHandler[] {
  const allowed = new Set(allowedOrigins.map(canonicalOrigin));
  const expected = publicOrigin === undefined ? undefined : parsePublicOrigin(publicOrigin);
  // Never empty: given no list, Hono's cors() would allow whatever headers the preflight asks for.
  const allowHeaders = uniqueIgnoringCase(['Content-Type', ...allowedHeaders]);

  const guard: MiddlewareHandler = async (c, next) => {
    const origin = c.req.header('origin');
    // Most requests (a same-origin page's polls, servers) carry no Origin: with no host to check, nothing to do.
    if (origin === undefined && !expected) return next();
    const requested = requestOrigin(c.req.url, c.req.header.bind(c.req), trustProxy);
    if (expected && requested?.host !== expected.host) {
      return c.json(
        proxyError(
          'forbidden_host',
          `This IMSS proxy answers for ${expected.host} only (publicOrigin), not for the host this request names.`,
        ),
        421,
      );
    }
    const same = expected?.origin ?? requested?.origin;
    if (
      origin === undefined ||
      allowed.has(origin) ||
      (same !== undefined && canonicalOrigin(origin) === same)
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

/** The origin the browser addressed: scheme and `Host` (or the forwarded ones), normalised; undefined if unreadable. */
function requestOrigin(
  requestUrl: string,
  header: (name: string) => string | undefined,
  trustProxy: boolean,
): URL | undefined {
  const url = new URL(requestUrl);
  // A proxy chain appends: the first value is what the client sent to the first proxy.
  const forwarded = (name: string) =>
    trustProxy ? header(name)?.split(',')[0]?.trim() || undefined : undefined;
  const scheme = forwarded('x-forwarded-proto') ?? url.protocol.slice(0, -1);
  const host = forwarded('x-forwarded-host') ?? header('host') ?? url.host;
  try {
    return new URL(`${scheme}://${host}`);
  } catch {
    return undefined;
  }
}

function parsePublicOrigin(origin: string): URL {
  const url = URL.canParse(origin) ? new URL(origin) : undefined;
  const bare = url && url.pathname === '/' && !url.search && !url.hash && !url.username;
  if (!bare || !/^https?:$/.test(url.protocol)) {
    throw new Error(
      `createImssProxy: publicOrigin must be an origin like https://app.example.com, not ${origin}.`,
    );
  }
  return url;
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

/**
 * `https://Example.com:443/` and `https://example.com` are the same origin; browsers send the latter form.
 * `null` (sandboxed frames, file://) and garbage stay as they are, matching no origin.
 */
function canonicalOrigin(origin: string): string {
  try {
    return new URL(origin).origin;
  } catch {
    return origin;
  }
}
