// Property tests of the summary on employment-record profiles generated from Belvo's description
// (belvo-openapi-1.35.yaml, EmploymentRecord, and the newer fields: employment_scores, null end dates of current
// jobs), with every field that the description does not require sometimes missing, null or of the wrong type.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  BelvoEmploymentRecordPageSchema,
  EmploymentSummarySchema,
  summaryWarnings,
  type EmploymentSummary,
} from '../../src/contract/index.js';
import { countSkippedRecords, DAYS_PER_MONTH, summarizeEmployment } from '../../src/summary/index.js';

const CURP = 'GALM900514MDFRPR04';
const RUNS = { numRuns: 300 };

/** A field as Belvo may send it: the value, or missing, null, or (rarely) something else entirely. */
const sometimes = <T>(value: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 6, arbitrary: value },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom('', 'n/a', -1, {}, [], true) },
  );

const isoDate = fc
  .date({ min: new Date('1982-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
/** Daily salaries in pesos, with cents, up to past the cap; now and then with more decimals or huge. */
const salary = fc.oneof(
  fc.integer({ min: 0, max: 400_000 }).map((cents) => cents / 100),
  fc.double({ min: 0, max: 1e7, noNaN: true, noDefaultInfinity: true }),
);
const events = fc.constantFrom(
  'HIRED',
  'SALARY_MODIFICATION',
  'DISMISSED_RESIGNED',
  'VOLUNTARY_CONTRIBUTION',
  'ABSENCE',
  'SICK_LEAVE',
  'SOMETHING_NEW',
);
const employers = fc.oneof(
  fc.constantFrom(
    'Comercializadora del Bajío SA de CV',
    'CONTINUACION VOLUNTARIA EN EL REGIMEN OBLIGATORIO',
    'Continuación voluntaria',
    'MODALIDAD 40',
    'Servicios Hoteleros del Caribe SA de CV',
  ),
  fc.string({ maxLength: 40 }),
);

const statusUpdate = fc.record(
  { event: sometimes(events), base_salary: sometimes(salary), update_date: sometimes(isoDate) },
  { requiredKeys: [] },
);

/** One job: start and end drawn independently, so that some end before they start (unreadable). */
const job = fc.record(
  {
    collected_at: fc.constant('2024-05-02T10:00:00.000000+00:00'),
    employer: sometimes(employers),
    employer_id: sometimes(fc.string({ maxLength: 14 })),
    start_date: sometimes(isoDate),
    end_date: fc.oneof(fc.constant(null), isoDate, fc.constant(undefined), fc.constant('31/12/2019')),
    weeks_employed: sometimes(fc.integer({ min: 0, max: 2500 })),
    state: sometimes(fc.constantFrom('DISTRITO FEDERAL', 'JALISCO', 'NUEVO LEON')),
    most_recent_base_salary: sometimes(salary),
    monthly_salary: sometimes(salary),
    currency: sometimes(fc.constant('MXN')),
    employment_status_updates: sometimes(fc.array(statusUpdate, { maxLength: 6 })),
  },
  { requiredKeys: ['end_date'] },
);

const profile = fc.record(
  {
    id: sometimes(fc.uuid()),
    link: sometimes(fc.uuid()),
    collected_at: sometimes(fc.constant('2024-05-02T10:00:00Z')),
    report_date: sometimes(isoDate),
    internal_identification: fc.constant(CURP),
    personal_data: sometimes(
      fc.record(
        {
          official_name: sometimes(fc.string({ maxLength: 30 })),
          birth_date: sometimes(isoDate),
          entitlements: sometimes(
            fc.record({ status: sometimes(fc.constantFrom('EMPLOYED', 'UNEMPLOYED', 'RETIRED')) }),
          ),
          document_ids: sometimes(
            fc.array(
              fc.record({
                document_type: sometimes(fc.constantFrom('NSS', 'CURP', 'RFC')),
                document_number: sometimes(fc.stringMatching(/^\d{11}$/)),
              }),
              { maxLength: 3 },
            ),
          ),
        },
        { requiredKeys: [] },
      ),
    ),
    social_security_summary: sometimes(
      fc.record(
        {
          weeks_redeemed: sometimes(fc.integer({ min: 0, max: 500 })),
          weeks_reinstated: sometimes(fc.integer({ min: 0, max: 500 })),
          weeks_contributed: sometimes(fc.integer({ min: 0, max: 2500 })),
        },
        { requiredKeys: [] },
      ),
    ),
    employment_records: fc.array(
      fc.oneof({ weight: 9, arbitrary: job }, { weight: 1, arbitrary: fc.constant(null) }),
      {
        maxLength: 8,
      },
    ),
    employment_scores: sometimes(
      fc.array(
        fc.record({
          score: sometimes(fc.integer({ min: 0, max: 1000 })),
          period: sometimes(fc.constantFrom(3, 6, 12)),
          version: sometimes(fc.oneof(fc.constant('1.0'), fc.integer({ min: 1, max: 3 }))),
        }),
        { maxLength: 3 },
      ),
    ),
  },
  { requiredKeys: ['internal_identification', 'employment_records'] },
);

/** A page of one to three profiles, read as the proxy reads it: it must never fail. */
const histories = fc.array(profile, { minLength: 1, maxLength: 3 }).map((results) => {
  const page = BelvoEmploymentRecordPageSchema.safeParse({ count: results.length, next: null, results });
  assert.ok(page.success, 'a page of profiles is always read');
  return { sent: results, profiles: page.data.results };
});

/** Every number anywhere in a value. */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(numbersIn);
}

const centsOf = (amount: number) => Math.round(amount * 100);

describe('summarizeEmployment on generated histories', () => {
  test('is a valid summary, with no NaN or infinity anywhere', () => {
    fc.assert(
      fc.property(histories, ({ profiles }) => {
        const summary = summarizeEmployment(CURP, profiles);
        assert.equal(EmploymentSummarySchema.safeParse(summary).success, true);
        for (const number of numbersIn(summary)) assert.ok(Number.isFinite(number), String(number));
      }),
      RUNS,
    );
  });

  test('tenures are whole months, never negative', () => {
    fc.assert(
      fc.property(histories, ({ profiles }) => {
        const summary = summarizeEmployment(CURP, profiles);
        for (const months of [...summary.jobs.map((job) => job.tenureMonths), summary.currentTenureMonths]) {
          if (months !== null) assert.ok(Number.isInteger(months) && months >= 0, String(months));
        }
        if (summary.currentTenureMonths !== null) {
          assert.ok(summary.currentJobs.some((job) => job.tenureMonths === summary.currentTenureMonths));
        }
      }),
      RUNS,
    );
  });

  test('no income from voluntary contributions: the income is that of the current employments alone', () => {
    fc.assert(
      fc.property(histories, ({ profiles }) => {
        const summary = summarizeEmployment(CURP, profiles);
        assert.ok(summary.currentJobs.every((job) => job.kind === 'employment' && job.endDate === null));
        assert.ok(
          summary.voluntaryContributions.every(
            (job) => job.kind === 'voluntary_contribution' && job.endDate === null,
          ),
        );
        const open = summary.jobs.filter((job) => job.endDate === null);
        assert.equal(summary.currentJobs.length + summary.voluntaryContributions.length, open.length);

        const salaries = summary.currentJobs
          .map((job) => job.dailySalary)
          .filter((salary) => salary !== null);
        if (salaries.length === 0) {
          assert.equal(summary.dailySalary, null);
          assert.equal(summary.monthlyIncomeEstimate, null);
        } else {
          const cents = salaries.reduce((total, salary) => total + centsOf(salary), 0);
          // Each salary is rounded here, the summary rounds the exact sum once: a cent per salary apart at most.
          assert.ok(Math.abs(centsOf(summary.dailySalary!) - cents) <= salaries.length, 'daily salary');
          const monthly = summary.dailySalary! * DAYS_PER_MONTH;
          assert.ok(Math.abs(summary.monthlyIncomeEstimate! - monthly) <= 0.01 * DAYS_PER_MONTH, 'monthly');
        }
        if (summary.salaryAtCap) assert.ok(summary.currentJobs.length > 0);
      }),
      RUNS,
    );
  });

  test('the same history without its voluntary contributions has the same income and current jobs', () => {
    fc.assert(
      fc.property(histories, ({ profiles }) => {
        const summary = summarizeEmployment(CURP, profiles);
        const voluntary = new Set(
          summary.jobs
            .filter((job) => job.kind === 'voluntary_contribution')
            .map((job) => job.employer + job.startDate),
        );
        const without = summarizeEmployment(
          CURP,
          profiles.map((profile) => ({
            ...profile,
            employment_records: profile.employment_records.filter(
              (record) => !voluntary.has(record.employer + record.start_date),
            ),
          })),
        );
        const income = (s: EmploymentSummary) => [s.dailySalary, s.monthlyIncomeEstimate, s.salaryAtCap];
        assert.deepEqual(income(without), income(summary));
        assert.deepEqual(without.currentJobs, summary.currentJobs);
        assert.deepEqual(without.voluntaryContributions, []);
      }),
      RUNS,
    );
  });

  test('every job sent is either in the summary or counted as skipped, and then flagged', () => {
    fc.assert(
      fc.property(histories, ({ sent, profiles }) => {
        const summary = summarizeEmployment(CURP, profiles);
        const jobsSent = sent.reduce((total, profile) => total + profile.employment_records.length, 0);
        const skipped = countSkippedRecords(profiles);
        assert.equal(summary.jobs.length + skipped, jobsSent);
        assert.equal(summary.warnings.includes('skipped_records'), skipped > 0);
      }),
      RUNS,
    );
  });

  test('salary histories are oldest first; warnings are known codes, once each, in their order', () => {
    fc.assert(
      fc.property(histories, ({ profiles }) => {
        const summary = summarizeEmployment(CURP, profiles);
        for (const { salaryHistory } of summary.jobs) {
          const dates = salaryHistory.map((entry) => entry.date);
          assert.deepEqual(dates, [...dates].sort());
        }
        const known: readonly string[] = summaryWarnings;
        assert.deepEqual(
          summary.warnings,
          known.filter((code) => summary.warnings.includes(code)),
        );
        assert.equal(summary.warnings.includes('salary_at_cap'), summary.salaryAtCap);
        assert.equal(new Set(summary.nssList).size, summary.nssList.length);
        if (summary.nss !== null) assert.equal(summary.nssList[0], summary.nss);
      }),
      RUNS,
    );
  });
});
