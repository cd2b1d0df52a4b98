import type { MiddlewareHandler } from 'hono';

/**
 * What a page served to the public says about itself: scripts, styles and requests from its own origin only
 * (images may also be `data:` URLs, as the page's icon is), never framed by another site (clickjacking), no
 * content-type sniffing, and no address sent on in `Referer` (a page's URL is nobody else's business).
 */
const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': [
    "default-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** PAGE_SECURITY_HEADERS on every answer. @example app.use('*', securityHeaders()); */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) c.header(name, value);
  };
}
