export {
  parseCurp,
  curpInvalidReasons,
  type CurpResult,
  type CurpInvalidReason,
  type CurpSex,
  type CurpWarning,
  type ParseCurpOptions,
} from './parse-curp.js';
export { normalizeCurp } from './normalize-curp.js';
export { curpCheckDigit } from './check-digit.js';
export { curpStates, type CurpStateCode } from './states.js';
export { inconvenientWords } from './inconvenient-words.js';
export { CurpSchema } from './curp-schema.js';
