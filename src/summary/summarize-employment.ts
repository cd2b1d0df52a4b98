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
  const salaries = salariesOf(currentJobs);

  return {
    curp,
    nss: personalData ? nssOf(personalData.document_ids) : null,
    fullName: personalData ? fullNameOf(personalData) : null,
    birthDate: personalData?.birth_date ?? null,
    status: personalData?.entitlements?.status ?? null,
    weeksContributed: sumWeeksContributed(profiles),
    jobs,
    currentJobs,
    dailySalary: salaries === null ? null : toCents(salaries),
    // From the exact sum, not from the daily figure rounded for display.
    monthlyIncomeEstimate: salaries === null ? null : toCents(salaries.times(DAYS_PER_MONTH)),
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
