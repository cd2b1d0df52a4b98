import type {
  BelvoEmploymentRecord,
  BelvoEmploymentRecordJob,
  EmploymentSummary,
  Job,
  SummaryWarning,
} from '../contract/index.js';
import { jobKindOf } from './job-kind.js';
import { isAtSalaryCap } from './legal-cap.js';
import { wholeMonthsBetween } from './tenure.js';

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
 * report date, employment score) come from the most recent profile; weeks are summed and jobs merged over all of
 * them. Jobs that could not be read (see `BelvoEmploymentRecordSchema`) are left out, and flagged
 * `skipped_records`. Only employments count as current jobs and income: a voluntary contribution is money
 * the person pays IMSS. Pure: no clock, no I/O; the PDF and the raw payload are deliberately left out.
 */
export function summarizeEmployment(
  curp: string,
  profiles: readonly BelvoEmploymentRecord[],
): EmploymentSummary {
  const byRecency = mostRecentFirst(profiles);
  const latest = byRecency[0];
  const personalData = latest?.personal_data ?? null;
  const status = personalData?.entitlements?.status ?? null;
  const reportDate = latest?.report_date ?? null;

  const jobs = profiles
    .flatMap((profile) => profile.employment_records)
    .map((record) => toJob(record, reportDate))
    .sort(mostRecentJobFirst);
  const open = jobs.filter((job) => job.endDate === null);
  const currentJobs = open.filter((job) => job.kind === 'employment');
  const salaries = salariesOf(currentJobs);
  const salaryAtCap =
    reportDate !== null &&
    currentJobs.some((job) => job.dailySalary !== null && isAtSalaryCap(job.dailySalary, reportDate));
  const tenures = currentJobs.map((job) => job.tenureMonths).filter((months) => months !== null);

  const warnings: SummaryWarning[] = [];
  if (countSkippedRecords(profiles) > 0) warnings.push('skipped_records');
  if (status === 'UNEMPLOYED' && currentJobs.length > 0) warnings.push('unemployed_with_open_job');
  if (salaryAtCap) warnings.push('salary_at_cap');
  if (currentJobs.some((job) => job.dailySalary === null)) warnings.push('current_salary_missing');

  return {
    curp,
    nss: personalData ? nssOf(personalData.document_ids) : null,
    nssList: [
      ...new Set(byRecency.map((profile) => nssOf(profile.personal_data?.document_ids ?? []))),
    ].filter((nss) => nss !== null),
    fullName: personalData ? fullNameOf(personalData) : null,
    birthDate: personalData?.birth_date ?? null,
    status,
    weeksContributed: sumWeeks(profiles, 'weeks_contributed'),
    weeksRedeemed: sumWeeks(profiles, 'weeks_redeemed'),
    weeksReinstated: sumWeeks(profiles, 'weeks_reinstated'),
    jobs,
    currentJobs,
    voluntaryContributions: open.filter((job) => job.kind === 'voluntary_contribution'),
    currentTenureMonths: tenures.length > 0 ? Math.max(...tenures) : null,
    dailySalary: salaries === null ? null : toCents(salaries),
    // From the exact sum, not from the daily figure rounded for display.
    monthlyIncomeEstimate: salaries === null ? null : toCents(salaries.times(DAYS_PER_MONTH)),
    salaryAtCap,
    employmentScore: employmentScoreOf(byRecency),
    warnings,
    reportDate,
  };
}

/**
 * How many jobs of these profiles could not be read and are left out of their summary: a count for a log line
 * (it holds no data of the person), the detail behind the `skipped_records` warning.
 */
export function countSkippedRecords(profiles: readonly BelvoEmploymentRecord[]): number {
  return profiles.reduce((total, profile) => total + profile.skipped_employment_records, 0);
}

type PersonalData = NonNullable<BelvoEmploymentRecord['personal_data']>;

/** Latest `report_date`, ties broken by latest `collected_at`; a missing date loses to any date. */
function mostRecentFirst(profiles: readonly BelvoEmploymentRecord[]): BelvoEmploymentRecord[] {
  return [...profiles].sort(
    (a, b) =>
      compareDescendingNullsLast(a.report_date, b.report_date) ||
      compareDescendingNullsLast(timestampOf(a.collected_at), timestampOf(b.collected_at)),
  );
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

function toJob(record: BelvoEmploymentRecordJob, reportDate: string | null): Job {
  const until = record.end_date ?? reportDate;
  const salaryHistory = salaryHistoryOf(record);
  return {
    employer: record.employer,
    employerId: record.employer_id,
    state: record.state,
    startDate: record.start_date,
    endDate: record.end_date,
    weeksEmployed: record.weeks_employed,
    dailySalary: record.most_recent_base_salary,
    currency: record.currency,
    kind: jobKindOf(record, salaryHistory.at(-1)?.event ?? null),
    tenureMonths: until === null ? null : wholeMonthsBetween(record.start_date, until),
    salaryHistory,
  };
}

/** The dated events, oldest first; those of one date in Belvo's order. An event without a date cannot be placed. */
function salaryHistoryOf(record: BelvoEmploymentRecordJob): Job['salaryHistory'] {
  return record.employment_status_updates
    .flatMap(({ update_date: date, base_salary: dailySalary, event }) =>
      date === null ? [] : [{ date, dailySalary, event }],
    )
    .sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? -1 : 1));
}

/**
 * The most recent profile's score (profiles without a score skipped); of several periods, the longest, for it rests
 * on the most contributions. Null when no profile has a score.
 */
function employmentScoreOf(
  byRecency: readonly BelvoEmploymentRecord[],
): EmploymentSummary['employmentScore'] {
  for (const profile of byRecency) {
    let best: EmploymentSummary['employmentScore'] = null;
    for (const { score, period, version } of profile.employment_scores ?? []) {
      if (score === null || (best !== null && (period ?? 0) <= (best.periodMonths ?? 0))) continue;
      best = { score, periodMonths: period, version: version === null ? null : String(version) };
    }
    if (best !== null) return best;
  }
  return null;
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

/** A count of weeks summed over the profiles that report it; null when none does. */
function sumWeeks(
  profiles: readonly BelvoEmploymentRecord[],
  field: keyof NonNullable<BelvoEmploymentRecord['social_security_summary']>,
): number | null {
  const weeks = profiles
    .map((profile) => profile.social_security_summary?.[field] ?? null)
    .filter((value) => value !== null);
  return weeks.length > 0 ? weeks.reduce((total, value) => total + value, 0) : null;
}

/**
 * The sum of the current daily salaries, exact: each salary is read as the decimal it is written as (its shortest
 * form, `123.456`, not the binary double behind it), so that neither the sum nor the monthly estimate carries
 * floating-point residue (762.54 × 30.4 must read 23181.22, not 23181.215999…) and nothing is rounded before the
 * end. Null when no current job reports a salary.
 */
function salariesOf(currentJobs: readonly Job[]): Decimal | null {
  const salaries = currentJobs.map((job) => job.dailySalary).filter((salary) => salary !== null);
  if (salaries.length === 0) return null;
  return salaries.map(Decimal.of).reduce((total, salary) => total.plus(salary));
}

/** Rounded to the cent, halves away from zero (1.005 → 1.01, as written), as the nearest number. */
function toCents(amount: Decimal): number {
  return Number(`${amount.roundedTo(2)}e-2`);
}

/** An exact decimal: `units` × 10^-`scale`. Just what a sum of salaries and one product need. */
class Decimal {
  private constructor(
    readonly units: bigint,
    readonly scale: number,
  ) {}

  /** The decimal a finite number is written as: 123.456 → 123456 × 10^-3, 1e-7 → 1 × 10^-7. */
  static of(amount: number): Decimal {
    const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(amount));
    if (!match) throw new RangeError(`Not a finite amount: ${amount}`);
    const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
    const scale = fraction.length - Number(exponent);
    const units = BigInt(`${sign}${whole}${fraction}`);
    return scale >= 0 ? new Decimal(units, scale) : new Decimal(units * 10n ** BigInt(-scale), 0);
  }

  plus(other: Decimal): Decimal {
    const scale = Math.max(this.scale, other.scale);
    return new Decimal(this.#unitsAt(scale) + other.#unitsAt(scale), scale);
  }

  times(amount: number): Decimal {
    const other = Decimal.of(amount);
    return new Decimal(this.units * other.units, this.scale + other.scale);
  }

  /** The whole number of 10^-`digits` units nearest to this amount, halves away from zero. */
  roundedTo(digits: number): bigint {
    if (this.scale <= digits) return this.#unitsAt(digits);
    const divisor = 10n ** BigInt(this.scale - digits);
    const magnitude = this.units < 0n ? -this.units : this.units;
    const rounded = (magnitude * 2n + divisor) / (divisor * 2n);
    return this.units < 0n ? -rounded : rounded;
  }

  #unitsAt(scale: number): bigint {
    return this.units * 10n ** BigInt(scale - this.scale);
  }
}
