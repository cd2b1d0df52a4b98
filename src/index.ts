// Package entry: the element class, its event and text types, parseCurp and the contract types.
// Importing it registers <imss-connect> and its English texts (through define.js).
export { ImssConnect } from './element/define.js';
export { registerTranslation } from './element/localize.js';
export type { ConnectSettings } from './element/proxy-client.js';
export { imssEventTypes } from './element/events.js';
export type {
  ConnectErrorCode,
  ImssCancelDetail,
  ImssCancelEvent,
  ImssConnectEventMap,
  ImssErrorDetail,
  ImssErrorEvent,
  ImssProgressDetail,
  ImssProgressEvent,
  ImssSuccessDetail,
  ImssSuccessEvent,
} from './element/events.js';
export type { Messages, Translation, TranslationOverrides } from './element/translations/translation.js';
export { esMX } from './element/translations/es-MX.js';
export { en } from './element/translations/en.js';
export {
  parseCurp,
  normalizeCurp,
  curpStates,
  curpInvalidReasons,
  type CurpResult,
  type CurpInvalidReason,
} from './curp/index.js';
export type { ImssErrorCode } from './contract/error-codes.js';
export type { EmploymentSummary, Job, JobKind, SummaryWarning } from './contract/summary.js';
export type {
  CreateLinkRequest,
  CreateLinkResponse,
  LinkError,
  LinkStatus,
  LinkStatusResponse,
  ProgressStep,
  ProxyErrorResponse,
} from './contract/proxy-api.js';
