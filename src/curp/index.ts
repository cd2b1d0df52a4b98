export { parseCurp, type CurpResult, type CurpWarning } from './parse-curp.js';
export {
  checkCurp,
  curpInvalidReasons,
  type CurpCheck,
  type CurpInvalidReason,
  type CurpSex,
  type ParseCurpOptions,
} from './check-curp.js';
export { normalizeCurp } from './normalize-curp.js';
export { curpCheckDigit } from './check-digit.js';
export { curpStates, curpStateCodes, type CurpStateCode } from './states.js';
export { inconvenientWords } from './inconvenient-words.js';
export { CurpSchema } from './curp-schema.js';
