import { base64url, fromBase64url } from '../internal/base64.js';

/**
 * The keys that protect what the proxy writes to its state, all derived (HKDF-SHA-256) from one `secret` shared by
 * every instance:
 *  - a keyed hash (HMAC-SHA-256) for everything that involves a CURP: the attempt window's key, the attemptId
 *    reuse key. The table cannot be read back into CURPs, nor matched against a list of CURPs without the secret;
 *  - AES-256-GCM for personal data kept in a session (the CURP while pending, the summary once made), bound to the
 *    session's handle (additional data), so that a ciphertext cannot be moved to another session.
 *
 * Derived on first use, not at creation: Cloudflare Workers refuse random values (the default secret) and
 * crypto work outside a request, and a partner may well create the proxy at the top of a module.
 */
export interface StateKeys {
  /** Hex HMAC-SHA-256 of `text`. */
  hash(text: string): Promise<string>;
  /** `plain`, encrypted and authenticated, bound to `context`, as base64url text. */
  seal(plain: string, context: string): Promise<string>;
  /** The text `seal` was given; throws if `sealed` was changed, or sealed with another key or context. */
  open(sealed: string, context: string): Promise<string>;
}

export const MIN_SECRET_LENGTH = 32;

const encoder = new TextEncoder();
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** `secret` undefined: a random one, made on first use (right for one process with its own memory state). */
export function createStateKeys(secret: string | undefined): StateKeys {
  if (secret !== undefined && secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`createImssProxy: secret must have at least ${MIN_SECRET_LENGTH} characters.`);
  }
  let derived: Promise<{ hmac: CryptoKey; aes: CryptoKey }> | undefined;
  const keys = () =>
    (derived ??= (async () => {
      const material =
        secret === undefined ? crypto.getRandomValues(new Uint8Array(32)) : encoder.encode(secret);
      const base = await crypto.subtle.importKey('raw', material, 'HKDF', false, ['deriveKey']);
      const derive = (info: string, algorithm: HmacKeyGenParams | AesKeyGenParams, usages: KeyUsage[]) =>
        crypto.subtle.deriveKey(
          { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode('imss-connect'), info: encoder.encode(info) },
          base,
          algorithm,
          false,
          usages,
        );
      const [hmac, aes] = await Promise.all([
        derive('curp-hash', { name: 'HMAC', hash: 'SHA-256', length: 256 }, ['sign']),
        derive('session-data', { name: 'AES-GCM', length: 256 }, ['encrypt', 'decrypt']),
      ]);
      return { hmac, aes };
    })());

  return {
    async hash(text) {
      const mac = await crypto.subtle.sign('HMAC', (await keys()).hmac, encoder.encode(text));
      // join, not `+=`: a string built by `+=` is a rope of 64 pieces in V8, and as a key of the memory state it
      // would keep all of them (1.7 kB instead of 64 bytes per CURP in the attempt window).
      return Array.from(new Uint8Array(mac), (byte) => HEX[byte]).join('');
    },
    async seal(plain, context) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const cipher = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
        (await keys()).aes,
        encoder.encode(plain),
      );
      const sealed = new Uint8Array(12 + cipher.byteLength);
      sealed.set(iv);
      sealed.set(new Uint8Array(cipher), 12);
      return base64url(sealed);
    },
    async open(sealed, context) {
      const bytes = fromBase64url(sealed);
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: bytes.subarray(0, 12), additionalData: encoder.encode(context) },
        (await keys()).aes,
        bytes.subarray(12),
      );
      return new TextDecoder().decode(plain);
    },
  };
}
