import { base64url } from '../internal/base64.js';

/**
 * Random identifiers from the platform's CSPRNG (Web Crypto), base64url-encoded.
 */

/** A session handle: 128 random bits. Unguessable, and unrelated to Belvo's link id, which never leaves the proxy. */
export function newSessionHandle(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(16)));
}

/**
 * A short tag naming a session in log lines. Random and separate from the handle, so a log reader can follow one
 * session's events but cannot reach the session.
 */
export function newLogTag(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(6)));
}

/** Who holds a lease: one id per piece of work, so that only its own holder renews or releases it. */
export function newLeaseOwner(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(12)));
}

/** A place taken in a sliding window (takeFromWindow), by which exactly that place can be given back. */
export function newWindowTicket(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(9)));
}
