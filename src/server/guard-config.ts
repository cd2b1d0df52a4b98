import { DEMO_APPLICANTS } from '../demo/demo-applicants.js';
import type { ImssProxyOptions } from '../proxy/index.js';

/**
 * `npm start`'s applicants and request limits, read from the environment (see server-config.ts for the rest):
 *
 *   IMSS_APPLICANT_HEADER   the request header naming the signed-in applicant, set by an authenticating gateway in
 *                           front of the server (e.g. X-Forwarded-User); a request without it is 401
 *   IMSS_AUTHORIZE=open     no applicants (a trial against Belvo's sandbox); with BELVO_API_URL, one of the two
 *                           is required
 * With the embedded sandbox and neither, the applicants are the demo page's fake ones (demo-backend.ts's
 * authorizeDemoApplicant: a bearer token from the page's sign-in).
 *   IMSS_LIMITS=off         request limits off (load tests, end-to-end suites); the CURP's daily attempts stay
 *   IMSS_LIMIT_APPLICANT_SESSIONS_PER_MINUTE, IMSS_LIMIT_APPLICANT_CURPS_PER_DAY,
 *   IMSS_LIMIT_APPLICANT_ATTEMPTS_PER_CURP, IMSS_LIMIT_CLIENT_SESSIONS_PER_MINUTE, IMSS_LIMIT_LINKS_PER_MINUTE
 * The client's address, for the per-client limit, is read as server-config.ts's IMSS_CLIENT_IP_HEADER says.
 */
export interface GuardConfig {
  applicants: { kind: 'open' } | { kind: 'demo' } | { kind: 'header'; header: string };
  limits: Exclude<ImssProxyOptions['limits'], undefined>;
}

type Env = Readonly<Record<string, string | undefined>>;

const LIMIT_VARIABLES = {
  IMSS_LIMIT_APPLICANT_SESSIONS_PER_MINUTE: 'applicantSessionsPerMinute',
  IMSS_LIMIT_APPLICANT_CURPS_PER_DAY: 'applicantCurpsPerDay',
  IMSS_LIMIT_APPLICANT_ATTEMPTS_PER_CURP: 'applicantAttemptsPerCurp',
  IMSS_LIMIT_CLIENT_SESSIONS_PER_MINUTE: 'clientSessionsPerMinute',
  IMSS_LIMIT_LINKS_PER_MINUTE: 'linkCreationsPerMinute',
} as const;

const DEMO_APPLICANT_LIMITS = { applicantCurpsPerDay: 50, applicantSessionsPerMinute: 30 } as const;

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The configuration, or its first problem as one sentence. `realBelvo`: BELVO_API_URL is set. */
export function readGuardConfig(
  env: Env,
  realBelvo: boolean,
): { ok: true; config: GuardConfig } | { ok: false; problem: string } {
  const header = text(env, 'IMSS_APPLICANT_HEADER');
  const authorize = text(env, 'IMSS_AUTHORIZE');
  if (header !== undefined && !HEADER_NAME.test(header)) {
    return {
      ok: false,
      problem: 'IMSS_APPLICANT_HEADER must be an HTTP header name such as X-Forwarded-User.',
    };
  }
  if (authorize !== undefined && authorize !== 'open') {
    return { ok: false, problem: 'IMSS_AUTHORIZE must be "open" (or unset).' };
  }
  if (authorize === 'open' && header !== undefined) {
    return { ok: false, problem: 'Set either IMSS_APPLICANT_HEADER or IMSS_AUTHORIZE=open, not both.' };
  }
  let applicants: GuardConfig['applicants'];
  if (header !== undefined) applicants = { kind: 'header', header };
  else if (authorize === 'open') applicants = { kind: 'open' };
  else if (!realBelvo) applicants = { kind: 'demo' };
  else {
    return {
      ok: false,
      problem:
        'With BELVO_API_URL set, name the applicant: IMSS_APPLICANT_HEADER=<header your authenticating gateway sets, e.g. X-Forwarded-User>, or IMSS_AUTHORIZE=open for a trial without applicants.',
    };
  }

  const switched = text(env, 'IMSS_LIMITS');
  if (switched !== undefined && switched !== 'off' && switched !== 'on') {
    return { ok: false, problem: 'IMSS_LIMITS must be "off" or "on" (or unset: on).' };
  }
  // The demo's two fake applicants try the sandbox's scripted CURPs one after another: an applicant's daily three
  // distinct CURPs and five sessions a minute would stop a visitor half-way through the table. Each CURP's own
  // limits stay (two logins per applicant, three in all: the third is Luis's).
  const limits: Exclude<GuardConfig['limits'], false> =
    applicants.kind === 'demo' ? { ...DEMO_APPLICANT_LIMITS } : {};
  for (const [name, option] of Object.entries(LIMIT_VARIABLES)) {
    const raw = text(env, name);
    if (raw === undefined) continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) {
      return { ok: false, problem: `${name} must be a whole number ≥ 1 (got "${raw}").` };
    }
    limits[option] = value;
  }
  return {
    ok: true,
    config: { applicants, limits: switched === 'off' ? false : limits },
  };
}

/**
 * The proxy's options for this configuration (the demo's applicants are the demo backend's `demoApplicants`, so
 * `authorize` is left out for them). `clientIpHeader`: the header a trusted reverse proxy puts the client's
 * address in (server-config.ts's clientAddressHeader); its last entry counts.
 */
export function guardOptions(
  config: GuardConfig,
  clientIpHeader?: string,
): Pick<ImssProxyOptions, 'authorize' | 'limits' | 'clientAddress'> {
  const { applicants } = config;
  return {
    ...(applicants.kind === 'open' ? { authorize: 'open' } : {}),
    ...(applicants.kind === 'header'
      ? {
          authorize: (request: Request) =>
            request.headers.get(applicants.header)?.trim() || { refuse: 'unauthenticated' },
        }
      : {}),
    limits: config.limits,
    ...(clientIpHeader === undefined
      ? {}
      : {
          clientAddress: (request: Request, { remoteAddress }: { remoteAddress: string | undefined }) =>
            request.headers.get(clientIpHeader)?.split(',').at(-1)?.trim() || remoteAddress,
        }),
  };
}

/** The lines `npm start` prints about applicants and limits, the warnings first. */
export function guardLines(config: GuardConfig): string[] {
  const lines: string[] = [];
  const { applicants } = config;
  if (applicants.kind === 'open') {
    lines.push(
      'WARNING: IMSS_AUTHORIZE=open: no applicants; anyone who reaches this server can retrieve the history of any CURP. For trials only.',
    );
  }
  if (config.limits === false) {
    lines.push('WARNING: IMSS_LIMITS=off: no request limits (the CURP’s daily IMSS attempts still hold).');
  }
  lines.push(applicantsLine(applicants));
  return lines;
}

function applicantsLine(applicants: GuardConfig['applicants']): string {
  switch (applicants.kind) {
    case 'header':
      return `Applicants: from the ${applicants.header} header (set by your authenticating gateway); requests without it get 401`;
    case 'demo': {
      const names = DEMO_APPLICANTS.map(({ label }) => label).join(', ');
      return `Applicants: fake ones, the demo page's sign-in (${names}: made up, with fixed bearer tokens; a real site verifies its own); requests without a token get 401; each may try ${DEMO_APPLICANT_LIMITS.applicantCurpsPerDay} CURPs a day`;
    }
    case 'open':
      return 'Applicants: none (open); every session handle is readable by whoever holds it';
  }
}

function text(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
