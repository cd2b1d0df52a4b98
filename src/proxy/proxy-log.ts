/**
 * What the proxy reports about its work, for the partner's monitoring.
 *
 * Every field is chosen so that a log line can be shipped anywhere: no CURP, NSS, name, salary, secret, Belvo
 * link id or session handle ever appears in one. A session is named by a short random tag that cannot be turned
 * back into its handle.
 */
export interface ProxyLogEntry {
  event:
    | 'session_created'
    | 'attempt_limited'
    /** A repeated POST /links (same attemptId and CURP) was given the session the first one opened. */
    | 'attempt_repeated'
    | 'link_created'
    /**
     * Belvo's answer to a link creation never came in time (a timeout, a 504) or was unreadable: it may still have
     * created a link the proxy cannot delete, holding the person's records. Find it in Belvo (by `externalId`, when
     * the request had one) and delete it.
     */
    | 'link_unconfirmed'
    | 'belvo_call'
    /**
     * Belvo answered 401: it refused the proxy's own secret keys (wrong, revoked, or for another environment). The
     * person is told `service_error` (retryable); only an operator can fix it. Comes with the call's `belvo_call`.
     */
    | 'belvo_auth_failed'
    | 'webhook'
    | 'webhook_rejected'
    | 'session_ready'
    | 'session_failed'
    | 'session_deleted'
    /** A download was given up: its session was withdrawn or timed out, or another instance took it over. */
    | 'download_cancelled'
    /** A download whose instance stopped (crashed, or was stopped) was taken over by this one. */
    | 'download_resumed'
    /** The shared state (Redis) was lost (`outcome` "lost") or is back ("restored"). */
    | 'state_connection'
    /** A request was answered 503: the shared state could not be reached. */
    | 'state_unavailable'
    /** `onSummary` threw or rejected: the session failed (service_error, retryable). `code`: the error's name. */
    | 'summary_not_delivered'
    /** POST /links refused by a request limit (429; `code`: applicant, curp, client or service). */
    | 'request_limited'
    /** `authorize` refused a request (`status` 401 or 403). */
    | 'applicant_refused'
    /** POST /links refused: this instance holds its most pending sessions (503). */
    | 'overloaded'
    | 'background_error'
    | 'internal_error';
  /** Short random tag of the session, unrelated to its handle. */
  session?: string;
  /** HTTP status of a Belvo answer (belvo_call, belvo_auth_failed) or of the proxy's answer (webhook_rejected). */
  status?: number;
  /** Canonical error code (session_failed), Belvo's error code (belvo_call) or the error's name (internal_error). */
  code?: string;
  durationMs?: number;
  /** belvo_call, belvo_auth_failed: which operation; belvo_call: how many tries so far. */
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
}

export type ProxyLogger = (entry: ProxyLogEntry) => void;

/** A logger that can never break the flow it reports on. */
export function safeLogger(logger: ProxyLogger | undefined): ProxyLogger {
  if (!logger) return () => {};
  return (entry) => {
    try {
      logger(entry);
    } catch {
      // A failing log sink must not fail a person's retrieval.
    }
  };
}
