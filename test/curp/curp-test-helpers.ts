/**
 * Test-only helpers, written independently of src/curp so that the tests do not just repeat the code under test.
 */

/** RENAPO's check digit, computed from character codes rather than from a lookup string. */
export function referenceCheckDigit(first17: string): string {
  let sum = 0;
  for (let index = 0; index < 17; index++) {
    const code = first17.charCodeAt(index);
    // '0'–'9' → 0–9, 'A'–'N' → 10–23, (Ñ → 24), 'O'–'Z' → 25–36.
    const value = code <= 57 ? code - 48 : code <= 78 ? code - 55 : code - 54;
    sum += value * (18 - index);
  }
  return String((10 - (sum % 10)) % 10);
}

/** Completes 17 characters into an 18-character CURP with the right check digit. */
export function withCheckDigit(first17: string): string {
  if (first17.length !== 17) throw new Error(`need 17 characters: ${first17}`);
  return first17 + referenceCheckDigit(first17);
}

/** A CURP with every character right except the check digit. */
export function withWrongCheckDigit(first17: string): string {
  const right = Number(referenceCheckDigit(first17));
  return first17 + String((right + 1) % 10);
}

export const FIXED_TODAY = new Date('2026-06-15T12:00:00Z');
