import { decodeBirthDate } from '../curp/birth-date.js';
import { checkCurp, isCurpSex, type CurpInvalidReason } from '../curp/check-curp.js';
import { normalizeCurp } from '../curp/normalize-curp.js';
import { curpStateCodes } from '../curp/states.js';

/** A CURP whose every character fits its position's shape (its date, state and check digit do not matter). */
const FILLER = 'XAXX000000HDFXXX00';

/**
 * Whether the typed start of a YYMMDD can still become a birth date checkCurp accepts, with one of `markers` in
 * position 17 (a digit reads the year in the 1900s, a letter in the 2000s). Tries every MMDD after the typed year.
 */
function dateCanBe(typed: string, markers: string): boolean {
  if (typed.length < 2) return true;
  const today = new Date();
  for (let mmdd = 101; mmdd <= 1231; mmdd++) {
    const yymmdd = typed.slice(0, 2) + String(mmdd).padStart(4, '0');
    if (yymmdd.startsWith(typed) && [...markers].some((marker) => decodeBirthDate(yymmdd, marker, today)))
      return true;
  }
  return false;
}

/**
 * The first problem worth telling the person about while they type, if any: the first of checkCurp's rules that the
 * CURP breaks however it is completed, as soon as the typed characters decide it.
 *  - format: a typed character cannot be right (the prefix, completed with characters that fit, fails the shape);
 *  - date: from the month on, no date of either century starts with the typed digits (month 13, 31 April, 29
 *    February of a year that is leap in neither century, a date after today in both); a date that exists in one
 *    century only waits for position 17, which tells the century;
 *  - sex: position 11 is not H, M or X; state: no state code starts with positions 12–13;
 *  - length at once for more than 18 characters; checksum, and every rule, by checkCurp once all 18 are there.
 * An incomplete or empty CURP counts only once `finished` (on blur or submit).
 */
export function curpProblem(input: string, finished: boolean): CurpInvalidReason | undefined {
  const compact = normalizeCurp(input);
  // Counted in characters, not UTF-16 units, as checkCurp's length rule does.
  const { length } = [...compact];
  if (length > 18) return 'length';
  if (length < 18) {
    const completed = checkCurp(compact + FILLER.slice(length));
    if (!completed.valid && completed.reason === 'format') return 'format';
    // The shape is right so far: ASCII letters and digits, safe to upper-case.
    const prefix = compact.toUpperCase();
    if (!dateCanBe(prefix.slice(4, 10), length > 16 ? prefix.charAt(16) : '0A')) return 'date';
    if (length > 10 && !isCurpSex(prefix.charAt(10))) return 'sex';
    const state = prefix.slice(11, 13);
    if (!curpStateCodes.some((code) => code.startsWith(state))) return 'state';
    if (!finished) return undefined;
  }
  const result = checkCurp(input);
  return result.valid ? undefined : result.reason;
}
