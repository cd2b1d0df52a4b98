// How the proxy survives a Belvo that misbehaves: retries, refusals, garbage, pagination traps, no answer at all.
// A fake Belvo (a tiny Hono app on its own port) plays each misbehaviour; the proxy is used through its HTTP API.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  belvoError,
  belvoJson,
  belvoLink,
  closedPort,
  delay,
  eventually,
  listen,
  postWebhook,
  profileFixture,
  recordsWebhook,
  startFakeBelvo,
  startProxy,
  type FakeBelvo,
  type RunningProxy,
} from './proxy-harness.js';
import { createBelvoClient } from '../../src/proxy/belvo-client.js';

const CURP = 'GALM900514MDFRPR04';

describe('proxy with a misbehaving Belvo', () => {
  let belvo: FakeBelvo;
  let proxy: RunningProxy;

  before(async () => {
    belvo = await startFakeBelvo();
    proxy = await startProxy({ belvo: { baseUrl: belvo.url, timeoutMs: 300 }, attemptsPerCurp: 1000 });
  });
  after(async () => {
    await proxy.close();
    await belvo.close();
  });
  beforeEach(() => {
    belvo.calls.length = 0;
    belvo.createLink = () => belvoLink();
    belvo.deleteLink = () => new Response(null, { status: 204 });
  });

  const linkCreations = () => belvo.callsTo('POST', '/api/links/').length;

  describe('creating the link', () => {
    test('retries a 503 and succeeds', async () => {
      belvo.createLink = (_body, call) =>
        call < 3 ? belvoError(503, 'unavailable', 'Try later') : belvoLink();
      const session = await proxy.client.start(CURP);
      assert.equal((await proxy.client.linked(session)).step, 'retrieving');
      assert.equal(linkCreations(), 3);
    });

    test('gives up after three 502/503/504 answers: a retryable service_error', async () => {
      let status = 501;
      belvo.createLink = () => new Response('<html>Bad gateway</html>', { status: ++status });
      const outcome = await proxy.client.run(CURP);
      assert.deepEqual(outcome.error, {
        code: 'service_error',
        message: 'The employment-data service did not answer as expected. Please try again.',
        retryable: true,
        attemptsLeft: outcome.error?.attemptsLeft,
      });
      assert.equal(typeof outcome.error?.attemptsLeft, 'number');
      assert.equal(linkCreations(), 3);
    });

    const refusals: Array<[string, () => Response, { code: string; retryable: boolean; message?: string }]> =
      [
        [
          '400 login_error',
          () =>
            belvoError(
              400,
              'login_error',
              'El CURP proporcionado no fue localizado en la entidad externa RENAPO',
            ),
          {
            code: 'curp_not_in_renapo',
            retryable: false,
            message: 'El CURP proporcionado no fue localizado en la entidad externa RENAPO',
          },
        ],
        [
          '400 login_error with an unknown text',
          () => belvoError(400, 'login_error', 'El servicio del IMSS rechazó la consulta'),
          { code: 'imss_rejected', retryable: false, message: 'El servicio del IMSS rechazó la consulta' },
        ],
        [
          '403 forbidden_by_host',
          () =>
            belvoError(403, 'forbidden_by_host', 'Has agotado el número de solicitudes permitidas por día.'),
          { code: 'daily_limit', retryable: false },
        ],
        [
          '400 too_many_sessions',
          () => belvoError(400, 'too_many_sessions', 'Impossible to login, a session is already opened'),
          { code: 'institution_unavailable', retryable: true },
        ],
        [
          '408 request_timeout',
          () => belvoError(408, 'request_timeout', 'The request timed out'),
          { code: 'timeout', retryable: true },
        ],
        [
          '401 authentication_failed',
          () => belvoError(401, 'authentication_failed', 'Invalid Secret Keys'),
          { code: 'service_error', retryable: true },
        ],
        [
          '500 unexpected_error',
          () => belvoError(500, 'unexpected_error', 'Belvo is unable to process'),
          { code: 'service_error', retryable: true },
        ],
        [
          '400 required (our own mistake)',
          () => belvoError(400, 'required', 'This field is required.'),
          { code: 'service_error', retryable: true },
        ],
      ];
    for (const [name, answer, expected] of refusals) {
      test(`${name} → ${expected.code}, asked once`, async () => {
        belvo.createLink = answer;
        // IMSS's own daily limit uses up the CURP's attempts at the proxy as well: that case has a CURP of its own.
        const outcome = await proxy.client.run(expected.code === 'daily_limit' ? 'HEGJ850101HJCRNN06' : CURP);
        assert.equal(outcome.status, 'failed');
        assert.equal(outcome.error?.code, expected.code);
        assert.equal(outcome.error?.retryable, expected.retryable);
        assert.equal(outcome.error?.requestId, 'f'.repeat(32), "Belvo's request id is kept for support");
        if (expected.message) assert.equal(outcome.error?.message, expected.message);
        assert.equal(linkCreations(), 1, 'no retry');
      });
    }

    test('a 401 (Belvo refused our own keys) is logged as belvo_auth_failed, for the operators', async () => {
      belvo.createLink = () => belvoError(401, 'authentication_failed', 'Invalid Secret Keys');
      const outcome = await proxy.client.run(CURP);
      assert.equal(outcome.error?.code, 'service_error', 'the person may try again later');
      const alert = proxy.logs.filter((entry) => entry.event === 'belvo_auth_failed').at(-1);
      assert.deepEqual(alert, { event: 'belvo_auth_failed', operation: 'create_link', status: 401 });
    });

    const garbage: Array<[string, () => Response]> = [
      ['a body that is not JSON', () => new Response('not json at all', { status: 201 })],
      ['JSON that is not a link', () => belvoJson({ hello: 'world' }, 201)],
      ['a link without an id', () => belvoJson({ id: '', institution: 'imss_mx_employment' }, 201)],
      ['an empty body', () => new Response(null, { status: 201 })],
      ['an error status with an HTML body', () => new Response('<h1>Forbidden</h1>', { status: 403 })],
    ];
    for (const [name, answer] of garbage) {
      test(`${name} → service_error`, async () => {
        belvo.createLink = answer;
        const outcome = await proxy.client.run(CURP);
        assert.equal(outcome.error?.code, 'service_error');
        assert.equal(outcome.error?.retryable, true);
      });
    }

    test('no answer within the call timeout → a retryable timeout, without a second link request', async () => {
      belvo.createLink = async () => {
        await delay(1500);
        return belvoLink();
      };
      const started = Date.now();
      const logged = proxy.logs.length;
      const outcome = await proxy.client.run(CURP);
      assert.equal(outcome.error?.code, 'timeout');
      assert.ok(Date.now() - started < 1200, 'ended by the 300 ms call timeout');
      assert.equal(linkCreations(), 1);
      // Belvo may have created the link all the same: the operators are told, to find and delete it.
      const events = proxy.logs.slice(logged).map((entry) => entry.event);
      assert.equal(events.filter((event) => event === 'link_unconfirmed').length, 1);
    });
  });

  describe('downloading the employment records', () => {
    /** Starts a session with a link, and sends the records webhook. */
    async function sessionWithData(profiles = 1): Promise<string> {
      const linkId = crypto.randomUUID();
      belvo.createLink = () => belvoLink(linkId);
      const session = await proxy.client.start(CURP);
      await proxy.client.linked(session);
      await postWebhook(proxy.webhookUrl, recordsWebhook(linkId, profiles));
      return session;
    }

    test('follows `next` through every page', async () => {
      belvo.employmentRecords = (url) => {
        const page = Number(url.searchParams.get('page') ?? '1');
        const next = new URL(url);
        next.searchParams.set('page', String(page + 1));
        return belvoJson({
          count: 3,
          next: page < 3 ? next.href : null,
          previous: null,
          results: [profileFixture(`p-${page}`, `Employer ${page}`)],
        });
      };
      const outcome = await proxy.client.outcome(await sessionWithData(3));
      assert.deepEqual(outcome.summary?.jobs.map((job) => job.employer).sort(), [
        'Employer 1',
        'Employer 2',
        'Employer 3',
      ]);
      assert.equal(belvo.callsTo('GET', '/api/employment-records/').length, 3);
    });

    test('reads `"next": "null"` (as in Belvo\'s own docs) as the last page', async () => {
      belvo.employmentRecords = () =>
        belvoJson({ count: 1, next: 'null', previous: null, results: [profileFixture('p')] });
      assert.equal((await proxy.client.outcome(await sessionWithData())).status, 'ready');
    });

    test('a `next` that loops back → service_error, not an endless download', async () => {
      belvo.employmentRecords = (url) =>
        belvoJson({ count: 9, next: url.href, previous: null, results: [profileFixture('p')] });
      const outcome = await proxy.client.outcome(await sessionWithData());
      assert.equal(outcome.error?.code, 'service_error');
      assert.equal(belvo.callsTo('GET', '/api/employment-records/').length, 1);
    });

    test('a `next` on another origin is not followed (the secret keys would go with it)', async () => {
      const elsewhere: string[] = [];
      const other = await listen((request) => {
        elsewhere.push(request.url);
        return belvoJson({ count: 0, next: null, previous: null, results: [] });
      });
      try {
        belvo.employmentRecords = () =>
          belvoJson({
            count: 2,
            next: `${other.url}/api/employment-records/?page=2`,
            previous: null,
            results: [profileFixture('p')],
          });
        const outcome = await proxy.client.outcome(await sessionWithData(2));
        assert.equal(outcome.error?.code, 'service_error');
        assert.deepEqual(elsewhere, []);
      } finally {
        await other.close();
      }
    });

    const badPages: Array<[string, () => Response]> = [
      ['an HTML 502 (three times)', () => new Response('<html>502 Bad Gateway</html>', { status: 502 })],
      ['a page that is not JSON', () => new Response('{"count": 1, "results": [', { status: 200 })],
      ['a page without results', () => belvoJson({ count: 1, next: null, previous: null })],
    ];
    for (const [name, answer] of badPages) {
      test(`${name} → service_error`, async () => {
        belvo.employmentRecords = answer;
        const outcome = await proxy.client.outcome(await sessionWithData());
        assert.equal(outcome.error?.code, 'service_error');
        assert.equal(outcome.error?.retryable, true);
      });
    }

    test('a job that cannot be read is left out and flagged; the rest of the history arrives', async () => {
      const readable = profileFixture('p');
      belvo.employmentRecords = () =>
        belvoJson({
          count: 1,
          next: null,
          previous: null,
          results: [
            {
              ...readable,
              id: undefined,
              employment_records: [...readable.employment_records, { employer: 'X' }],
            },
          ],
        });
      const outcome = await proxy.client.outcome(await sessionWithData());
      assert.equal(outcome.status, 'ready');
      assert.deepEqual(
        outcome.summary?.jobs.map((job) => job.employer),
        ['Fixture Employer SA de CV'],
      );
      assert.deepEqual(outcome.summary?.warnings, ['skipped_records']);
      assert.equal(outcome.summary?.monthlyIncomeEstimate, 15200);
    });

    test('retries a 503 page and no 4xx page', async () => {
      let calls = 0;
      belvo.employmentRecords = () =>
        ++calls === 1
          ? belvoError(503, 'unavailable', 'later')
          : belvoJson({ count: 1, next: null, previous: null, results: [profileFixture('p')] });
      assert.equal((await proxy.client.outcome(await sessionWithData())).status, 'ready');
      assert.equal(calls, 2);

      calls = 0;
      belvo.employmentRecords = () => (++calls, belvoError(404, 'not_found', 'Not found'));
      assert.equal((await proxy.client.outcome(await sessionWithData())).error?.code, 'service_error');
      assert.equal(calls, 1);
    });

    test('a page that stalls past the call timeout once is asked for again (a GET is safe to repeat)', async () => {
      let calls = 0;
      belvo.employmentRecords = async () => {
        if (++calls === 1) await delay(1000); // the proxy gives up after 300 ms
        return belvoJson({ count: 1, next: null, previous: null, results: [profileFixture('p')] });
      };
      const outcome = await proxy.client.outcome(await sessionWithData());
      assert.equal(outcome.status, 'ready');
      assert.equal(calls, 2);
      const pageCalls = proxy.logs.filter(
        (entry) => entry.event === 'belvo_call' && entry.operation === 'list_employment_records',
      );
      assert.deepEqual(
        pageCalls.slice(-2).map((entry) => entry.outcome),
        ['timeout', 'ok'],
      );
    });

    test('a page that always stalls ends in a retryable timeout after three tries', async () => {
      let calls = 0;
      belvo.employmentRecords = async () => {
        calls++;
        await delay(1000);
        return belvoJson({ count: 1, next: null, previous: null, results: [profileFixture('p')] });
      };
      const outcome = await proxy.client.outcome(await sessionWithData());
      assert.deepEqual(outcome.error, {
        code: 'timeout',
        message: 'IMSS took too long to answer. Please try again.',
        retryable: true,
        attemptsLeft: outcome.error?.attemptsLeft,
      });
      assert.equal(typeof outcome.error?.attemptsLeft, 'number');
      assert.equal(calls, 3);
    });
  });

  describe('deleting the link', () => {
    test('a DELETE that stalls past the call timeout once is sent again', async () => {
      const linkId = crypto.randomUUID();
      belvo.createLink = () => belvoLink(linkId);
      let calls = 0;
      belvo.deleteLink = async () => {
        if (++calls === 1) await delay(1000);
        return new Response(null, { status: 204 });
      };
      const session = await proxy.client.start(CURP);
      await proxy.client.linked(session);
      const deletions = () =>
        proxy.logs
          .filter((entry) => entry.event === 'belvo_call' && entry.operation === 'delete_link')
          .map((entry) => entry.outcome);
      const before = deletions().length;
      assert.equal((await proxy.client.delete(session)).status, 204);
      // The deletion runs after the answer: wait for its second try to be answered.
      await eventually(() => deletions().length === before + 2, 3000);
      assert.deepEqual(deletions().slice(before), ['timeout', 'ok']);
      assert.equal(calls, 2);
      assert.equal(belvo.callsTo('DELETE', `/api/links/${linkId}/`).length, 2);
    });
  });
});

describe('Belvo client', () => {
  let belvo: FakeBelvo;

  before(async () => {
    belvo = await startFakeBelvo();
  });
  after(() => belvo.close());

  const clientOptions = () => ({
    baseUrl: belvo.url,
    secretId: 'id',
    secretPassword: 'contraseña', // not Latin-1 safe for btoa alone
    retryBaseDelayMs: 5,
  });

  test('a throwing onCall does not break the call', async () => {
    let reports = 0;
    const client = createBelvoClient({
      ...clientOptions(),
      onCall: () => {
        reports++;
        throw new Error('log sink down');
      },
    });
    belvo.createLink = () => belvoLink('link-1');
    const result = await client.createLink({
      institution: 'imss_mx_employment',
      username: CURP,
      access_mode: 'single',
      fetch_resources: ['EMPLOYMENT_RECORDS'],
    });
    assert.deepEqual(result.ok && result.value.id, 'link-1');
    assert.equal(reports, 1);
    assert.equal(
      belvo.calls.at(-1)?.authorization,
      `Basic ${Buffer.from('id:contraseña').toString('base64')}`,
    );
  });

  test('a signal gives a call up: the back-off before a retry is cut short, and no further try is made', async () => {
    const client = createBelvoClient({ ...clientOptions(), retryBaseDelayMs: 60_000 });
    const before = belvo.callsTo('GET', '/api/employment-records/').length;
    belvo.employmentRecords = () => belvoError(503, 'unavailable', 'later');
    const controller = new AbortController();
    const listing = client.listEmploymentRecords('link-1', { signal: controller.signal });
    await eventually(() => belvo.callsTo('GET', '/api/employment-records/').length === before + 1);
    controller.abort();
    assert.deepEqual(await listing, { ok: false, failure: { kind: 'cancelled' } });
    assert.equal(belvo.callsTo('GET', '/api/employment-records/').length, before + 1);
  });

  test('a signal aborts a GET in flight, but never a link creation (its answer names a link to delete)', async () => {
    const client = createBelvoClient(clientOptions());
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    belvo.employmentRecords = async () => {
      await answered;
      return belvoJson({ count: 0, next: null, previous: null, results: [] });
    };
    belvo.createLink = async () => {
      await answered;
      return belvoLink('link-2');
    };
    const controller = new AbortController();
    const listing = client.listEmploymentRecords('link-1', { signal: controller.signal });
    const creation = client.createLink(
      { institution: 'imss_mx_employment', username: CURP, access_mode: 'single', fetch_resources: [] },
      { signal: controller.signal },
    );
    await eventually(
      () =>
        belvo.callsTo('POST', '/api/links/').length > 0 &&
        belvo.callsTo('GET', '/api/employment-records/').length > 0,
    );
    controller.abort();
    assert.deepEqual(await listing, { ok: false, failure: { kind: 'cancelled' } });
    answer();
    const created = await creation;
    assert.equal(created.ok && created.value.id, 'link-2');
  });
});

describe('proxy with Belvo unreachable', () => {
  test('ends in a retryable service_error after three tries, in bounded time', async () => {
    const proxy = await startProxy({ belvo: { baseUrl: await closedPort(), retryBaseDelayMs: 50 } });
    try {
      const started = Date.now();
      const outcome = await proxy.client.run(CURP);
      const elapsed = Date.now() - started;
      assert.equal(outcome.error?.code, 'service_error');
      assert.equal(outcome.error?.retryable, true);
      const tries = proxy.logs.filter(
        (entry) => entry.event === 'belvo_call' && entry.outcome === 'unreachable',
      );
      assert.equal(tries.length, 3);
      // Two back-offs of 50 ms and 200 ms, plus three refused connections.
      assert.ok(elapsed >= 250 && elapsed < 3000, `${elapsed} ms`);
    } finally {
      await proxy.close();
    }
  });
});
