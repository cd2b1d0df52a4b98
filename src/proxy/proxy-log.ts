import { imssErrorCodes } from '../contract/error-codes.js';
import { personalDataIn } from '../curp/personal-data.js';
import { BELVO_CALL_OUTCOMES, BELVO_OPERATIONS } from './belvo-client.js';
import { REQUEST_LIMIT_NAMES } from './request-limits.js';

/**
 * What the proxy reports about its work, for the partner's monitoring.
 *
 * Every field is chosen so that a log line can be shipped anywhere: no CURP, NSS, name, salary, secret, Belvo
 * link id or session handle ever appears in one. A session is named by a short random tag that cannot be turned
 * back into its handle. What comes from outside (Belvo's webhook fields and error codes) is logged only when it is
 * one of the values below, and as `other` when it is not: see sanitizeLogEntry.
 */
export const proxyLogEvents = [
  'session_created',
  'attempt_limited',
  /** A repeated POST /links (same attemptId and CURP) was given the session the first one opened. */
  'attempt_repeated',
  'link_created',
  /**
   * Belvo's answer to a link creation never came in time (a timeout, a 504) or was unreadable: it may still have
   * created a link the proxy cannot delete, holding the person's records. Find it in Belvo (by `externalId`, when
   * the request had one) and delete it.
   */
  'link_unconfirmed',
  'belvo_call',
  /**
   * Belvo answered 401: it refused the proxy's own secret keys (wrong, revoked, or for another environment). The
   * person is told `service_error` (retryable); only an operator can fix it. Comes with the call's `belvo_call`.
   */
  'belvo_auth_failed',
  'webhook',
  'webhook_rejected',
  'session_ready',
  'session_failed',
  'session_deleted',
  /** A download was given up: its session was withdrawn or timed out, or another instance took it over. */
  'download_cancelled',
  /** A download whose instance stopped (crashed, or was stopped) was taken over by this one. */
  'download_resumed',
  /**
   * The records webhook was late, so the proxy asked Belvo whether it holds the link's records (`attempt`: which
   * check, from 1): `outcome` `found` (the download starts, as if the webhook had come), `not_found` or `failed`.
   */
  'reconciliation',
  /** The shared state (Redis) was lost (`outcome` "lost") or is back ("restored"). */
  'state_connection',
  /** A request was answered 503: the shared state could not be reached. */
  'state_unavailable',
  /** `onSummary` threw or rejected: the session failed (service_error, retryable). `code`: the error's name. */
  'summary_not_delivered',
  /** POST /links refused by a request limit (429; `code`: applicant, curp, client or service). */
  'request_limited',
  /** `authorize` refused a request (`status` 401 or 403). */
  'applicant_refused',
  /** POST /links refused: this instance holds its most pending sessions (503). */
  'overloaded',
  'background_error',
  /** A request's body broke off (the client went away mid-upload): the client's fault, not the proxy's. */
  'request_aborted',
  'internal_error',
] as const;
export type ProxyLogEvent = (typeof proxyLogEvents)[number];

export interface ProxyLogEntry {
  event: ProxyLogEvent;
  /** Short random tag of the session, unrelated to its handle. */
  session?: string;
  /** HTTP status of a Belvo answer (belvo_call, belvo_auth_failed) or of the proxy's answer (webhook_rejected). */
  status?: number;
  /** Canonical error code (session_failed), Belvo's error code (belvo_call) or the error's name (internal_error). */
  code?: string;
  durationMs?: number;
  /** belvo_call, belvo_auth_failed: which operation; belvo_call: how many tries so far; reconciliation: which check. */
  operation?: string;
  attempt?: number;
  /** webhook: Belvo's webhook_type / webhook_code, and whether it changed a session. */
  webhookType?: string;
  webhookCode?: string;
  outcome?: string;
  /** link_unconfirmed: the partner's `externalId` of the request, checked to hold no personal data. */
  externalId?: string;
  /** session_ready: how many employment-record profiles were found (a count, not data). */
  profiles?: number;
  /**
   * session_ready: how many jobs could not be read and were left out of the summary (its `skipped_records`
   * warning); 0 when none. A count: which jobs, and why, is the person's data.
   */
  skippedRecords?: number;
}

export type ProxyLogger = (entry: ProxyLogEntry) => void;

/** A logger that can never break the flow it reports on, nor print what its callers did not mean to. */
export function safeLogger(logger: ProxyLogger | undefined): ProxyLogger {
  if (!logger) return () => {};
  return (entry) => {
    try {
      logger(sanitizeLogEntry(entry));
    } catch {
      // A failing log sink must not fail a person's retrieval.
    }
  };
}

/** Belvo's webhook types the proxy knows (its IMSS link's resources, and link errors). */
const WEBHOOK_TYPES = ['EMPLOYMENT_RECORDS', 'EMPLOYMENT_METRICS', 'OWNERS', 'LINK'] as const;

/** Belvo's documented error codes (belvo_call, LINK webhooks), IMSS's refusals among them. */
const BELVO_CODES = [
  'too_many_sessions',
  'institution_down',
  'institution_unavailable',
  'institution_inactive',
  'login_error',
  'invalid_credentials',
  'missing_credentials',
  'forbidden_by_host',
  'required',
  'authentication_failed',
  'not_found',
  'request_timeout',
  'throttled',
  'token_required',
  'unexpected_error',
] as const;

const WEBHOOK_CODES = ['historical_update', ...BELVO_CODES] as const;

/** internal_error's `code`: the error's name, when it is one of JavaScript's, Web APIs' or Hono's. */
const ERROR_NAMES = [
  'Error',
  'TypeError',
  'RangeError',
  'SyntaxError',
  'ReferenceError',
  'EvalError',
  'URIError',
  'AggregateError',
  'AbortError',
  'TimeoutError',
  'DataCloneError',
  'HTTPException',
  'StateUnavailableError',
] as const;

const CODES = new Set<string>([...imssErrorCodes, ...BELVO_CODES, ...ERROR_NAMES, ...REQUEST_LIMIT_NAMES]);
const EVENTS = new Set<string>(proxyLogEvents);
const OPERATIONS = new Set<string>(BELVO_OPERATIONS);
/** belvo_call's outcomes, webhook's and reconciliation's (retrieval-flow.ts) and state_connection's (redis-state.ts). */
const OUTCOMES = new Set<string>([
  ...BELVO_CALL_OUTCOMES,
  ...['applied', 'duplicate', 'parked', 'ignored'],
  ...['found', 'not_found', 'failed'],
  ...['lost', 'restored'],
]);
const TYPES = new Set<string>(WEBHOOK_TYPES);
const WEBHOOK_CODE_SET = new Set<string>(WEBHOOK_CODES);
/** newLogTag's shape: 6 random bytes, base64url. */
const LOG_TAG = /^[A-Za-z0-9_-]{8}$/;
const MAX_EXTERNAL_ID_LENGTH = 100;

/** The value when it is one of the known ones, `other` when it is not. */
function known(values: ReadonlySet<string>, value: string): string {
  return values.has(value) ? value : 'other';
}

/**
 * The entry as it may be logged, whoever built it: each text field is one of its known values or `other` (a CURP
 * in a webhook's `webhook_code` is logged as `other`), numbers are finite numbers, an `externalId` holding personal
 * data is left out, and fields ProxyLogEntry does not name are dropped. Applied by safeLogger, so that no call site
 * can log more than this.
 */
export function sanitizeLogEntry(entry: ProxyLogEntry): ProxyLogEntry {
  const input = entry as unknown as Record<string, unknown>;
  const text = (name: keyof ProxyLogEntry) =>
    typeof input[name] === 'string' ? input[name] : input[name] === undefined ? undefined : '';
  const clean: ProxyLogEntry = { event: known(EVENTS, text('event') ?? '') as ProxyLogEvent };
  const session = text('session');
  if (session !== undefined) clean.session = LOG_TAG.test(session) ? session : 'other';
  for (const name of ['status', 'durationMs', 'attempt', 'profiles', 'skippedRecords'] as const) {
    const value = input[name];
    if (typeof value === 'number' && Number.isFinite(value)) clean[name] = value;
  }
  const fields = [
    ['code', CODES],
    ['operation', OPERATIONS],
    ['webhookType', TYPES],
    ['webhookCode', WEBHOOK_CODE_SET],
    ['outcome', OUTCOMES],
  ] as const;
  for (const [name, values] of fields) {
    const value = text(name);
    if (value !== undefined) clean[name] = known(values, value);
  }
  const externalId = text('externalId');
  if (externalId && externalId.length <= MAX_EXTERNAL_ID_LENGTH && personalDataIn(externalId) === undefined) {
    clean.externalId = externalId;
  }
  return clean;
}
