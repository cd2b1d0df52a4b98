import type { ImssErrorCode } from '../contract/error-codes.js';
import type { ProgressStep } from '../contract/proxy-api.js';
import type { EmploymentSummary } from '../contract/summary.js';
import type { CurpInvalidReason } from '../curp/check-curp.js';

/**
 * Every failure the element can report: the proxy's IMSS outcomes, plus three found in the browser:
 * `invalid_curp` (the proxy refused the CURP with 422), `network` (the proxy could not be reached) and
 * `configuration` (the site's setup: the proxy refuses the page's origin, or no proxy answers at `endpoint`; the
 * console says what to fix).
 */
export type ConnectErrorCode =
  | ImssErrorCode
  | 'invalid_curp'
  | 'network'
  | 'configuration'
  /** The partner's backend found no signed-in applicant (401): the person signs in again. */
  | 'unauthenticated'
  /** The partner's backend refused this applicant this CURP (403), e.g. it is not their own. */
  | 'forbidden';

/** `imss-progress`: a retrieval started or changed step; then about every 5 s while it lasts. */
export interface ImssProgressDetail {
  step: ProgressStep;
  /** Milliseconds since the person submitted. */
  elapsedMs: number;
}

/** `imss-success`: the employment summary arrived. */
export interface ImssSuccessDetail {
  /** The proxy's handle of this retrieval. */
  session: string;
  /** Absent when the proxy gives the summary to the partner's server only (`browserDelivery` minimal or none). */
  summary?: EmploymentSummary;
}

/** `imss-error`: the retrieval ended without a summary. */
export interface ImssErrorDetail {
  code: ConnectErrorCode;
  /** The text shown to the person, in their language. */
  message: string;
  /** Whether trying again with the same CURP may succeed (the element then shows a Retry button). */
  retryable: boolean;
  /** Belvo's request id, for support. */
  requestId?: string;
  /** With `invalid_curp`: the CURP rule the proxy found broken, when it said (the message then explains it). */
  reason?: CurpInvalidReason;
  /** How many of the CURP's daily IMSS checks are left, when the proxy said (the message then tells it). */
  attemptsLeft?: number;
}

/** `imss-cancel`: the person (or `cancel()`) stopped a retrieval. */
export type ImssCancelDetail = Record<string, never>;

export type ImssProgressEvent = CustomEvent<ImssProgressDetail>;
export type ImssSuccessEvent = CustomEvent<ImssSuccessDetail>;
export type ImssErrorEvent = CustomEvent<ImssErrorDetail>;
export type ImssCancelEvent = CustomEvent<ImssCancelDetail>;

/** The events of `<imss-connect>`: all bubble and cross shadow roots. */
export interface ImssConnectEventMap {
  'imss-progress': ImssProgressEvent;
  'imss-success': ImssSuccessEvent;
  'imss-error': ImssErrorEvent;
  'imss-cancel': ImssCancelEvent;
}

/** The name of each event of `<imss-connect>`, for a host that listens to all of them. */
export const imssEventTypes = /* @__PURE__ */ Object.keys({
  'imss-progress': 0,
  'imss-success': 0,
  'imss-error': 0,
  'imss-cancel': 0,
  // `satisfies` fails to compile when an event of the map is missing here, or one here is not in the map.
} satisfies Record<keyof ImssConnectEventMap, 0>) as (keyof ImssConnectEventMap)[];

// Typed `addEventListener('imss-success', (e) => e.detail…)` on any element of the host page.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the augmentation adds the map's members
  interface GlobalEventHandlersEventMap extends ImssConnectEventMap {}
}

/** Dispatches one of the element's events, bubbling and composed. */
export function emit<K extends keyof ImssConnectEventMap>(
  target: EventTarget,
  type: K,
  detail: ImssConnectEventMap[K]['detail'],
): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
