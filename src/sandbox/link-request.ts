import type * as z from 'zod/mini';
import { BelvoCreateLinkRequestSchema, type BelvoCreateLinkRequest } from '../contract/belvo.js';
import { personalDataIn } from '../curp/personal-data.js';
import { BELVO_ERROR_MESSAGES, belvoError, type BelvoErrorItem } from './belvo-errors.js';

/**
 * Checks a `POST /api/links/` body as Belvo's API does before it contacts the institution: its shape with the
 * contract's BelvoCreateLinkRequestSchema (the one the proxy's requests are typed with), then Belvo's own rules —
 * no blank text, a known institution (one of `institutions`), resources the institution offers. Every problem is reported at once, one
 * error per field, in the order of the fields, with Belvo's codes: `required`, `blank`, `invalid`,
 * `invalid_choice`, `min_length`. Whether the username is a CURP IMSS accepts is the institution's business and
 * is checked after this. `credentials_storage` (`store`, `nostore` or a number of days, `1d`–`365d`) and `stale_in`
 * (`1d`–`365d`), plain text in the contract, are checked here, and echoed in the link as sent.
 */

const FETCHABLE_RESOURCES = ['OWNERS', 'EMPLOYMENT_RECORDS', 'EMPLOYMENT_METRICS'] as const;

/** What Belvo fills in for a field that is left out or null. */
const BELVO_DEFAULTS = {
  access_mode: 'recurrent',
  fetch_resources: ['OWNERS', 'EMPLOYMENT_RECORDS'],
} as const;

/** How long Belvo keeps the credentials (`credentials_storage`) and the data (`stale_in`): days, at most a year. */
const DAYS = /^([1-9]\d{0,2})d$/;
const MAX_DAYS = 365;

/** A link request as the sandbox reads it: the contract's fields. */
export type SandboxLinkRequest = BelvoCreateLinkRequest;

type Field = keyof SandboxLinkRequest;
const FIELDS = Object.keys(BelvoCreateLinkRequestSchema.shape) as Field[];
/** Fields with a fixed set of values: any problem with them is Belvo's `invalid_choice`. */
const CHOICE_FIELDS: ReadonlySet<string> = new Set<Field>([
  'access_mode',
  'fetch_resources',
  'credentials_storage',
  'stale_in',
]);

export type LinkRequestReading =
  { ok: true; request: SandboxLinkRequest } | { ok: false; errors: BelvoErrorItem[] };

export function readLinkRequest(body: unknown, institutions: readonly string[]): LinkRequestReading {
  // Belvo reads a null as a field left out; a body that is not an object has every field left out.
  const input: Record<string, unknown> = { ...BELVO_DEFAULTS };
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    for (const [key, value] of Object.entries(body)) if (value !== null) input[key] = value;
  }

  const errors = new Map<string, BelvoErrorItem>();
  const parsed = BelvoCreateLinkRequestSchema.safeParse(input);
  for (const issue of parsed.error?.issues ?? []) {
    const field = String(issue.path[0]);
    if (!errors.has(field)) errors.set(field, shapeError(field, issue, input[field]));
  }
  const check = (field: Field, failed: boolean, code: string, message: string) => {
    if (!errors.has(field) && failed) errors.set(field, belvoError(code, message, { field }));
  };
  check('institution', isBlank(input['institution']), 'blank', BELVO_ERROR_MESSAGES.blank);
  check('username', isBlank(input['username']), 'blank', BELVO_ERROR_MESSAGES.blank);
  check(
    'institution',
    !institutions.includes(String(input['institution'])),
    'invalid',
    BELVO_ERROR_MESSAGES.invalidInstitution,
  );
  const resources = input['fetch_resources'];
  check(
    'fetch_resources',
    Array.isArray(resources) && !resources.every(isFetchableResource),
    'invalid_choice',
    BELVO_ERROR_MESSAGES.invalidChoice,
  );

  const credentialsStorage = input['credentials_storage'];
  const staleIn = input['stale_in'];
  check(
    'credentials_storage',
    credentialsStorage !== undefined &&
      credentialsStorage !== 'store' &&
      credentialsStorage !== 'nostore' &&
      !isDays(credentialsStorage),
    'invalid_choice',
    BELVO_ERROR_MESSAGES.invalidChoice,
  );
  check(
    'stale_in',
    staleIn !== undefined && !isDays(staleIn),
    'invalid_choice',
    BELVO_ERROR_MESSAGES.invalidChoice,
  );

  if (!parsed.success || errors.size > 0) {
    return { ok: false, errors: FIELDS.flatMap((field) => errors.get(field) ?? []) };
  }
  const { external_id: externalId, ...request } = parsed.data;
  return {
    ok: true,
    request: {
      ...request,
      ...(externalId === undefined || looksPersonal(externalId) ? {} : { external_id: externalId }),
    },
  };
}

function isDays(value: unknown): boolean {
  const days = typeof value === 'string' ? DAYS.exec(value) : null;
  return days !== null && Number(days[1]) <= MAX_DAYS;
}

/** Belvo's error for a field the schema refused. */
function shapeError(field: string, issue: z.core.$ZodIssue, value: unknown): BelvoErrorItem {
  if (value === undefined) return belvoError('required', BELVO_ERROR_MESSAGES.required, { field });
  if (CHOICE_FIELDS.has(field))
    return belvoError('invalid_choice', BELVO_ERROR_MESSAGES.invalidChoice, { field });
  if (issue.code === 'too_small') return belvoError('min_length', BELVO_ERROR_MESSAGES.minLength, { field });
  return belvoError('invalid', BELVO_ERROR_MESSAGES.notAString, { field });
}

function isBlank(value: unknown): boolean {
  return typeof value === 'string' && value.trim() === '';
}

function isFetchableResource(value: unknown): boolean {
  return typeof value === 'string' && (FETCHABLE_RESOURCES as readonly string[]).includes(value);
}

/**
 * Belvo drops an `external_id` that looks like personal data (it keeps none in its records), and so does the
 * sandbox, by the proxy's own rules (src/curp/personal-data.ts): an e-mail address, an NSS, a CURP.
 */
function looksPersonal(externalId: string): boolean {
  return personalDataIn(externalId) !== undefined;
}
