import type {
  BelvoEmploymentRecordJobSchema,
  BelvoEmploymentRecordSchema,
  BelvoOwnerSchema,
} from '../contract/belvo.js';
import type { CurpCheck } from '../curp/index.js';
import type { AsBelvoSends } from './belvo-shapes.js';
import { DAYS_PER_MONTH } from '../summary/index.js';
import { base64 } from '../internal/base64.js';
import { dayOf, dayOfIso, isoOfDay, mexicoCityDay, yearOfDay } from './calendar-days.js';
import {
  employerName,
  imssStateNames,
  jobStateCode,
  luhnCheckDigit,
  registroPatronal,
  VOLUNTARY_CONTINUATION_EMPLOYER,
} from './employers.js';
import { personNameFor, type PersonName } from './mexican-names.js';
import { minimumDailyWage } from './minimum-wage.js';
import { seededRandom, type SeededRandom } from './seeded-random.js';
import { salaryCapChanges, salaryCapOn } from './uma.js';

/**
 * Fake but realistic IMSS data, invented from the CURP alone: the same CURP always gives the same person, the
 * same jobs and the same salaries (only ids, timestamps and "today" change), so demos and tests are repeatable
 * without storing anything. Birth date, sex and state come from the CURP; names agree with its letters.
 */

export type ValidCurp = Extract<CurpCheck, { valid: true }>;

/** The person's name: its own seed, so the records and the owner, generated apart, name the same person. */
const personOf = (curp: ValidCurp): PersonName =>
  personNameFor(curp.curp, curp.sex, seededRandom(`name:${curp.curp}`));

/** The shape of a person's history, as a scenario scripts it. */
export interface HistoryPlan {
  /** Jobs of each profile (one profile per NSS), the oldest NSS first. Its jobs come first in time. */
  jobsPerProfile: readonly number[];
  /** Whether the last job (of the last profile) is still current. */
  currentJob: boolean;
  /**
   * Whether the last job of every profile is still current: a person who kept the job of an older NSS while taking
   * others under a newer one, and so works two jobs at once.
   */
  currentInEveryProfile?: boolean;
  /**
   * Modalidad 40: every job ended about two years ago and the person has paid their own contributions since, at
   * the 25 UMA cap — an open record, newest of the last profile, whose events are all VOLUNTARY_CONTRIBUTION.
   */
  voluntaryContributions?: boolean;
  /** The current job pays the legal maximum, 25 UMA, raised each February with the UMA. */
  salaryAtCap?: boolean;
  /** ABSENCE (ausentismo) and SICK_LEAVE (incapacidad) events in the last job. */
  leaves?: { absences: number; sickLeaves: number };
  /** Weeks taken from the pension (an AFORE withdrawal for unemployment) and those paid back since. */
  weeks?: { redeemed: number; reinstated: number };
  /** Belvo's employment scores on the newest profile (otherwise null, as for most records). */
  employmentScores?: boolean;
  /**
   * Fields left out, as Belvo's description allows for every field of a job: the newest job has no `employer`
   * (and a null `employer_id`), the oldest no `start_date`.
   */
  fieldsLeftOut?: boolean;
}

/** Ids, timestamps and "today" of one retrieval: all that differs between two retrievals of the same CURP. */
interface RetrievalContext {
  linkId: string;
  now: Date;
  newId: () => string;
}

type SandboxProfile = ReturnType<typeof profileOf>;
type SandboxJob = ReturnType<typeof inventJob>;
/** Fields of a job that a scripted person's records may leave out (see HistoryPlan.fieldsLeftOut). */
type OmissibleJobField = 'employer' | 'start_date';
/**
 * An employment-record profile as Belvo sends it (more fields than the contract reads); its jobs may leave out
 * what Belvo's description lets them leave out.
 */
export type SandboxEmploymentRecord = Omit<SandboxProfile, 'employment_records'> & {
  employment_records: SentJob[];
};
type SentJob = Omit<SandboxJob, OmissibleJobField | 'employer_id'> &
  Partial<Pick<SandboxJob, OmissibleJobField>> & { employer_id: string | null };
export type SandboxOwner = ReturnType<typeof generateOwner>;

/** IMSS keeps a dismissed worker's health cover for 8 weeks (conservación de derechos). */
const COVER_AFTER_DISMISSAL_DAYS = 56;
/** Salaries stay under about 8 minimum wages: ≈ 2,500 MXN a day in 2026. */
const MAX_MINIMUM_WAGES = 7.9;
/** A Modalidad 40 person's last job ended before this many days ago; their contributions started since. */
const VOLUNTARY_YEARS_DAYS = 800;
/** Belvo's employment score periods, in months. */
const SCORE_PERIODS = [3, 6, 12] as const;
/** The version Belvo's employment scores carry (UNCONFIRMED: the value Belvo sends is not documented). */
const SCORE_VERSION = '1.0';

export function generateEmploymentRecords(
  curp: ValidCurp,
  plan: HistoryPlan | undefined,
  context: RetrievalContext,
): SandboxEmploymentRecord[] {
  const random = seededRandom(`history:${curp.curp}`);
  const name = personOf(curp);
  const today = mexicoCityDay(context.now);
  // A minor has no IMSS history to report.
  if (adulthood(curp.birthDate) > today) return [];
  const firstWorkingDay = Math.min(today, adulthood(curp.birthDate) + random.int(0, 3 * 365));
  const resolvedPlan = plan ?? derivedPlan(firstWorkingDay, today, random);
  const voluntary = resolvedPlan.voluntaryContributions === true;
  const employmentEnds = voluntary ? today - VOLUNTARY_YEARS_DAYS : today;
  const spans = jobSpans(resolvedPlan, firstWorkingDay, employmentEnds, random);

  const collectedAt = context.now.toISOString();
  const jobs = spans.map((span, index) =>
    inventJob(span, index, curp, today, collectedAt, random, {
      atCap: resolvedPlan.salaryAtCap === true && index === spans.length - 1 && span.end === null,
      leaves: index === spans.length - 1 ? resolvedPlan.leaves : undefined,
    }),
  );
  if (voluntary) {
    const lastEnd = spans.at(-1)?.end ?? firstWorkingDay;
    jobs.push(voluntaryContribution(curp, lastEnd, today, collectedAt, random));
  }

  const profiles: SandboxProfile[] = [];
  const usedNss = new Set<string>();
  let nextJob = 0;
  const lastProfile = resolvedPlan.jobsPerProfile.length - 1;
  resolvedPlan.jobsPerProfile.forEach((planned, profileIndex) => {
    // The last profile also holds what follows the planned jobs (the voluntary contributions).
    const profileJobs = jobs.slice(nextJob, profileIndex === lastProfile ? undefined : nextJob + planned);
    nextJob += planned;
    const nss = uniqueNss(curp, profileJobs[0]?.start_date ?? isoOfDay(firstWorkingDay), random, usedNss);
    // Belvo collects all profiles together; the newest NSS is stamped last, which tells a reader which is current.
    const profileCollectedAt = new Date(
      context.now.getTime() - (resolvedPlan.jobsPerProfile.length - 1 - profileIndex) * 1000,
    ).toISOString();
    profiles.push(
      profileOf(curp, name, nss, profileJobs.reverse(), today, {
        ...context,
        collectedAt: profileCollectedAt,
      }),
    );
  });
  const newest = profiles.at(-1);
  if (newest && resolvedPlan.weeks) {
    newest.social_security_summary.weeks_redeemed = resolvedPlan.weeks.redeemed;
    newest.social_security_summary.weeks_reinstated = resolvedPlan.weeks.reinstated;
  }
  if (newest && resolvedPlan.employmentScores) newest.employment_scores = employmentScores(random);
  // Newest profile first, as jobs are newest first.
  const newestFirst = profiles.reverse();
  return resolvedPlan.fieldsLeftOut ? newestFirst.map(leaveFieldsOut) : newestFirst;
}

export function generateOwner(curp: ValidCurp, context: RetrievalContext) {
  const name = personOf(curp);
  const now = context.now.toISOString();
  return {
    id: context.newId(),
    link: context.linkId,
    internal_identification: curp.curp,
    collected_at: now,
    created_at: now,
    display_name: name.officialName,
    email: null,
    phone_number: null,
    address: null,
    document_id: { document_type: 'CURP', document_number: curp.curp },
  } satisfies AsBelvoSends<typeof BelvoOwnerSchema>;
}

/**
 * Belvo's opaque, stable id of the person at the institution, the same for every link of the same CURP: 44
 * characters of URL-safe base64 (of 32 bytes, padding kept), as Belvo's description gives it.
 */
export function institutionUserId(curp: string): string {
  const random = seededRandom(`institution-user:${curp}`);
  const bytes = Uint8Array.from({ length: 32 }, () => random.int(0, 255));
  return base64(bytes).replaceAll('+', '-').replaceAll('/', '_');
}

function adulthood(birthDate: string): number {
  const [year, month, day] = birthDate.split('-').map(Number);
  return dayOf(year! + 18, month!, day!);
}

/** For CURPs no scenario scripts: one profile, more jobs for longer working lives, most people employed. */
function derivedPlan(firstWorkingDay: number, today: number, random: SeededRandom): HistoryPlan {
  const workingYears = Math.max(0, (today - firstWorkingDay) / 365);
  const mostJobs = Math.min(7, 1 + Math.floor(workingYears / 3));
  return { jobsPerProfile: [random.int(1, mostJobs)], currentJob: random.chance(0.75) };
}

interface JobSpan {
  start: number;
  /** Null for the current job. */
  end: number | null;
}

/**
 * Lays the jobs end to end between the first working day and today: random lengths and gaps, scaled to fill
 * the window, so that no job starts before 18 or ends in the future. An unemployed person's last job ends some
 * time before today.
 */
function jobSpans(
  plan: HistoryPlan,
  firstWorkingDay: number,
  today: number,
  random: SeededRandom,
): JobSpan[] {
  const window = today - firstWorkingDay;
  const planned = plan.jobsPerProfile.reduce((total, count) => total + count, 0);
  // A job takes at least a few weeks: a short working life holds fewer jobs than planned.
  const count = Math.min(planned, Math.floor(window / 45));
  if (count <= 0) return [];

  const pieces: number[] = [];
  for (let i = 0; i < count; i++) {
    pieces.push(random.between(1, 6));
    if (i < count - 1) pieces.push(random.between(0.05, 0.8));
  }
  pieces.push(plan.currentJob ? 0 : random.between(0.3, 3));
  const total = pieces.reduce((sum, piece) => sum + piece, 0);

  const boundaries = [firstWorkingDay];
  let cumulative = 0;
  for (const piece of pieces) {
    cumulative += piece;
    boundaries.push(firstWorkingDay + Math.floor((cumulative / total) * window));
  }
  const lastOfEachProfile = new Set<number>();
  let jobsSoFar = 0;
  for (const jobs of plan.jobsPerProfile) lastOfEachProfile.add((jobsSoFar += jobs) - 1);
  return Array.from({ length: count }, (_, i) => {
    const start = boundaries[2 * i]!;
    const isCurrent =
      (plan.currentJob && i === count - 1) || (!!plan.currentInEveryProfile && lastOfEachProfile.has(i));
    return { start, end: isCurrent ? null : Math.max(start, boundaries[2 * i + 1]! - 1) };
  });
}

interface JobTraits {
  /** The salary is the legal maximum throughout (25 UMA). */
  atCap: boolean;
  leaves: HistoryPlan['leaves'];
}

type StatusUpdate = { event: string; base_salary: number; update_date: string };

function inventJob(
  span: JobSpan,
  index: number,
  curp: ValidCurp,
  today: number,
  collectedAt: string,
  random: SeededRandom,
  traits: JobTraits,
) {
  const stateCode = jobStateCode(curp.state, random);
  const lastDay = span.end ?? today;
  // Careers grow: later jobs start from a higher multiple of the minimum wage.
  const level = Math.min(
    MAX_MINIMUM_WAGES - 1,
    random.between(1, 1.6) * random.between(0.9, 1.2) * 1.12 ** index,
  );
  const salaries = traits.atCap
    ? cappedSalaryHistory(span.start, lastDay, 'HIRED')
    : salaryHistory(span.start, lastDay, level, random);
  const updates = traits.leaves ? withLeaves(salaries, span.start, lastDay, traits.leaves, random) : salaries;
  const salary = salaries[salaries.length - 1]!.base_salary;
  if (span.end !== null) {
    updates.push({ event: 'DISMISSED_RESIGNED', base_salary: salary, update_date: isoOfDay(span.end) });
  }
  return {
    collected_at: collectedAt,
    employer: employerName(stateCode, random),
    employer_id: registroPatronal(random),
    start_date: isoOfDay(span.start),
    end_date: span.end === null ? null : isoOfDay(span.end),
    weeks_employed: Math.floor((lastDay - span.start + 1) / 7),
    state: imssStateNames[stateCode],
    most_recent_base_salary: salary,
    monthly_salary: roundToCents(salary * DAYS_PER_MONTH),
    currency: 'MXN',
    employment_status_updates: updates,
  } satisfies AsBelvoSends<typeof BelvoEmploymentRecordJobSchema>;
}

/**
 * A salary at the legal maximum: 25 UMA (25 minimum wages before 2016) from the first day, raised each time the cap
 * is. Every event but the first is a SALARY_MODIFICATION, except for voluntary contributions, where every one is
 * the payment's own.
 */
function cappedSalaryHistory(start: number, lastDay: number, firstEvent: 'HIRED' | 'VOLUNTARY_CONTRIBUTION') {
  const laterEvent = firstEvent === 'HIRED' ? 'SALARY_MODIFICATION' : firstEvent;
  const updates: StatusUpdate[] = [
    { event: firstEvent, base_salary: salaryCapOn(start), update_date: isoOfDay(start) },
  ];
  for (const day of salaryCapChanges(start, lastDay)) {
    updates.push({ event: laterEvent, base_salary: salaryCapOn(day), update_date: isoOfDay(day) });
  }
  return updates;
}

/**
 * Adds ABSENCE and SICK_LEAVE events on random days of the job (from its second month on), each with the salary
 * in force that day, in date order among the salary events.
 */
function withLeaves(
  salaries: readonly StatusUpdate[],
  start: number,
  lastDay: number,
  leaves: NonNullable<HistoryPlan['leaves']>,
  random: SeededRandom,
): StatusUpdate[] {
  if (lastDay - start < 60) return [...salaries];
  const leaveEvents = [
    ...Array.from({ length: leaves.absences }, () => 'ABSENCE'),
    ...Array.from({ length: leaves.sickLeaves }, () => 'SICK_LEAVE'),
  ].map((event) => {
    const date = isoOfDay(random.int(start + 30, lastDay));
    const inForce = salaries.filter((update) => update.update_date <= date).at(-1) ?? salaries[0]!;
    return { event, base_salary: inForce.base_salary, update_date: date };
  });
  // A stable sort: on the same day, the salary event comes first.
  return [...salaries, ...leaveEvents].sort((a, b) => a.update_date.localeCompare(b.update_date));
}

/**
 * Modalidad 40: the first of a month some weeks after the last job ended (IMSS allows it within five years), the
 * person registers and pays their own contributions at the 25 UMA cap, updated each February. Open, so no end date;
 * the employer is the modality itself.
 */
function voluntaryContribution(
  curp: ValidCurp,
  lastEnd: number,
  today: number,
  collectedAt: string,
  random: SeededRandom,
) {
  const earliest = isoOfDay(lastEnd + random.int(30, 90));
  const [year, month] = earliest.split('-').map(Number);
  const start = Math.min(today, dayOf(year!, month! + 1, 1));
  const updates = cappedSalaryHistory(start, today, 'VOLUNTARY_CONTRIBUTION');
  const salary = updates.at(-1)!.base_salary;
  return {
    collected_at: collectedAt,
    employer: VOLUNTARY_CONTINUATION_EMPLOYER,
    employer_id: registroPatronal(random, '40'),
    start_date: isoOfDay(start),
    end_date: null,
    weeks_employed: Math.floor((today - start + 1) / 7),
    state: imssStateNames[jobStateCode(curp.state, random)],
    most_recent_base_salary: salary,
    monthly_salary: roundToCents(salary * DAYS_PER_MONTH),
    currency: 'MXN',
    employment_status_updates: updates,
  } satisfies AsBelvoSends<typeof BelvoEmploymentRecordJobSchema>;
}

/** Belvo's employment scores, one per period, each 300–900. */
function employmentScores(random: SeededRandom) {
  const base = random.int(520, 820);
  return SCORE_PERIODS.map((period) => ({
    score: Math.min(900, Math.max(300, base + random.int(-30, 30))),
    period,
    version: SCORE_VERSION,
  }));
}

/** The newest job without `employer` (and a null `employer_id`), the oldest without `start_date`. */
function leaveFieldsOut(profile: SandboxProfile): SandboxEmploymentRecord {
  const jobs = profile.employment_records.map((job): SentJob => ({ ...job }));
  const newest = jobs[0];
  if (newest) {
    delete newest.employer;
    newest.employer_id = null;
  }
  const oldest = jobs.at(-1);
  if (oldest && oldest !== newest) delete oldest.start_date;
  return { ...profile, employment_records: jobs };
}

/**
 * HIRED, then a SALARY_MODIFICATION every 6–18 months — sooner when a new year's minimum wage overtakes the
 * salary, as employers must then update it.
 */
function salaryHistory(start: number, lastDay: number, level: number, random: SeededRandom) {
  let salary = roundToCents(minimumDailyWage(yearOfDay(start)) * level);
  const updates = [{ event: 'HIRED', base_salary: salary, update_date: isoOfDay(start) }];
  let day = start;
  for (;;) {
    let next = day + random.int(180, 540);
    const newYear = dayOf(yearOfDay(day) + 1, 1, 1);
    if (newYear < next && minimumDailyWage(yearOfDay(newYear)) > salary) next = newYear;
    if (next > lastDay) return updates;
    const minimum = minimumDailyWage(yearOfDay(next));
    const raised = Math.max(salary * random.between(1.03, 1.1), minimum * random.between(1, 1.08));
    salary = roundToCents(Math.min(raised, minimum * MAX_MINIMUM_WAGES));
    updates.push({ event: 'SALARY_MODIFICATION', base_salary: salary, update_date: isoOfDay(next) });
    day = next;
  }
}

/**
 * An 11-digit NSS in IMSS's layout: subdelegation (2), year of first registration (2), birth year (2),
 * sequence (4), Luhn check digit (1).
 */
function uniqueNss(curp: ValidCurp, firstJobDate: string, random: SeededRandom, used: Set<string>): string {
  for (;;) {
    const digits =
      String(random.int(1, 99)).padStart(2, '0') +
      firstJobDate.slice(2, 4) +
      curp.birthDate.slice(2, 4) +
      String(random.int(0, 9999)).padStart(4, '0');
    const nss = digits + luhnCheckDigit(digits);
    if (!used.has(nss)) {
      used.add(nss);
      return nss;
    }
  }
}

function profileOf(
  curp: ValidCurp,
  name: PersonName,
  nss: string,
  jobsNewestFirst: SandboxJob[],
  today: number,
  context: RetrievalContext & { collectedAt: string },
) {
  // Paying voluntary contributions is not employment: no company benefits, and Modalidad 40 includes no health cover.
  const employment = jobsNewestFirst.filter((job) => job.employer !== VOLUNTARY_CONTINUATION_EMPLOYER);
  const employed = employment.some((job) => job.end_date === null);
  const lastEnd = employment[0]?.end_date;
  const coverUntil = !employed && lastEnd ? dayOfIso(lastEnd) + COVER_AFTER_DISMISSAL_DAYS : null;
  const reportDate = isoOfDay(today);
  return {
    id: context.newId(),
    link: context.linkId,
    created_at: context.now.toISOString(),
    collected_at: context.collectedAt,
    report_date: reportDate,
    internal_identification: curp.curp,
    personal_data: {
      official_name: name.officialName,
      first_name: name.firstName,
      last_name: name.lastName,
      email: null,
      birth_date: curp.birthDate,
      entitlements: {
        entitled_to_health_insurance: employed || (coverUntil !== null && coverUntil >= today),
        entitled_to_company_benefits: employed,
        valid_until: coverUntil === null ? null : isoOfDay(coverUntil),
        status: employed ? 'EMPLOYED' : 'UNEMPLOYED',
      },
      document_ids: [
        { document_type: 'CURP', document_number: curp.curp },
        { document_type: 'NSS', document_number: nss },
      ],
    },
    social_security_summary: {
      weeks_redeemed: 0,
      weeks_reinstated: 0,
      weeks_contributed: jobsNewestFirst.reduce((total, job) => total + job.weeks_employed, 0),
    },
    employment_records: jobsNewestFirst,
    employment_scores: null as null | ReturnType<typeof employmentScores>,
    // IMSS's "Reporte de semanas cotizadas" PDF; Belvo's sandbox leaves its content empty, and so does this one
    // unless a retrieval asks for it (`attach_pdf`).
    files: [
      {
        type: `ReporteSemanasCotizadas_${reportDate.slice(8, 10)}${reportDate.slice(5, 7)}${reportDate.slice(2, 4)}`,
        value: null as string | null,
      },
    ],
  } satisfies AsBelvoSends<typeof BelvoEmploymentRecordSchema>;
}

function roundToCents(amount: number): number {
  return Math.round(amount * 100) / 100;
}
