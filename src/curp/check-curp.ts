import { decodeBirthDate } from './birth-date.js';
import { checkDigitOf } from './check-digit.js';
import { normalizeCurp } from './normalize-curp.js';
import { isCurpStateCode, type CurpStateCode } from './states.js';

/** Why a CURP was refused, in the order the rules are checked: only the first failing rule is reported. */
export const curpInvalidReasons = ['empty', 'length', 'format', 'date', 'sex', 'state', 'checksum'] as const;
export type CurpInvalidReason = (typeof curpInvalidReasons)[number];

/** H (hombre), M (mujer), X (non-binary, issued since 2023). */
export type CurpSex = 'H' | 'M' | 'X';

/** What the rules found: the normalised CURP and the fields it encodes, or the first rule it breaks. */
export type CurpCheck =
  | {
      valid: true;
      /** Normalised: no spaces or hyphens, upper-case. */
      curp: string;
      /** `YYYY-MM-DD`. */
      birthDate: string;
      sex: CurpSex;
      state: CurpStateCode;
    }
  | { valid: false; reason: CurpInvalidReason };

export interface ParseCurpOptions {
  /** The date birth dates may not be after; defaults to now. Injected by tests and by servers that pin a clock. */
  today?: Date;
}

/**
 * The shape of an upper-cased CURP, position by position (1-indexed):
 *   1     first letter of the first surname
 *   2     its first inner vowel, or X (RENAPO writes Ñ and missing letters as X)
 *   3–4   first letters of the second surname and of the given name
 *   5–10  birth date YYMMDD
 *   11    sex, 12–13 state: letters here, their values are checked by later rules
 *   14–16 first inner consonants of surnames and name, or X
 *   17    homoclave, a digit before 2000 and a letter after
 *   18    check digit
 * Also the pattern personal-data.ts looks for CURPs in free text with.
 */
export const CURP_SHAPE = /^[A-Z][AEIOUX][A-Z]{2}\d{6}[A-Z]{3}[B-DF-HJ-NP-TV-Z]{3}[A-Z\d]\d$/;

/**
 * ASCII only, tested before upper-casing: `toUpperCase` turns ß into SS, ı into I and ſ into S, which would let
 * a string that is not a CURP become one. (`\d` without the `u` flag is ASCII digits only.)
 */
const ASCII_ALPHANUMERIC = /^[A-Za-z\d]*$/;

/** Whether position 11 holds a sex code. */
function isCurpSex(letter: string): letter is CurpSex {
  return letter === 'H' || letter === 'M' || letter === 'X';
}

/**
 * RENAPO's rules, without describing the person: parseCurp's checks, minus the state names and the inconvenient
 * words, which are tables the browser does not need to tell a person what to fix (keeping them out of the
 * `<script src>` bundle saves about 0.5 kB gzip). Never throws for any string; only an invalid `options.today`,
 * a programming error, throws a RangeError.
 */
export function checkCurp(input: string, options: ParseCurpOptions = {}): CurpCheck {
  const compact = normalizeCurp(input);
  if (compact === '') return invalid('empty');
  // Code points, not UTF-16 units, so an emoji counts as one character, as a person would count it.
  if ([...compact].length !== 18) return invalid('length');
  if (!ASCII_ALPHANUMERIC.test(compact)) return invalid('format');

  const curp = compact.toUpperCase();
  if (!CURP_SHAPE.test(curp)) return invalid('format');

  const birthDate = decodeBirthDate(curp.slice(4, 10), curp.charAt(16), options.today ?? new Date());
  if (birthDate === undefined) return invalid('date');

  const sex = curp.charAt(10);
  if (!isCurpSex(sex)) return invalid('sex');

  const state = curp.slice(11, 13);
  if (!isCurpStateCode(state)) return invalid('state');

  if (checkDigitOf(curp.slice(0, 17)) !== curp.charAt(17)) return invalid('checksum');

  return { valid: true, curp, birthDate, sex, state };
}

function invalid(reason: CurpInvalidReason): CurpCheck {
  return { valid: false, reason };
}
