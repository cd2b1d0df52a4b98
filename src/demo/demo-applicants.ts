/**
 * The demo's two made-up applicants, the signed-in users of the demo lender's site. In a real site the page gets
 * the applicant's token when they sign in (from your identity provider or your own login) and `authorize` verifies
 * it; here the page's "signed in as" control picks one of two fixed tokens, and the demo backend knows them. They
 * protect nothing (the sandbox's people are invented too), but the wiring is the one a partner copies.
 */
export interface DemoApplicant {
  /** The applicant's id, as `authorize` returns it: the session is bound to it. */
  readonly id: string;
  /** How the page's sign-in names them (Spanish: the page is written for people in Mexico). */
  readonly label: string;
  /** The bearer token the page sends with every request to the proxy. */
  readonly token: string;
}

export const DEMO_APPLICANTS: readonly DemoApplicant[] = [
  { id: 'demo-ana', label: 'Ana (solicitante demo)', token: 'demo-token-ana' },
  { id: 'demo-luis', label: 'Luis (solicitante demo)', token: 'demo-token-luis' },
];
