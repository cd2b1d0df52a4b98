import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BelvoEmploymentRecordPageSchema,
  BelvoLinkSchema,
  BelvoOwnerPageSchema,
  IMSS_INSTITUTION,
} from '../../src/contract/index.js';
import { checkCurp } from '../../src/curp/index.js';
import { sandboxScenarios, sandboxVariationScenarios } from '../../src/sandbox/index.js';
import { summarizeEmployment } from '../../src/summary/index.js';
import { delay, eventually } from './proxy-harness.js';
import {
  assertBelvoErrors,
  firstError,
  HEX_32,
  pick,
  receiver,
  recordsCount,
  SECRET_ID,
  startSandbox,
  UUID,
  WEBHOOK_AUTHORIZATION,
} from './sandbox-harness.js';

/** The sandbox over real HTTP on loopback, as the proxy sees it (see sandbox-harness.ts). */

const CURPS = {
  employed: 'GALM900514MDFRPR04',
  longHistory: 'HEGJ850101HJCRNN06',
  unemployed: 'PEMA780715HPLRRN03',
  twoProfiles: 'SAMC920320MVZNRR04',
  noHistory: 'SOTM700707MJCTRR08',
  flaky: 'ROSA010203MNLDNLA2',
  slow: 'NUSE000101HSPXXXA2',
  noWebhook: 'VAPE800101HDFLRD03',
  /** Not scripted (an invented, valid CURP): data derived from the CURP. */
  derived: 'RAMJ950812HJCMRN00',
} as const;

// ── Tests ────────────────────────────────────────────────────────────────────────────────────────────────────

describe('belvo sandbox: authentication and validation', () => {
  test('every endpoint requires the secret keys (401 Belvo error array)', async () => {
    const { call } = await startSandbox();
    const wrong = `Basic ${btoa(`${SECRET_ID}:nope`)}`;
    for (const [method, path, authorization] of [
      ['POST', '/api/links/', null],
      ['POST', '/api/links/', wrong],
      ['GET', '/api/employment-records/?link=x', null],
      ['GET', '/api/owners/?link=x', 'Bearer whatever'],
      ['DELETE', '/api/links/x/', wrong],
    ] as const) {
      const answer = await call(method, path, method === 'POST' ? {} : undefined, authorization);
      assert.equal(answer.status, 401, `${method} ${path}`);
      assert.deepEqual(
        { ...firstError(answer.body), request_id: undefined },
        { code: 'authentication_failed', message: 'Invalid Secret Keys', request_id: undefined },
      );
    }
  });

  test('missing fields are reported each with its field; unknown institution and bad JSON are refused', async () => {
    const { call } = await startSandbox();
    const missing = await call('POST', '/api/links/', { access_mode: 'single' });
    assert.equal(missing.status, 400);
    assertBelvoErrors(missing.body);
    assert.deepEqual(
      missing.body.map(({ code, field, message }) => ({ code, field, message })),
      [
        { code: 'required', field: 'institution', message: 'This field is required.' },
        { code: 'required', field: 'username', message: 'This field is required.' },
      ],
    );

    const unknownInstitution = await call('POST', '/api/links/', {
      institution: 'erebor_mx_retail',
      username: CURPS.employed,
    });
    assert.equal(unknownInstitution.status, 400);
    assert.equal(firstError(unknownInstitution.body).field, 'institution');
    assert.equal(firstError(unknownInstitution.body).code, 'invalid');

    const notJson = await call('POST', '/api/links/', '{not json');
    assert.equal(notJson.status, 400);
    assertBelvoErrors(notJson.body);
  });

  test("a request of the wrong shape gets Belvo's error for each field, in the order of the fields", async () => {
    const { call, createLink } = await startSandbox();
    const errorsOf = async (body: unknown) => {
      const answer = await call('POST', '/api/links/', body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assertBelvoErrors(answer.body);
      return answer.body.map(({ code, field, message }) => ({ code, field, message }));
    };
    assert.deepEqual(
      await errorsOf({
        institution: '  ',
        username: 42,
        access_mode: 'sometimes',
        fetch_resources: ['OWNERS', 'BALANCES'],
        external_id: 'ab',
      }),
      [
        { code: 'blank', field: 'institution', message: 'This field may not be blank.' },
        { code: 'invalid', field: 'username', message: 'Not a valid string.' },
        { code: 'invalid_choice', field: 'access_mode', message: 'Not a valid choice.' },
        { code: 'invalid_choice', field: 'fetch_resources', message: 'Not a valid choice.' },
        { code: 'min_length', field: 'external_id', message: 'Ensure this field has at least 3 characters.' },
      ],
    );
    // Null is a field left out; a body that is not an object leaves every field out.
    for (const body of [{ institution: null, username: null }, [], '"text"', 'null']) {
      assert.deepEqual(
        (await errorsOf(body)).map(({ code, field }) => [code, field]),
        [
          ['required', 'institution'],
          ['required', 'username'],
        ],
        JSON.stringify(body),
      );
    }
    assert.deepEqual(
      await errorsOf({ institution: IMSS_INSTITUTION, username: '', fetch_resources: 'OWNERS' }),
      [
        { code: 'blank', field: 'username', message: 'This field may not be blank.' },
        { code: 'invalid_choice', field: 'fetch_resources', message: 'Not a valid choice.' },
      ],
    );
    assert.deepEqual(
      await errorsOf({ institution: IMSS_INSTITUTION, username: CURPS.employed, external_id: 5 }),
      [{ code: 'invalid', field: 'external_id', message: 'Not a valid string.' }],
    );

    // Belvo's defaults: a recurrent link fetching owners and employment records; a null external_id is none.
    const defaults = await call('POST', '/api/links/', {
      institution: IMSS_INSTITUTION,
      username: CURPS.derived,
      access_mode: null,
      external_id: null,
    });
    assert.equal(defaults.status, 201);
    assert.deepEqual(pick(defaults.body, ['access_mode', 'fetch_resources', 'external_id', 'refresh_rate']), {
      access_mode: 'recurrent',
      fetch_resources: ['OWNERS', 'EMPLOYMENT_RECORDS'],
      external_id: null,
      refresh_rate: '7d',
    });
    // An external_id that looks like personal data is dropped, as Belvo does.
    const personal = await createLink(CURPS.derived, { external_id: `cliente-${CURPS.employed}` });
    assert.equal(personal.status, 201);
    assert.equal(BelvoLinkSchema.parse(personal.body).external_id, null);
  });

  test('a username IMSS cannot read as a CURP gets IMSS login errors', async () => {
    const { createLink } = await startSandbox();
    const wrongLength = await createLink('GALM900514MDF');
    assert.equal(wrongLength.status, 400);
    assert.deepEqual(
      { ...firstError(wrongLength.body), request_id: undefined },
      {
        code: 'login_error',
        message: 'Por favor, ingresa un CURP válido. Debe contener 18 caracteres',
        request_id: undefined,
      },
    );
    const badCheckDigit = await createLink('GALM900514MDFRPR05');
    assert.equal(badCheckDigit.status, 400);
    assert.deepEqual(
      { ...firstError(badCheckDigit.body), request_id: undefined },
      { code: 'login_error', message: 'CURP es incorrecto', request_id: undefined },
    );
  });

  test('listings without ?link= list the whole account; a link that is not a UUID is refused, an unknown one lists nothing', async () => {
    const { call, linkIdFor } = await startSandbox();
    const empty = await call('GET', '/api/employment-records/');
    assert.deepEqual(empty.body, { count: 0, next: null, previous: null, results: [] });
    const [first, second] = [await linkIdFor(CURPS.employed), await linkIdFor(CURPS.twoProfiles)];
    await Promise.all([receiver.waitFor(first, 2), receiver.waitFor(second, 2)]);
    for (const path of ['/api/employment-records/', '/api/employment-records/?link=']) {
      const page = BelvoEmploymentRecordPageSchema.parse((await call('GET', path)).body);
      assert.equal(page.count, 3, path);
      assert.deepEqual(new Set(page.results.map((profile) => profile.link)), new Set([first, second]));
    }
    assert.equal(BelvoOwnerPageSchema.parse((await call('GET', '/api/owners/')).body).count, 2);

    for (const path of ['/api/employment-records/?link=x', '/api/owners/?link=not-a-link-id']) {
      const answer = await call('GET', path);
      assert.equal(answer.status, 400, path);
      assert.deepEqual(
        { ...firstError(answer.body), request_id: undefined },
        { code: 'invalid', field: 'link', message: 'Must be a valid UUID.', request_id: undefined },
      );
    }
    const unknown = await call('GET', `/api/employment-records/?link=${crypto.randomUUID()}`);
    assert.equal(unknown.status, 200);
    assert.deepEqual(unknown.body, { count: 0, next: null, previous: null, results: [] });
  });
});

describe('belvo sandbox: scripted IMSS refusals', () => {
  const refusals = [
    {
      curp: 'TOVL880909HMCRLS09',
      status: 400,
      code: 'invalid_credentials',
      message: 'El NSS no fue localizado en el IMSS',
    },
    {
      curp: 'CAOR750412MDFSRS08',
      status: 400,
      code: 'invalid_credentials',
      message: 'El NSS capturado no coincide con la CURP',
    },
    {
      curp: 'LUHJ960229HGTNRN07',
      status: 400,
      code: 'login_error',
      message: 'El CURP proporcionado no fue localizado en la entidad externa RENAPO',
    },
    { curp: 'MEDA990101MYNNZN08', status: 400, code: 'login_error', message: 'CURP es incorrecto' },
    {
      curp: 'BECR830630HCHRRB08',
      status: 400,
      code: 'missing_credentials',
      message:
        'Los datos registrados en el IMSS asociados a la CURP, presentan alguna inconsistencia, por favor acude a tu Subdelegación para obtener tu Número de Seguridad Social.',
    },
    {
      curp: 'FIPA911111MOCLRN08',
      status: 400,
      code: 'missing_credentials',
      message: 'La persona no cuenta con NSS',
    },
    {
      curp: 'JIMA870822HQTMRN05',
      status: 403,
      code: 'forbidden_by_host',
      message: 'Has agotado el número de solicitudes permitidas por día.',
    },
    {
      curp: 'OEGL930303MNERMR03',
      status: 400,
      code: 'institution_unavailable',
      message: 'The financial institution is unavailable',
    },
  ];

  for (const refusal of refusals) {
    test(`${refusal.code} ${refusal.status}: ${refusal.message.slice(0, 40)}`, async () => {
      const { createLink } = await startSandbox();
      const answer = await createLink(refusal.curp);
      assert.equal(answer.status, refusal.status);
      assertBelvoErrors(answer.body);
      assert.equal(answer.body.length, 1);
      assert.deepEqual(
        { ...firstError(answer.body), request_id: undefined },
        { code: refusal.code, message: refusal.message, request_id: undefined },
      );
      // No link, so no webhook for it; a second attempt gets the same answer.
      const again = await createLink(refusal.curp);
      assert.equal(again.status, refusal.status);
    });
  }

  test('sandboxScenarios lists every scripted CURP with its expected outcome', () => {
    const listed = new Map(sandboxScenarios.map((scenario) => [scenario.curp, scenario.expect]));
    assert.equal(listed.get(CURPS.employed), 'success');
    assert.equal(listed.get(CURPS.noWebhook), 'timeout');
    assert.equal(listed.get('JIMA870822HQTMRN05'), 'daily_limit');
    for (const refusal of refusals) assert.notEqual(listed.get(refusal.curp), 'success', refusal.curp);
    assert.equal(sandboxScenarios.length, 21);
    for (const scenario of sandboxScenarios) {
      assert.ok(scenario.outcome.length > 0, scenario.curp);
      assert.ok(scenario.outcomeEs.length > 0, scenario.curp);
    }
    const flaky = sandboxScenarios.find((scenario) => scenario.curp === CURPS.flaky);
    assert.match(flaky?.outcome ?? '', /first link request after start/);
    assert.deepEqual(
      sandboxVariationScenarios.map(({ curp, expect }) => [curp, expect]),
      [
        ['NAVP910101HSLVRB05', 'success'],
        ['DIHR870420MCHZRS00', 'service_error'],
        ['REFJ820505HPLYLR08', 'success'],
        ['TORB860303HDFHRT08', 'success'],
      ],
    );
  });

  test('every scripted CURP is a valid CURP (check digit included), listed once', () => {
    const curps = [...sandboxScenarios, ...sandboxVariationScenarios].map((scenario) => scenario.curp);
    assert.equal(new Set(curps).size, curps.length);
    for (const curp of curps) assert.equal(checkCurp(curp).valid, true, curp);
  });
});

describe('belvo sandbox: successful links', () => {
  test('employed: link, OWNERS then EMPLOYMENT_RECORDS webhooks, records and owners that match the schemas', async () => {
    const { createLink, call, allRecords } = await startSandbox();
    const created = await createLink(CURPS.employed);
    assert.equal(created.status, 201);
    const link = BelvoLinkSchema.parse(created.body);
    assert.match(link.id, UUID);
    assert.equal(link.institution, IMSS_INSTITUTION);
    assert.equal(link.access_mode, 'single');
    assert.equal(link.status, 'valid');
    assert.equal(link.external_id, 'partner-ref-001');

    const webhooks = await receiver.waitFor(link.id, 2);
    assert.deepEqual(
      webhooks.map(({ body }) => [body.webhook_type, body.webhook_code]),
      [
        ['OWNERS', 'historical_update'],
        ['EMPLOYMENT_RECORDS', 'historical_update'],
      ],
    );
    for (const { authorization, body } of webhooks) {
      assert.equal(authorization, WEBHOOK_AUTHORIZATION);
      assert.equal(body.link_id, link.id);
      assert.match(body.webhook_id ?? '', HEX_32);
      assert.equal(body.external_id, 'partner-ref-001');
      assert.ok(body.request_id);
    }
    assert.deepEqual(webhooks[0]!.body.data, { total_owners: 1 });
    assert.deepEqual(webhooks[1]!.body.data, { total_employment_record_profiles: 1 });
    assert.equal(webhooks[0]!.body.request_id, webhooks[1]!.body.request_id);

    const records = await allRecords(link.id);
    assert.equal(records.length, 1);
    const [profile] = records;
    assert.equal(profile!.link, link.id);
    assert.equal(profile!.internal_identification, CURPS.employed);
    assert.equal(profile!.personal_data?.birth_date, '1990-05-14');
    assert.equal(profile!.personal_data?.entitlements?.status, 'EMPLOYED');
    const jobs = profile!.employment_records ?? [];
    assert.ok(jobs.length >= 1 && jobs.length <= 3, `${jobs.length} jobs`);
    assert.equal(jobs.filter((job) => job.end_date === null).length, 1);

    const owners = BelvoOwnerPageSchema.parse((await call('GET', `/api/owners/?link=${link.id}`)).body);
    assert.equal(owners.count, 1);
    assert.equal(owners.results[0]!.display_name, profile!.personal_data?.official_name);

    const summary = summarizeEmployment(CURPS.employed, records);
    assert.equal(summary.status, 'EMPLOYED');
    assert.equal(summary.currentJobs.length, 1);
    assert.ok(summary.dailySalary !== null && summary.monthlyIncomeEstimate !== null);
  });

  test('the invented data is plausible IMSS data consistent with the CURP', async () => {
    const { linkIdFor, allRecords } = await startSandbox();
    const today = new Date().toISOString().slice(0, 10);
    for (const curp of [
      CURPS.employed,
      CURPS.longHistory,
      CURPS.unemployed,
      CURPS.twoProfiles,
      CURPS.derived,
    ]) {
      const linkId = await linkIdFor(curp);
      await receiver.waitFor(linkId, 2);
      const profiles = await allRecords(linkId);
      assert.ok(profiles.length >= 1, curp);
      for (const profile of profiles) {
        const data = profile.personal_data!;
        const nss =
          data.document_ids.find((document) => document.document_type === 'NSS')?.document_number ?? '';
        assert.match(nss, /^\d{11}$/, curp);
        assert.equal(nss.slice(4, 6), curp.slice(4, 6), 'NSS carries the birth year');
        assert.equal(data.official_name, `${data.first_name} ${data.last_name}`);
        assert.equal(data.last_name!.normalize('NFD').charAt(0), curp.charAt(0), 'first surname initial');
        assert.ok(Math.abs(Date.parse(profile.report_date!) - Date.parse(today)) <= 86_400_000);
        const adult = `${String(Number(data.birth_date!.slice(0, 4)) + 18)}${data.birth_date!.slice(4)}`;
        for (const job of profile.employment_records ?? []) {
          assert.ok(job.start_date >= adult, `${curp}: job before 18`);
          assert.ok(job.start_date <= today && (job.end_date === null || job.end_date <= today), 'no future');
          assert.ok(job.end_date === null || job.end_date >= job.start_date);
          assert.match(job.employer, /(SA de CV|S de RL de CV|SAPI de CV|SC)$/);
          assert.match(job.employer_id ?? '', /^[A-Z]\d{10}$/);
          assert.match(job.state ?? '', /^[A-Z ]+$/);
          assert.equal(job.currency, 'MXN');
          const end = job.end_date ?? today;
          const days = (Date.parse(end) - Date.parse(job.start_date)) / 86_400_000 + 1;
          assert.ok(Math.abs(job.weeks_employed! - days / 7) <= 1, 'weeks match the dates');
          const salary = job.most_recent_base_salary!;
          assert.ok(salary > 0 && salary <= 2_600, `salary ${salary}`);
          if (job.end_date === null)
            assert.ok(salary >= 278.8, `current salary ${salary} at least a minimum wage`);
          assert.equal(job.employment_status_updates[0]?.event, 'HIRED');
          assert.equal(
            job.employment_status_updates.at(job.end_date === null ? -1 : -2)?.base_salary,
            salary,
          );
        }
        const weeks = (profile.employment_records ?? []).reduce((sum, job) => sum + job.weeks_employed!, 0);
        assert.equal(profile.social_security_summary?.weeks_contributed, weeks);
      }
    }
  });

  test('scenario shapes: long history, unemployed, no history', async () => {
    const { linkIdFor, allRecords } = await startSandbox();

    const long = await linkIdFor(CURPS.longHistory);
    await receiver.waitFor(long, 2);
    const [longProfile] = await allRecords(long);
    const longJobs = longProfile!.employment_records ?? [];
    assert.equal(longJobs.length, 12);
    assert.equal(longJobs.filter((job) => job.end_date === null).length, 1);
    const modifications = longJobs.flatMap((job) =>
      job.employment_status_updates.filter((update) => update.event === 'SALARY_MODIFICATION'),
    );
    assert.ok(modifications.length >= 6, `${modifications.length} salary modifications`);

    const unemployed = await linkIdFor(CURPS.unemployed);
    await receiver.waitFor(unemployed, 2);
    const [unemployedProfile] = await allRecords(unemployed);
    assert.equal(unemployedProfile!.personal_data?.entitlements?.status, 'UNEMPLOYED');
    assert.ok((unemployedProfile!.employment_records ?? []).length > 0);
    assert.ok((unemployedProfile!.employment_records ?? []).every((job) => job.end_date !== null));
    assert.equal(summarizeEmployment(CURPS.unemployed, [unemployedProfile!]).monthlyIncomeEstimate, null);

    const none = await linkIdFor(CURPS.noHistory);
    const webhooks = await receiver.waitFor(none, 2);
    assert.deepEqual(webhooks[1]!.body.data, { total_employment_record_profiles: 0 });
    assert.deepEqual(await allRecords(none), []);
  });

  test('two profiles with pageSize 1: two pages with absolute next/previous URLs and two NSS', async () => {
    const { url, linkIdFor, call } = await startSandbox({ pageSize: 1 });
    const linkId = await linkIdFor(CURPS.twoProfiles);
    const webhooks = await receiver.waitFor(linkId, 2);
    assert.deepEqual(webhooks[1]!.body.data, { total_employment_record_profiles: 2 });

    const first = BelvoEmploymentRecordPageSchema.parse(
      (await call('GET', `/api/employment-records?link=${linkId}`)).body,
    );
    assert.equal(first.count, 2);
    assert.equal(first.results.length, 1);
    assert.equal(first.previous, null);
    assert.ok(first.next);
    const next = new URL(first.next);
    assert.equal(next.origin, url);
    assert.equal(next.searchParams.get('link'), linkId);
    assert.equal(next.searchParams.get('page'), '2');

    const second = BelvoEmploymentRecordPageSchema.parse((await call('GET', first.next)).body);
    assert.equal(second.next, null);
    assert.ok(second.previous);
    assert.equal(new URL(second.previous).searchParams.get('link'), linkId);
    assert.equal(second.results.length, 1);

    const beyond = await call('GET', `/api/employment-records/?link=${linkId}&page=3`);
    assert.equal(beyond.status, 404);
    assertBelvoErrors(beyond.body);

    const nss = [...first.results, ...second.results].map(
      (profile) =>
        profile.personal_data?.document_ids.find((document) => document.document_type === 'NSS')
          ?.document_number,
    );
    assert.equal(new Set(nss).size, 2);
    const summary = summarizeEmployment(CURPS.twoProfiles, [...second.results, ...first.results]);
    assert.equal(summary.status, 'EMPLOYED', 'the newest profile is the employed one');
    assert.equal(summary.nss, nss[0]);
    assert.equal(summary.jobs.length, 4);
  });

  test('the same CURP gives the same data in two sandboxes (ids and timestamps aside)', async () => {
    type RawProfile = Record<string, unknown> & { employment_records: Array<Record<string, unknown>> };
    const raw = async (sandbox: Awaited<ReturnType<typeof startSandbox>>, linkId: string) => {
      const answer = await sandbox.call('GET', `/api/employment-records/?link=${linkId}&page_size=1000`);
      return (answer.body as { results: RawProfile[] }).results.map(
        ({ id: _id, link: _link, created_at: _created, collected_at: _collected, ...rest }) => ({
          ...rest,
          employment_records: rest.employment_records.map(({ collected_at: _c, ...job }) => job),
        }),
      );
    };
    const one = await startSandbox();
    const two = await startSandbox();
    for (const curp of [CURPS.twoProfiles, CURPS.derived]) {
      const [a, b] = await Promise.all([one.linkIdFor(curp), two.linkIdFor(curp)]);
      await Promise.all([receiver.waitFor(a, 2), receiver.waitFor(b, 2)]);
      const [recordsA, recordsB] = await Promise.all([raw(one, a), raw(two, b)]);
      assert.ok(recordsA.length > 0);
      assert.deepEqual(recordsA, recordsB);
    }
  });

  test('data becomes visible with its webhook, not before', async () => {
    const { linkIdFor, call, sandbox } = await startSandbox({ timeScale: 1 });
    const linkId = await linkIdFor(CURPS.employed);
    const early = BelvoEmploymentRecordPageSchema.parse(
      (await call('GET', `/api/employment-records/?link=${linkId}`)).body,
    );
    assert.equal(early.count, 0);
    sandbox.dispose();
  });

  test('a slow link takes about 20 s × timeScale, a normal one about 4 s × timeScale', async () => {
    const { linkIdFor } = await startSandbox({ timeScale: 0.02 });
    const started = Date.now();
    const [slow, normal] = await Promise.all([linkIdFor(CURPS.slow), linkIdFor(CURPS.derived)]);
    const normalDone = (await receiver.waitFor(normal, 2)).at(-1)!.at - started;
    const slowDone = (await receiver.waitFor(slow, 2)).at(-1)!.at - started;
    assert.ok(normalDone >= 70 && normalDone < 1_000, `normal after ${normalDone} ms`);
    assert.ok(slowDone >= 390 && slowDone > normalDone, `slow after ${slowDone} ms`);
  });

  test('a link whose webhook never comes', async () => {
    const { linkIdFor, allRecords } = await startSandbox();
    const linkId = await linkIdFor(CURPS.noWebhook);
    await delay(300); // 30 s at demo speed
    assert.deepEqual(receiver.forLink(linkId), []);
    assert.deepEqual(await allRecords(linkId), []);
  });

  test('flaky: the first link request gets a 503 Belvo error, the next one a link', async () => {
    const { createLink } = await startSandbox();
    const first = await createLink(CURPS.flaky);
    assert.equal(first.status, 503);
    assert.equal(firstError(first.body).code, 'service_unavailable');
    const second = await createLink(CURPS.flaky);
    assert.equal(second.status, 201);
    const linkId = BelvoLinkSchema.parse(second.body).id;
    await receiver.waitFor(linkId, 2);
    // A fresh sandbox starts over.
    const { createLink: createInFresh } = await startSandbox();
    assert.equal((await createInFresh(CURPS.flaky)).status, 503);
  });
});

describe('belvo sandbox: webhook delivery and lifecycle', () => {
  test('duplicateWebhooks delivers every webhook twice with the same webhook_id', async () => {
    const { linkIdFor } = await startSandbox({ duplicateWebhooks: true });
    const linkId = await linkIdFor(CURPS.employed);
    const webhooks = await receiver.waitFor(linkId, 4);
    await delay(50);
    assert.equal(receiver.forLink(linkId).length, 4);
    assert.deepEqual(
      webhooks.map(({ body }) => body.webhook_type),
      ['OWNERS', 'OWNERS', 'EMPLOYMENT_RECORDS', 'EMPLOYMENT_RECORDS'],
    );
    assert.equal(webhooks[0]!.body.webhook_id, webhooks[1]!.body.webhook_id);
    assert.equal(webhooks[2]!.body.webhook_id, webhooks[3]!.body.webhook_id);
    assert.notEqual(webhooks[0]!.body.webhook_id, webhooks[2]!.body.webhook_id);
  });

  test('a webhook the receiver refuses is retried', async () => {
    const { linkIdFor } = await startSandbox();
    receiver.failNext = 2;
    const linkId = await linkIdFor(CURPS.employed);
    const webhooks = await receiver.waitFor(linkId, 2);
    assert.deepEqual(
      webhooks.map(({ body }) => body.webhook_type),
      ['OWNERS', 'EMPLOYMENT_RECORDS'],
    );
    assert.equal(receiver.failNext, 0);
  });

  test('an unreachable receiver never breaks the sandbox', async () => {
    const { linkIdFor, allRecords } = await startSandbox({ webhookUrl: 'http://127.0.0.1:9/webhooks/belvo' });
    const linkId = await linkIdFor(CURPS.employed);
    await delay(200);
    assert.equal((await allRecords(linkId)).length, 1, 'data is stored even if the webhook was not taken');
  });

  test('linkResponseDelayMs: the webhooks arrive before the link-creation answer', async () => {
    const { createLink } = await startSandbox({ linkResponseDelayMs: 300 });
    const answer = await createLink(CURPS.employed);
    const answeredAt = Date.now();
    const linkId = BelvoLinkSchema.parse(answer.body).id;
    const webhooks = receiver.forLink(linkId);
    assert.equal(webhooks.length, 2);
    assert.ok(webhooks.every((webhook) => webhook.at <= answeredAt));
  });

  test('webhooks go through the fetch option when given (in-process wiring)', async () => {
    const seen: Array<{ url: string; authorization: string | null; body: unknown }> = [];
    const inProcess: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      seen.push({
        url: request.url,
        authorization: request.headers.get('authorization'),
        body: await request.json(),
      });
      return new Response(null, { status: 200 });
    };
    const { linkIdFor, sandbox } = await startSandbox({
      fetch: inProcess,
      webhookUrl: 'http://proxy.local/webhooks/belvo',
    });
    await linkIdFor(CURPS.employed);
    await delay(150);
    sandbox.dispose();
    assert.equal(seen.length, 2);
    assert.ok(seen.every((call) => call.url === 'http://proxy.local/webhooks/belvo'));
    assert.ok(seen.every((call) => call.authorization === WEBHOOK_AUTHORIZATION));
  });

  test('DELETE removes the link and its data and cancels its webhooks', async () => {
    const { linkIdFor, call } = await startSandbox({ timeScale: 0.05 });
    const linkId = await linkIdFor(CURPS.employed);
    const deleted = await call('DELETE', `/api/links/${linkId}/`);
    assert.equal(deleted.status, 204);
    assert.equal(deleted.body, undefined);
    assert.equal((await call('DELETE', `/api/links/${linkId}/`)).status, 404);
    assert.equal((await call('GET', `/api/links/${linkId}/`)).status, 404);
    await delay(300);
    assert.deepEqual(receiver.forLink(linkId), []);
    const listed = BelvoEmploymentRecordPageSchema.parse(
      (await call('GET', `/api/employment-records/?link=${linkId}`)).body,
    );
    assert.equal(listed.count, 0);

    // Deleting after the data arrived deletes the data.
    const delivered = await linkIdFor(CURPS.employed);
    await receiver.waitFor(delivered, 2);
    assert.equal((await call('DELETE', `/api/links/${delivered}`)).status, 204);
    const afterDelete = BelvoOwnerPageSchema.parse(
      (await call('GET', `/api/owners/?link=${delivered}`)).body,
    );
    assert.equal(afterDelete.count, 0);
  });

  test('linkTtlMs: a link and its data are forgotten after it, as if deleted', async () => {
    const { linkIdFor, call } = await startSandbox({ linkTtlMs: 150 });
    const linkId = await linkIdFor(CURPS.employed);
    await receiver.waitFor(linkId, 2);
    assert.equal((await call('GET', `/api/links/${linkId}/`)).status, 200);
    assert.equal(recordsCount(await call('GET', `/api/employment-records/?link=${linkId}`)), 1);
    await eventually(async () => (await call('GET', `/api/links/${linkId}/`)).status === 404);
    assert.equal(recordsCount(await call('GET', `/api/employment-records/?link=${linkId}`)), 0);
    assert.equal((await call('DELETE', `/api/links/${linkId}/`)).status, 404);
  });

  test('linkTtlMs: the flaky scenario forgets a CURP’s first attempt too, and fails it again', async () => {
    const { createLink } = await startSandbox({ linkTtlMs: 150 });
    assert.equal((await createLink(CURPS.flaky)).status, 503);
    assert.equal((await createLink(CURPS.flaky)).status, 201);
    await eventually(async () => (await createLink(CURPS.flaky)).status === 503);
  });

  test('dispose() cancels every pending webhook', async () => {
    // The first webhooks are due 500 ms after each link's creation: long enough for three links to be created
    // before dispose() even on a loaded machine, and well within the wait below had dispose() not cancelled them.
    const { linkIdFor, sandbox } = await startSandbox({ timeScale: 0.25 });
    const linkIds = await Promise.all([
      linkIdFor(CURPS.employed),
      linkIdFor(CURPS.derived),
      linkIdFor(CURPS.slow),
    ]);
    sandbox.dispose();
    await delay(1500);
    for (const linkId of linkIds) assert.deepEqual(receiver.forLink(linkId), []);
  });

  test('the sandbox writes nothing to the console', async () => {
    const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
    const originals = methods.map((method) => console[method]);
    const written: unknown[] = [];
    for (const method of methods) console[method] = (...args: unknown[]) => void written.push(args);
    try {
      const { linkIdFor, createLink, allRecords, call } = await startSandbox();
      const linkId = await linkIdFor(CURPS.employed);
      await receiver.waitFor(linkId, 2);
      await allRecords(linkId);
      await createLink('TOVL880909HMCRLS09');
      await createLink('not a curp');
      await call('GET', '/nowhere');
    } finally {
      methods.forEach((method, index) => (console[method] = originals[index]!));
    }
    assert.deepEqual(written, []);
  });
});
