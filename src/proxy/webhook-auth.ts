import { constantTimeEqual } from '../internal/constant-time.js';

/**
 * Checks the Authorization header Belvo sends with every webhook (the value set when the webhook was registered).
 *
 * Both values are hashed before they are compared, and the digests compared without an early exit, so the time
 * taken says nothing about how much of a guess was right, nor about the secret's length.
 */
export async function isAuthorizedWebhook(received: string | undefined, expected: string): Promise<boolean> {
  if (received === undefined || expected === '') return false;
  const [a, b] = await Promise.all([digest(received), digest(expected)]);
  return constantTimeEqual(a, b);
}

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}
