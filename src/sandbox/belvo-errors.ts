/**
 * Belvo's error answers: always a JSON array of `{request_id, message, code, field?}`, with a fresh 32-hex
 * request id. Messages are Belvo's own (see shared/reference/belvo-api.md) and never quote what the caller sent,
 * so no CURP ends up in an error.
 */

export interface BelvoErrorItem {
  request_id: string;
  message: string;
  code: string;
  field?: string;
}

export const BELVO_ERROR_MESSAGES = {
  required: 'This field is required.',
  blank: 'This field may not be blank.',
  notAString: 'Not a valid string.',
  invalidChoice: 'Not a valid choice.',
  minLength: 'Ensure this field has at least 3 characters.',
  invalidInstitution: 'Invalid institution.',
  invalidJson: 'JSON parse error.',
  authenticationFailed: 'Invalid Secret Keys',
  notFound: 'Not found',
  invalidPage: 'Invalid page.',
  serviceUnavailable: 'The service is temporarily unavailable, try again later',
  unexpected:
    'Belvo is unable to process the request due to an internal system issue or to an unsupported response from an institution',
} as const;

/** 32 lowercase hex characters, as Belvo's `request_id` and `webhook_id`. */
export function newHexId(): string {
  return crypto.randomUUID().replaceAll('-', '');
}

export function belvoError(code: string, message: string, field?: string): BelvoErrorItem {
  return { request_id: newHexId(), message, code, ...(field === undefined ? {} : { field }) };
}
