import type { MiddlewareHandler } from 'hono';
import { constantTimeEqual } from '../internal/constant-time.js';
import { BELVO_ERROR_MESSAGES, belvoError } from './belvo-errors.js';

/**
 * Belvo's HTTP Basic check of the secret keys, answered with Belvo's own 401 error array (Hono's stock
 * basic-auth middleware answers plain text). The comparison takes the same time wherever the keys differ.
 */
export function requireSecretKeys(secretId: string, secretPassword: string): MiddlewareHandler {
  const expected = new TextEncoder().encode(`${secretId}:${secretPassword}`);
  return async (c, next) => {
    const presented = decodeBasic(c.req.header('authorization'));
    if (presented === undefined || !constantTimeEqual(presented, expected)) {
      return c.json([belvoError('authentication_failed', BELVO_ERROR_MESSAGES.authenticationFailed)], 401);
    }
    await next();
  };
}

function decodeBasic(header: string | undefined): Uint8Array | undefined {
  const match = header?.match(/^Basic\s+([A-Za-z0-9+/=]+)\s*$/i);
  if (!match) return undefined;
  try {
    return Uint8Array.from(atob(match[1]!), (character) => character.charCodeAt(0));
  } catch {
    return undefined;
  }
}
