import * as z from 'zod/mini';
import { ImssErrorCodeSchema } from './error-codes.js';
import { EmploymentSummarySchema } from './summary.js';

/**
 * The HTTP API between the <imss-connect> element and the partner's proxy. Both sides parse with these schemas.
 *
 *   POST   {base}/links             CreateLinkRequest → 202 CreateLinkResponse | 400/401/403/413/421/422/429/503
 *   GET    {base}/links/{session}   ?wait=seconds     → 200 LinkStatusResponse | 400/401/403/404/421
 *   DELETE {base}/links/{session}                     → 204 | 401/403/404
 *   POST   {base}/webhooks/belvo    (Belvo only)      → 204 | 400/401/413
 *
 * Every error answer is a ProxyErrorResponse: the codes above, 404 `not_found` for any other path, 500
 * `internal_error` for an unexpected failure, and 503 `unavailable` while the proxy's shared state is unreachable.
 */

export const CreateLinkRequestSchema = z.object({
  /** Checked by the proxy with CurpSchema (parseCurp's rules); an invalid CURP is answered 422, never sent to Belvo. */
  curp: z.string(),
  // `@__PURE__`: zod's functions are marked free of side effects, but a bundler cannot know that of a method call
  // such as `.check(…)`. Without the mark the browser bundle, which never parses a request, keeps these checks
  // and their zod machinery (0.4 kB gzip).
  /**
   * The partner's own reference for this person, passed to Belvo: 3–100 characters, and never personal data (the
   * proxy refuses one holding a CURP, an NSS or an e-mail address with 400 `invalid_request`).
   */
  externalId: z.optional(/* @__PURE__ */ z.string().check(z.minLength(3), z.maxLength(100))),
  /**
   * A random id the element draws once per submission and repeats when it tries the same POST again (after a
   * timeout, a gateway's 5xx or an unreadable answer): the proxy answers a repeat with the session the first try
   * opened, so a retry never opens a second session nor spends another of the CURP's daily IMSS logins.
   */
  attemptId: z.optional(/* @__PURE__ */ z.string().check(z.minLength(16), z.maxLength(64))),
});
export type CreateLinkRequest = z.infer<typeof CreateLinkRequestSchema>;

export const CreateLinkResponseSchema = z.object({
  /** An unguessable handle (≥128 random bits), never Belvo's link id. */
  session: z.string(),
  // One-value enum rather than z.literal: the same check, and one schema kind fewer in the browser bundle (0.1 kB).
  status: z.enum(['pending']),
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
  /** How many of the CURP's daily IMSS checks are left, when the proxy knows: the element tells the person. */
  attemptsLeft: z.optional(/* @__PURE__ */ z.int().check(z.minimum(0))),
});
export type LinkError = z.infer<typeof LinkErrorSchema>;

/**
 * What a `ready` status carries instead of the summary when the proxy delivers the summary to the partner's backend
 * only (`browserDelivery: 'minimal'`): that it was made, and nothing about the person.
 */
export const SummaryConfirmationSchema = z.object({
  /** The summary went to the partner's backend (the proxy's `onSummary`), not to the browser. */
  deliveredTo: z.enum(['server']),
  /** When the summary was made, as an ISO 8601 date-time. */
  madeAt: z.string(),
});
export type SummaryConfirmation = z.infer<typeof SummaryConfirmationSchema>;

export const LinkStatusResponseSchema = z.object({
  status: LinkStatusSchema,
  step: z.optional(ProgressStepSchema),
  /** With `ready`, unless the proxy delivers summaries to the partner's backend only (`browserDelivery`). */
  summary: z.optional(EmploymentSummarySchema),
  /** With `ready` and `browserDelivery: 'minimal'`. */
  confirmation: z.optional(SummaryConfirmationSchema),
  error: z.optional(LinkErrorSchema),
});
export type LinkStatusResponse = z.infer<typeof LinkStatusResponseSchema>;

/**
 * What the element reads of a LinkStatusResponse, and all its reader checks (every LinkStatusResponse is one: a test
 * proves it): not the confirmation of a server-side delivery, nor Belvo's own text of an error (the element shows
 * its own), which the script-tag bundle's reader would otherwise carry.
 */
export const LinkStatusReadSchema = z.extend(
  z.omit(LinkStatusResponseSchema, { confirmation: true, error: true }),
  {
    error: z.optional(z.omit(LinkErrorSchema, { message: true })),
  },
);
export type LinkStatusRead = z.infer<typeof LinkStatusReadSchema>;

/** Longest long poll the proxy holds, in seconds. */
export const MAX_WAIT_SECONDS = 30;

/** Error codes of the proxy's own 4xx answers (as opposed to IMSS outcomes, which arrive in a LinkStatusResponse). */
export const proxyErrorCodes = [
  'invalid_curp',
  'invalid_request',
  'not_found',
  'daily_limit',
  'forbidden_origin',
  /** A request for another host than the proxy's `publicOrigin` (421). */
  'forbidden_host',
  /** A webhook without Belvo's Authorization (401). */
  'unauthorized',
  /** The partner's `authorize` found no signed-in applicant in the request (401): sign in, then try again. */
  'unauthenticated',
  /** The partner's `authorize` refused this applicant this retrieval (403), e.g. the CURP is not theirs. */
  'forbidden',
  /** A request limit (per applicant, per client, or link creations per minute) was reached (429, `Retry-After`). */
  'rate_limited',
  /** This proxy instance holds as many pending sessions as it may (503, `Retry-After`): try again shortly. */
  'overloaded',
  /** A body over the proxy's size limit (413). */
  'payload_too_large',
  /** The proxy failed unexpectedly (500). */
  'internal_error',
  /** The proxy's shared state (Redis) cannot be reached for now (503): try again shortly. */
  'unavailable',
] as const;

export const ProxyErrorResponseSchema = z.object({
  error: z.object({
    code: z.enum(proxyErrorCodes),
    message: z.string(),
    /** With invalid_curp: the parseCurp reason. */
    reason: z.optional(z.string()),
    /** How many of the CURP's daily IMSS checks are left, when the proxy knows (e.g. with daily_limit: 0). */
    attemptsLeft: z.optional(/* @__PURE__ */ z.int().check(z.minimum(0))),
    /** With invalid_request: the fields that did not match the schema. */
    issues: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
    /** With rate_limited and overloaded: the `Retry-After` header's seconds, readable without CORS exposure. */
    retryAfterSeconds: z.optional(z.number()),
    /**
     * With rate_limited: which limit, `applicant` (this applicant's sessions or distinct CURPs), `curp` (this
     * applicant's share of the CURP's daily logins), `client` (this address) or `service` (link creations, all
     * clients together).
     */
    limit: z.optional(z.enum(['applicant', 'curp', 'client', 'service'])),
  }),
});
export type ProxyErrorResponse = z.infer<typeof ProxyErrorResponseSchema>;

/**
 * What the element reads of a ProxyErrorResponse, and all its reader checks (every ProxyErrorResponse is one: a test
 * proves it). The code is read as text: the element acts on the few it knows and takes any other for the proxy's
 * fault (`service_error`), so a code a newer proxy adds is no contract break. The browser's reader is generated from
 * this schema, so it does not carry the whole answer's lists (which cost the script-tag bundle 0.2 kB).
 */
export const ProxyRefusalSchema = z.object({
  error: z.object({
    code: z.string(),
    reason: z.optional(z.string()),
    attemptsLeft: ProxyErrorResponseSchema.shape.error.shape.attemptsLeft,
  }),
});
export type ProxyRefusal = z.infer<typeof ProxyRefusalSchema>;
