import { checkCurp, type CurpCheck, type ParseCurpOptions } from './check-curp.js';
import { inconvenientWords } from './inconvenient-words.js';
import { curpStates } from './states.js';

/** Something odd about a CURP that is nevertheless valid. */
export type CurpWarning = 'inconvenient_word';

export type CurpResult =
  | (Extract<CurpCheck, { valid: true }> & {
      stateName: string;
      warnings: CurpWarning[];
    })
  | Extract<CurpCheck, { valid: false }>;

/**
 * Checks a CURP as a person typed or pasted it, and reads what it says about them. Never throws for any string;
 * only an invalid `options.today`, a programming error, throws a RangeError.
 * The checks follow RENAPO's Instructivo Normativo (see checkCurp); they cannot tell whether RENAPO actually
 * issued the CURP.
 */
export function parseCurp(input: string, options: ParseCurpOptions = {}): CurpResult {
  const result = checkCurp(input, options);
  if (!result.valid) return result;
  return {
    ...result,
    stateName: curpStates[result.state],
    warnings: inconvenientWords.has(result.curp.slice(0, 4)) ? ['inconvenient_word'] : [],
  };
}
