import type { MiddlewareHandler } from 'hono';
import { proxyError } from '../proxy/proxy-errors.js';
import type { ProxyLogger } from '../proxy/proxy-log.js';
import type { ClientAddress } from './client-address.js';

/** The addresses Belvo documents its webhooks as sent from. */
export const BELVO_WEBHOOK_ADDRESSES: readonly string[] = ['3.130.254.46', '18.220.61.186', '18.223.45.212'];

export interface WebhookSourceGuardOptions {
  /** Addresses webhooks are accepted from. */
  allowed: readonly string[];
  /** Where the client's address is read (see clientAddressFrom). */
  clientAddress: ClientAddress;
  log: ProxyLogger;
}

/**
 * Accepts webhooks only from `allowed` addresses: a second fence behind the webhook's Authorization value, for a
 * token that leaked. Anything else is refused with 403 before its body is read, and logged as `webhook_rejected`.
 *
 * @example root.use('/api/imss/webhooks/belvo', webhookSourceGuard({ allowed: BELVO_WEBHOOK_ADDRESSES, clientAddress: clientAddressFrom(), log }));
 */
export function webhookSourceGuard(options: WebhookSourceGuardOptions): MiddlewareHandler {
  const allowed = new Set(options.allowed);
  return async (c, next) => {
    const address = options.clientAddress(c);
    if (address !== undefined && allowed.has(address)) return next();
    options.log({ event: 'webhook_rejected', status: 403 });
    c.header('X-Content-Type-Options', 'nosniff');
    return c.json(proxyError('forbidden_origin', 'Webhooks are accepted only from Belvo’s addresses.'), 403);
  };
}
