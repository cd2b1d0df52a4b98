// What the component tests' backend (backend-middleware.ts) offers beyond `npm start`'s: where it is mounted, and
// valid CURPs for which Belvo — the outside party, played by a script in front of the sandbox — answers in ways the
// sandbox has no scripted CURP for. Constants only: imported by the middleware (Node) and the tests (browser).

/** The real proxy and the sandbox at test speed (as DEMO_BASE_PATH). */
export const BACKEND = '/api/imss';

/** The same backend, allowing one retrieval per CURP: the next one gets the proxy's own 429 `daily_limit`. */
export const ONE_ATTEMPT_BACKEND = '/api/imss-one-attempt';

/** Belvo's `request_id` in the scripted error answers below, shown by the element as the support reference. */
export const SCRIPTED_REQUEST_ID = '5c0ffee0ddba11ad5eed0fca7b0b0a42';

export const TEST_CURPS = {
  /** Belvo refuses the link: 400 login_error "…Debe contener 18 caracteres" (IMSS disagrees on the length). */
  curpLength: 'LOBR850312HDFNGS00',
  /** Belvo refuses the link: 400 login_error with an IMSS text the proxy does not know. */
  imssRejected: 'ROEL920101MJCSRN03',
  /** Belvo fails: 500 unexpected_error. */
  serviceError: 'MUJA870615HNLXRR00',
  /** Belvo takes 2 s to create the link: the retrieval stays at its first step ("connecting") meanwhile. */
  slowLink: 'DIPA790909MPLZRT03',
  /**
   * Belvo answers 400 institution_unavailable to the first link request for each of these, then the sandbox
   * answers (a success). One per test that retries, since the first attempt is spent once per test run.
   */
  unavailableOnce: ['QUSE010101HDFNRR02', 'VEGA950505HSRRLN09', 'CAMD880808MQTRRN05'],
} as const;
