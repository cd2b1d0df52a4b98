/**
 * RENAPO's alphabet for the check digit: a character's value is its index. Ñ keeps its slot (24) even though a
 * CURP never contains it (RENAPO writes it as X), because every letter after it is valued from that slot.
 */
const CHECK_DIGIT_ALPHABET = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';

/**
 * The check digit (position 18) of a CURP, from its first 17 characters, which must be upper-case.
 *
 * Each character's value is weighted from 18 down to 2; the digit brings the weighted sum up to a multiple of 10.
 * Throws a RangeError for anything but 17 characters of the alphabet: a wrong digit computed from a malformed
 * key would look like a real answer.
 */
export function curpCheckDigit(first17: string): string {
  const characters = [...first17];
  if (characters.length !== 17) {
    throw new RangeError(`curpCheckDigit needs 17 characters, got ${characters.length}`);
  }
  const stranger = characters.find((character) => !CHECK_DIGIT_ALPHABET.includes(character));
  if (stranger) throw new RangeError(`curpCheckDigit: '${stranger}' is not a CURP character`);
  return checkDigitOf(first17);
}

/**
 * curpCheckDigit without its checks, for a key already known to be 17 characters of the alphabet (checkCurp's
 * pattern guarantees it): the browser bundle then carries no error texts that can never be shown.
 */
export function checkDigitOf(first17: string): string {
  let sum = 0;
  [...first17].forEach((character, index) => {
    sum += CHECK_DIGIT_ALPHABET.indexOf(character) * (18 - index);
  });
  return String((10 - (sum % 10)) % 10);
}
