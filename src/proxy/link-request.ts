import * as z from 'zod/mini';
import { CreateLinkRequestSchema, type ProxyErrorResponse } from '../contract/proxy-api.js';
import { CurpSchema, curpInvalidReasons, type CurpInvalidReason } from '../curp/index.js';
import { personalDataIn, type PersonalDataKind } from '../curp/personal-data.js';
import { describeIssues, invalidRequest, proxyError, type RequestIssue } from './proxy-errors.js';

/**
 * The proxy's reading of a `POST /links` body: the contract's CreateLinkRequest with the CURP parsed by
 * CurpSchema, so parseCurp's rules and reason codes have one source. Server-only on purpose: in the contract,
 * CurpSchema would pull parseCurp's tables into the element's browser bundle (+0.27 kB gzip), and the element has
 * already checked the CURP as the person typed it.
 */
const ProxyCreateLinkRequestSchema = z.extend(CreateLinkRequestSchema, { curp: CurpSchema });

export type LinkRequestReading =
  | { ok: true; curp: string; externalId: string | undefined; attemptId: string | undefined }
  | { ok: false; status: 400 | 422; body: ProxyErrorResponse };

const PERSONAL_DATA_NAMES: Record<PersonalDataKind, string> = {
  curp: 'a CURP',
  nss: 'a number of 11 digits or more, as an NSS (separators included)',
  phone: 'a phone number',
  email: 'an e-mail address',
};

/**
 * The body as a request to start a retrieval, or the answer refusing it:
 *  - 400 `invalid_request` when a field is missing or of the wrong type or length, or when `externalId` holds
 *    personal data (`issues` says which field and why);
 *  - 422 `invalid_curp` with parseCurp's `reason` when the fields are right but the CURP is not a valid one.
 */
export function readLinkRequest(body: unknown): LinkRequestReading {
  const parsed = ProxyCreateLinkRequestSchema.safeParse(body);
  if (!parsed.success) {
    const { issues } = parsed.error;
    const curpRefusal = issues.find(isCurpRefusal);
    const others = issues.filter((issue) => issue !== curpRefusal);
    if (others.length > 0 || !curpRefusal) {
      return refuse('The body does not match the expected fields.', describeIssues(others, body));
    }
    const reason = curpRefusal.message as CurpInvalidReason;
    return {
      ok: false,
      status: 422,
      // The reason only: the message never repeats the CURP.
      body: proxyError('invalid_curp', `The CURP is not valid (${reason}).`, { reason }),
    };
  }

  const { curp, externalId, attemptId } = parsed.data;
  const personal = externalId === undefined ? undefined : personalDataIn(externalId);
  if (personal) {
    return refuse('externalId must not carry personal data.', [
      {
        path: 'externalId',
        message: `externalId must not carry personal data; it holds ${PERSONAL_DATA_NAMES[personal]}. Use your own reference.`,
      },
    ]);
  }
  return { ok: true, curp, externalId, attemptId };
}

/** CurpSchema's one issue for a string parseCurp refuses: a custom issue whose message is the reason code. */
function isCurpRefusal(issue: z.core.$ZodIssue): boolean {
  return (
    issue.code === 'custom' &&
    issue.path.length === 1 &&
    issue.path[0] === 'curp' &&
    (curpInvalidReasons as readonly string[]).includes(issue.message)
  );
}

function refuse(message: string, issues: RequestIssue[]): LinkRequestReading {
  return { ok: false, status: 400, body: invalidRequest(message, issues) };
}
