import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type * as z from 'zod/mini';
import {
  BelvoEmploymentRecordJobSchema,
  BelvoEmploymentRecordSchema,
  EmploymentSummarySchema,
  type BelvoEmploymentRecord,
  type BelvoEmploymentRecordInput,
} from '../../src/contract/index.js';
import { DAYS_PER_MONTH, summarizeEmployment } from '../../src/summary/index.js';

const CURP = 'GALM900514MDFRPR04';

type JobInput = z.input<typeof BelvoEmploymentRecordJobSchema>;

function job(overrides: Partial<JobInput> & Pick<JobInput, 'start_date'>): JobInput {
  return {
    employer: 'Comercializadora del Bajío SA de CV',
    employer_id: 'Y6612345108',
    end_date: null,
    weeks_employed: 52,
    state: 'JALISCO',
    most_recent_base_salary: 500,
    monthly_salary: 0,
    currency: 'MXN',
    employment_status_updates: [],
    ...overrides,
  };
}

/** A profile as Belvo sends it, parsed with the contract schema as the proxy would. */
function profile(overrides: Partial<BelvoEmploymentRecordInput> = {}): BelvoEmploymentRecord {
  return BelvoEmploymentRecordSchema.parse({
    id: 'fef05fc8-7357-4a4a-9d29-55038ea31a04',
    link: '2f5d361d-dad6-45d4-a0bf-26d479766067',
    created_at: '2024-05-02T10:00:00Z',
    collected_at: '2024-05-02T10:00:00Z',
    report_date: '2024-05-02',
    internal_identification: CURP,
    personal_data: {
      official_name: 'María Guadalupe García López',
      first_name: 'María Guadalupe',
      last_name: 'García López',
      email: null,
      birth_date: '1990-05-14',
      entitlements: {
        entitled_to_health_insurance: true,
        entitled_to_company_benefits: true,
        valid_until: null,
        status: 'EMPLOYED',
      },
      document_ids: [
        { document_type: 'CURP', document_number: CURP },
        { document_type: 'NSS', document_number: '12345678901' },
      ],
    },
    social_security_summary: { weeks_redeemed: 0, weeks_reinstated: 0, weeks_contributed: 188 },
    employment_records: [job({ start_date: '2020-01-15', most_recent_base_salary: 762.54 })],
    ...overrides,
  });
}

describe('summarizeEmployment', () => {
  test('one current job: identity, salary and monthly estimate', () => {
    const summary = summarizeEmployment(CURP, [profile()]);
    assert.deepEqual(summary, {
      curp: CURP,
      nss: '12345678901',
      nssList: ['12345678901'],
      fullName: 'María Guadalupe García López',
      birthDate: '1990-05-14',
      status: 'EMPLOYED',
      weeksContributed: 188,
      weeksRedeemed: 0,
      weeksReinstated: 0,
      jobs: [
        {
          employer: 'Comercializadora del Bajío SA de CV',
          employerId: 'Y6612345108',
          state: 'JALISCO',
          startDate: '2020-01-15',
          endDate: null,
          weeksEmployed: 52,
          dailySalary: 762.54,
          currency: 'MXN',
          kind: 'employment',
          tenureMonths: 51,
          salaryHistory: [],
        },
      ],
      currentJobs: summary.jobs,
      voluntaryContributions: [],
      currentTenureMonths: 51,
      dailySalary: 762.54,
      monthlyIncomeEstimate: 23181.22,
      salaryAtCap: false,
      employmentScore: null,
      warnings: [],
      reportDate: '2024-05-02',
    });
    assert.equal(EmploymentSummarySchema.safeParse(summary).success, true);
  });

  test('several jobs: most recent start first, current before ended on the same start, stable otherwise', () => {
    const summary = summarizeEmployment(CURP, [
      profile({
        employment_records: [
          job({ employer: 'A', start_date: '2010-03-01', end_date: '2012-01-31' }),
          job({ employer: 'B', start_date: '2018-06-01', end_date: '2019-06-01' }),
          job({ employer: 'C', start_date: '2018-06-01', end_date: null }),
          job({ employer: 'D', start_date: '2018-06-01', end_date: '2020-06-01' }),
          job({ employer: 'E', start_date: '2015-01-01', end_date: '2016-01-01' }),
          job({ employer: 'F', start_date: '2015-01-01', end_date: '2016-01-01' }),
        ],
      }),
    ]);
    assert.deepEqual(
      summary.jobs.map((j) => j.employer),
      ['C', 'D', 'B', 'E', 'F', 'A'],
    );
    assert.deepEqual(
      summary.currentJobs.map((j) => j.employer),
      ['C'],
    );
  });

  test('two profiles: weeks summed, identity from the most recent profile, jobs merged', () => {
    const older = profile({
      id: 'older',
      report_date: '2023-01-10',
      personal_data: {
        official_name: 'Old Name',
        birth_date: '1990-05-14',
        entitlements: { status: 'UNEMPLOYED' },
        document_ids: [{ document_type: 'NSS', document_number: '11111111111' }],
      },
      social_security_summary: { weeks_contributed: 100 },
      employment_records: [job({ employer: 'Old', start_date: '2009-02-01', end_date: '2011-02-01' })],
    });
    const newer = profile({
      id: 'newer',
      report_date: '2024-05-02',
      personal_data: {
        official_name: 'New Name',
        birth_date: '1990-05-14',
        entitlements: { status: 'EMPLOYED' },
        document_ids: [{ document_type: 'NSS', document_number: '22222222222' }],
      },
      social_security_summary: { weeks_contributed: 250 },
      employment_records: [job({ employer: 'New', start_date: '2019-02-01', most_recent_base_salary: 400 })],
    });
    for (const order of [
      [older, newer],
      [newer, older],
    ]) {
      const summary = summarizeEmployment(CURP, order);
      assert.equal(summary.nss, '22222222222');
      assert.equal(summary.fullName, 'New Name');
      assert.equal(summary.status, 'EMPLOYED');
      assert.equal(summary.reportDate, '2024-05-02');
      assert.equal(summary.weeksContributed, 350);
      assert.deepEqual(
        summary.jobs.map((j) => j.employer),
        ['New', 'Old'],
      );
      assert.equal(summary.dailySalary, 400);
    }
  });

  test('same report date: the later collected_at wins; a missing report date loses', () => {
    const a = profile({
      report_date: '2024-05-02',
      collected_at: '2024-05-02T08:00:00+00:00',
      personal_data: { document_ids: [{ document_type: 'NSS', document_number: 'A' }] },
    });
    const b = profile({
      report_date: '2024-05-02',
      collected_at: '2024-05-02T09:00:00Z',
      personal_data: { document_ids: [{ document_type: 'NSS', document_number: 'B' }] },
    });
    const undated = profile({
      report_date: null,
      collected_at: '2030-01-01T00:00:00Z',
      personal_data: { document_ids: [{ document_type: 'NSS', document_number: 'U' }] },
    });
    assert.equal(summarizeEmployment(CURP, [undated, a, b]).nss, 'B');
    assert.equal(summarizeEmployment(CURP, [b, undated, a]).nss, 'B');
  });

  test('no profiles: nulls and empty arrays', () => {
    assert.deepEqual(summarizeEmployment(CURP, []), {
      curp: CURP,
      nss: null,
      nssList: [],
      fullName: null,
      birthDate: null,
      status: null,
      weeksContributed: null,
      weeksRedeemed: null,
      weeksReinstated: null,
      jobs: [],
      currentJobs: [],
      voluntaryContributions: [],
      currentTenureMonths: null,
      dailySalary: null,
      monthlyIncomeEstimate: null,
      salaryAtCap: false,
      employmentScore: null,
      warnings: [],
      reportDate: null,
    });
  });

  test('nulls everywhere do not break the summary', () => {
    const bare = BelvoEmploymentRecordSchema.parse({
      id: 'x',
      personal_data: null,
      social_security_summary: null,
      employment_records: [
        { employer: 'Sin datos', start_date: '2020-01-01', most_recent_base_salary: null, currency: null },
      ],
    });
    const summary = summarizeEmployment(CURP, [bare]);
    assert.equal(summary.nss, null);
    assert.equal(summary.fullName, null);
    assert.equal(summary.status, null);
    assert.equal(summary.weeksContributed, null);
    assert.equal(summary.reportDate, null);
    assert.equal(summary.currentJobs.length, 1);
    assert.deepEqual(summary.jobs[0], {
      employer: 'Sin datos',
      employerId: null,
      state: null,
      startDate: '2020-01-01',
      endDate: null,
      weeksEmployed: null,
      dailySalary: null,
      currency: 'MXN',
      kind: 'employment',
      tenureMonths: null,
      salaryHistory: [],
    });
    assert.equal(summary.currentTenureMonths, null, 'open, with no report date to count to');
    assert.deepEqual(summary.warnings, ['current_salary_missing']);
    assert.equal(summary.dailySalary, null, 'no current job has a salary');
    assert.equal(summary.monthlyIncomeEstimate, null);
    assert.equal(EmploymentSummarySchema.safeParse(summary).success, true);
  });

  test('name falls back to first + last name, then null; NSS missing reads null', () => {
    const named = profile({ personal_data: { official_name: ' ', first_name: 'Ana', last_name: 'Pérez' } });
    assert.equal(summarizeEmployment(CURP, [named]).fullName, 'Ana Pérez');
    assert.equal(summarizeEmployment(CURP, [named]).nss, null);
    const onlyFirst = profile({ personal_data: { first_name: 'Ana' } });
    assert.equal(summarizeEmployment(CURP, [onlyFirst]).fullName, 'Ana');
  });

  test('only ended jobs: no daily salary, no monthly estimate', () => {
    const summary = summarizeEmployment(CURP, [
      profile({ employment_records: [job({ start_date: '2015-01-01', end_date: '2019-01-01' })] }),
    ]);
    assert.deepEqual(summary.currentJobs, []);
    assert.equal(summary.dailySalary, null);
    assert.equal(summary.monthlyIncomeEstimate, null);
  });

  test('rounding: sums and the monthly estimate are exact to the cent', () => {
    assert.equal(DAYS_PER_MONTH, 30.4);
    const summary = summarizeEmployment(CURP, [
      profile({
        employment_records: [
          job({ start_date: '2021-01-01', most_recent_base_salary: 0.1 }),
          job({ start_date: '2020-01-01', most_recent_base_salary: 0.2 }),
          job({ start_date: '2019-01-01', most_recent_base_salary: 278.8 }),
          job({ start_date: '2018-01-01', most_recent_base_salary: null }),
          job({ start_date: '2010-01-01', end_date: '2012-01-01', most_recent_base_salary: 9999 }),
        ],
      }),
    ]);
    assert.equal(summary.dailySalary, 279.1);
    assert.equal(summary.monthlyIncomeEstimate, 8484.64);
    // 1.005 is a half cent as written (the double behind it is 1.00499…): it rounds up. The monthly estimate
    // comes from the exact 1.005 × 30.4 = 30.552, not from the rounded 1.01 (which would give 30.70).
    const withHalfCent = summarizeEmployment(CURP, [
      profile({ employment_records: [job({ start_date: '2021-01-01', most_recent_base_salary: 1.005 })] }),
    ]);
    assert.equal(withHalfCent.dailySalary, 1.01);
    assert.equal(withHalfCent.monthlyIncomeEstimate, 30.55);
    for (const cents of [1, 7, 27880, 76254, 250000, 123456789]) {
      const s = summarizeEmployment(CURP, [
        profile({
          employment_records: [job({ start_date: '2021-01-01', most_recent_base_salary: cents / 100 })],
        }),
      ]);
      assert.equal(s.monthlyIncomeEstimate, Math.round(cents * 30.4) / 100);
      assert.match(String(s.monthlyIncomeEstimate), /^\d+(\.\d{1,2})?$/);
    }
  });

  test('rounding: salaries with more than two decimals are summed exactly and rounded once, at the end', () => {
    const summaryOf = (...salaries: number[]) =>
      summarizeEmployment(CURP, [
        profile({
          employment_records: salaries.map((salary, i) =>
            job({ start_date: `20${10 + i}-01-01`, most_recent_base_salary: salary }),
          ),
        }),
      ]);
    // 123.456 + 0.1 = 123.556: shown as 123.56; per month 123.556 × 30.4 = 3756.1024 → 3756.10. Rounding each
    // salary first (123.46 + 0.10) would give 3756.22.
    const mixed = summaryOf(123.456, 0.1);
    assert.equal(mixed.dailySalary, 123.56);
    assert.equal(mixed.monthlyIncomeEstimate, 3756.1);
    // Thirds of a cent that add up to whole cents: 0.333 + 0.333 + 0.334 = 1 exactly.
    const thirds = summaryOf(0.333, 0.333, 0.334);
    assert.equal(thirds.dailySalary, 1);
    assert.equal(thirds.monthlyIncomeEstimate, 30.4);
    // Per-salary rounding would add three half cents up (0.015 × 3 → 0.06); the sum is 0.045 → 0.05.
    assert.equal(summaryOf(0.015, 0.015, 0.015).dailySalary, 0.05);
    // Binary noise in the inputs does not leak: 0.1 + 0.2 is 0.3, and 762.54 a month is 23181.22.
    assert.equal(summaryOf(0.1, 0.2).dailySalary, 0.3);
    assert.equal(summaryOf(762.54).monthlyIncomeEstimate, 23181.22);
    // Numbers JavaScript prints in exponent form are read exactly too.
    assert.equal(summaryOf(1e-7, 500).dailySalary, 500);
    assert.equal(summaryOf(1e21).dailySalary, 1e21);
  });
});
