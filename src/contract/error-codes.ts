import * as z from 'zod/mini';

/**
 * The canonical outcomes of an IMSS retrieval that did not succeed, as the proxy reports them.
 * Belvo's many answers (see the proxy's error mapping) are reduced to these, so the element can say in the
 * person's language what happened and what to do next.
 */
export const imssErrorCodes = [
  'nss_not_found',
  'nss_curp_mismatch',
  'curp_not_in_renapo',
  'curp_incorrect',
  'curp_length',
  'imss_data_inconsistent',
  'no_nss',
  /** IMSS asks the person to present a procedure in person at the subdelegación nearest their home. */
  'imss_visit_required',
  /** IMSS has the person's e-mail address registered with another CURP. */
  'email_in_use',
  'daily_limit',
  'institution_unavailable',
  'timeout',
  'imss_rejected',
  'service_error',
  /** Belvo kept refusing the requests as too many (429) for longer than the retrieval could wait. */
  'service_busy',
] as const;

export const ImssErrorCodeSchema = z.enum(imssErrorCodes);
export type ImssErrorCode = z.infer<typeof ImssErrorCodeSchema>;
