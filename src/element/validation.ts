import { checkCurp, type CurpCheck, type CurpInvalidReason } from '../curp/check-curp.js';
import { normalizeCurp } from '../curp/normalize-curp.js';

/** A CURP whose every character fits its position's shape, with a valid date, sex and state (not check digit). */
const FILLER = 'XAXX000101HDFXXX00';

/**
 * The first problem worth telling the person about while they type, if any:
 *  - length, at once for more than 18 characters;
 *  - format, as soon as a typed character cannot be right (the prefix, completed with characters that fit and a
 *    valid date, sex and state, fails the shape);
 *  - every other rule (date, sex, state, check digit), from `checked` (checkCurp of the input) once all 18 are there.
 * An incomplete or empty CURP counts only once `finished` (on blur or submit).
 */
export function curpProblem(
  input: string,
  finished: boolean,
  checked: CurpCheck,
): CurpInvalidReason | undefined {
  const compact = normalizeCurp(input);
  // Counted in characters, not UTF-16 units, as checkCurp's length rule does.
  const { length } = [...compact];
  if (length > 18) return 'length';
  if (length < 18) {
    const completed = checkCurp(compact + FILLER.slice(length));
    if (!completed.valid && completed.reason === 'format') return 'format';
    if (!finished) return undefined;
  }
  return checked.valid ? undefined : checked.reason;
}
