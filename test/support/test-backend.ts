// What the component tests' backend (backend-middleware.ts) offers beyond `npm start`'s: where it is mounted, and
// valid CURPs for which Belvo — the outside party, played by a script in front of the sandbox — answers in ways the
// sandbox has no scripted CURP for. No imports and no side effects: read by the middleware (Node) and the tests
// (browser).
//
// What the backend remembers between requests is keyed by something each test draws afresh (an `externalId`, which
// the element sends with `external-id`, or a key in a path), so that a test passes again on the same server: run
// twice in one run, or in a second run against a dev server that stayed up.

/** Where the one-attempt backends are mounted, each under a key of its own. */
export const ONE_ATTEMPT_BACKENDS = '/api/imss-one-attempt';

/**
 * A backend of its own for `key`, allowing one retrieval per CURP: the next one gets the proxy's own 429
 * `daily_limit`. Created on first use of the key.
 */
export const oneAttemptBackend = (key: string) => `${ONE_ATTEMPT_BACKENDS}/${key}`;

/**
 * `GET {BELVO_LOG}/{externalId}`: the link requests scripted Belvo received with that `external_id`, in order, as
 * `[{ username, status }]` (`status`: what Belvo answered). Shows what the proxy did behind the element's back.
 */
export const BELVO_LOG = '/api/test-belvo-log';

/**
 * A backend whose proxy gives the summary to the partner's server only (`onSummary`, `browserDelivery: 'minimal'`):
 * the browser gets a confirmation. `GET {DELIVERED}/{session}`: the summaries its `onSummary` received for that
 * session, as `[{ curp }]`.
 */
export const MINIMAL_DELIVERY_BACKEND = '/api/imss-minimal';
export const DELIVERED = '/api/test-delivered';

/**
 * The request header the component tests' proxy reads the applicant from (its `authorize`): absent, the applicant
 * `tester`; `none`, nobody signed in (401 `unauthenticated`); `stranger`, an applicant the CURP is not for (403
 * `forbidden`).
 */
export const TEST_APPLICANT_HEADER = 'X-Test-Applicant';

/** One entry of the BELVO_LOG. */
export interface BelvoLinkRequest {
  username: string;
  status: number;
}

export const TEST_CURPS = {
  /** Belvo refuses the link: 400 login_error "…Debe contener 18 caracteres" (IMSS disagrees on the length). */
  curpLength: 'LOBR850312HDFNGS00',
  /** Belvo refuses the link: 400 login_error with an IMSS text the proxy does not know. */
  imssRejected: 'ROEL920101MJCSRN03',
  /** Belvo refuses the link: 400 login_error "Es necesario que acudas a la subdelegación…" (a visit required). */
  imssVisitRequired: 'SAVL880214MYNNLR05',
  /** Belvo refuses the link: 400 login_error "El correo ya está registrado con otro CURP". */
  emailInUse: 'CAHE910707HGTRRN04',
  /** Belvo fails: 500 unexpected_error. */
  serviceError: 'MUJA870615HNLXRR00',
  /** Belvo answers 429 with a Retry-After of an hour, longer than the proxy waits: it gives up, `service_busy`. */
  serviceBusy: 'ZAQM900912MCSRNS04',
  /** Belvo takes 2 s to create the link: the retrieval stays at its first step ("connecting") meanwhile. */
  slowLink: 'DIPA790909MPLZRT03',
  /**
   * Belvo answers 400 institution_unavailable to the first link request for each `external_id`, then the sandbox
   * answers (a success): the element reports the error, and its Retry succeeds.
   */
  unavailableOnce: 'QUSE010101HDFNRR02',
  /**
   * Belvo answers 503 service_unavailable to the first link request for each `external_id`, then the sandbox
   * answers: the proxy tries again by itself, and the element never hears of it.
   */
  busyOnce: 'VEGA950505HSRRLN09',
} as const;
