import type { Context, MiddlewareHandler } from 'hono';
import { proxyError } from './proxy-errors.js';
import type { ProxyLogger } from './proxy-log.js';

/**
 * The address a request came from, as far as the server can tell; undefined when it cannot. Runtime-specific:
 * in Node with @hono/node-server the TCP peer is `c.env.incoming.socket.remoteAddress` (`npm start`'s
 * clientAddressFrom, src/server/client-address.ts); behind a trusted reverse proxy, the header it sets.
 */
export type ClientAddress = (c: Context) => string | undefined;

/** The addresses Belvo documents its webhooks as sent from. */
export const BELVO_WEBHOOK_ADDRESSES: readonly string[] = ['3.130.254.46', '18.220.61.186', '18.223.45.212'];

export interface WebhookSourceGuardOptions {
  /** Addresses webhooks are accepted from. */
  allowed: readonly string[];
  /** Where the client's address is read. */
  clientAddress: ClientAddress;
  /** Receives `webhook_rejected` (403) for each refusal. Default: none. */
  log?: ProxyLogger;
}

/**
 * Accepts webhooks only from `allowed` addresses: a second fence behind the webhook's Authorization value, for a
 * token that leaked. Anything else is refused with 403 before its body is read, and logged as `webhook_rejected`.
 *
 * Mount it on the webhook route, before the proxy:
 *
 * @example
 * const clientAddress = (c) => c.req.header('cf-connecting-ip'); // e.g. on Cloudflare
 * app.use('/api/imss/webhooks/belvo', webhookSourceGuard({ allowed: BELVO_WEBHOOK_ADDRESSES, clientAddress }));
 * app.route('/api/imss', createImssProxy({ … }));
 */
export function webhookSourceGuard(options: WebhookSourceGuardOptions): MiddlewareHandler {
  const allowed = new Set(options.allowed);
  return async (c, next) => {
    // `::ffff:3.130.254.46` (an IPv4 client of a dual-stack listener) is `3.130.254.46`.
    const address = options
      .clientAddress(c)
      ?.trim()
      .replace(/^::ffff:(?=[\d.]+$)/i, '');
    if (address !== undefined && allowed.has(address)) return next();
    options.log?.({ event: 'webhook_rejected', status: 403 });
    c.header('X-Content-Type-Options', 'nosniff');
    return c.json(proxyError('forbidden_origin', 'Webhooks are accepted only from Belvo’s addresses.'), 403);
  };
}
