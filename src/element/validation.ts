import { normalizeCurp } from '../curp/normalize-curp.js';
import { checkCurp, type CurpInvalidReason } from '../curp/check-curp.js';

/** A CURP whose every character fits its position's shape (its date, state and check digit do not matter). */
const FILLER = 'XAXX000000HDFXXX00';

/**
 * The first problem worth telling the person about while they type, if any. A shape problem shows as soon as a typed
 * character cannot be right (the typed prefix, completed with characters that fit, fails checkCurp's format rule),
 * and a CURP that is too long at once; the other rules apply once all 18 characters are there. An incomplete or
 * empty CURP counts only once `finished` (on blur or submit).
 */
export function curpProblem(input: string, finished: boolean): CurpInvalidReason | undefined {
  const typed = [...normalizeCurp(input)];
  if (typed.length > 18) return 'length';
  if (typed.length < 18) {
    const completed = checkCurp(typed.join('') + FILLER.slice(typed.length));
    if (!completed.valid && completed.reason === 'format') return 'format';
    if (!finished) return undefined;
  }
  const result = checkCurp(input);
  return result.valid ? undefined : result.reason;
}
