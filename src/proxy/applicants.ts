import type { ProxyErrorResponse } from '../contract/proxy-api.js';
import { proxyError } from './proxy-errors.js';
import type { StateKeys } from './state-keys.js';

/**
 * Who a request is for: the partner's signed-in applicant, as the partner's `authorize` says. Every session is
 * bound to the applicant that started it (a keyed hash of its id, in the session's value), and is found by that
 * applicant only: for anyone else its handle is 404, as if it did not exist.
 */

/** What `authorize` returns: the applicant's id (any non-empty string of the partner's, up to 256 characters), or a refusal. */
export type AuthorizeResult = string | { refuse: 'unauthenticated' | 'forbidden' };

/**
 * The partner's check of a request, e.g. reading its session cookie or bearer token. `curp` is given with
 * `POST /links` (undefined for polls and DELETE), for the partner to match it against the applicant's verified
 * identity (their KYC record) and refuse (`forbidden`) a CURP that is not theirs: the real defence against reading
 * a stranger's history, since a CURP is no secret.
 */
export type Authorize = (
  request: Request,
  context: { curp: string | undefined },
) => AuthorizeResult | Promise<AuthorizeResult>;

export type Identification =
  /** `owner`: the applicant's keyed hash, undefined when the proxy runs open. */
  | { ok: true; applicant: string | undefined; owner: string | undefined }
  | { ok: false; status: 401 | 403; body: ProxyErrorResponse };

const MAX_APPLICANT_ID_LENGTH = 256;

export function createIdentify(
  authorize: Authorize | 'open',
  keys: StateKeys,
): (request: Request, curp: string | undefined) => Promise<Identification> {
  if (authorize === 'open') return async () => ({ ok: true, applicant: undefined, owner: undefined });
  return async (request, curp) => {
    const result = await authorize(request, { curp });
    if (typeof result === 'string' && result !== '' && result.length <= MAX_APPLICANT_ID_LENGTH) {
      return { ok: true, applicant: result, owner: await keys.hash(`applicant\u0000${result}`) };
    }
    if (typeof result === 'object' && result !== null && result.refuse === 'forbidden') {
      return {
        ok: false,
        status: 403,
        body: proxyError('forbidden', 'This applicant may not retrieve this IMSS history.'),
      };
    }
    if (typeof result === 'object' && result !== null && result.refuse === 'unauthenticated') {
      return { ok: false, status: 401, body: proxyError('unauthenticated', 'Sign in, then try again.') };
    }
    throw new TypeError(
      `authorize must return an applicant id (1–${MAX_APPLICANT_ID_LENGTH} characters) or { refuse: 'unauthenticated' | 'forbidden' }.`,
    );
  };
}

/**
 * Whether `baseUrl` is a Belvo the proxy may call without an `authorize` (running open): the embedded sandbox
 * (`.invalid`), one on this machine (`npm run sandbox`, tests) or on a test domain. Anything else may be a real
 * Belvo, with real people's histories behind it.
 */
export function isLocalBelvo(baseUrl: string): boolean {
  const host = new URL(baseUrl).hostname;
  return (
    host === 'localhost' ||
    host === '[::1]' ||
    /^127\.\d+\.\d+\.\d+$/.test(host) ||
    /\.(invalid|test|localhost)$/.test(host)
  );
}
