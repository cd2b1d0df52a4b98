import { BELVO_ERROR_MESSAGES, belvoError, type BelvoErrorItem } from './belvo-errors.js';

/**
 * Reads a `POST /api/employment-records/` or `POST /api/owners/` body as Belvo does: `link` (a link id, required),
 * `save_data` (default true: keep the data, answer 201; false: answer 200 and keep nothing) and, for employment
 * records, `attach_pdf` (default false). Nulls read as left out (the SDK sends unset options as absent or null).
 * Every problem at once, one Belvo error per field.
 */

export interface RetrievalRequest {
  link: string;
  saveData: boolean;
  attachPdf: boolean;
}

export type RetrievalReading =
  { ok: true; request: RetrievalRequest } | { ok: false; errors: BelvoErrorItem[] };

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function readRetrievalRequest(body: unknown): RetrievalReading {
  const input: Record<string, unknown> =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : {};
  const errors: BelvoErrorItem[] = [];
  const link = input['link'] ?? undefined;
  if (link === undefined)
    errors.push(belvoError('required', BELVO_ERROR_MESSAGES.required, { field: 'link' }));
  else if (typeof link !== 'string' || !UUID.test(link))
    errors.push(belvoError('invalid', BELVO_ERROR_MESSAGES.notAUuid, { field: 'link' }));

  const flag = (field: string, fallback: boolean): boolean => {
    const value = input[field] ?? undefined;
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    errors.push(belvoError('invalid', BELVO_ERROR_MESSAGES.notABoolean, { field }));
    return fallback;
  };
  const attachPdf = flag('attach_pdf', false);
  const saveData = flag('save_data', true);
  if (errors.length > 0 || typeof link !== 'string') return { ok: false, errors };
  return { ok: true, request: { link: link.toLowerCase(), saveData, attachPdf } };
}
