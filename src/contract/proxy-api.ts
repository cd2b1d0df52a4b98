import * as z from 'zod/mini';
import { ImssErrorCodeSchema } from './error-codes.js';
import { EmploymentSummarySchema } from './summary.js';

/**
 * The HTTP API between the <imss-connect> element and the partner's proxy. Both sides parse with these schemas.
 *
 *   POST   {base}/links              CreateLinkRequest  → 202 CreateLinkResponse | 400/422/403 ProxyErrorResponse
 *   GET    {base}/links/{session}    ?wait=seconds      → 200 LinkStatusResponse | 404 ProxyErrorResponse
 *   DELETE {base}/links/{session}                       → 204
 */

export const CreateLinkRequestSchema = z.object({
  /** Checked with parseCurp by the proxy; an invalid CURP is answered 422 and never reaches Belvo. */
  curp: z.string(),
  /** The partner's own reference for this person; must not carry personal data. */
  externalId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
});
export type CreateLinkRequest = z.infer<typeof CreateLinkRequestSchema>;

export const CreateLinkResponseSchema = z.object({
  /** An unguessable handle (≥128 random bits), never Belvo's link id. */
  session: z.string(),
  status: z.literal('pending'),
});
export type CreateLinkResponse = z.infer<typeof CreateLinkResponseSchema>;

export const linkStatuses = ['pending', 'ready', 'failed'] as const;
export const LinkStatusSchema = z.enum(linkStatuses);
export type LinkStatus = z.infer<typeof LinkStatusSchema>;

/** Named steps of a pending retrieval: reaching IMSS, then downloading the history. */
export const progressSteps = ['connecting', 'retrieving'] as const;
export const ProgressStepSchema = z.enum(progressSteps);
export type ProgressStep = z.infer<typeof ProgressStepSchema>;

export const LinkErrorSchema = z.object({
  code: ImssErrorCodeSchema,
  /** Belvo's own text, kept for support; the element shows its localized text instead. */
  message: z.string(),
  retryable: z.boolean(),
  /** Belvo's request id, shown small for support. */
  requestId: z.optional(z.string()),
});
export type LinkError = z.infer<typeof LinkErrorSchema>;

export const LinkStatusResponseSchema = z.object({
  status: LinkStatusSchema,
  step: z.optional(ProgressStepSchema),
  summary: z.optional(EmploymentSummarySchema),
  error: z.optional(LinkErrorSchema),
});
export type LinkStatusResponse = z.infer<typeof LinkStatusResponseSchema>;

/** Longest long poll the proxy holds, in seconds. */
export const MAX_WAIT_SECONDS = 30;

/** Error codes of the proxy's own 4xx answers (as opposed to IMSS outcomes, which arrive in a LinkStatusResponse). */
export const proxyErrorCodes = [
  'invalid_curp',
  'invalid_request',
  'not_found',
  'daily_limit',
  'forbidden_origin',
] as const;

export const ProxyErrorResponseSchema = z.object({
  error: z.object({
    code: z.enum(proxyErrorCodes),
    message: z.string(),
    /** With invalid_curp: the parseCurp reason. */
    reason: z.optional(z.string()),
    /** With invalid_request: the fields that did not match the schema. */
    issues: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  }),
});
export type ProxyErrorResponse = z.infer<typeof ProxyErrorResponseSchema>;
