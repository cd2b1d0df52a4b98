import type {
  BelvoEmploymentRecord,
  BelvoEmploymentRecordJob,
  EmploymentSummary,
  Job,
} from '../contract/index.js';

/**
 * Days in an average month, to turn a daily base salary into a monthly income. IMSS quotes salaries per day and
 * IMSS/SAT practice converts them with 365 / 12 ≈ 30.4 days (the figure of the "salario mensual" in IMSS and SAT
 * calculators), rather than with 30, which would understate a year's income by about 1.3 %.
 */
export const DAYS_PER_MONTH = 30.4;

/**
 * Reduces every employment-record profile of one Belvo link to the summary the host page receives.
 *
 * A person has one profile per NSS, so a link can hold several. Identity fields (NSS, name, birth date, status,
 * report date) come from the most recent profile; weeks are summed and jobs merged over all of them.
 * Pure: no clock, no I/O; the PDF and the raw payload are deliberately left out.
 */
export function summarizeEmployment(
  curp: string,
  profiles: readonly BelvoEmploymentRecord[],
): EmploymentSummary {
  const latest = mostRecentProfile(profiles);
  const personalData = latest?.personal_data ?? null;

  const jobs = profiles
    .flatMap((profile) => profile.employment_records ?? [])
    .map(toJob)
    .sort(mostRecentJobFirst);
  const currentJobs = jobs.filter((job) => job.endDate === null);
  const dailySalaryCents = sumSalaryCents(currentJobs);

  return {
    curp,
    nss: personalData ? nssOf(personalData.document_ids) : null,
    fullName: personalData ? fullNameOf(personalData) : null,
    birthDate: personalData?.birth_date ?? null,
    status: personalData?.entitlements?.status ?? null,
    weeksContributed: sumWeeksContributed(profiles),
    jobs,
    currentJobs,
    dailySalary: dailySalaryCents === null ? null : dailySalaryCents / 100,
    // 30.4 × an integer number of cents is never exactly halfway between two cents, so rounding is safe here.
    monthlyIncomeEstimate:
      dailySalaryCents === null ? null : Math.round(dailySalaryCents * DAYS_PER_MONTH) / 100,
    reportDate: latest?.report_date ?? null,
  };
}

type PersonalData = NonNullable<BelvoEmploymentRecord['personal_data']>;

/** Latest `report_date`, ties broken by latest `collected_at`; a missing date loses to any date. */
function mostRecentProfile(profiles: readonly BelvoEmploymentRecord[]): BelvoEmploymentRecord | undefined {
  return [...profiles].sort(
    (a, b) =>
      compareDescendingNullsLast(a.report_date, b.report_date) ||
      compareDescendingNullsLast(timestampOf(a.collected_at), timestampOf(b.collected_at)),
  )[0];
}

/** Start date descending; for the same start, the current job first, then the later end. Stable otherwise. */
function mostRecentJobFirst(a: Job, b: Job): number {
  if (a.startDate !== b.startDate) return a.startDate < b.startDate ? 1 : -1;
  if (a.endDate === b.endDate) return 0;
  if (a.endDate === null) return -1;
  if (b.endDate === null) return 1;
  return a.endDate < b.endDate ? 1 : -1;
}

function compareDescendingNullsLast<T extends string | number>(a: T | null, b: T | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? 1 : -1;
}

/** Date-times may come with `Z` or `+00:00`: compare instants, not text. */
function timestampOf(dateTime: string | null): number | null {
  if (dateTime === null) return null;
  const time = Date.parse(dateTime);
  return Number.isNaN(time) ? null : time;
}

function toJob(record: BelvoEmploymentRecordJob): Job {
  return {
    employer: record.employer,
    employerId: record.employer_id,
    state: record.state,
    startDate: record.start_date,
    endDate: record.end_date,
    weeksEmployed: record.weeks_employed,
    dailySalary: record.most_recent_base_salary,
    currency: record.currency,
  };
}

function nssOf(documentIds: PersonalData['document_ids']): string | null {
  const nss = documentIds.find((document) => document.document_type?.toUpperCase() === 'NSS');
  return nonBlank(nss?.document_number);
}

function fullNameOf(personalData: PersonalData): string | null {
  const officialName = nonBlank(personalData.official_name);
  if (officialName !== null) return officialName;
  const parts = [personalData.first_name, personalData.last_name]
    .map(nonBlank)
    .filter((part) => part !== null);
  return parts.length > 0 ? parts.join(' ') : null;
}

function nonBlank(text: string | null | undefined): string | null {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
}

function sumWeeksContributed(profiles: readonly BelvoEmploymentRecord[]): number | null {
  const weeks = profiles
    .map((profile) => profile.social_security_summary?.weeks_contributed ?? null)
    .filter((value) => value !== null);
  return weeks.length > 0 ? weeks.reduce((total, value) => total + value, 0) : null;
}

/**
 * The current daily salaries added up in whole cents, so that the sum and the monthly estimate carry no binary
 * floating-point residue (762.54 × 30.4 must read 23181.22, not 23181.215999…). Null when no current job
 * reports a salary.
 */
function sumSalaryCents(currentJobs: readonly Job[]): number | null {
  const salaries = currentJobs.map((job) => job.dailySalary).filter((salary) => salary !== null);
  if (salaries.length === 0) return null;
  return salaries.reduce((total, salary) => total + toCents(salary), 0);
}

/** `toPrecision` first, so that 1.005 (stored as 1.00499…) counts as 100.5 cents and rounds up as written. */
function toCents(amount: number): number {
  return Math.round(Number((amount * 100).toPrecision(12)));
}
