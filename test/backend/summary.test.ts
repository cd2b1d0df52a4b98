import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type * as z from 'zod/mini';
import {
  BelvoEmploymentRecordJobSchema,
  BelvoEmploymentRecordPageSchema,
  BelvoEmploymentRecordSchema,
  EmploymentSummarySchema,
  type BelvoEmploymentRecord,
  type BelvoEmploymentRecordInput,
} from '../../src/contract/index.js';
import { countSkippedRecords, DAYS_PER_MONTH, summarizeEmployment } from '../../src/summary/index.js';

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

/** A dated event of a job, as Belvo lists it. */
const event = (update_date: string, event: string, base_salary: number) => ({
  update_date,
  event,
  base_salary,
});

describe('summarizeEmployment: voluntary contributions', () => {
  // Worked until mid-2023, then pays Modalidad 40 at the 2026 maximum (25 UMA = 2932.75 a day). Counting that record
  // as a job would show a current job and about 89,000 pesos a month of income that does not exist.
  const modalidad40 = profile({
    report_date: '2026-11-20',
    personal_data: { entitlements: { status: 'UNEMPLOYED' } },
    employment_records: [
      job({
        employer: 'CONTINUACION VOLUNTARIA EN EL REGIMEN OBLIGATORIO',
        employer_id: null,
        start_date: '2023-08-01',
        most_recent_base_salary: 2932.75,
        employment_status_updates: [
          event('2023-08-01', 'VOLUNTARY_CONTRIBUTION', 2593.5),
          event('2026-02-01', 'VOLUNTARY_CONTRIBUTION', 2932.75),
        ],
      }),
      job({
        employer: 'Grupo Industrial Saltillo SA de CV',
        start_date: '2015-03-02',
        end_date: '2023-06-30',
        most_recent_base_salary: 1850.4,
        employment_status_updates: [
          event('2015-03-02', 'HIRED', 980),
          event('2023-06-30', 'DISMISSED_RESIGNED', 1850.4),
        ],
      }),
    ],
  });

  test('a Modalidad 40 record is no current job and no income', () => {
    const summary = summarizeEmployment(CURP, [modalidad40]);
    assert.deepEqual(
      summary.jobs.map((j) => j.kind),
      ['voluntary_contribution', 'employment'],
    );
    assert.deepEqual(summary.currentJobs, []);
    assert.deepEqual(
      summary.voluntaryContributions.map((j) => j.employer),
      ['CONTINUACION VOLUNTARIA EN EL REGIMEN OBLIGATORIO'],
    );
    assert.equal(summary.dailySalary, null);
    assert.equal(summary.monthlyIncomeEstimate, null);
    assert.equal(summary.currentTenureMonths, null);
    assert.equal(summary.salaryAtCap, false, 'the cap speaks of a salary, and this is no salary');
    assert.deepEqual(
      summary.warnings,
      [],
      'unemployed with an open voluntary contribution is the expected picture',
    );
    assert.equal(EmploymentSummarySchema.safeParse(summary).success, true);
  });

  test('the employer match ignores case, accents and spacing; "MODALIDAD 40" counts too', () => {
    for (const employer of [
      'Continuación Voluntaria',
      'continuacion  voluntaria al regimen obligatorio',
      'IMSS MODALIDAD 40',
      'Modalidad\u00a040',
    ]) {
      const summary = summarizeEmployment(CURP, [
        profile({ employment_records: [job({ employer, start_date: '2024-01-01' })] }),
      ]);
      assert.equal(summary.jobs[0]!.kind, 'voluntary_contribution', employer);
      assert.equal(summary.monthlyIncomeEstimate, null, employer);
    }
  });

  test("an open record whose latest event is VOLUNTARY_CONTRIBUTION is one, whatever the employer's name", () => {
    const summary = summarizeEmployment(CURP, [
      profile({
        employment_records: [
          job({
            employer: 'INSTITUTO MEXICANO DEL SEGURO SOCIAL',
            start_date: '2022-05-01',
            most_recent_base_salary: 1200,
            // Listed out of order: the latest by date decides, not the last listed.
            employment_status_updates: [
              event('2023-01-01', 'VOLUNTARY_CONTRIBUTION', 1200),
              event('2022-05-01', 'HIRED', 900),
            ],
          }),
          // Rehired after paying voluntarily: the latest event is a hire, so this is an employment.
          job({
            employer: 'Servicios Hoteleros del Caribe SA de CV',
            start_date: '2021-02-01',
            most_recent_base_salary: 640,
            employment_status_updates: [
              event('2021-02-01', 'VOLUNTARY_CONTRIBUTION', 600),
              event('2023-03-15', 'HIRED', 640),
            ],
          }),
          // Ended: a past voluntary contribution says nothing about today, and the job is not current anyway.
          job({
            employer: 'Transportes del Norte SA',
            start_date: '2010-01-01',
            end_date: '2012-01-01',
            employment_status_updates: [event('2011-06-01', 'VOLUNTARY_CONTRIBUTION', 500)],
          }),
        ],
      }),
    ]);
    assert.deepEqual(
      summary.jobs.map((j) => [j.employer, j.kind]),
      [
        ['INSTITUTO MEXICANO DEL SEGURO SOCIAL', 'voluntary_contribution'],
        ['Servicios Hoteleros del Caribe SA de CV', 'employment'],
        ['Transportes del Norte SA', 'employment'],
      ],
    );
    assert.deepEqual(
      summary.currentJobs.map((j) => j.employer),
      ['Servicios Hoteleros del Caribe SA de CV'],
    );
    assert.equal(summary.dailySalary, 640);
    assert.equal(summary.monthlyIncomeEstimate, 19456);
  });
});

describe('summarizeEmployment: salary history and tenure', () => {
  test('salaryHistory: every dated event, oldest first, same-date events in Belvo’s order; undated ones left out', () => {
    const summary = summarizeEmployment(CURP, [
      profile({
        employment_records: [
          job({
            start_date: '2019-04-01',
            employment_status_updates: [
              event('2023-02-01', 'SALARY_MODIFICATION', 845.1),
              event('2019-04-01', 'HIRED', 520),
              { event: 'SICK_LEAVE', base_salary: 845.1, update_date: null },
              event('2021-07-16', 'ABSENCE', 690.25),
              event('2021-07-16', 'SALARY_MODIFICATION', 702),
              { event: null, base_salary: null, update_date: '2024-01-10' },
            ],
          }),
        ],
      }),
    ]);
    assert.deepEqual(summary.jobs[0]!.salaryHistory, [
      { date: '2019-04-01', dailySalary: 520, event: 'HIRED' },
      { date: '2021-07-16', dailySalary: 690.25, event: 'ABSENCE' },
      { date: '2021-07-16', dailySalary: 702, event: 'SALARY_MODIFICATION' },
      { date: '2023-02-01', dailySalary: 845.1, event: 'SALARY_MODIFICATION' },
      { date: '2024-01-10', dailySalary: null, event: null },
    ]);
  });

  test('tenureMonths: whole calendar months to the end, or to the report date while open', () => {
    const tenureOf = (start_date: string, end_date: string | null, report_date = '2024-05-02') =>
      summarizeEmployment(CURP, [
        profile({ report_date, employment_records: [job({ start_date, end_date })] }),
      ]).jobs[0]!.tenureMonths;
    assert.equal(tenureOf('2020-01-15', null), 51, '2020-01-15 → 2024-05-02');
    assert.equal(tenureOf('2020-01-15', '2020-03-14'), 1);
    assert.equal(tenureOf('2020-01-15', '2020-03-15'), 2);
    assert.equal(
      tenureOf('2020-01-31', '2020-02-29'),
      1,
      'to the last day of a shorter month is a whole month',
    );
    assert.equal(tenureOf('2010-03-01', '2012-01-31'), 22);
    assert.equal(tenureOf('2024-05-02', '2024-05-02'), 0);
    assert.equal(
      tenureOf('2024-06-01', null),
      0,
      'a start after the report date counts no months, not fewer',
    );
    assert.equal(tenureOf('2020-01-15', null, null as unknown as string), null, 'open, no report date');
  });

  test('currentTenureMonths: the longest current employment, voluntary contributions aside', () => {
    const summary = summarizeEmployment(CURP, [
      profile({
        report_date: '2024-05-02',
        employment_records: [
          job({ employer: 'Second job', start_date: '2023-11-20' }),
          job({ employer: 'Long-standing', start_date: '2016-08-01' }),
          job({ employer: 'MODALIDAD 40', start_date: '2001-01-01' }),
          job({ employer: 'Ended', start_date: '1999-01-01', end_date: '2015-01-01' }),
        ],
      }),
    ]);
    assert.deepEqual(
      summary.currentJobs.map((j) => [j.employer, j.tenureMonths]),
      [
        ['Second job', 5],
        ['Long-standing', 93],
      ],
    );
    assert.equal(summary.currentTenureMonths, 93);
  });
});

describe('summarizeEmployment: weeks, NSS and employment score', () => {
  const withNss = (nss: string, report_date: string, overrides: Partial<BelvoEmploymentRecordInput> = {}) =>
    profile({
      report_date,
      personal_data: { document_ids: [{ document_type: 'NSS', document_number: nss }] },
      ...overrides,
    });

  test('weeksRedeemed and weeksReinstated are summed over profiles; null when none reports them', () => {
    const summary = summarizeEmployment(CURP, [
      withNss('11111111111', '2020-01-01', {
        social_security_summary: { weeks_contributed: 310, weeks_redeemed: 52, weeks_reinstated: 10 },
      }),
      withNss('22222222222', '2024-05-02', {
        social_security_summary: { weeks_contributed: 95, weeks_redeemed: null, weeks_reinstated: 4 },
      }),
    ]);
    assert.equal(summary.weeksContributed, 405);
    assert.equal(summary.weeksRedeemed, 52);
    assert.equal(summary.weeksReinstated, 14);
    const none = summarizeEmployment(CURP, [profile({ social_security_summary: null })]);
    assert.deepEqual([none.weeksRedeemed, none.weeksReinstated], [null, null]);
    const negative = summarizeEmployment(CURP, [
      profile({ social_security_summary: { weeks_redeemed: -3, weeks_contributed: 100 } }),
    ]);
    assert.equal(negative.weeksRedeemed, null, 'a negative count is no count');
  });

  test('nssList: one NSS per profile, the most recent first, without repeats; nss is the most recent one', () => {
    const summary = summarizeEmployment(CURP, [
      withNss('11111111111', '2018-03-01'),
      withNss('33333333333', '2024-05-02'),
      withNss('22222222222', '2021-09-09'),
      withNss('33333333333', '2019-01-01'),
      profile({ report_date: '2017-01-01', personal_data: null }),
    ]);
    assert.equal(summary.nss, '33333333333');
    assert.deepEqual(summary.nssList, ['33333333333', '22222222222', '11111111111']);
  });

  test('employmentScore: the most recent profile that has one, over its longest period', () => {
    type Score = NonNullable<BelvoEmploymentRecordInput['employment_scores']>[number];
    const scores = (...entries: Score[]) => ({ employment_scores: entries });
    const summary = summarizeEmployment(CURP, [
      withNss('11111111111', '2022-01-01', scores({ score: 801, period: 12, version: '1.0' })),
      withNss(
        '22222222222',
        '2024-05-02',
        scores(
          { score: 712, period: 6, version: '2.1' },
          { score: 698, period: 12, version: '2.1' },
          { score: null, period: 3, version: '2.1' },
        ),
      ),
      withNss('33333333333', '2025-01-01', { employment_scores: null }),
    ]);
    assert.deepEqual(summary.employmentScore, { score: 698, periodMonths: 12, version: '2.1' });

    const olderOnly = summarizeEmployment(CURP, [
      withNss('11111111111', '2022-01-01', scores({ score: 655, period: 3, version: 2 })),
      withNss('22222222222', '2024-05-02', scores({ score: 1200, period: 6, version: '2' })),
    ]);
    assert.deepEqual(
      olderOnly.employmentScore,
      { score: 655, periodMonths: 3, version: '2' },
      'a score outside 300–900 is not read; a numeric version reads as text',
    );
    assert.equal(summarizeEmployment(CURP, [profile()]).employmentScore, null);
  });
});

describe('summarizeEmployment: salary cap and warnings', () => {
  const capped = (dailySalary: number, report_date: string, employer = 'Banco Regional SA') =>
    summarizeEmployment(CURP, [
      profile({
        report_date,
        employment_records: [
          job({ employer, start_date: '2018-01-01', most_recent_base_salary: dailySalary }),
        ],
      }),
    ]);

  test('salaryAtCap: at 25 UMA of the report date, the estimate becomes a floor', () => {
    // 2026: 25 × 117.31 = 2932.75 a day.
    const atCap = capped(2932.75, '2026-11-20');
    assert.equal(atCap.salaryAtCap, true);
    assert.deepEqual(atCap.warnings, ['salary_at_cap']);
    assert.equal(atCap.monthlyIncomeEstimate, 89155.6);
    assert.equal(capped(2932.74, '2026-11-20').salaryAtCap, false);
    assert.equal(capped(3000, '2026-11-20').salaryAtCap, true, 'reported above the cap');
    // 2024: 25 × 108.57 = 2714.25.
    assert.equal(capped(2714.25, '2024-05-02').salaryAtCap, true);
    // The UMA of a year is in force from February 1st: a January report is measured against the year before's.
    assert.equal(capped(2828.5, '2026-01-20').salaryAtCap, true, '25 × 113.14 (2025)');
    assert.equal(capped(2828.5, '2026-02-01').salaryAtCap, false);
    // 2016, the UMA's first year: 25 × 73.04 = 1826. Before it the cap was counted in minimum wages: not judged.
    assert.equal(capped(1826, '2016-06-01').salaryAtCap, true);
    assert.equal(capped(5000, '2015-06-01').salaryAtCap, false);
    // After the table: its last UMA, so a salary at a newer, higher cap is still flagged.
    assert.equal(capped(3100, '2027-06-01').salaryAtCap, true);
    // A voluntary contribution at the cap is no salary.
    assert.equal(capped(2932.75, '2026-11-20', 'MODALIDAD 40').salaryAtCap, false);
  });

  test('unemployed_with_open_job: IMSS says unemployed, but an employment has no end date', () => {
    const summary = summarizeEmployment(CURP, [
      profile({ personal_data: { entitlements: { status: 'UNEMPLOYED' } } }),
    ]);
    assert.deepEqual(summary.warnings, ['unemployed_with_open_job']);
    assert.equal(summary.currentJobs.length, 1, 'the job is still shown: the lender decides');
  });

  test('current_salary_missing: a current employment without a salary is not counted', () => {
    const summary = summarizeEmployment(CURP, [
      profile({
        employment_records: [
          job({ start_date: '2021-01-01', most_recent_base_salary: 450 }),
          job({ start_date: '2022-01-01', most_recent_base_salary: null }),
        ],
      }),
    ]);
    assert.equal(summary.dailySalary, 450);
    assert.deepEqual(summary.warnings, ['current_salary_missing']);
  });
});

describe('unreadable jobs', () => {
  const readable = job({
    employer: 'Readable SA',
    start_date: '2020-01-15',
    most_recent_base_salary: 762.54,
  });
  const unreadable = [
    { ...readable, employer: undefined },
    { ...readable, employer: null },
    { ...readable, start_date: undefined },
    { ...readable, start_date: '15/01/2020' },
    { ...readable, start_date: '2020-02-30' },
    // An unreadable end date must not be taken for "no end date": that would make an ended job current.
    { ...readable, end_date: '2021-13-01' },
    { ...readable, end_date: '2019-12-31' },
    null,
    'not a job',
  ];

  test('are left out and counted, the rest of the page is read; a profile without an id is read too', () => {
    const page = BelvoEmploymentRecordPageSchema.parse({
      count: 1,
      next: null,
      previous: null,
      results: [
        {
          report_date: '2024-05-02',
          personal_data: { entitlements: { status: 'EMPLOYED' } },
          employment_records: [readable, ...unreadable],
        },
      ],
    });
    const profiles = page.results;
    assert.equal(profiles[0]!.id, null);
    assert.equal(countSkippedRecords(profiles), unreadable.length);
    const summary = summarizeEmployment(CURP, profiles);
    assert.deepEqual(
      summary.jobs.map((j) => j.employer),
      ['Readable SA'],
    );
    assert.equal(summary.monthlyIncomeEstimate, 23181.22);
    assert.deepEqual(summary.warnings, ['skipped_records']);
  });

  test('counted over every profile; none skipped, no warning', () => {
    const one = profile({ employment_records: [readable, { ...readable, start_date: null } as never] });
    const two = profile({ employment_records: [null as never, null as never] });
    assert.equal(countSkippedRecords([one, two]), 3);
    assert.equal(countSkippedRecords([profile()]), 0);
    assert.deepEqual(summarizeEmployment(CURP, [profile()]).warnings, []);
  });

  test('a negative salary is not one: it reads as missing', () => {
    const summary = summarizeEmployment(CURP, [
      profile({ employment_records: [job({ start_date: '2020-01-01', most_recent_base_salary: -500 })] }),
    ]);
    assert.equal(summary.dailySalary, null);
    assert.deepEqual(summary.warnings, ['current_salary_missing']);
  });
});
