import { isIP } from 'node:net';
import type { HttpBindings } from '@hono/node-server';
import type { ClientAddress } from '../proxy/webhook-source-guard.js';

/**
 * Where the client's address is read, for a Hono app served by @hono/node-server:
 *  - no `trustedHeader`: the TCP peer, right when nothing stands between the client and this server;
 *  - `trustedHeader` (e.g. `X-Forwarded-For`, `X-Real-IP`, `CF-Connecting-IP`): the header set by the one
 *    reverse proxy in front of this server, which must overwrite or append to it on every request. Of a list
 *    (`X-Forwarded-For: a, b`), the last entry counts: the one the trusted proxy added. Any earlier entry came
 *    from the client, who can write anything there. A request without the header has no known address.
 * IPv4 addresses are given in their plain form (`::ffff:3.130.254.46` is `3.130.254.46`).
 */
export function clientAddressFrom(trustedHeader?: string): ClientAddress {
  if (trustedHeader) {
    return (c) => plain(c.req.header(trustedHeader)?.split(',').at(-1));
  }
  return (c) => plain((c.env as Partial<HttpBindings> | undefined)?.incoming?.socket.remoteAddress);
}

function plain(address: string | undefined): string | undefined {
  const trimmed = address?.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return trimmed && isIP(trimmed) ? trimmed : undefined;
}
