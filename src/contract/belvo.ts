import * as z from 'zod/mini';
import { employmentStatuses } from './summary.js';

/**
 * Belvo's API, as far as the proxy uses it (as Belvo documents it at https://developers.belvo.com: links,
 * employment records, owners, errors and webhooks). Shared by the proxy's Belvo client, which parses every answer
 * with these, and the sandbox, which produces them and checks the link requests it receives with them.
 *
 * Tolerant where Belvo may change without notice — extra fields are ignored, unknown enum values and nulls are
 * accepted — and strict about the fields the employment summary is built from.
 */

// Each `.check(…)` at module level is marked `@__PURE__`: a bundler cannot tell a method call is free of side
// effects, and would otherwise keep these schemas (and zod's checks) in bundles that never use them.

/** An ISO calendar date, `YYYY-MM-DD`, that exists (not `2024-02-30`, which `Date.parse` reads as March 1st). */
const isoDate = /* @__PURE__ */ z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/),
  z.refine((date) => !Number.isNaN(Date.parse(date)) && new Date(date).toISOString().startsWith(date)),
);
/** Belvo sends some optional fields as missing, some as null: both read as null. */
const maybe = <T extends z.ZodMiniType>(schema: T) => z._default(z.nullable(schema), null);
/** A value that is not needed to be exact: anything unreadable becomes null rather than failing the page. */
const lenient = <T extends z.ZodMiniType>(schema: T) => z.catch(maybe(schema), null);
/** A salary or a count of weeks: a negative one is not one, and reads as null like anything unreadable. */
const amount = () => lenient(/* @__PURE__ */ z.number().check(z.gte(0)));

// ── Links ────────────────────────────────────────────────────────────────────────────────────────────────────

export const IMSS_INSTITUTION = 'imss_mx_employment';
export const IMSS_FETCH_RESOURCES = ['EMPLOYMENT_RECORDS', 'OWNERS'] as const;

export const BelvoCreateLinkRequestSchema = z.object({
  institution: z.string(),
  /** For IMSS: the CURP. Sent only in this request body, never in a URL. */
  username: z.string(),
  access_mode: z.enum(['single', 'recurrent']),
  fetch_resources: z.array(z.string()),
  /** The partner's reference; Belvo refuses one shorter than 3 characters. */
  external_id: z.optional(/* @__PURE__ */ z.string().check(z.minLength(3))),
  /** Whether Belvo keeps the login (`store`, `nostore`, or for a number of days: `30d`); Belvo's default `store`. */
  credentials_storage: z.optional(z.string()),
  /** How long Belvo keeps the link's data (`1d`–`365d`); Belvo's default `365d`. */
  stale_in: z.optional(z.string()),
});
export type BelvoCreateLinkRequest = z.infer<typeof BelvoCreateLinkRequestSchema>;

export const BelvoLinkSchema = z.object({
  id: /* @__PURE__ */ z.string().check(z.minLength(1)),
  institution: lenient(z.string()),
  access_mode: lenient(z.string()),
  status: lenient(z.string()),
  external_id: lenient(z.string()),
  created_at: lenient(z.string()),
});
export type BelvoLink = z.infer<typeof BelvoLinkSchema>;

// ── Errors ───────────────────────────────────────────────────────────────────────────────────────────────────

export const BelvoErrorSchema = z.object({
  code: lenient(z.string()),
  message: lenient(z.string()),
  request_id: lenient(z.string()),
  field: lenient(z.string()),
});
export type BelvoError = z.infer<typeof BelvoErrorSchema>;

/** Every Belvo error body is an array of errors. */
export const BelvoErrorListSchema = /* @__PURE__ */ z.array(BelvoErrorSchema).check(z.minLength(1));

// ── Webhooks ─────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Only `link_id` is required: a webhook that names a link is always accepted (answered 2xx), since refusing it
 * would only make Belvo send the same body again. What cannot be read is blank and the webhook is ignored.
 */
export const BelvoWebhookSchema = z.object({
  webhook_id: lenient(z.string()),
  /** EMPLOYMENT_RECORDS, OWNERS, LINK, … — unknown types are accepted and ignored; missing or unreadable: ''. */
  webhook_type: z.catch(z.string(), ''),
  webhook_code: z.catch(z.string(), ''),
  link_id: /* @__PURE__ */ z.string().check(z.minLength(1)),
  request_id: lenient(z.string()),
  external_id: lenient(z.string()),
  /** Missing, null or anything but an object: `{}`. */
  data: z.catch(z.record(z.string(), z.unknown()), () => ({})),
});
export type BelvoWebhook = z.infer<typeof BelvoWebhookSchema>;

// ── Pagination ───────────────────────────────────────────────────────────────────────────────────────────────

export const belvoPage = <T extends z.ZodMiniType>(item: T) =>
  z.object({
    count: lenient(z.number()),
    next: lenient(z.string()),
    previous: lenient(z.string()),
    results: z.array(item),
  });

// ── Employment records ───────────────────────────────────────────────────────────────────────────────────────

export const BelvoEmploymentStatusUpdateSchema = z.object({
  /** HIRED, SALARY_MODIFICATION, DISMISSED_RESIGNED, … (kept as text: new events must not break a page). */
  event: lenient(z.string()),
  base_salary: amount(),
  update_date: lenient(isoDate),
});

/**
 * One job. Strict about what places it in a history: a job without an employer or a start date, or with an end
 * date that is unreadable or before its start, cannot be read (and an unreadable end date read as "none" would
 * make an ended job current, with its salary counted as income). Such a job is left out of its profile, not the
 * profile out of the page: see `employment_records` below.
 */
export const BelvoEmploymentRecordJobSchema = /* @__PURE__ */ z
  .object({
    employer: z.string(),
    employer_id: lenient(z.string()),
    start_date: isoDate,
    end_date: maybe(isoDate),
    weeks_employed: amount(),
    state: lenient(z.string()),
    /** Daily base salary. */
    most_recent_base_salary: amount(),
    monthly_salary: amount(),
    currency: z.catch(z._default(z.string(), 'MXN'), 'MXN'),
    employment_status_updates: z.catch(z._default(z.array(BelvoEmploymentStatusUpdateSchema), []), []),
  })
  .check(z.refine((job) => job.end_date === null || job.end_date >= job.start_date));
export type BelvoEmploymentRecordJob = z.infer<typeof BelvoEmploymentRecordJobSchema>;

export const BelvoDocumentIdSchema = z.object({
  document_type: lenient(z.string()),
  document_number: lenient(z.string()),
});

export const BelvoPersonalDataSchema = z.object({
  official_name: lenient(z.string()),
  first_name: lenient(z.string()),
  last_name: lenient(z.string()),
  email: lenient(z.string()),
  birth_date: lenient(isoDate),
  entitlements: lenient(
    z.object({
      entitled_to_health_insurance: lenient(z.boolean()),
      entitled_to_company_benefits: lenient(z.boolean()),
      valid_until: lenient(isoDate),
      status: lenient(z.enum(employmentStatuses)),
    }),
  ),
  document_ids: z.catch(z._default(z.array(BelvoDocumentIdSchema), []), []),
});

/** Belvo's employment score of a profile over a period (newer than Belvo's OpenAPI description 1.35). */
export const BelvoEmploymentScoreSchema = z.object({
  /** 300–900; anything else is not a score of this scale and reads as null. */
  score: lenient(/* @__PURE__ */ z.number().check(z.gte(300), z.lte(900))),
  /** Months the score looks back on: 3, 6 or 12. */
  period: lenient(z.number()),
  version: lenient(z.union([z.string(), z.number()])),
});

/**
 * One employment-record profile: a person has one per NSS.
 *
 * A job that cannot be read is left out of `employment_records` rather than failing the page, and counted in
 * `skipped_employment_records` (not a field of Belvo's: the proxy's count, for the summary's `skipped_records`
 * warning and a log line). Failing the page would give the person an error, and a retry that fails the same way
 * would spend one of their daily IMSS logins.
 */
export const BelvoEmploymentRecordSchema = /* @__PURE__ */ z.pipe(
  z.object({
    /** Not used by the summary: a profile without one is read all the same. */
    id: lenient(z.string()),
    link: lenient(z.string()),
    created_at: lenient(z.string()),
    collected_at: lenient(z.string()),
    report_date: lenient(isoDate),
    /** The CURP. */
    internal_identification: lenient(z.string()),
    personal_data: lenient(BelvoPersonalDataSchema),
    social_security_summary: lenient(
      z.object({
        weeks_redeemed: amount(),
        weeks_reinstated: amount(),
        weeks_contributed: amount(),
      }),
    ),
    employment_records: z._default(
      z.nullable(z.array(z.catch(z.nullable(BelvoEmploymentRecordJobSchema), null))),
      [],
    ),
    /** IMSS only, newer profiles only; missing, null or unreadable: null. */
    employment_scores: lenient(z.array(BelvoEmploymentScoreSchema)),
  }),
  z.transform(({ employment_records: records, ...profile }) => {
    const readable = (records ?? []).filter((record) => record !== null);
    return {
      ...profile,
      employment_records: readable,
      skipped_employment_records: (records ?? []).length - readable.length,
    };
  }),
);
export type BelvoEmploymentRecord = z.infer<typeof BelvoEmploymentRecordSchema>;
export type BelvoEmploymentRecordInput = z.input<typeof BelvoEmploymentRecordSchema>;

export const BelvoEmploymentRecordPageSchema = belvoPage(BelvoEmploymentRecordSchema);

// ── Owners ───────────────────────────────────────────────────────────────────────────────────────────────────

export const BelvoOwnerSchema = z.object({
  id: z.string(),
  link: lenient(z.string()),
  internal_identification: lenient(z.string()),
  display_name: lenient(z.string()),
  email: lenient(z.string()),
  phone_number: lenient(z.string()),
  address: lenient(z.string()),
  document_id: lenient(BelvoDocumentIdSchema),
});
export type BelvoOwner = z.infer<typeof BelvoOwnerSchema>;

export const BelvoOwnerPageSchema = belvoPage(BelvoOwnerSchema);
