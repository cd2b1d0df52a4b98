/** Base64 of bytes (`btoa` alone takes a "binary string": one character per byte). */
export function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The URL- and filename-safe variant (RFC 4648 §5), without padding. */
export function base64url(bytes: Uint8Array): string {
  return base64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The bytes of a base64url text (padded or not). A plain loop: `Uint8Array.from(text, callback)` costs about a
 * millisecond for a summary's few kilobytes, which was most of the time of a GET /links/{session} of a ready one.
 */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
