import type { BelvoError } from '../contract/belvo.js';
import type { ImssErrorCode } from '../contract/error-codes.js';
import type { LinkError } from '../contract/proxy-api.js';
import { scrubIdentifiers } from '../curp/personal-data.js';
import type { BelvoFailure } from './belvo-client.js';

/**
 * Reduces Belvo's many answers to the canonical outcomes the element understands (src/contract/error-codes.ts).
 *
 * IMSS's refusals all arrive as 400s with one of three vague codes, so the IMSS text decides. It is matched
 * ignoring case and accents, as a substring: Belvo has been seen to re-case and re-accent these texts.
 * For an IMSS refusal the `message` is IMSS's own text (it describes the situation, not the person); anything
 * else gets a generic English sentence, so nothing Belvo-internal reaches the browser.
 */

/** A canonical error; `requestId` is Belvo's, for support. */
function linkError(
  code: ImssErrorCode,
  message: string,
  retryable: boolean,
  requestId?: string | null,
): LinkError {
  return requestId ? { code, message, retryable, requestId } : { code, message, retryable };
}

const GENERIC_MESSAGES = {
  service_error: 'The employment-data service did not answer as expected. Please try again.',
  timeout: 'IMSS took too long to answer. Please try again.',
  institution_unavailable: 'IMSS is not available right now. Please try again in a few minutes.',
  imss_rejected: 'IMSS did not accept the request.',
  service_busy:
    'The employment-data service is receiving too many requests. Please try again in a few minutes.',
} as const;

/** Belvo codes with which IMSS refuses a login; the message tells which refusal it is. */
const IMSS_REFUSAL_CODES = new Set(['invalid_credentials', 'login_error', 'missing_credentials']);

/** Substrings of IMSS's texts (already folded), in the order they are tried. */
const IMSS_REFUSALS: ReadonlyArray<{ text: string; code: ImssErrorCode }> = [
  { text: 'nss no fue localizado', code: 'nss_not_found' },
  { text: 'no coincide con la curp', code: 'nss_curp_mismatch' },
  { text: 'entidad externa renapo', code: 'curp_not_in_renapo' },
  { text: 'curp es incorrecto', code: 'curp_incorrect' },
  { text: 'debe contener 18 caracteres', code: 'curp_length' },
  { text: 'presentan alguna inconsistencia', code: 'imss_data_inconsistent' },
  { text: 'no cuenta con nss', code: 'no_nss' },
  // "Es necesario que acudas a la subdelegación más cercana a tu domicilio a presentar tu trámite"
  { text: 'acudas a la subdelegacion', code: 'imss_visit_required' },
  // "El correo ya está registrado con otro CURP"
  { text: 'correo ya esta registrado', code: 'email_in_use' },
];

/**
 * Belvo codes that mean "IMSS cannot take this login now, try again later".
 * `too_many_sessions` (a session with IMSS is already open for this CURP) belongs here too: it clears when the
 * other session ends, so a retry in a little while is the right advice.
 */
const INSTITUTION_UNAVAILABLE_CODES = new Set([
  'institution_down',
  'institution_unavailable',
  'institution_inactive',
  'too_many_sessions',
]);

/**
 * Lower-case, accents removed and every run of white space (non-breaking spaces and line breaks included) made one
 * space, so "Subdelegación" matches "subdelegacion" and "CURP\u00a0es  incorrecto" matches "curp es incorrecto".
 * @internal exported for tests
 */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/gu, ' ').toLowerCase();
}

/** A Belvo error code and message, from an answer, as a canonical error (or nothing). */
function mapBelvoCode(
  status: number,
  code: string | null,
  message: string | null,
  requestId: string | null,
): LinkError | undefined {
  // IMSS's texts name no person, but a defensive scrub costs nothing.
  const imssText = message ? scrubIdentifiers(message) : '';
  if (code === 'forbidden_by_host') {
    // IMSS allows three logins per CURP in 24 hours: retrying today cannot help.
    return linkError(
      'daily_limit',
      imssText || 'The daily IMSS attempts for this CURP are used up.',
      false,
      requestId,
    );
  }
  if (code && INSTITUTION_UNAVAILABLE_CODES.has(code)) {
    return linkError('institution_unavailable', GENERIC_MESSAGES.institution_unavailable, true, requestId);
  }
  if (status === 408 || code === 'request_timeout') {
    return linkError('timeout', GENERIC_MESSAGES.timeout, true, requestId);
  }
  if (code && IMSS_REFUSAL_CODES.has(code)) {
    const folded = foldText(message ?? '');
    const known = IMSS_REFUSALS.find((refusal) => folded.includes(refusal.text));
    return linkError(
      known?.code ?? 'imss_rejected',
      imssText || GENERIC_MESSAGES.imss_rejected,
      false,
      requestId,
    );
  }
  return undefined;
}

/** Belvo answered, or failed to answer, a call: what the person is told. */
export function mapBelvoFailure(failure: BelvoFailure): LinkError {
  switch (failure.kind) {
    case 'timeout':
      return linkError('timeout', GENERIC_MESSAGES.timeout, true);
    case 'throttled':
      return linkError('service_busy', GENERIC_MESSAGES.service_busy, true);
    // `cancelled`: only for a session that is already over, so nobody reads this one.
    case 'cancelled':
    case 'unreachable':
    case 'invalid_response':
      return linkError('service_error', GENERIC_MESSAGES.service_error, true);
    case 'http': {
      const first: BelvoError | undefined = failure.errors[0];
      const requestId = first?.request_id ?? null;
      // A 401 (our keys), a 5xx (Belvo itself, 500 unexpected_error included) or a 4xx we do not recognise
      // (a request Belvo found malformed) is the service's problem, not the person's.
      if (failure.status >= 500)
        return linkError('service_error', GENERIC_MESSAGES.service_error, true, requestId);
      return (
        mapBelvoCode(failure.status, first?.code ?? null, first?.message ?? null, requestId) ??
        linkError('service_error', GENERIC_MESSAGES.service_error, true, requestId)
      );
    }
  }
}

/**
 * Whether a failed link creation may have created a link all the same: its answer is unknown (a timeout, a gateway's
 * 504) or unreadable (a success status with a body that is not a link).
 */
export function linkMayExist(failure: BelvoFailure): boolean {
  return (
    failure.kind === 'timeout' ||
    failure.kind === 'invalid_response' ||
    (failure.kind === 'http' && failure.status === 504)
  );
}

/** Outcomes of a link creation that never reached IMSS: Belvo's own failures, and IMSS being down. */
const NOT_AT_IMSS: ReadonlySet<ImssErrorCode> = new Set([
  'service_error',
  'service_busy',
  'institution_unavailable',
]);

/**
 * Whether a failed link creation (`failure`, mapped to `error`) may have spent one of the CURP's IMSS logins: it did
 * when IMSS answered (a refusal, the daily limit), and may have when a link may exist. It did not when Belvo was
 * unreachable, refused our keys, failed itself, throttled or refused the request, or when IMSS was down: counting those would
 * lock a person out for the day over an outage they were told to retry.
 */
export function mayHaveReachedImss(failure: BelvoFailure, error: LinkError): boolean {
  return linkMayExist(failure) || !NOT_AT_IMSS.has(error.code);
}

/**
 * A `LINK` error webhook: Belvo gave up on a link it had accepted. IMSS's refusals come synchronously, in the
 * answer to the link creation; a failure after that is Belvo's side of the retrieval, so it is always a retryable
 * `service_error` (a new attempt creates a new link), whatever its `data` says. Belvo's request id is kept.
 */
export function mapLinkErrorWebhook(requestId: string | null): LinkError {
  return linkError('service_error', GENERIC_MESSAGES.service_error, true, requestId);
}

/** No outcome within the session timeout (the webhook never came, or Belvo never answered). */
export function sessionTimeoutError(): LinkError {
  return linkError('timeout', GENERIC_MESSAGES.timeout, true);
}
