import * as z from 'zod/mini';

/** One job of a person's IMSS history. Dates are ISO `YYYY-MM-DD`; salaries are daily base salaries. */
export const JobSchema = z.object({
  employer: z.string(),
  employerId: z.nullable(z.string()),
  state: z.nullable(z.string()),
  startDate: z.string(),
  endDate: z.nullable(z.string()),
  weeksEmployed: z.nullable(z.number()),
  dailySalary: z.nullable(z.number()),
  currency: z.string(),
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
  nss: z.nullable(z.string()),
  fullName: z.nullable(z.string()),
  birthDate: z.nullable(z.string()),
  status: z.nullable(z.enum(employmentStatuses)),
  weeksContributed: z.nullable(z.number()),
  /** Every job of every profile, most recent start first. */
  jobs: z.array(JobSchema),
  /** The jobs with no end date. */
  currentJobs: z.array(JobSchema),
  /** Sum of the most recent daily base salary over the current jobs. */
  dailySalary: z.nullable(z.number()),
  /** dailySalary × 30.4, rounded to cents; null with no current job. */
  monthlyIncomeEstimate: z.nullable(z.number()),
  reportDate: z.nullable(z.string()),
});
export type EmploymentSummary = z.infer<typeof EmploymentSummarySchema>;
