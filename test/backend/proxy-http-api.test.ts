// The proxy's HTTP API against a fake Belvo, over real HTTP on loopback: validation, sessions, long polls,
// webhooks (authentication, repeats, early arrival), deletion, the daily attempt guard and CORS.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  belvoLink,
  delay,
  eventually,
  postWebhook,
  recordsWebhook,
  SECRET_ID,
  SECRET_PASSWORD,
  startFakeBelvo,
  startProxy,
  type FakeBelvo,
  type RunningProxy,
} from './proxy-harness.js';

const CURP = 'GALM900514MDFRPR04';
const OTHER_CURP = 'HEGJ850101HJCRNN06';

describe('proxy HTTP API', () => {
  let belvo: FakeBelvo;
  let proxy: RunningProxy;

  before(async () => {
    belvo = await startFakeBelvo();
    proxy = await startProxy({
      belvo: { baseUrl: belvo.url },
      attemptsPerCurp: 1000,
      allowedOrigins: ['https://partner.example'],
    });
  });
  after(async () => {
    await proxy.close();
    await belvo.close();
  });
  beforeEach(() => {
    belvo.createLink = () => belvoLink();
  });

  /** Makes the fake answer the next link creation with this id, and returns it. */
  function nextLinkId(): string {
    const id = crypto.randomUUID();
    belvo.createLink = () => belvoLink(id);
    return id;
  }

  describe('POST /links', () => {
    test('refuses a body that is not JSON, or not the expected fields, with 400 and without calling Belvo', async () => {
      const before = belvo.calls.length;
      const notJson = await proxy.client.create('curp=GALM900514MDFRPR04');
      assert.equal(notJson.status, 400);
      assert.equal((notJson.body['error'] as { code: string }).code, 'invalid_request');

      const wrongFields = await proxy.client.create({ curp: 42 });
      assert.equal(wrongFields.status, 400);
      const error = wrongFields.body['error'] as { code: string; issues: Array<{ path: string }> };
      assert.equal(error.code, 'invalid_request');
      assert.deepEqual(
        error.issues.map((issue) => issue.path),
        ['curp'],
      );

      assert.equal((await proxy.client.create({})).status, 400);
      assert.equal((await proxy.client.create([CURP])).status, 400);
      assert.equal(belvo.calls.length, before);
    });

    test('refuses an invalid CURP with 422 and its reason, without calling Belvo', async () => {
      const before = belvo.calls.length;
      const cases: Array<[string, string]> = [
        ['GALM900514MDFRPR05', 'checksum'],
        ['GALM900514', 'length'],
        ['', 'empty'],
        ['GALM901314MDFRPR04', 'date'],
      ];
      for (const [curp, reason] of cases) {
        const answer = await proxy.client.create({ curp });
        assert.equal(answer.status, 422, curp);
        const error = answer.body['error'] as { code: string; reason: string; message: string };
        assert.equal(error.code, 'invalid_curp');
        assert.equal(error.reason, reason);
        if (curp) assert.ok(!error.message.includes(curp), 'the message does not repeat the CURP');
      }
      assert.equal(belvo.calls.length, before);
    });

    test('answers 202 with an unguessable session handle, then asks Belvo for an IMSS link', async () => {
      const linkId = nextLinkId();
      const answer = await proxy.client.create({
        curp: ` ${CURP.toLowerCase()} `,
        externalId: 'solicitud-1',
      });
      assert.equal(answer.status, 202);
      assert.equal(answer.body['status'], 'pending');
      const session = answer.body['session'] as string;
      assert.match(session, /^[A-Za-z0-9_-]{22,}$/, 'base64url of at least 128 bits');
      assert.ok(!session.includes(linkId) && !linkId.includes(session));
      assert.equal(answer.headers.get('cache-control'), 'no-store');

      await eventually(() => belvo.callsTo('POST', '/api/links/').some((call) => call.body));
      const call = belvo.callsTo('POST', '/api/links/').at(-1)!;
      assert.deepEqual(call.body, {
        institution: 'imss_mx_employment',
        username: CURP,
        access_mode: 'single',
        fetch_resources: ['EMPLOYMENT_RECORDS', 'OWNERS'],
        external_id: 'solicitud-1',
      });
      assert.equal(call.authorization, `Basic ${btoa(`${SECRET_ID}:${SECRET_PASSWORD}`)}`);
    });

    test('sends no external_id shorter than Belvo accepts (3 characters)', async () => {
      const calls = belvo.callsTo('POST', '/api/links/').length;
      await proxy.client.create({ curp: CURP, externalId: 'ab' });
      await eventually(() => belvo.callsTo('POST', '/api/links/').length > calls);
      assert.ok(!('external_id' in (belvo.callsTo('POST', '/api/links/').at(-1)!.body as object)));
    });

    test('gives every session a different handle', async () => {
      const handles = new Set<string>();
      for (let i = 0; i < 20; i++) handles.add(await proxy.client.start(CURP));
      assert.equal(handles.size, 20);
    });
  });

  describe('GET /links/{session}', () => {
    test('reports the step, then the summary once the EMPLOYMENT_RECORDS webhook has come', async () => {
      const linkId = nextLinkId();
      const session = await proxy.client.start(CURP);
      assert.deepEqual(await proxy.client.linked(session), { status: 'pending', step: 'retrieving' });

      assert.equal(await postWebhook(proxy.webhookUrl, recordsWebhook(linkId)), 204);
      const outcome = await proxy.client.outcome(session);
      assert.equal(outcome.status, 'ready');
      assert.equal(outcome.summary?.curp, CURP);
      assert.equal(outcome.summary?.jobs.length, 1);
      assert.equal(outcome.step, undefined);
      assert.ok(
        belvo.callsTo('GET', '/api/employment-records/').some((call) => call.search === `?link=${linkId}`),
      );
    });

    test('answers 404 for an unknown session', async () => {
      const answer = await proxy.client.status('AAAAAAAAAAAAAAAAAAAAAA');
      assert.equal(answer.status, 404);
      assert.deepEqual((answer.body as unknown as { error: { code: string } }).error.code, 'not_found');
    });

    test('refuses an invalid wait with 400', async () => {
      const session = await proxy.client.start(CURP);
      for (const wait of ['abc', '-1', '1e3', 'Infinity']) {
        assert.equal((await proxy.client.status(session, wait)).status, 400, wait);
      }
    });

    test('a long poll returns as soon as the session changes', async () => {
      let answerLink!: () => void;
      const linkId = crypto.randomUUID();
      belvo.createLink = () => new Promise((resolve) => (answerLink = () => resolve(belvoLink(linkId))));
      const session = await proxy.client.start(CURP);
      await eventually(() => answerLink !== undefined);

      const started = Date.now();
      const poll = proxy.client.status(session, 20);
      await delay(150);
      answerLink();
      const answer = await poll;
      assert.deepEqual(answer.body, { status: 'pending', step: 'retrieving' });
      assert.ok(Date.now() - started < 2000, 'returned on the change, not at the end of the wait');
    });

    test('a long poll with nothing changing returns at the end of the wait; a wait over 30 s is accepted (clamped)', async () => {
      const session = await proxy.client.start(CURP);
      await proxy.client.linked(session); // no webhook will come
      const started = Date.now();
      const answer = await proxy.client.status(session, 1);
      const elapsed = Date.now() - started;
      assert.deepEqual(answer.body, { status: 'pending', step: 'retrieving' });
      assert.ok(elapsed >= 950 && elapsed < 2500, `held ${elapsed} ms`);

      const clamped = proxy.client.status(session, 3600);
      await delay(100);
      assert.equal((await proxy.client.delete(session)).status, 204);
      assert.equal((await clamped).status, 404, 'a deleted session ends the poll');
    });

    test('a long poll whose client goes away is let go', async () => {
      const session = await proxy.client.start(CURP);
      await proxy.client.linked(session);
      const controller = new AbortController();
      const poll = proxy.client.status(session, 20, controller.signal);
      await delay(100);
      controller.abort();
      await assert.rejects(poll);
      // The proxy still answers polls of the same session normally.
      assert.equal((await proxy.client.status(session)).status, 200);
    });
  });

  describe('webhooks', () => {
    test('refuses a missing or wrong Authorization with 401 and changes nothing', async () => {
      const linkId = nextLinkId();
      const session = await proxy.client.start(CURP);
      await proxy.client.linked(session);
      assert.equal(await postWebhook(proxy.webhookUrl, recordsWebhook(linkId), null), 401);
      assert.equal(await postWebhook(proxy.webhookUrl, recordsWebhook(linkId), 'Bearer wrong'), 401);
      assert.equal(
        await postWebhook(proxy.webhookUrl, recordsWebhook(linkId), 'Bearer test-webhook-token-012345678'),
        401,
      );
      await delay(100);
      assert.deepEqual((await proxy.client.status(session)).body, { status: 'pending', step: 'retrieving' });
      assert.ok(
        !belvo.callsTo('GET', '/api/employment-records/').some((call) => call.search.includes(linkId)),
      );
    });

    test('refuses a body that is not a webhook with 400', async () => {
      assert.equal(await postWebhook(proxy.webhookUrl, { hello: 'world' }), 400);
      const response = await fetch(proxy.webhookUrl, {
        method: 'POST',
        headers: { authorization: 'Bearer test-webhook-token-0123456789' },
        body: 'not json',
      });
      assert.equal(response.status, 400);
    });

    test('handles a repeated delivery once', async () => {
      const linkId = nextLinkId();
      const session = await proxy.client.start(CURP);
      await proxy.client.linked(session);
      const webhook = recordsWebhook(linkId);
      assert.equal(await postWebhook(proxy.webhookUrl, webhook), 204);
      assert.equal(await postWebhook(proxy.webhookUrl, webhook), 204);
      assert.equal((await proxy.client.outcome(session)).status, 'ready');
      await delay(50);
      const downloads = belvo
        .callsTo('GET', '/api/employment-records/')
        .filter((c) => c.search.includes(linkId));
      assert.equal(downloads.length, 1);
    });

    test('applies a webhook that arrives before Belvo has answered the link creation', async () => {
      const linkId = crypto.randomUUID();
      let answerLink!: () => void;
      belvo.createLink = () => new Promise((resolve) => (answerLink = () => resolve(belvoLink(linkId))));
      const session = await proxy.client.start(CURP);
      await eventually(() => answerLink !== undefined);
      assert.equal(await postWebhook(proxy.webhookUrl, recordsWebhook(linkId)), 204);
      await delay(50);
      assert.deepEqual((await proxy.client.status(session)).body, { status: 'pending', step: 'connecting' });
      answerLink();
      assert.equal((await proxy.client.outcome(session)).status, 'ready');
    });

    test('a LINK error webhook fails the session with the mapped error; later webhooks change nothing', async () => {
      const linkId = nextLinkId();
      const session = await proxy.client.start(CURP);
      await proxy.client.linked(session);
      await postWebhook(proxy.webhookUrl, {
        webhook_id: crypto.randomUUID(),
        webhook_type: 'LINK',
        webhook_code: 'login_error',
        link_id: linkId,
        request_id: 'a'.repeat(32),
        external_id: null,
        data: { error_code: 'login_error', error_message: 'CURP ES INCORRECTO', status: 400 },
      });
      const outcome = await proxy.client.outcome(session);
      assert.deepEqual(outcome.error, {
        code: 'curp_incorrect',
        message: 'CURP ES INCORRECTO',
        retryable: false,
        requestId: 'a'.repeat(32),
      });
      await postWebhook(proxy.webhookUrl, recordsWebhook(linkId));
      await delay(50);
      assert.equal((await proxy.client.status(session)).body.status, 'failed');
    });

    test('an unrecognised LINK error webhook is a service error', async () => {
      const linkId = nextLinkId();
      const session = await proxy.client.start(CURP);
      await proxy.client.linked(session);
      await postWebhook(proxy.webhookUrl, {
        webhook_id: crypto.randomUUID(),
        webhook_type: 'LINK',
        webhook_code: 'something_new',
        link_id: linkId,
        data: {},
      });
      const outcome = await proxy.client.outcome(session);
      assert.equal(outcome.error?.code, 'service_error');
      assert.equal(outcome.error?.retryable, true);
    });

    test('webhooks for unknown links are accepted and ignored, whatever their Origin', async () => {
      assert.equal(await postWebhook(proxy.webhookUrl, recordsWebhook(crypto.randomUUID())), 204);
      const response = await fetch(proxy.webhookUrl, {
        method: 'POST',
        headers: { authorization: 'Bearer test-webhook-token-0123456789', origin: 'https://evil.example' },
        body: JSON.stringify(recordsWebhook(crypto.randomUUID())),
      });
      assert.equal(response.status, 204);
    });

    test('zero profiles: ready with an empty summary, without downloading', async () => {
      const linkId = nextLinkId();
      const session = await proxy.client.start(CURP);
      await proxy.client.linked(session);
      await postWebhook(proxy.webhookUrl, recordsWebhook(linkId, 0));
      const outcome = await proxy.client.outcome(session);
      assert.equal(outcome.status, 'ready');
      assert.deepEqual(outcome.summary?.jobs, []);
      assert.ok(
        !belvo.callsTo('GET', '/api/employment-records/').some((call) => call.search.includes(linkId)),
      );
    });
  });

  describe('DELETE /links/{session}', () => {
    test('answers 204, forgets the session and deletes the Belvo link', async () => {
      const linkId = nextLinkId();
      const session = await proxy.client.start(CURP);
      await proxy.client.linked(session);
      assert.equal((await proxy.client.delete(session)).status, 204);
      assert.equal((await proxy.client.status(session)).status, 404);
      assert.equal((await proxy.client.delete(session)).status, 404);
      await eventually(() => belvo.callsTo('DELETE', `/api/links/${linkId}/`).length === 1);
      // The person withdrew: a late webhook is accepted and ignored.
      assert.equal(await postWebhook(proxy.webhookUrl, recordsWebhook(linkId)), 204);
      await delay(50);
      assert.ok(
        !belvo.callsTo('GET', '/api/employment-records/').some((call) => call.search.includes(linkId)),
      );
    });

    test('deletes a link that Belvo creates after the person withdrew', async () => {
      const linkId = crypto.randomUUID();
      let answerLink!: () => void;
      belvo.createLink = () => new Promise((resolve) => (answerLink = () => resolve(belvoLink(linkId))));
      const session = await proxy.client.start(CURP);
      await eventually(() => answerLink !== undefined);
      assert.equal((await proxy.client.delete(session)).status, 204);
      answerLink();
      await eventually(() => belvo.callsTo('DELETE', `/api/links/${linkId}/`).length === 1);
    });
  });

  describe('CORS', () => {
    test('refuses a browser request from a foreign origin with 403, before calling Belvo', async () => {
      const before = belvo.callsTo('POST', '/api/links/').length;
      const answer = await proxy.client.create({ curp: CURP }, { origin: 'https://evil.example' });
      assert.equal(answer.status, 403);
      assert.equal((answer.body['error'] as { code: string }).code, 'forbidden_origin');
      const preflight = await fetch(`${proxy.api}/links`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      assert.equal(preflight.status, 403);
      assert.equal(preflight.headers.get('access-control-allow-origin'), null);
      const session = await proxy.client.start(CURP);
      const status = await fetch(`${proxy.api}/links/${session}`, {
        headers: { origin: 'https://evil.example' },
      });
      assert.equal(status.status, 403);
      await delay(50);
      assert.equal(
        belvo.callsTo('POST', '/api/links/').length,
        before + 1,
        'only the legitimate POST reached Belvo',
      );
    });

    test('accepts its own origin', async () => {
      const answer = await proxy.client.create({ curp: CURP }, { origin: new URL(proxy.api).origin });
      assert.equal(answer.status, 202);
    });

    test('gives an allow-listed origin CORS headers, preflight included', async () => {
      const preflight = await fetch(`${proxy.api}/links`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://partner.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://partner.example');
      assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);

      const answer = await proxy.client.create({ curp: CURP }, { origin: 'https://partner.example' });
      assert.equal(answer.status, 202);
      assert.equal(answer.headers.get('access-control-allow-origin'), 'https://partner.example');
    });
  });
});

describe('proxy daily attempt guard', () => {
  let belvo: FakeBelvo;
  let proxy: RunningProxy;

  before(async () => {
    belvo = await startFakeBelvo();
    proxy = await startProxy({ belvo: { baseUrl: belvo.url } });
  });
  after(async () => {
    await proxy.close();
    await belvo.close();
  });

  test('a fourth attempt for the same CURP is answered 429 without calling Belvo; another CURP is unaffected', async () => {
    // The same CURP however typed.
    for (const typed of [CURP, CURP.toLowerCase(), `${CURP.slice(0, 9)} ${CURP.slice(9)}`]) {
      assert.equal((await proxy.client.create({ curp: typed })).status, 202);
    }
    await eventually(() => belvo.callsTo('POST', '/api/links/').length === 3);

    const fourth = await proxy.client.create({ curp: CURP });
    assert.equal(fourth.status, 429);
    assert.equal((fourth.body['error'] as { code: string }).code, 'daily_limit');
    await delay(50);
    assert.equal(belvo.callsTo('POST', '/api/links/').length, 3);

    assert.equal((await proxy.client.create({ curp: OTHER_CURP })).status, 202);
    await eventually(() => belvo.callsTo('POST', '/api/links/').length === 4);
  });

  test('logs the refusal, without the CURP', () => {
    assert.ok(proxy.logs.every((entry) => !JSON.stringify(entry).includes(CURP)));
    const limited = proxy.logs.filter((entry) => entry.event === 'attempt_limited');
    assert.equal(limited.length, 1);
  });
});

describe('proxy attempt window', () => {
  test('attempts older than the window no longer count', async () => {
    const belvo = await startFakeBelvo();
    let clock = Date.now();
    const proxy = await startProxy({
      belvo: { baseUrl: belvo.url },
      attemptsPerCurp: 1,
      attemptWindowMs: 60_000,
      now: () => clock,
    });
    try {
      assert.equal((await proxy.client.create({ curp: CURP })).status, 202);
      assert.equal((await proxy.client.create({ curp: CURP })).status, 429);
      clock += 60_000;
      assert.equal((await proxy.client.create({ curp: CURP })).status, 202);
    } finally {
      await proxy.close();
      await belvo.close();
    }
  });
});

describe('proxy session lifetime', () => {
  let belvo: FakeBelvo;
  let proxy: RunningProxy;

  before(async () => {
    belvo = await startFakeBelvo();
    proxy = await startProxy({ belvo: { baseUrl: belvo.url }, sessionTimeoutMs: 400, sessionTtlMs: 300 });
  });
  after(async () => {
    await proxy.close();
    await belvo.close();
  });

  test('a session with no webhook fails with a retryable timeout at its deadline; its Belvo link is deleted', async () => {
    const linkId = crypto.randomUUID();
    belvo.createLink = () => belvoLink(linkId);
    const session = await proxy.client.start(CURP);
    const started = Date.now();
    let answer = await proxy.client.status(session, 10);
    if (answer.body.status === 'pending') answer = await proxy.client.status(session, 10);
    const elapsed = Date.now() - started;
    assert.equal(answer.body.status, 'failed');
    assert.equal(answer.body.error?.code, 'timeout');
    assert.equal(answer.body.error?.retryable, true);
    assert.ok(elapsed < 1500, `the long poll ended at the deadline (${elapsed} ms)`);
    await eventually(() => belvo.callsTo('DELETE', `/api/links/${linkId}/`).length === 1);
  });

  test('a finished session is forgotten after its TTL', async () => {
    const linkId = crypto.randomUUID();
    belvo.createLink = () => belvoLink(linkId);
    const session = await proxy.client.start(CURP);
    await proxy.client.linked(session);
    await postWebhook(proxy.webhookUrl, recordsWebhook(linkId));
    assert.equal((await proxy.client.outcome(session)).status, 'ready');
    await delay(350);
    assert.equal((await proxy.client.status(session)).status, 404);
  });
});
