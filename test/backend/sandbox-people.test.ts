// The sandbox's scripted people whose IMSS histories hold what the happy paths hide, and its scripted variations
// of Belvo's answers (429 with Retry-After, a LINK error webhook), read as raw JSON, as Belvo sends it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { delay, eventually } from './proxy-harness.js';
import { firstError, receiver, startSandbox, type StartedSandbox } from './sandbox-harness.js';
import { PEOPLE } from './sandbox-people.js';

/** INEGI's daily UMA, written out here apart from the sandbox's table; each in force from February 1 since 2017. */
// prettier-ignore
const UMA: Record<number, number> = {
  2016: 73.04, 2017: 75.49, 2018: 80.6, 2019: 84.49, 2020: 86.88, 2021: 89.62, 2022: 96.22, 2023: 103.74,
  2024: 108.57, 2025: 113.14, 2026: 117.31,
};

/** 25 UMA in force on a date; undefined before 2016, when the cap was 25 minimum wages. */
function capOn(isoDate: string): number | undefined {
  const year = Number(isoDate.slice(0, 4));
  const umaYear = year >= 2017 && isoDate.slice(5, 7) === '01' ? year - 1 : year;
  const uma = year < 2016 ? undefined : (UMA[umaYear] ?? UMA[2026]!);
  return uma === undefined ? undefined : Math.round(uma * 25 * 100) / 100;
}

/** Asserts that each salary is the cap of its date (where the UMA table says it) and never falls. */
function assertAtCap(updates: readonly RawUpdate[]): void {
  updates.forEach((update, index) => {
    const cap = capOn(update.update_date);
    if (cap !== undefined) assert.equal(update.base_salary, cap, update.update_date);
    if (index > 0) assert.ok(update.base_salary > updates[index - 1]!.base_salary, update.update_date);
  });
}

interface RawUpdate {
  event: string;
  base_salary: number;
  update_date: string;
}
type RawJob = Record<string, unknown> & {
  start_date?: string;
  end_date: string | null;
  employment_status_updates: RawUpdate[];
};
type RawProfile = Record<string, unknown> & {
  report_date: string;
  personal_data: { entitlements: { status: string; entitled_to_health_insurance: boolean } };
  social_security_summary: { weeks_redeemed: number; weeks_reinstated: number; weeks_contributed: number };
  employment_records: RawJob[];
  employment_scores: null | Array<{ score: number; period: number; version: string }>;
};

/** The person's profiles once Belvo has announced them, as JSON. */
async function profilesOf(sandbox: StartedSandbox, curp: string): Promise<RawProfile[]> {
  const linkId = await sandbox.linkIdFor(curp);
  await receiver.waitFor(linkId, 2);
  const answer = await sandbox.call('GET', `/api/employment-records/?link=${linkId}&page_size=1000`);
  assert.equal(answer.status, 200);
  return (answer.body as { results: RawProfile[] }).results;
}

const open = (jobs: readonly RawJob[]) => jobs.filter((job) => job.end_date === null);
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

describe('belvo sandbox: people with the histories real IMSS records hold', () => {
  test(`${PEOPLE.voluntary}: Modalidad 40 after employment ended, at 25 UMA, every event VOLUNTARY_CONTRIBUTION`, async () => {
    const [profile, ...others] = await profilesOf(await startSandbox(), PEOPLE.voluntary);
    assert.equal(others.length, 0);
    const jobs = profile!.employment_records;
    const [voluntary, ...more] = open(jobs);
    assert.ok(voluntary && more.length === 0, 'one open record');
    assert.equal(jobs[0], voluntary, 'the newest record');
    assert.equal(voluntary['employer'], 'CONTINUACION VOLUNTARIA AL REGIMEN OBLIGATORIO');
    assert.match(String(voluntary['employer_id']), /^[A-Z]\d{7}40\d$/, 'registro patronal of modality 40');
    const updates = voluntary.employment_status_updates;
    assert.ok(updates.length >= 2, `${updates.length} contributions`);
    for (const update of updates) assert.equal(update.event, 'VOLUNTARY_CONTRIBUTION');
    assertAtCap(updates);
    assert.equal(voluntary['most_recent_base_salary'], capOn(profile!.report_date));
    assert.equal(voluntary['most_recent_base_salary'], updates.at(-1)!.base_salary);
    // It began after the last job ended, within the five years IMSS allows.
    const ended = jobs.slice(1).map((job) => job.end_date!);
    assert.ok(ended.length >= 1);
    const lastEnd = ended.sort().at(-1)!;
    assert.ok(voluntary.start_date! > lastEnd);
    assert.ok(days(lastEnd, voluntary.start_date!) < 5 * 365);
    assert.ok(days(lastEnd, profile!.report_date) >= 800, 'no employment for two years and more');
    // Voluntary contributions are not employment, and Modalidad 40 includes no health cover.
    assert.equal(profile!.personal_data.entitlements.status, 'UNEMPLOYED');
    assert.equal(profile!.personal_data.entitlements.entitled_to_health_insurance, false);
  });

  test(`${PEOPLE.leaves}: ABSENCE and SICK_LEAVE events in the current job, in date order, at the salary in force`, async () => {
    const [profile] = await profilesOf(await startSandbox(), PEOPLE.leaves);
    const [current] = open(profile!.employment_records);
    const updates = current!.employment_status_updates;
    const count = (event: string) => updates.filter((update) => update.event === event).length;
    assert.deepEqual([count('ABSENCE'), count('SICK_LEAVE')], [2, 2]);
    assert.equal(updates[0]!.event, 'HIRED');
    const dates = updates.map((update) => update.update_date);
    assert.deepEqual(dates, [...dates].sort());
    let inForce = updates[0]!.base_salary;
    for (const update of updates) {
      if (update.event === 'HIRED' || update.event === 'SALARY_MODIFICATION') inForce = update.base_salary;
      else assert.equal(update.base_salary, inForce, `${update.event} on ${update.update_date}`);
      assert.ok(update.update_date >= current!.start_date! && update.update_date <= profile!.report_date);
    }
    assert.equal(profile!.personal_data.entitlements.status, 'EMPLOYED');
  });

  test(`${PEOPLE.redeemedWeeks}: weeks redeemed after an AFORE withdrawal and partly reinstated`, async () => {
    const [profile] = await profilesOf(await startSandbox(), PEOPLE.redeemedWeeks);
    const summary = profile!.social_security_summary;
    assert.deepEqual([summary.weeks_redeemed, summary.weeks_reinstated], [150, 60]);
    const worked = profile!.employment_records.reduce(
      (total, job) => total + Number(job['weeks_employed']),
      0,
    );
    assert.equal(summary.weeks_contributed, worked);
  });

  test(`${PEOPLE.salaryAtCap}: the current salary is 25 UMA of the report's year, raised each February`, async () => {
    const [profile] = await profilesOf(await startSandbox(), PEOPLE.salaryAtCap);
    const [current] = open(profile!.employment_records);
    const cap = capOn(profile!.report_date)!;
    if (profile!.report_date.startsWith('2026-') && profile!.report_date.slice(5, 7) !== '01')
      assert.equal(cap, 2932.75);
    assert.equal(current!['most_recent_base_salary'], cap);
    assert.equal(current!['monthly_salary'], Math.round(cap * 30.4 * 100) / 100);
    const updates = current!.employment_status_updates;
    const [hired, ...raises] = updates;
    assert.equal(hired!.event, 'HIRED');
    for (const raise of raises) {
      assert.equal(raise.event, 'SALARY_MODIFICATION');
      // With the UMA on February 1 (since 2017), with the minimum wage on January 1 before.
      assert.equal(
        raise.update_date.slice(5),
        raise.update_date < '2017' ? '01-01' : '02-01',
        raise.update_date,
      );
    }
    assertAtCap(updates);
  });

  test(`${PEOPLE.scores}: Belvo's employment scores for 3, 6 and 12 months; other people have none`, async () => {
    const sandbox = await startSandbox();
    const [profile] = await profilesOf(sandbox, PEOPLE.scores);
    const scores = profile!.employment_scores!;
    assert.deepEqual(
      scores.map((score) => score.period),
      [3, 6, 12],
    );
    for (const { score, version } of scores) {
      assert.ok(Number.isInteger(score) && score >= 300 && score <= 900, String(score));
      assert.equal(typeof version, 'string');
    }
    const [other] = await profilesOf(sandbox, PEOPLE.employed);
    assert.equal(other!.employment_scores, null);
  });

  test(`${PEOPLE.fieldsLeftOut}: a job without employer (null employer_id), the oldest without start_date`, async () => {
    const [profile] = await profilesOf(await startSandbox(), PEOPLE.fieldsLeftOut);
    const jobs = profile!.employment_records;
    assert.ok(jobs.length >= 2);
    const [newest] = jobs;
    const oldest = jobs.at(-1)!;
    assert.equal(Object.hasOwn(newest!, 'employer'), false);
    assert.equal(newest!['employer_id'], null);
    assert.equal(Object.hasOwn(oldest, 'start_date'), false);
    assert.equal(typeof oldest['employer'], 'string');
    for (const job of jobs.slice(1, -1)) {
      assert.equal(typeof job['employer'], 'string');
      assert.match(job.start_date ?? '', /^\d{4}-\d{2}-\d{2}$/);
    }
  });
});

describe("belvo sandbox: Belvo's less common answers", () => {
  test(`${PEOPLE.throttled}: 429 with Retry-After for the first two link requests, then a link; again once forgotten`, async () => {
    const sandbox = await startSandbox({ linkTtlMs: 300 });
    for (let attempt = 1; attempt <= 2; attempt++) {
      const answer = await sandbox.createLink(PEOPLE.throttled);
      assert.equal(answer.status, 429, `attempt ${attempt}`);
      // 2 s at demo speed, times 0.01, rounded up to whole seconds.
      assert.equal(answer.headers.get('retry-after'), '1');
      assert.deepEqual(
        { ...firstError(answer.body), request_id: undefined },
        {
          code: 'throttled',
          message: 'Request was throttled. Expected available in 1 seconds.',
          request_id: undefined,
        },
      );
    }
    assert.equal((await sandbox.createLink(PEOPLE.throttled)).status, 201);
    await eventually(async () => (await sandbox.createLink(PEOPLE.throttled)).status === 429);

    const demoSpeed = await startSandbox({ timeScale: 1 });
    const answer = await demoSpeed.createLink(PEOPLE.throttled);
    assert.equal(answer.headers.get('retry-after'), '2');
    demoSpeed.sandbox.dispose();
  });

  test(`${PEOPLE.linkError}: the link is accepted, then a LINK error webhook instead of the data; the link is invalid`, async () => {
    const sandbox = await startSandbox();
    const linkId = await sandbox.linkIdFor(PEOPLE.linkError);
    const [webhook] = await receiver.waitFor(linkId, 1);
    assert.deepEqual(
      {
        type: webhook!.body.webhook_type,
        code: webhook!.body.webhook_code,
        external_id: webhook!.body.external_id,
        data: webhook!.body.data,
      },
      {
        type: 'LINK',
        code: 'invalid_credentials',
        external_id: 'partner-ref-001',
        data: {
          error_code: 'login_error',
          error_message:
            'Impossible to login, something unexpected happened while logging into the institution. Try again later.',
          status: 400,
        },
      },
    );
    assert.equal((webhook!.raw as { process_type?: string }).process_type, 'historical_update');
    await delay(100); // 10 s at demo speed
    assert.equal(receiver.forLink(linkId).length, 1, 'no OWNERS or EMPLOYMENT_RECORDS webhook');
    assert.equal(
      ((await sandbox.call('GET', `/api/links/${linkId}/`)).body as { status: string }).status,
      'invalid',
    );
    const listed = await sandbox.call('GET', `/api/employment-records/?link=${linkId}`);
    assert.equal((listed.body as { count: number }).count, 0);
    const retrieval = await sandbox.call('POST', '/api/employment-records/', { link: linkId });
    assert.equal(retrieval.status, 400);
    assert.equal(firstError(retrieval.body).code, 'login_error');
  });

  test(`${PEOPLE.recordsWebhookLost}: the records are stored as usual, but only the OWNERS webhook comes`, async () => {
    const sandbox = await startSandbox();
    const linkId = await sandbox.linkIdFor(PEOPLE.recordsWebhookLost);
    const [owners] = await receiver.waitFor(linkId, 1);
    assert.equal(owners!.body.webhook_type, 'OWNERS');
    const count = async () =>
      ((await sandbox.call('GET', `/api/employment-records/?link=${linkId}`)).body as { count: number })
        .count;
    await eventually(async () => (await count()) === 1);
    await delay(100); // 10 s at demo speed
    assert.equal(receiver.forLink(linkId).length, 1, 'no EMPLOYMENT_RECORDS webhook');
  });
});

describe('belvo sandbox: what a link request and a retrieval may say', () => {
  test('credentials_storage and stale_in are echoed as sent, defaulted as Belvo does, and refused when unreadable', async () => {
    const sandbox = await startSandbox();
    const fieldsOf = (body: unknown) => {
      const { credentials_storage, stale_in } = body as Record<string, unknown>;
      return { credentials_storage, stale_in };
    };
    for (const sent of [
      { credentials_storage: 'nostore', stale_in: '7d' },
      { credentials_storage: '30d', stale_in: '365d' },
      { credentials_storage: 'store', stale_in: '1d' },
    ]) {
      const answer = await sandbox.createLink(PEOPLE.employed, sent);
      assert.equal(answer.status, 201);
      assert.deepEqual(fieldsOf(answer.body), sent);
    }
    assert.deepEqual(fieldsOf((await sandbox.createLink(PEOPLE.employed)).body), {
      credentials_storage: 'store',
      stale_in: '365d',
    });
    const refused = await sandbox.createLink(PEOPLE.employed, {
      credentials_storage: 'forever',
      stale_in: '400d',
    });
    assert.equal(refused.status, 400);
    assert.deepEqual(
      (refused.body as Array<Record<string, unknown>>).map(({ code, field }) => [code, field]),
      [
        ['invalid_choice', 'credentials_storage'],
        ['invalid_choice', 'stale_in'],
      ],
    );
  });

  test('a retrieval or an access-mode change that cannot be read gets an error for each field', async () => {
    const sandbox = await startSandbox();
    const errorsOf = async (method: string, path: string, body: unknown) => {
      const answer = await sandbox.call(method, path, body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      return (answer.body as Array<Record<string, unknown>>).map(({ code, field, message }) => ({
        code,
        field,
        message,
      }));
    };
    assert.deepEqual(
      await errorsOf('POST', '/api/employment-records/', { attach_pdf: 'yes', save_data: 1 }),
      [
        { code: 'required', field: 'link', message: 'This field is required.' },
        { code: 'invalid', field: 'attach_pdf', message: 'Must be a valid boolean.' },
        { code: 'invalid', field: 'save_data', message: 'Must be a valid boolean.' },
      ],
    );
    assert.deepEqual(await errorsOf('POST', '/api/owners/', { link: 'x' }), [
      { code: 'invalid', field: 'link', message: 'Must be a valid UUID.' },
    ]);
    const linkId = await sandbox.linkIdFor(PEOPLE.employed);
    assert.deepEqual(await errorsOf('PATCH', `/api/links/${linkId}/`, {}), [
      { code: 'required', field: 'access_mode', message: 'This field is required.' },
    ]);
    assert.deepEqual(await errorsOf('PATCH', `/api/links/${linkId}/`, { access_mode: 'sometimes' }), [
      { code: 'invalid_choice', field: 'access_mode', message: 'Not a valid choice.' },
    ]);
    assert.equal((await sandbox.call('PATCH', `/api/links/${linkId}/`, '{not json')).status, 400);
  });

  test('page_size is honoured from 1 to 1000; GET /api/links/ filters by its fields', async () => {
    const sandbox = await startSandbox();
    const linkIds = await Promise.all(
      ['SAMC920320MVZNRR04', PEOPLE.employed].map((curp) => sandbox.linkIdFor(curp)),
    );
    await Promise.all(linkIds.map((linkId) => receiver.waitFor(linkId, 2)));
    const pageOf = async (query: string) =>
      (await sandbox.call('GET', `/api/employment-records/${query}`)).body as {
        count: number;
        next: string | null;
        results: unknown[];
      };
    const one = await pageOf('?page_size=1');
    assert.deepEqual([one.count, one.results.length], [3, 1]);
    assert.equal(new URL(one.next!).searchParams.get('page_size'), '1');
    assert.equal((await pageOf('?page_size=0')).results.length, 1, 'at least 1');
    assert.equal((await pageOf('?page_size=5000')).results.length, 3, 'at most 1000');

    const external = await sandbox.createLink(PEOPLE.employed, { external_id: 'another-ref' });
    const { id, institution_user_id: userId } = external.body as { id: string; institution_user_id: string };
    const linksWhere = async (query: string) =>
      (
        (await sandbox.call('GET', `/api/links/?${query}`)).body as { results: Array<{ id: string }> }
      ).results.map((link) => link.id);
    assert.deepEqual(await linksWhere('external_id=another-ref'), [id]);
    assert.deepEqual(await linksWhere(`id=${id}&access_mode=single`), [id]);
    assert.equal((await linksWhere(`institution_user_id=${encodeURIComponent(userId)}`)).length, 2);
    assert.deepEqual(await linksWhere('status=invalid'), []);
  });
  test("institutions: the names the sandbox answers to, e.g. the one Belvo's own sandbox gives its IMSS", async () => {
    const sandbox = await startSandbox({ institutions: ['imss_mx_employment', 'planet_mx_employment'] });
    const planet = await sandbox.createLink(PEOPLE.employed, { institution: 'planet_mx_employment' });
    assert.equal(planet.status, 201);
    assert.equal((planet.body as { institution: string }).institution, 'planet_mx_employment');
    assert.equal((await sandbox.createLink(PEOPLE.employed)).status, 201);
    const other = await sandbox.createLink(PEOPLE.employed, { institution: 'issste_mx_employment' });
    assert.equal(other.status, 400);
    assert.deepEqual([firstError(other.body).code, firstError(other.body).field], ['invalid', 'institution']);
  });

  test("deleting a link cancels an asynchronous retrieval's pending webhook", async () => {
    const sandbox = await startSandbox({ timeScale: 0.05 });
    const linkId = await sandbox.linkIdFor(PEOPLE.employed);
    await receiver.waitFor(linkId, 2);
    const asked = await sandbox.call('POST', '/api/employment-records/', { link: linkId }, undefined, {
      'x-belvo-request-mode': 'async',
    });
    assert.equal(asked.status, 202);
    assert.equal((await sandbox.call('DELETE', `/api/links/${linkId}/`)).status, 204);
    await delay(400); // past the 200 ms the webhook would take
    assert.equal(receiver.forLink(linkId).length, 2);
  });
  test('a synchronous retrieval is answered when IMSS would have answered: later for the slow person', async () => {
    const sandbox = await startSandbox();
    const [slow, normal] = await Promise.all(
      ['NUSE000101HSPXXXA2', PEOPLE.employed].map((curp) => sandbox.linkIdFor(curp)),
    );
    const timed = async (linkId: string) => {
      const started = Date.now();
      const answer = await sandbox.call('POST', '/api/employment-records/', { link: linkId });
      assert.equal(answer.status, 201);
      return Date.now() - started;
    };
    const [slowMs, normalMs] = await Promise.all([timed(slow), timed(normal)]);
    // 20 s and 4 s at demo speed, times 0.01.
    assert.ok(slowMs >= 195, `slow after ${slowMs} ms`);
    assert.ok(normalMs >= 35 && normalMs < slowMs, `normal after ${normalMs} ms`);
  });
});
