// Package entry: the element class, its event and text types, parseCurp and the contract types.
// Importing it registers <imss-connect> (through define.js), and its English texts.
import { en } from './element/translations/en.js';
import { registerTranslation } from './element/localize.js';

registerTranslation('en', en);

export { ImssConnect } from './element/define.js';
export { registerTranslation };
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
export { en };
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
