import * as z from 'zod/mini';

// This module ships to the browser (the element checks every summary it receives): each field costs bytes of the
// script-tag bundle, so names are read by the bundler once and sub-schemas are declared inline.

/** How a job is counted: a paid job, or IMSS's voluntary continuation (Modalidad 40), which is no income. */
export const jobKinds = ['employment', 'voluntary_contribution'] as const;

/**
 * The warning codes the summary gives, of what a reader of the summary should know before trusting it (see the README's summary section):
 * `skipped_records` (a job Belvo sent could not be read and is left out), `unemployed_with_open_job` (IMSS says
 * unemployed but an employment has no end date), `salary_at_cap` (see `salaryAtCap`), `current_salary_missing`
 * (a current employment reports no salary: `dailySalary` counts the others only).
 */
export const summaryWarnings = [
  'skipped_records',
  'unemployed_with_open_job',
  'salary_at_cap',
  'current_salary_missing',
] as const;

/** One job of a person's IMSS history. Dates are ISO `YYYY-MM-DD`; salaries are daily base salaries. */
export const JobSchema = z.object({
  employer: z.string(),
  employerId: z.nullable(z.string()),
  state: z.nullable(z.string()),
  startDate: z.string(),
  endDate: z.nullable(z.string()),
  weeksEmployed: z.nullable(z.number()),
  /** The most recent daily base salary (for a voluntary contribution: the chosen contribution base, not income). */
  dailySalary: z.nullable(z.number()),
  currency: z.string(),
  /**
   * `voluntary_contribution` when the employer is IMSS's voluntary continuation ("CONTINUACIÓN VOLUNTARIA",
   * "MODALIDAD 40") or the record is open and its latest event is `VOLUNTARY_CONTRIBUTION`; else `employment`.
   */
  kind: z.enum(jobKinds),
  /** Whole months from start to end, or to the report date while open; null for an open job with no report date. */
  tenureMonths: z.nullable(z.number()),
  /** Every event with a date (hire, salary change, dismissal…), oldest first; `event` as Belvo names it. */
  salaryHistory: z.array(
    z.object({ date: z.string(), dailySalary: z.nullable(z.number()), event: z.nullable(z.string()) }),
  ),
});
export type Job = z.infer<typeof JobSchema>;

/**
 * A person's employment status at IMSS, as Belvo reports it (belvo.ts reads it with this list) and the summary
 * passes it on. Declared here, right before its one use in the browser bundle, so the bundler inlines it: from a
 * module of its own it would cost the bundle a variable (8 B gzip), and from belvo.ts, Belvo's schemas (1 kB).
 */
export const employmentStatuses = ['EMPLOYED', 'UNEMPLOYED', 'RETIRED'] as const;

/** What the host page receives: the employment history reduced to what an onboarding decision needs. */
export const EmploymentSummarySchema = z.object({
  curp: z.string(),
  /** NSS of the most recent profile. */
  nss: z.nullable(z.string()),
  /** Every NSS of the person (one per profile), the most recent profile's first. */
  nssList: z.array(z.string()),
  fullName: z.nullable(z.string()),
  birthDate: z.nullable(z.string()),
  status: z.nullable(z.enum(employmentStatuses)),
  /** Summed over profiles, as are the two below; null when no profile reports them. */
  weeksContributed: z.nullable(z.number()),
  /** Weeks withdrawn from the AFORE (e.g. for unemployment): they no longer count towards a pension. */
  weeksRedeemed: z.nullable(z.number()),
  /** Redeemed weeks paid back. */
  weeksReinstated: z.nullable(z.number()),
  /** Every job of every profile, most recent start first. */
  jobs: z.array(JobSchema),
  /** The employments (kind `employment`) with no end date. */
  currentJobs: z.array(JobSchema),
  /** The voluntary contributions (kind `voluntary_contribution`) with no end date: paid by the person, no income. */
  voluntaryContributions: z.array(JobSchema),
  /** The longest `tenureMonths` among the current jobs; null with none. */
  currentTenureMonths: z.nullable(z.number()),
  /** Sum of the most recent daily base salary over the current jobs. */
  dailySalary: z.nullable(z.number()),
  /**
   * dailySalary × 30.4, rounded to cents; null with no current job. IMSS's integrated contribution salary: before
   * tax, benefits included (≈ 5 % over cash pay), capped at 25 UMA (see `salaryAtCap`).
   */
  monthlyIncomeEstimate: z.nullable(z.number()),
  /** A current job's daily salary is at the legal cap (25 UMA): the real salary may be higher, the estimate a floor. */
  salaryAtCap: z.boolean(),
  /** Belvo's employment score (300–900) of the most recent profile that has one, over its longest period. */
  employmentScore: z.nullable(
    z.object({ score: z.number(), periodMonths: z.nullable(z.number()), version: z.nullable(z.string()) }),
  ),
  /**
   * Codes from `summaryWarnings`, in that order, each at most once. Read as text, not as that list: a proxy newer
   * than the element may add a code, and a warning the element does not know must not cost the person the summary.
   */
  warnings: z.array(z.string()),
  reportDate: z.nullable(z.string()),
});
export type EmploymentSummary = z.infer<typeof EmploymentSummarySchema>;
export type SummaryWarning = (typeof summaryWarnings)[number];
export type JobKind = (typeof jobKinds)[number];
