import { IMSS_INSTITUTION } from '../contract/index.js';
import { BELVO_ERROR_MESSAGES, belvoError, type BelvoErrorItem } from './belvo-errors.js';

/**
 * Checks a `POST /api/links/` body field by field, as Belvo's API does before it contacts the institution:
 * every problem is reported at once, each with its `field`. Whether the username is a CURP IMSS accepts is
 * the institution's business and is checked after this.
 */

export const FETCHABLE_RESOURCES = ['OWNERS', 'EMPLOYMENT_RECORDS', 'EMPLOYMENT_METRICS'] as const;
type FetchableResource = (typeof FETCHABLE_RESOURCES)[number];

export interface LinkRequest {
  institution: string;
  username: string;
  accessMode: 'single' | 'recurrent';
  fetchResources: FetchableResource[];
  externalId: string | null;
}

export type LinkRequestReading = { ok: true; request: LinkRequest } | { ok: false; errors: BelvoErrorItem[] };

export function readLinkRequest(body: unknown): LinkRequestReading {
  const fields: Record<string, unknown> =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : {};
  const errors: BelvoErrorItem[] = [];

  const institution = requiredString(fields, 'institution', errors);
  if (institution !== undefined && institution !== IMSS_INSTITUTION) {
    errors.push(belvoError('invalid', BELVO_ERROR_MESSAGES.invalidInstitution, 'institution'));
  }
  const username = requiredString(fields, 'username', errors);

  const accessMode = fields['access_mode'] ?? 'recurrent';
  if (accessMode !== 'single' && accessMode !== 'recurrent') {
    errors.push(belvoError('invalid_choice', BELVO_ERROR_MESSAGES.invalidChoice, 'access_mode'));
  }

  const fetchResources = fields['fetch_resources'] ?? ['OWNERS', 'EMPLOYMENT_RECORDS'];
  if (!Array.isArray(fetchResources) || !fetchResources.every(isFetchableResource)) {
    errors.push(belvoError('invalid_choice', BELVO_ERROR_MESSAGES.invalidChoice, 'fetch_resources'));
  }

  const externalId = fields['external_id'] ?? null;
  if (externalId !== null && typeof externalId !== 'string') {
    errors.push(belvoError('invalid', BELVO_ERROR_MESSAGES.notAString, 'external_id'));
  } else if (typeof externalId === 'string' && externalId.length < 3) {
    errors.push(belvoError('min_length', BELVO_ERROR_MESSAGES.minLength, 'external_id'));
  }

  if (errors.length > 0 || institution === undefined || username === undefined) return { ok: false, errors };
  return {
    ok: true,
    request: {
      institution,
      username,
      accessMode: accessMode as LinkRequest['accessMode'],
      fetchResources: fetchResources as FetchableResource[],
      externalId: typeof externalId === 'string' && !looksPersonal(externalId) ? externalId : null,
    },
  };
}

function requiredString(
  fields: Record<string, unknown>,
  field: string,
  errors: BelvoErrorItem[],
): string | undefined {
  const value = fields[field];
  if (value === undefined || value === null) {
    errors.push(belvoError('required', BELVO_ERROR_MESSAGES.required, field));
  } else if (typeof value !== 'string') {
    errors.push(belvoError('invalid', BELVO_ERROR_MESSAGES.notAString, field));
  } else if (value.trim() === '') {
    errors.push(belvoError('blank', BELVO_ERROR_MESSAGES.blank, field));
  } else {
    return value;
  }
  return undefined;
}

function isFetchableResource(value: unknown): value is FetchableResource {
  return typeof value === 'string' && (FETCHABLE_RESOURCES as readonly string[]).includes(value);
}

/**
 * Belvo drops an `external_id` that looks like personal data (it keeps none in its records), so does the
 * sandbox: anything CURP-shaped, an e-mail address, or nothing but a long number (NSS, phone, card).
 */
function looksPersonal(externalId: string): boolean {
  return (
    /[A-Z][AEIOUX][A-Z]{2}\d{6}[HMX][A-Z]{5}[A-Z\d]\d/i.test(externalId) ||
    /@/.test(externalId) ||
    /^\+?\d{10,}$/.test(externalId)
  );
}
