/**
 * Whether two byte strings are equal, in a time that depends only on the longer one's length: no early exit at
 * the first difference, so the time taken does not tell how much of a guess was right. Hash both sides first
 * (as the webhook check does) when even the secret's length must not show.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}
