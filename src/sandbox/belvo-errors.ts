import type * as z from 'zod/mini';
import type { BelvoErrorSchema } from '../contract/belvo.js';

/**
 * Belvo's error answers: always a JSON array of `{request_id, message, code, field?}`, with a fresh 32-hex
 * request id. Messages are Belvo's own, as its API returns them and its public documentation
 * (https://developers.belvo.com) lists them, and never quote what the caller sent, so no CURP ends up in an error.
 */

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
  notAUuid: 'Must be a valid UUID.',
  notABoolean: 'Must be a valid boolean.',
  doesNotExist: 'Object does not exist.',
  requestTimeout:
    'The request timed out, you can retry asking for less data by changing your query parameters',
  invalidAccessModeSwitch:
    "This link doesn't have stored credentials hence it can't be switched to recurrent mode",
  unexpected:
    'Belvo is unable to process the request due to an internal system issue or to an unsupported response from an institution',
} as const;

/** DRF's throttling message, as Belvo's API would send it with a 429 (the wait in whole seconds). */
export function throttledMessage(seconds: number): string {
  return `Request was throttled. Expected available in ${String(seconds)} seconds.`;
}

/** 32 lowercase hex characters, as Belvo's `request_id` and `webhook_id`. */
export function newHexId(): string {
  return crypto.randomUUID().replaceAll('-', '');
}

/**
 * One item of a Belvo error array, as the contract's BelvoErrorSchema reads it: `field` names the request field at
 * fault, and `requestId` replaces the fresh request id (for tests and stories that need a known one).
 */
export function belvoError(
  code: string,
  message: string,
  { field, requestId }: { field?: string; requestId?: string } = {},
) {
  return {
    request_id: requestId ?? newHexId(),
    message,
    code,
    ...(field === undefined ? {} : { field }),
  } satisfies z.input<typeof BelvoErrorSchema>;
}

export type BelvoErrorItem = ReturnType<typeof belvoError>;
