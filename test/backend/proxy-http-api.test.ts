// The proxy's HTTP API against a fake Belvo, over real HTTP on loopback: validation, sessions, long polls,
// webhooks (authentication, repeats, early arrival), deletion, the daily attempt guard and CORS.
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ProxyErrorResponseSchema, type ProxyErrorResponse } from '../../src/contract/proxy-api.js';
import { createAttemptGuard, type AttemptGuard } from '../../src/proxy/attempt-guard.js';
import { parseWaitSeconds } from '../../src/proxy/link-use-cases.js';
import { createStateKeys } from '../../src/proxy/state-keys.js';
import { freshState } from './test-state.js';
import {
  belvoError,
  belvoJson,
  belvoLink,
  delay,
  edgeProxy,
  eventually,
  linkErrorWebhook,
  postWebhook,
  recordsWebhook,
  SECRET_ID,
  SECRET_PASSWORD,
  startFakeBelvo,
  startProxy,
  WEBHOOK_AUTHORIZATION,
  type FakeBelvo,
  type RunningProxy,
} from './proxy-harness.js';

const CURP = 'GALM900514MDFRPR04';
const OTHER_CURP = 'HEGJ850101HJCRNN06';

/** An answer's body as a ProxyErrorResponse (failing if it is not one): every error the proxy gives is one. */
async function proxyErrorOf(response: Response): Promise<ProxyErrorResponse['error']> {
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  return ProxyErrorResponseSchema.parse(await response.json()).error;
}

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

  /**
   * Sessions opened so far. `session_created` is logged before the answer, and before any Belvo call is started:
   * a request that opened none cannot call Belvo later, so a negative assertion on Belvo's calls needs no wait.
   */
  const sessionsCreated = () => proxy.logs.filter((entry) => entry.event === 'session_created').length;

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

      const issuesOf = async (body: unknown) => {
        const answer = await proxy.client.create(body);
        assert.equal(answer.status, 400, JSON.stringify(body));
        const error = ProxyErrorResponseSchema.parse(answer.body).error;
        assert.equal(error.code, 'invalid_request');
        return error.issues;
      };
      // Each issue names the field and says what is wrong with it, not zod's bare "Invalid input".
      assert.deepEqual(await issuesOf({ curp: 42 }), [{ path: 'curp', message: 'curp must be a string' }]);
      assert.deepEqual(await issuesOf({}), [{ path: 'curp', message: 'curp is required' }]);
      assert.deepEqual(await issuesOf({ curp: CURP, externalId: 7 }), [
        { path: 'externalId', message: 'externalId must be a string' },
      ]);
      assert.deepEqual(await issuesOf([CURP]), [{ path: '', message: 'the body must be an object' }]);
      assert.deepEqual(await issuesOf(null), [{ path: '', message: 'the body must be an object' }]);
      // A wrong field comes before the CURP's own validity (422).
      assert.deepEqual(await issuesOf({ curp: 'GALM900514MDFRPR05', externalId: 'x' }), [
        { path: 'externalId', message: 'externalId must have at least 3 characters' },
      ]);
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
        // Data minimisation at Belvo: no stored login, the data kept a week at most.
        credentials_storage: 'nostore',
        stale_in: '7d',
        external_id: 'solicitud-1',
      });
      assert.equal(call.authorization, `Basic ${btoa(`${SECRET_ID}:${SECRET_PASSWORD}`)}`);
    });

    test('refuses an externalId outside 3–100 characters with 400, without calling Belvo', async () => {
      const calls = belvo.callsTo('POST', '/api/links/').length;
      const sessions = sessionsCreated();
      for (const [externalId, message] of [
        ['ab', 'externalId must have at least 3 characters'],
        ['', 'externalId must have at least 3 characters'],
        ['x'.repeat(101), 'externalId must have at most 100 characters'],
      ]) {
        const answer = await proxy.client.create({ curp: CURP, externalId });
        assert.equal(answer.status, 400, externalId);
        assert.deepEqual(ProxyErrorResponseSchema.parse(answer.body).error.issues, [
          { path: 'externalId', message },
        ]);
      }
      // No session was opened (a session is logged before any Belvo call is started): nothing will call Belvo.
      assert.equal(sessionsCreated(), sessions);
      assert.equal(belvo.callsTo('POST', '/api/links/').length, calls);
      assert.equal((await proxy.client.create({ curp: CURP, externalId: 'abc' })).status, 202);
      assert.equal((await proxy.client.create({ curp: CURP, externalId: 'x'.repeat(100) })).status, 202);
    });

    test('refuses an externalId that carries personal data (a CURP, an NSS, an e-mail address) with 400', async () => {
      const calls = belvo.callsTo('POST', '/api/links/').length;
      const sessions = sessionsCreated();
      const personal: Array<[string, RegExp]> = [
        [`cliente-${CURP}`, /a CURP/],
        [`ref ${OTHER_CURP.toLowerCase()}`, /a CURP/],
        ['GALM-900514-MDFRPR04', /a CURP/],
        ['nss-51099068598-a', /an NSS/],
        ['cliente:12345678901234', /an NSS/],
        ['maria@example.com', /an e-mail address/],
      ];
      for (const [externalId, kind] of personal) {
        const answer = await proxy.client.create({ curp: CURP, externalId });
        assert.equal(answer.status, 400, externalId);
        const error = ProxyErrorResponseSchema.parse(answer.body).error;
        assert.equal(error.code, 'invalid_request');
        assert.equal(error.issues?.length, 1);
        assert.equal(error.issues?.[0]?.path, 'externalId');
        assert.match(error.issues?.[0]?.message ?? '', /must not carry personal data/);
        assert.match(error.issues?.[0]?.message ?? '', kind);
        assert.ok(!JSON.stringify(answer.body).includes(externalId), 'the answer does not repeat it');
      }
      assert.equal(sessionsCreated(), sessions, 'no session was opened');
      assert.equal(belvo.callsTo('POST', '/api/links/').length, calls, 'Belvo was not called');

      // Ordinary references, long ones and CURP-shaped ones whose check digit is wrong included, are passed on.
      const ordinary = [
        'solicitud-2024-000123',
        'GALM900514MDFRPR05-x',
        'ORDER1234567890ABCDEF',
        '1234567890',
      ];
      for (const externalId of ordinary) {
        const before = belvo.callsTo('POST', '/api/links/').length;
        assert.equal((await proxy.client.create({ curp: CURP, externalId })).status, 202, externalId);
        await eventually(() => belvo.callsTo('POST', '/api/links/').length > before);
        const call = belvo.callsTo('POST', '/api/links/').at(-1)!;
        assert.equal((call.body as { external_id?: string }).external_id, externalId);
      }
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

    test('a long poll answers at once when the session moved on since the last answer', async () => {
      const session = await proxy.client.start(CURP);
      // Belvo creates the link before the browser's first poll arrives: that poll must still see `retrieving`.
      const linked = proxy.logs.filter((entry) => entry.event === 'link_created').length;
      await eventually(() => proxy.logs.filter((entry) => entry.event === 'link_created').length > linked);
      const started = Date.now();
      const first = await proxy.client.status(session, 20);
      assert.deepEqual(first.body, { status: 'pending', step: 'retrieving' });
      assert.ok(Date.now() - started < 1000, 'answered at once, not held');

      const second = await proxy.client.status(session, 1);
      assert.deepEqual(second.body, { status: 'pending', step: 'retrieving' });
      assert.ok(Date.now() - started >= 950, 'nothing new since: held until the end of the wait');
    });

    test('a step answered to a client that had gone away is reported again on the next poll, not waited past', async () => {
      const edge = await edgeProxy({ belvo: { baseUrl: belvo.url } });
      const session = await edge.start(CURP);
      await edge.settle(); // Belvo has created the link: the session is at `retrieving`, the browser not told yet
      const gone = new AbortController();
      gone.abort();
      const lost = await edge.fetch(`/links/${session}?wait=20`, { signal: gone.signal });
      assert.equal(lost.status, 200, 'answered, to nobody');

      const started = Date.now();
      const answer = await edge.fetch(`/links/${session}?wait=2`);
      assert.deepEqual(await answer.json(), { status: 'pending', step: 'retrieving' });
      assert.ok(Date.now() - started < 1000, 'answered at once: the browser never saw `retrieving`');
    });

    test('a long poll with nothing changing returns at the end of the wait; deleting the session ends it', async () => {
      const session = await proxy.client.start(CURP);
      await proxy.client.linked(session); // no webhook will come
      const started = Date.now();
      const answer = await proxy.client.status(session, 1);
      const elapsed = Date.now() - started;
      assert.deepEqual(answer.body, { status: 'pending', step: 'retrieving' });
      assert.ok(elapsed >= 950 && elapsed < 2500, `held ${elapsed} ms`);

      const held = proxy.client.status(session, 20);
      await delay(100);
      assert.equal((await proxy.client.delete(session)).status, 204);
      assert.equal((await held).status, 404, 'a deleted session ends the poll');
    });

    test(
      'a wait over 30 s is held 30 s, not longer (fake clock and timers)',
      { timeout: 10_000 },
      async (t) => {
        // The proxy's clock (`now`) and its timers move together, 100 ms per turn of the event loop, from the
        // moment the poll reaches the proxy, up to 40 s and no further: a poll held for more (3600 s, or two rounds of
        // 30 s) is never answered. The fake time then stands still while the loopback HTTP exchange and the state's
        // round trips (on Redis, under load, many turns each) take the real time they need.
        const HELD_MS = 30_000;
        const FAKE_TIME_LIMIT_MS = HELD_MS + 10_000;
        let clock = Date.now();
        let watching = false;
        let arrivedAt: number | undefined;
        let lastReadAt: number | undefined;
        const clamped = await startProxy({
          belvo: { baseUrl: belvo.url },
          // The fake Belvo holds records for every link: a reconciliation would find them, and read the clock.
          reconcileAfterMs: [],
          now: () => {
            if (watching) {
              arrivedAt ??= clock;
              lastReadAt = clock;
            }
            return clock;
          },
        });
        try {
          const session = await clamped.client.start(CURP);
          await clamped.client.linked(session); // no webhook will come
          t.mock.timers.enable({ apis: ['setTimeout'] });
          watching = true;
          let answer: Awaited<ReturnType<typeof clamped.client.status>> | undefined;
          let answeredAt: number | undefined;
          void clamped.client
            .status(session, 3600)
            .then((received) => {
              answer = received;
              answeredAt = clock;
            })
            .catch(() => {});
          // A bound in real time only against a proxy that never answers; Redis round trips under load are slow.
          const giveUp = Date.now() + 30_000;
          while (answer === undefined && Date.now() < giveUp) {
            await new Promise((resolve) => setImmediate(resolve));
            if (arrivedAt === undefined || clock - arrivedAt >= FAKE_TIME_LIMIT_MS) continue;
            clock += 100;
            t.mock.timers.tick(100);
          }
          t.mock.timers.reset();
          assert.ok(answer, 'the poll was answered within 40 s of fake time');
          assert.deepEqual(answer.body, { status: 'pending', step: 'retrieving' });
          // Not before the 30 s were up: the session was read for the answer then, not at 3600 s.
          assert.ok(answeredAt! - arrivedAt! >= HELD_MS, `answered after ${answeredAt! - arrivedAt!} ms`);
          assert.ok(lastReadAt! - arrivedAt! >= HELD_MS, `last read after ${lastReadAt! - arrivedAt!} ms`);
        } finally {
          t.mock.timers.reset();
          await clamped.close();
        }
      },
    );

    test('a long poll whose client goes away is let go', async () => {
      // As a bare fetch handler, so that the end of the proxy's own work shows: over HTTP, the client's side of an
      // aborted request ends at once whatever the proxy does.
      const edge = await edgeProxy({ belvo: { baseUrl: belvo.url } });
      const session = await edge.start(CURP);
      await edge.settle();
      await edge.fetch(`/links/${session}`); // told `retrieving`: the next poll has nothing new, and is held
      const controller = new AbortController();
      const started = Date.now();
      const poll = edge.fetch(`/links/${session}?wait=20`, { signal: controller.signal });
      await delay(100);
      controller.abort();
      assert.equal((await poll).status, 200, 'answered, to nobody');
      assert.ok(Date.now() - started < 1000, 'the proxy stopped holding the poll when its client went away');
      // The proxy still answers polls of the same session normally.
      assert.equal((await edge.fetch(`/links/${session}`)).status, 200);
    });
  });

  describe('webhooks', () => {
    test('refuses a missing or wrong Authorization with 401 and changes nothing', async () => {
      const linkId = nextLinkId();
      const rejected = proxy.logs.filter((entry) => entry.event === 'webhook_rejected').length;
      const session = await proxy.client.start(CURP);
      await proxy.client.linked(session);
      assert.equal(await postWebhook(proxy.webhookUrl, recordsWebhook(linkId), null), 401);
      assert.equal(await postWebhook(proxy.webhookUrl, recordsWebhook(linkId), 'Bearer wrong'), 401);
      assert.equal(
        await postWebhook(proxy.webhookUrl, recordsWebhook(linkId), 'Bearer test-webhook-token-012345678'),
        401,
      );
      // Refused before any work is started (each refusal is logged before its 401 is sent): nothing to wait for.
      assert.equal(proxy.logs.filter((entry) => entry.event === 'webhook_rejected').length, rejected + 3);
      assert.deepEqual((await proxy.client.status(session)).body, { status: 'pending', step: 'retrieving' });
      assert.ok(
        !belvo.callsTo('GET', '/api/employment-records/').some((call) => call.search.includes(linkId)),
      );
    });

    test('answers an authorised body it cannot read with a clear 400 JSON error', async () => {
      const unreadable: Array<[string, string, RegExp]> = [
        ['not json', '', /not JSON/],
        ['', '', /not JSON/],
        ['{"link_id": "x"', '', /not JSON/],
        ['null', '', /link_id/],
        ['[]', '', /link_id/],
        ['"text"', '', /link_id/],
        ['{"hello":"world"}', 'link_id', /link_id is required/],
        ['{"link_id":""}', 'link_id', /link_id must have at least 1 character\b/],
        ['{"link_id":42,"data":null}', 'link_id', /link_id must be a string/],
      ];
      for (const [body, path, message] of unreadable) {
        const response = await fetch(proxy.webhookUrl, {
          method: 'POST',
          headers: { authorization: WEBHOOK_AUTHORIZATION, 'content-type': 'application/json' },
          body,
        });
        assert.equal(response.status, 400, body);
        const error = await proxyErrorOf(response);
        assert.equal(error.code, 'invalid_request', body);
        assert.match(`${error.message} ${JSON.stringify(error.issues ?? [])}`, message, body);
        if (path) assert.equal(error.issues?.[0]?.path, path, body);
      }
      assert.equal(
        proxy.logs.filter((entry) => entry.event === 'internal_error').length,
        0,
        'no body made the proxy fail',
      );
    });

    test('accepts any authorised webhook that names a link: data null or not an object reads as {}', async () => {
      const linkId = nextLinkId();
      const session = await proxy.client.start(CURP);
      await proxy.client.linked(session);
      // Unreadable parts of an OWNERS webhook: accepted (2xx, so Belvo does not send it again) and ignored.
      for (const data of [null, [], 'text', 7]) {
        const owners = { ...recordsWebhook(linkId), webhook_type: 'OWNERS', data };
        assert.equal(await postWebhook(proxy.webhookUrl, owners), 204, JSON.stringify(data));
      }
      const untyped = { link_id: linkId, webhook_type: null, webhook_code: 5, data: null };
      assert.equal(await postWebhook(proxy.webhookUrl, untyped), 204);
      assert.deepEqual((await proxy.client.status(session)).body, { status: 'pending', step: 'retrieving' });

      // The EMPLOYMENT_RECORDS webhook with `"data": null` still brings the data (the profiles are downloaded).
      assert.equal(await postWebhook(proxy.webhookUrl, { ...recordsWebhook(linkId), data: null }), 204);
      const outcome = await proxy.client.outcome(session);
      assert.equal(outcome.status, 'ready');
      assert.equal(outcome.summary?.jobs.length, 1);
    });

    test('handles a repeated delivery once', async () => {
      const linkId = nextLinkId();
      const session = await proxy.client.start(CURP);
      await proxy.client.linked(session);
      const webhook = recordsWebhook(linkId);
      const duplicates = () =>
        proxy.logs.filter((entry) => entry.event === 'webhook' && entry.outcome === 'duplicate').length;
      const before = duplicates();
      assert.equal(await postWebhook(proxy.webhookUrl, webhook), 204);
      assert.equal(await postWebhook(proxy.webhookUrl, webhook), 204);
      // The repeat is recognised before its 204 is sent, so it can start nothing afterwards.
      assert.equal(duplicates(), before + 1);
      assert.equal((await proxy.client.outcome(session)).status, 'ready');
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
      const parked = proxy.logs.filter((entry) => entry.outcome === 'parked').length;
      assert.equal(await postWebhook(proxy.webhookUrl, recordsWebhook(linkId)), 204);
      // Parked before its 204 was sent, until the link is known.
      assert.equal(proxy.logs.filter((entry) => entry.outcome === 'parked').length, parked + 1);
      assert.deepEqual((await proxy.client.status(session)).body, { status: 'pending', step: 'connecting' });
      answerLink();
      assert.equal((await proxy.client.outcome(session)).status, 'ready');
    });

    test('a LINK error webhook fails the session with a retryable service_error; later webhooks change nothing', async () => {
      const linkId = nextLinkId();
      const session = await proxy.client.start(CURP);
      await proxy.client.linked(session);
      await postWebhook(
        proxy.webhookUrl,
        linkErrorWebhook(linkId, {
          request_id: 'a'.repeat(32),
          data: { error_code: 'login_error', error_message: 'CURP ES INCORRECTO', status: 400 },
        }),
      );
      const outcome = await proxy.client.outcome(session);
      // Whatever its data says (here an IMSS text): the table maps every LINK error webhook to service_error.
      assert.deepEqual(outcome.error, {
        code: 'service_error',
        message: 'The employment-data service did not answer as expected. Please try again.',
        retryable: true,
        requestId: 'a'.repeat(32),
        attemptsLeft: outcome.error?.attemptsLeft,
      });
      assert.equal(typeof outcome.error?.attemptsLeft, 'number');
      const ignored = proxy.logs.filter((entry) => entry.outcome === 'ignored').length;
      await postWebhook(proxy.webhookUrl, recordsWebhook(linkId));
      // Ignored before its 204 was sent: the session is no longer pending.
      assert.equal(proxy.logs.filter((entry) => entry.outcome === 'ignored').length, ignored + 1);
      assert.equal((await proxy.client.status(session)).body.status, 'failed');
    });

    test('an unrecognised LINK error webhook is a service error', async () => {
      const linkId = nextLinkId();
      const session = await proxy.client.start(CURP);
      await proxy.client.linked(session);
      await postWebhook(proxy.webhookUrl, linkErrorWebhook(linkId, { webhook_code: 'something_new' }));
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
      // The person withdrew: a late webhook is accepted and set aside (parked until it is dropped as stale, since
      // its link is no longer known) before its 204 is sent; only a link creation takes parked webhooks.
      const parked = proxy.logs.filter((entry) => entry.outcome === 'parked').length;
      assert.equal(await postWebhook(proxy.webhookUrl, recordsWebhook(linkId)), 204);
      assert.equal(proxy.logs.filter((entry) => entry.outcome === 'parked').length, parked + 1);
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
      const sessions = sessionsCreated();
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
      assert.equal(sessionsCreated(), sessions + 1, 'only the legitimate POST opened a session');
      await eventually(() => belvo.callsTo('POST', '/api/links/').length === before + 1);
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

    /** The headers a preflight from the partner's origin, asking for `requested`, is told it may send. */
    async function allowedHeadersOf(api: string, requested: string): Promise<string[]> {
      const preflight = await fetch(`${api}/links`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://partner.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': requested,
        },
      });
      assert.equal(preflight.status, 204);
      return (preflight.headers.get('access-control-allow-headers') ?? '')
        .split(',')
        .map((name) => name.trim().toLowerCase())
        .filter(Boolean);
    }

    test('lets an allow-listed page send Content-Type and Authorization by default, and nothing else', async () => {
      // A host whose fetch (the element's `fetch` property) adds its own Authorization.
      assert.deepEqual(await allowedHeadersOf(proxy.api, 'content-type,authorization,x-other'), [
        'content-type',
        'authorization',
      ]);
      const answer = await proxy.client.create(
        { curp: CURP },
        { origin: 'https://partner.example', authorization: 'Bearer partner-session' },
      );
      assert.equal(answer.status, 202);
    });

    test('allowedHeaders sets the headers an allow-listed page may send (Content-Type always)', async () => {
      const custom = await startProxy({
        belvo: { baseUrl: belvo.url },
        allowedOrigins: ['https://partner.example'],
        allowedHeaders: ['X-CSRF-Token', 'content-type'],
      });
      try {
        assert.deepEqual(await allowedHeadersOf(custom.api, 'content-type,x-csrf-token,authorization'), [
          'content-type',
          'x-csrf-token',
        ]);
        const none = await startProxy({
          belvo: { baseUrl: belvo.url },
          allowedOrigins: ['https://partner.example'],
          allowedHeaders: [],
        });
        try {
          // Not Hono's "allow whatever is asked" for an empty list.
          assert.deepEqual(await allowedHeadersOf(none.api, 'content-type,authorization'), ['content-type']);
        } finally {
          await none.close();
        }
      } finally {
        await custom.close();
      }
    });
  });
});

describe('parseWaitSeconds', () => {
  test('reads whole or decimal seconds, clamps them to 30, and refuses anything else', () => {
    assert.equal(parseWaitSeconds(undefined), 0);
    assert.equal(parseWaitSeconds(''), 0);
    assert.equal(parseWaitSeconds('0'), 0);
    assert.equal(parseWaitSeconds('2.5'), 2.5);
    assert.equal(parseWaitSeconds('30'), 30);
    assert.equal(parseWaitSeconds('30.5'), 30);
    assert.equal(parseWaitSeconds('3600'), 30);
    assert.equal(parseWaitSeconds('9'.repeat(400)), 30);
    for (const invalid of ['abc', '-1', '1e3', 'Infinity', 'NaN', ' 5', '5s', '0x10', '.5', '5.']) {
      assert.equal(parseWaitSeconds(invalid), undefined, invalid);
    }
  });
});

describe('proxy error answers: every one a ProxyErrorResponse', () => {
  let belvo: FakeBelvo;
  let proxy: RunningProxy;
  let failing = false;

  before(async () => {
    belvo = await startFakeBelvo();
    proxy = await startProxy({
      belvo: { baseUrl: belvo.url },
      attemptsPerCurp: 1000,
      // A clock that breaks on demand: the simplest way to make the proxy fail unexpectedly.
      now: () => {
        if (failing) throw new Error('broken clock');
        return Date.now();
      },
    });
  });
  after(async () => {
    await proxy.close();
    await belvo.close();
  });

  test('401 unauthorized: a webhook without Belvo’s Authorization', async () => {
    for (const authorization of [undefined, 'Bearer wrong']) {
      const response = await fetch(proxy.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(recordsWebhook(crypto.randomUUID())),
      });
      assert.equal(response.status, 401);
      assert.equal((await proxyErrorOf(response)).code, 'unauthorized');
    }
  });

  test('413 payload_too_large: a link request over 4 kB, a webhook over 64 kB', async () => {
    const link = await fetch(`${proxy.api}/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ curp: CURP, padding: 'x'.repeat(5000) }),
    });
    assert.equal(link.status, 413);
    assert.equal((await proxyErrorOf(link)).code, 'payload_too_large');

    const webhook = await fetch(proxy.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: WEBHOOK_AUTHORIZATION },
      body: JSON.stringify({ ...recordsWebhook(crypto.randomUUID()), padding: 'x'.repeat(70_000) }),
    });
    assert.equal(webhook.status, 413);
    assert.equal((await proxyErrorOf(webhook)).code, 'payload_too_large');
  });

  test('404 not_found: unknown routes and methods, as JSON', async () => {
    for (const [method, path] of [
      ['GET', ''],
      ['GET', '/nothing/here'],
      ['PUT', '/links'],
      ['GET', '/links'],
      ['POST', '/links/some-session'],
      ['GET', '/webhooks/belvo'],
    ] as const) {
      const response = await fetch(`${proxy.api}${path}`, { method });
      assert.equal(response.status, 404, `${method} ${path}`);
      assert.equal((await proxyErrorOf(response)).code, 'not_found', `${method} ${path}`);
      assert.equal(response.headers.get('cache-control'), 'no-store');
    }
  });

  test('500 internal_error: an unexpected failure, reported without details', async () => {
    failing = true;
    try {
      const response = await fetch(`${proxy.api}/links/AAAAAAAAAAAAAAAAAAAAAA`);
      assert.equal(response.status, 500);
      const error = await proxyErrorOf(response);
      assert.deepEqual(error, { code: 'internal_error', message: 'The proxy failed unexpectedly.' });
    } finally {
      failing = false;
    }
    assert.ok(proxy.logs.some((entry) => entry.event === 'internal_error' && entry.code === 'Error'));
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
    // Refused before a session is opened, so nothing can call Belvo afterwards.
    assert.equal(proxy.logs.filter((entry) => entry.event === 'session_created').length, 3);
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

describe('what an outcome leaves behind: daily attempts spent, Belvo links', () => {
  let belvo: FakeBelvo;
  let proxy: RunningProxy;

  beforeEach(async () => {
    belvo = await startFakeBelvo();
  });
  afterEach(async () => {
    await proxy.close();
    await belvo.close();
  });

  const linkCreations = () => belvo.callsTo('POST', '/api/links/').length;

  test('a link creation that never reached IMSS gives its attempt back; an IMSS answer spends it', async () => {
    proxy = await startProxy({ belvo: { baseUrl: belvo.url }, attemptsPerCurp: 1 });
    const neverReachedImss: Array<[string, () => Response]> = [
      ['Belvo failing (503, three times)', () => belvoError(503, 'unavailable', 'Try later')],
      ['our keys refused (401)', () => belvoError(401, 'authentication_failed', 'Invalid Secret Keys')],
      ['IMSS down', () => belvoError(400, 'institution_down', 'The financial institution is down')],
    ];
    for (const [name, answer] of neverReachedImss) {
      belvo.createLink = answer;
      const outcome = await proxy.client.run(CURP);
      assert.equal(outcome.error?.retryable, true, name);
    }
    belvo.createLink = () => belvoError(400, 'invalid_credentials', 'El NSS no fue localizado en el IMSS');
    assert.equal((await proxy.client.run(CURP)).error?.code, 'nss_not_found');
    const calls = linkCreations();
    assert.equal((await proxy.client.create({ curp: CURP })).status, 429);
    assert.equal(linkCreations(), calls);
  });

  const unknownAnswers: Array<[string, () => Response]> = [
    ['an unreadable success', () => belvoJson({ institution: 'imss_mx_employment' }, 201)],
    ["a gateway's 504 (three times)", () => new Response('<html>Gateway Timeout</html>', { status: 504 })],
  ];
  for (const [name, answer] of unknownAnswers) {
    test(`${name} keeps the attempt spent and tells the operators: the link, and the IMSS login, may exist`, async () => {
      proxy = await startProxy({ belvo: { baseUrl: belvo.url }, attemptsPerCurp: 1 });
      belvo.createLink = answer;
      const session = await proxy.client.start(CURP, 'partner-ref-123');
      assert.equal((await proxy.client.outcome(session)).error?.code, 'service_error');
      assert.equal((await proxy.client.create({ curp: CURP })).status, 429);
      const unconfirmed = proxy.logs.filter((entry) => entry.event === 'link_unconfirmed');
      assert.deepEqual(
        unconfirmed.map((entry) => entry.externalId),
        ['partner-ref-123'],
      );
    });
  }

  test("IMSS's own daily limit (403 forbidden_by_host) uses up the CURP's attempts at the proxy", async () => {
    proxy = await startProxy({ belvo: { baseUrl: belvo.url } }); // 3 attempts per CURP
    belvo.createLink = () =>
      belvoError(403, 'forbidden_by_host', 'Has agotado el número de solicitudes permitidas por día.');
    assert.equal((await proxy.client.run(CURP)).error?.code, 'daily_limit');
    assert.equal((await proxy.client.create({ curp: CURP })).status, 429);
    assert.equal(linkCreations(), 1, 'Belvo is not asked again today');
    assert.equal((await proxy.client.create({ curp: OTHER_CURP })).status, 202);
  });

  /** Runs a retrieval on a link of its own to its outcome, with `webhook` as Belvo's news. */
  async function retrieve(webhook: (linkId: string) => unknown) {
    const linkId = crypto.randomUUID();
    belvo.createLink = () => belvoLink(linkId);
    const session = await proxy.client.start(CURP);
    await proxy.client.linked(session);
    await postWebhook(proxy.webhookUrl, webhook(linkId));
    return { linkId, outcome: await proxy.client.outcome(session) };
  }
  const deletedLinks = () => belvo.callsTo('DELETE', '/api/links/').map((call) => call.path);

  test('deletes the link once the summary is made, and after a failure: no records stay at Belvo', async () => {
    proxy = await startProxy({ belvo: { baseUrl: belvo.url } });
    const ready = await retrieve((linkId) => recordsWebhook(linkId, 1));
    assert.equal(ready.outcome.status, 'ready');
    const failed = await retrieve((linkId) => linkErrorWebhook(linkId));
    assert.equal(failed.outcome.status, 'failed');
    await eventually(() => deletedLinks().length === 2);
    assert.deepEqual(deletedLinks(), [`/api/links/${ready.linkId}/`, `/api/links/${failed.linkId}/`]);
  });

  test('keeps the link of a successful retrieval with keepBelvoLinks, not that of a failed one', async () => {
    proxy = await startProxy({ belvo: { baseUrl: belvo.url }, keepBelvoLinks: true });
    assert.equal((await retrieve((linkId) => recordsWebhook(linkId, 1))).outcome.status, 'ready');
    const failed = await retrieve((linkId) => linkErrorWebhook(linkId));
    await eventually(() => deletedLinks().length === 1);
    await delay(50);
    assert.deepEqual(deletedLinks(), [`/api/links/${failed.linkId}/`]);
  });
});

describe('POST /links with an attemptId (a retried request)', () => {
  let belvo: FakeBelvo;
  let proxy: RunningProxy;

  beforeEach(async () => {
    belvo = await startFakeBelvo();
    proxy = await startProxy({ belvo: { baseUrl: belvo.url } }); // 3 attempts per CURP
  });
  afterEach(async () => {
    await proxy.close();
    await belvo.close();
  });

  const ATTEMPT = 'attempt-0123456789abcdef';
  const logged = (event: string) => proxy.logs.filter((entry) => entry.event === event).length;

  test('a repeat gets the same session: one Belvo link, one attempt spent', async () => {
    const first = await proxy.client.create({ curp: CURP, attemptId: ATTEMPT });
    const repeat = await proxy.client.create({ curp: CURP, attemptId: ATTEMPT });
    assert.equal(first.status, 202);
    assert.deepEqual(repeat.body, first.body);
    assert.equal(repeat.status, 202);
    // Both logged before their answers: the repeat opened no session, so it cannot create a link later either.
    assert.equal(logged('session_created'), 1);
    assert.equal(logged('attempt_repeated'), 1);
    await eventually(() => belvo.callsTo('POST', '/api/links/').length === 1);

    // The repeat spent no attempt: two more distinct tries are allowed, the one after them is refused.
    for (const attemptId of ['attempt-second-0000000', 'attempt-third-00000000']) {
      assert.equal((await proxy.client.create({ curp: CURP, attemptId })).status, 202, attemptId);
    }
    assert.equal(
      (await proxy.client.create({ curp: CURP, attemptId: 'attempt-fourth-0000000' })).status,
      429,
    );
    assert.equal((await proxy.client.create({ curp: CURP })).status, 429);
    // A repeat is answered before the attempt guard, even now.
    const late = await proxy.client.create({ curp: CURP, attemptId: ATTEMPT });
    assert.equal(late.status, 202);
    assert.equal(late.body['session'], first.body['session']);
  });

  test('the same attemptId with another CURP is another request: a new session', async () => {
    const mine = await proxy.client.create({ curp: CURP, attemptId: ATTEMPT });
    const theirs = await proxy.client.create({ curp: OTHER_CURP, attemptId: ATTEMPT });
    assert.equal(theirs.status, 202);
    assert.notEqual(theirs.body['session'], mine.body['session']);
    assert.equal(logged('session_created'), 2);
    assert.equal(logged('attempt_repeated'), 0);
  });

  test('concurrent repeats share the first one’s session', async () => {
    const answers = await Promise.all(
      [1, 2, 3].map(() => proxy.client.create({ curp: CURP, attemptId: ATTEMPT })),
    );
    assert.deepEqual(new Set(answers.map((answer) => answer.body['session'])).size, 1);
    assert.equal(logged('session_created'), 1);
  });

  test('a repeat after the session was deleted opens a new one', async () => {
    const first = await proxy.client.create({ curp: CURP, attemptId: ATTEMPT });
    assert.equal((await proxy.client.delete(first.body['session'] as string)).status, 204);
    const again = await proxy.client.create({ curp: CURP, attemptId: ATTEMPT });
    assert.equal(again.status, 202);
    assert.notEqual(again.body['session'], first.body['session']);
  });

  test('refuses an attemptId outside 16–64 characters with 400', async () => {
    for (const attemptId of ['short', 'x'.repeat(65), 42]) {
      const answer = await proxy.client.create({ curp: CURP, attemptId });
      assert.equal(answer.status, 400, String(attemptId));
      assert.equal(ProxyErrorResponseSchema.parse(answer.body).error.issues?.[0]?.path, 'attemptId');
    }
  });
});

describe('createAttemptGuard', () => {
  /** The attempt, or undefined when refused. */
  const acquire = async (guard: AttemptGuard, curp: string) => {
    const acquired = await guard.tryAcquire(curp, undefined);
    return acquired.ok ? acquired.attempt : undefined;
  };

  test("giving an attempt back never lifts IMSS's own limit, whatever the order", async () => {
    const guard = createAttemptGuard({
      state: await freshState(),
      keys: createStateKeys(undefined),
      limit: 3,
      windowMs: 60_000,
      now: () => Date.now(),
    });
    const first = await acquire(guard, CURP);
    const second = await acquire(guard, CURP);
    await second!.useUpWindow(); // IMSS answered 403 forbidden_by_host
    await first!.giveBack(); // meanwhile, another tab's try never reached IMSS
    assert.equal(await acquire(guard, CURP), undefined);
    assert.notEqual(await acquire(guard, OTHER_CURP), undefined);
  });

  test('gives back only the attempt it was asked to', async () => {
    let clock = 1_000;
    const guard = createAttemptGuard({
      state: await freshState(),
      keys: createStateKeys(undefined),
      limit: 2,
      windowMs: 60_000,
      now: () => clock,
    });
    const early = await acquire(guard, CURP);
    clock += 50_000;
    await acquire(guard, CURP);
    await early!.giveBack();
    assert.notEqual(await acquire(guard, CURP), undefined, 'the early one was given back');
    // Had the later one been given back instead, the early one would now have left the window, freeing a place.
    clock += 15_000;
    assert.equal(await acquire(guard, CURP), undefined);
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
